package se.bredvid.notifications;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** The notifications module's sealed columns, for key rotation. */
@Singleton
class NotificationsSealedColumns implements SealedColumns {
    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(new SealedColumn(StaffEmails.TABLE, "email_sealed",
                "'notifications/" + StaffEmails.TABLE + "/email/' || staff_id"));
    }
}
