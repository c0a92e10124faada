package se.bredvid.identity;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** Identity's sealed columns, for key rotation. */
@Singleton
class IdentitySealedColumns implements SealedColumns {
    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(new SealedColumn("staff_account", "totp_secret", "'staff_account.totp_secret:' || id"));
    }
}
