package se.bredvid.recruiting;

import jakarta.inject.Singleton;
import se.bredvid.platform.FieldCipher;

import java.util.UUID;

/**
 * Field encryption for this module's personal data, used by the module's stores only ({@link VolunteerStore},
 * {@link InterviewStore}, {@link TrainingSessionStore}): services see these fields in clear. The associated data
 * names the column and the row, so a sealed value copied into another row or column does not open.
 */
@Singleton
class Seals {

    private final FieldCipher cipher;

    Seals(FieldCipher cipher) {
        this.cipher = cipher;
    }

    /** The context's fixed start for a field; {@link RecruitingSealedColumns} declares the same for key rotation. */
    static String prefix(String field) {
        return "recruiting/" + field + "/";
    }

    static String context(String field, UUID rowId) {
        return prefix(field) + rowId;
    }

    byte[] seal(String plaintext, String column, UUID rowId) {
        return plaintext == null ? null : cipher.seal(plaintext, context(column, rowId));
    }

    String open(byte[] sealed, String column, UUID rowId) {
        return sealed == null ? null : cipher.openString(sealed, context(column, rowId));
    }
}
