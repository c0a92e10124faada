package se.bredvid.identity;

import jakarta.inject.Singleton;
import se.bredvid.platform.FieldCipher;

import java.util.UUID;

/**
 * A staff account's TOTP secret, sealed at rest in {@code staff_account.totp_secret} and bound to its row
 * ({@link IdentitySealedColumns#TOTP_SECRET}); written through {@link StaffRepository}, sealed and opened here only.
 */
@Singleton
class TotpSecrets {

    private final StaffRepository staff;
    private final FieldCipher cipher;

    TotpSecrets(StaffRepository staff, FieldCipher cipher) {
        this.staff = staff;
        this.cipher = cipher;
    }

    /** The account's secret in clear, or null if it has none yet. */
    byte[] of(StaffAccount account) {
        return account.totpSecret() == null ? null : cipher.open(account.totpSecret(), context(account.id()));
    }

    /** A new pending secret: TOTP stays off until a first code confirms it. */
    void setPending(UUID accountId, byte[] secret) {
        staff.setTotpSecret(accountId, cipher.seal(secret, context(accountId)));
    }

    private static String context(UUID accountId) {
        return IdentitySealedColumns.TOTP_SECRET.context(accountId);
    }
}
