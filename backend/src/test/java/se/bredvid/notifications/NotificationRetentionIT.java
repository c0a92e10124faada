package se.bredvid.notifications;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.time.Duration;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Handled items are deleted after the retention; open items and recently handled ones stay. */
@MicronautTest(transactional = false)
class NotificationRetentionIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    NotificationRetention retention;

    @Inject
    Writer writer;

    @Singleton
    static class Writer {
        private final StaffNotifications notifications;

        Writer(StaffNotifications notifications) {
            this.notifications = notifications;
        }

        @Transactional
        void notify(UUID org, String kind, UUID object) {
            notifications.notify(StaffNotifications.Audience.ORGANISATION, org, kind, "INSATS", object);
        }

        @Transactional
        void resolve(UUID org, String kind, UUID object) {
            notifications.resolve(StaffNotifications.Audience.ORGANISATION, org, kind, object);
        }
    }

    @Test
    void handledItemsAreDeletedAfterTheRetention() {
        UUID org = fx.organisation();
        Fixtures.Staff coordinator = fx.coordinator(org);
        UUID handled = UUID.randomUUID();
        UUID open = UUID.randomUUID();
        writer.notify(org, "INSATS_PROPOSED", handled);
        writer.notify(org, "INSATS_PROPOSED", open);
        writer.resolve(org, "INSATS_PROPOSED", handled);

        assertEquals(0, retention.purgeHandled(), "a recently handled item stays");
        try {
            clock.advance(Duration.ofDays(91));
            assertEquals(1, retention.purgeHandled());
        } finally {
            clock.reset();
        }
        String list = fx.api.get("/api/notifications", coordinator.accessToken()).body();
        assertTrue(list.contains(open.toString()), "an open item is never deleted");
    }
}
