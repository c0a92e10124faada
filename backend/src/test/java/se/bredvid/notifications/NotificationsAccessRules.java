package se.bredvid.notifications;

import jakarta.inject.Singleton;
import se.bredvid.platform.Roles;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.testing.AccessRules;

import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.Map.entry;

/** Who may call the notification routes: the expected cells of the authorization matrix. */
@Singleton
class NotificationsAccessRules implements AccessRules {

    private static final Set<String> STAFF = Set.of(Roles.COORDINATOR, Roles.HANDLAGGARE);

    private final NotificationsTestSupport support;

    NotificationsAccessRules(NotificationsTestSupport support) {
        this.support = support;
    }

    @Override
    public Map<String, Set<String>> rules() {
        return Map.ofEntries(
                entry("GET /api/notifications", STAFF),
                entry("GET /api/notifications/stream", STAFF),
                entry("POST /api/notifications/{id}/done", STAFF),
                entry("GET /api/notifications/email", STAFF),
                entry("PUT /api/notifications/email", STAFF));
    }

    @Override
    public Map<String, TenantFixture> tenantFixtures() {
        return Map.of("POST /api/notifications/{id}/done", (fx, owner) -> {
            UUID object = support.notify(Audience.ORGANISATION, owner.organisationId(), "MATRIX_CHECK");
            var list = fx.api.get("/api/notifications", owner.coordinator().accessToken()).json();
            for (var item : list.values()) {
                if (item.get("objectId").getStringValue().equals(object.toString())) {
                    return "/api/notifications/" + item.get("id").getStringValue() + "/done";
                }
            }
            throw new IllegalStateException("the owner does not see the item just created");
        });
    }
}
