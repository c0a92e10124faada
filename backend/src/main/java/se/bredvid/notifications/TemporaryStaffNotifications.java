package se.bredvid.notifications;

import jakarta.inject.Singleton;

import java.util.UUID;

/** Placeholder until the notifications module lands (removed at its merge). */
@Singleton
class TemporaryStaffNotifications implements StaffNotifications {
    @Override
    public void notify(Audience audience, UUID tenantId, String kind, String objectType, UUID objectId) {
    }

    @Override
    public void resolve(Audience audience, UUID tenantId, String kind, UUID objectId) {
    }
}
