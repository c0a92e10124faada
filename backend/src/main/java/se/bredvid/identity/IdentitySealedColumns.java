package se.bredvid.identity;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** Identity's sealed columns: the one declaration of each context, for sealing and for key rotation. */
@Singleton
class IdentitySealedColumns implements SealedColumns {

    static final SealedColumn TOTP_SECRET = SealedColumn.byId("staff_account", "totp_secret");

    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(TOTP_SECRET);
    }
}
