package se.bredvid.insats;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.FieldCipher;
import se.bredvid.platform.FieldKeyRotation;
import se.bredvid.platform.SealedColumns;

import java.math.BigDecimal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key rotation re-encrypts every field-sealed value of every module, and every bytea column of the schema is
 * either declared as sealed or reviewed here as something else. The insats flow writes into most modules'
 * sealed columns (recruiting, matching, identity, insats), so it lives with the insats tests.
 */
@MicronautTest(transactional = false)
class FieldKeyRotationIT extends InsatsTestBase {

    /** bytea columns that are not field-sealed, and why. */
    private static final Set<String> NOT_FIELD_SEALED = Set.of(
            "audit_entry.hash", "audit_entry.prev_hash", "audit_head.hash",       // hash chain
            "device.identity_key", "signed_pre_key.public_key", "signed_pre_key.signature", // public keys
            "device_challenge.nonce",                                              // random, single use
            "envelope.ct", "envelope.enc",                                         // end-to-end ciphertext
            "pairing_code.code_hash", "refresh_token.token_hash",                       // hashes
            "push_subscription.auth", "push_subscription.p256dh");               // the browser's push keys

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    FieldCipher.Config cipherConfig;

    @Inject
    List<SealedColumns> modules;

    @Inject
    SecureRandom random;

    @Test
    void everyByteaColumnIsDeclaredSealedOrReviewed() {
        Set<String> declared = new FieldKeyRotation(jdbc, transactions, null, modules).columns().stream()
                .map(SealedColumns.SealedColumn::name).collect(Collectors.toCollection(TreeSet::new));
        Set<String> schema = transactions.executeRead(status -> jdbc.prepareStatement("""
                select table_name || '.' || column_name from information_schema.columns
                where table_schema = 'public' and data_type = 'bytea'""", ps -> {
            ResultSet rs = ps.executeQuery();
            Set<String> out = new TreeSet<>();
            while (rs.next()) {
                out.add(rs.getString(1));
            }
            return out;
        }));
        Set<String> unreviewed = new TreeSet<>(schema);
        unreviewed.removeAll(declared);
        unreviewed.removeAll(NOT_FIELD_SEALED);
        assertTrue(unreviewed.isEmpty(), "bytea columns neither declared sealed nor reviewed: " + unreviewed);
        Set<String> stale = new TreeSet<>(declared);
        stale.removeAll(schema);
        assertTrue(stale.isEmpty(), "declared sealed columns that do not exist: " + stale);
    }

    /**
     * The contexts of data sealed before each module declared its columns once (the SQL twins the rotation
     * used, copied from that code): unchanged, and the Java context the code seals with equals what
     * PostgreSQL computes from the declaration for the same row.
     */
    @Test
    void everyContextIsTheOneDataWasSealedWithAndJavaAndSqlAgree() {
        Map<String, String> before = new TreeMap<>(Map.ofEntries(
                Map.entry("insats.summary", "'insats.summary:' || id"),
                Map.entry("insats.case_reference", "'insats.case_reference:' || id"),
                Map.entry("insats.municipality_contact", "'insats.municipality_contact:' || id"),
                Map.entry("insats.investigation_note", "'insats.investigation_note:' || id"),
                Map.entry("insats_decision.refusal_reason", "'insats_decision.refusal_reason:' || id"),
                Map.entry("insats_uppdrag.what", "'insats_uppdrag.what:' || insats_id || ':' || version"),
                Map.entry("insats_uppdrag.why", "'insats_uppdrag.why:' || insats_id || ':' || version"),
                Map.entry("insats_plan.goals", "'insats_plan.goals:' || insats_id || ':' || version"),
                Map.entry("insats_decision.appeal_information", "'insats_decision.appeal_information:' || id"),
                Map.entry("insats_follow_up.provider_report", "'insats_follow_up.provider_report:' || id"),
                Map.entry("insats_follow_up.client_view", "'insats_follow_up.client_view:' || id"),
                Map.entry("insats_follow_up.assessment", "'insats_follow_up.assessment:' || id"),
                Map.entry("time_report.return_comment", "'time_report.return_comment:' || id"),
                Map.entry("time_report_expense.description", "'time_report_expense.description:' || report_id || ':' || position"),
                Map.entry("staff_account.totp_secret", "'staff_account.totp_secret:' || id"),
                Map.entry("client.profile", "'client.profile:' || id"),
                Map.entry("client.municipality_contact", "'client.municipality_contact:' || id"),
                Map.entry("client.minor_step_note", "'client.minor_step_note:' || id"),
                Map.entry("client_report.text", "'client_report.text:' || id"),
                Map.entry("support_request.text", "'support_request.text:' || id"),
                Map.entry("volunteer_match_info.info", "'volunteer_match_info.info:' || volunteer_id"),
                Map.entry("staff_notification_email.email_sealed", "'notifications/staff_notification_email/email/' || staff_id"),
                Map.entry("volunteer.name_sealed", "'recruiting/volunteer.name/' || id"),
                Map.entry("volunteer.email_sealed", "'recruiting/volunteer.email/' || id"),
                Map.entry("volunteer.phone_sealed", "'recruiting/volunteer.phone/' || id"),
                Map.entry("volunteer.availability_note_sealed", "'recruiting/volunteer.availability_note/' || id"),
                Map.entry("volunteer.motivation_sealed", "'recruiting/volunteer.motivation/' || id"),
                Map.entry("volunteer_transition.reason_sealed", "'recruiting/volunteer_transition.reason/' || id"),
                Map.entry("volunteer_interview.interviewers_sealed", "'recruiting/volunteer_interview.interviewers/' || id"),
                Map.entry("volunteer_interview.notes_sealed", "'recruiting/volunteer_interview.notes/' || id"),
                Map.entry("training_session.lecturer_sealed", "'recruiting/training_session.lecturer/' || id")));
        Map<String, String> now = new TreeMap<>();
        for (SealedColumns m : modules) {
            for (SealedColumns.SealedColumn c : m.sealedColumns()) {
                now.put(c.name(), c.contextSql());
                // One row's key values, computed by PostgreSQL from the declaration and by Java from the same.
                Object[] values = c.keys().stream().map(k -> k.endsWith("id") ? (Object) UUID.randomUUID() : (Object) 7).toArray();
                String columns = c.keys().stream().map(k -> "?" + (k.endsWith("id") ? "::uuid" : "::int") + " as " + k)
                        .collect(Collectors.joining(", "));
                String sql = transactions.executeRead(status -> jdbc.prepareStatement("select " + c.contextSql() + " from (select " + columns + ") row", ps -> {
                    for (int i = 0; i < values.length; i++) {
                        ps.setObject(i + 1, values[i]);
                    }
                    var rs = ps.executeQuery();
                    rs.next();
                    return rs.getString(1);
                }));
                assertEquals(c.context(values), sql, c.name());
            }
        }
        assertEquals(before, now);
    }

    @Test
    void aRotationReSealsEveryValueAndEverythingStillReads() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, true);
        String id = c.insatsId().toString();
        assertEquals(200, api.put("/api/insatser/" + id + "/uppdrag", handlaggare.accessToken(), Map.of("what", "Vad", "why", "Varför")).status());
        assertEquals(200, api.put("/api/insatser/" + id + "/plan", coordinator.accessToken(), InsatsFlowIT.plan("Mål", data.today())).status());
        UUID f = data.openFollowUp(coordinator, c.insatsId());
        assertEquals(200, api.post("/api/insatser/" + id + "/follow-ups/" + f + "/report", coordinator.accessToken(), Map.of("text", "Rapport")).status());
        var client = data.clientDevice(coordinator, c.clientId());
        assertEquals(200, api.post("/api/me/follow-ups/" + f + "/answer", client.accessToken(), InsatsFlowIT.answer(true)).status());
        assertEquals(201, api.post("/api/me/reports", client.accessToken(), Map.of("text", "Oro")).status());
        var device = data.volunteerDevice(coordinator, c.volunteerId());
        var report = api.post("/api/me/time-reports", device.accessToken(), Map.of("insatsId", id,
                "month", YearMonth.from(data.today()).minusMonths(1).toString(), "contacts", 1, "hours", BigDecimal.ONE,
                "expenses", List.of(Map.of("description", "Fika", "amount", BigDecimal.TEN))));
        assertEquals(201, report.status(), report.toString());
        assertEquals(200, api.post("/api/time-reports/" + report.text("id") + "/return", handlaggare.accessToken(), Map.of("comment", "Kvitto?")).status());
        assertEquals(200, api.put("/api/notifications/email", coordinator.accessToken(), Map.of("email", "samordnare@example.org")).status());
        String before = api.get("/api/insatser/" + id, handlaggare.accessToken()).body();

        // Rotate to the other configured key, as an operator would after making it current.
        FieldCipher next = new FieldCipher(new FieldCipher.Config("t0", cipherConfig.keys()), random);
        FieldKeyRotation toNext = new FieldKeyRotation(jdbc, transactions, next, modules);
        List<FieldKeyRotation.Result> first = toNext.rotateAll();
        Map<String, Integer> counts = first.stream().collect(Collectors.toMap(FieldKeyRotation.Result::column, FieldKeyRotation.Result::resealed));
        for (String column : List.of("staff_account.totp_secret", "volunteer.name_sealed", "volunteer_interview.notes_sealed",
                "client.profile", "client_report.text", "volunteer_match_info.info",
                "insats.summary", "insats.case_reference", "insats_uppdrag.what", "insats_plan.goals",
                "insats_follow_up.provider_report", "insats_follow_up.client_view", "time_report.return_comment",
                "time_report_expense.description", "staff_notification_email.email_sealed")) {
            assertTrue(counts.getOrDefault(column, 0) > 0, column + " was not re-sealed: " + counts);
        }
        assertTrue(toNext.rotateAll().stream().allMatch(r -> r.resealed() == 0), "a second run finds nothing to do");
        for (SealedColumns.SealedColumn col : toNext.columns()) {
            for (byte[] value : values(col)) {
                assertFalse(next.needsRotation(value), col.name() + " still under the old key");
            }
        }

        // The running application (old key current, new key known) still reads all of it; its own rotation,
        // through the admin API, brings everything back and is audited.
        assertEquals(before, api.get("/api/insatser/" + id, handlaggare.accessToken()).body());
        var admin = fx.admin();
        var back = api.post("/api/admin/field-keys/rotation", admin.accessToken(), Map.of());
        assertEquals(200, back.status(), back.toString());
        int total = 0;
        for (var r : back.json().values()) {
            total += r.get("resealed").getIntValue();
        }
        assertEquals(first.stream().mapToInt(FieldKeyRotation.Result::resealed).sum(), total);
        assertEquals(before, api.get("/api/insatser/" + id, handlaggare.accessToken()).body());
        assertEquals(403, api.post("/api/admin/field-keys/rotation", coordinator.accessToken(), Map.of()).status());
    }

    private List<byte[]> values(SealedColumns.SealedColumn c) {
        return transactions.executeRead(status -> jdbc.prepareStatement(
                "select " + c.column() + " from " + c.table() + " where " + c.column() + " is not null", ps -> {
                    ResultSet rs = ps.executeQuery();
                    List<byte[]> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getBytes(1));
                    }
                    return out;
                }));
    }
}
