package se.bredvid.insats;

import java.sql.ResultSet;
import java.util.UUID;

/**
 * The columns added for the desk (issue 15, V59): a refusal's appeal information and how a follow-up was held.
 * Kept beside {@link InsatsStore} rather than in its row records so that older rows (and callers) need nothing.
 */
final class InsatsRecordExtras {

    private InsatsRecordExtras() {
    }

    static String appeal(InsatsStore store, UUID decisionId) {
        byte[] sealed = store.jdbc.prepareStatement("select appeal_information from insats_decision where id = ?", ps -> {
            ps.setObject(1, decisionId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getBytes(1) : null;
        });
        return store.cipher.openString(sealed, InsatsSealedColumns.APPEAL_INFORMATION.context(decisionId));
    }

    static void writeAppeal(InsatsStore store, UUID decisionId, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        store.update("update insats_decision set appeal_information = ? where id = ?",
                store.cipher.seal(text.strip(), InsatsSealedColumns.APPEAL_INFORMATION.context(decisionId)), decisionId);
    }

    static Insats.HeldHow heldHow(InsatsStore store, UUID followUpId) {
        String v = store.jdbc.prepareStatement("select held_how from insats_follow_up where id = ?", ps -> {
            ps.setObject(1, followUpId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getString(1) : null;
        });
        return v == null ? null : Insats.HeldHow.valueOf(v);
    }

    static Boolean heldWithClient(InsatsStore store, UUID followUpId) {
        return store.jdbc.prepareStatement("select held_with_client from insats_follow_up where id = ?", ps -> {
            ps.setObject(1, followUpId);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                return null;
            }
            boolean b = rs.getBoolean(1);
            return rs.wasNull() ? null : b;
        });
    }

    static void writeHeldHow(InsatsStore store, UUID followUpId, Insats.HeldHow how, Boolean withClient) {
        store.update("update insats_follow_up set held_how = ?, held_with_client = ? where id = ?", how, withClient, followUpId);
    }
}
