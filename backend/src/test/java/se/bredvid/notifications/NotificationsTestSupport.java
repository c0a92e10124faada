package se.bredvid.notifications;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import se.bredvid.notifications.StaffNotifications.Audience;

import java.sql.Connection;
import java.util.UUID;

/** Calls {@link StaffNotifications} the way another module does: inside its own read-write transaction. */
@Singleton
class NotificationsTestSupport {

    private final StaffNotifications notifications;
    private final TransactionOperations<Connection> transactions;

    NotificationsTestSupport(StaffNotifications notifications, TransactionOperations<Connection> transactions) {
        this.notifications = notifications;
        this.transactions = transactions;
    }

    UUID notify(Audience audience, UUID tenantId, String kind) {
        UUID objectId = UUID.randomUUID();
        notify(audience, tenantId, kind, objectId);
        return objectId;
    }

    void notify(Audience audience, UUID tenantId, String kind, UUID objectId) {
        transactions.executeWrite(status -> {
            notifications.notify(audience, tenantId, kind, "INSATS", objectId);
            return null;
        });
    }

    void resolve(Audience audience, UUID tenantId, String kind, UUID objectId) {
        transactions.executeWrite(status -> {
            notifications.resolve(audience, tenantId, kind, objectId);
            return null;
        });
    }
}
