package se.bredvid.notifications;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** The notifications module's sealed columns: the one declaration of each context, for sealing and key rotation. */
@Singleton
class NotificationsSealedColumns implements SealedColumns {

    static final SealedColumn EMAIL = SealedColumn.prefixed("staff_notification_email", "email_sealed",
            "notifications/staff_notification_email/email/", "staff_id");

    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(EMAIL);
    }
}
