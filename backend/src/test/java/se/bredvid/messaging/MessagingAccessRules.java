package se.bredvid.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import se.bredvid.platform.Roles;
import se.bredvid.testing.AccessRules;

import java.util.Map;
import java.util.Set;

import static java.util.Map.entry;

/**
 * Who may call the messaging and check-in routes: the expected cells of the authorization matrix,
 * written independently of the controllers. Staff never reach conversations, keys or envelopes
 * (threat model 5: coordinators must never see chat content); coordinators see only escalations.
 */
@Singleton
@Requires(env = Environment.TEST)
class MessagingAccessRules implements AccessRules {

    private static final Set<String> DEVICES = Set.of(Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE);

    private final ChatFixtures chats;

    MessagingAccessRules(ChatFixtures chats) {
        this.chats = chats;
    }

    @Override
    public Map<String, Set<String>> rules() {
        return Map.ofEntries(
                entry("GET /api/conversations", DEVICES),
                entry("POST /api/keys/pre-keys", DEVICES),
                entry("GET /api/conversations/{id}/devices", DEVICES),
                entry("GET /api/conversations/{id}/devices/{deviceId}/pre-keys/{keyId}", DEVICES),
                entry("POST /api/conversations/{id}/envelopes", DEVICES),
                entry("GET /api/envelopes", DEVICES),
                entry("POST /api/envelopes/ack", DEVICES),
                // The upgrade is anonymous; the device authenticates in the first frame (LiveFrames).
                entry("GET /api/live", Set.of(ANONYMOUS)),
                entry("GET /api/push/vapid-public-key", DEVICES),
                entry("PUT /api/push/subscription", DEVICES),
                entry("DELETE /api/push/subscription", DEVICES),
                entry("PUT /api/conversations/{id}/checkin-schedule", DEVICES),
                entry("POST /api/conversations/{id}/checkin-schedule/agree", DEVICES),
                entry("GET /api/conversations/{id}/checkin-schedule", DEVICES),
                entry("GET /api/conversations/{id}/checkins", DEVICES),
                entry("POST /api/conversations/{id}/checkins", Set.of(Roles.CLIENT_DEVICE)),
                entry("POST /api/checkins/{id}/answer", Set.of(Roles.CLIENT_DEVICE)),
                entry("GET /api/checkins/{id}", DEVICES),
                entry("POST /api/checkins/{id}/acknowledge", Set.of(Roles.COORDINATOR, Roles.VOLUNTEER_DEVICE)),
                entry("GET /api/alarms", Set.of(Roles.COORDINATOR, Roles.VOLUNTEER_DEVICE)),
                entry("GET /api/checkin-notifications", Set.of(Roles.VOLUNTEER_DEVICE)),
                entry("POST /api/checkin-notifications/{id}/read", Set.of(Roles.VOLUNTEER_DEVICE)));
    }

    @Override
    public Map<String, TenantFixture> tenantFixtures() {
        TenantFixture conversation = (fx, owner) -> "/api/conversations/" + chat(owner).conversationId();
        return Map.ofEntries(
                entry("GET /api/conversations/{id}/devices", (fx, owner) -> "/api/conversations/" + chat(owner).conversationId() + "/devices"),
                entry("GET /api/conversations/{id}/devices/{deviceId}/pre-keys/{keyId}", (fx, owner) -> {
                    var chat = chat(owner);
                    return "/api/conversations/" + chat.conversationId() + "/devices/" + chat.volunteer().id() + "/pre-keys/1";
                }),
                entry("POST /api/conversations/{id}/envelopes", (fx, owner) -> conversation.create(fx, owner) + "/envelopes"),
                entry("PUT /api/conversations/{id}/checkin-schedule", (fx, owner) -> conversation.create(fx, owner) + "/checkin-schedule"),
                entry("POST /api/conversations/{id}/checkin-schedule/agree", (fx, owner) -> {
                    var chat = chat(owner);
                    proposeWeekly(chat);
                    return "/api/conversations/" + chat.conversationId() + "/checkin-schedule/agree";
                }),
                entry("GET /api/conversations/{id}/checkin-schedule", (fx, owner) -> {
                    var chat = chat(owner);
                    proposeWeekly(chat);
                    return "/api/conversations/" + chat.conversationId() + "/checkin-schedule";
                }),
                entry("GET /api/conversations/{id}/checkins", (fx, owner) -> conversation.create(fx, owner) + "/checkins"),
                entry("POST /api/conversations/{id}/checkins", (fx, owner) -> conversation.create(fx, owner) + "/checkins"),
                entry("POST /api/checkins/{id}/answer", (fx, owner) -> "/api/checkins/" + openCheckin(chat(owner)) + "/answer"),
                entry("GET /api/checkins/{id}", (fx, owner) -> "/api/checkins/" + openCheckin(chat(owner))),
                entry("POST /api/checkins/{id}/acknowledge", (fx, owner) -> {
                    var chat = chat(owner);
                    return "/api/checkins/" + needHelp(chat) + "/acknowledge";
                }),
                entry("POST /api/checkin-notifications/{id}/read", (fx, owner) -> {
                    var chat = chat(owner);
                    needHelp(chat);
                    var list = fx.api.get("/api/checkin-notifications", chat.volunteer().token());
                    return "/api/checkin-notifications/" + list.json().values().iterator().next().get("id").getStringValue() + "/read";
                }));
    }

    private ChatFixtures.Chat chat(TenantContext owner) {
        return chats.chat(owner.organisationId(), owner.coordinator());
    }

    private static void proposeWeekly(ChatFixtures.Chat chat) {
        var r = chat.volunteer().api().put("/api/conversations/" + chat.conversationId() + "/checkin-schedule",
                chat.volunteer().token(), Map.of("kind", "WEEKLY", "dayOfWeek", 3, "timeOfDay", "18:00"));
        if (r.status() != 200) {
            throw new AssertionError(r.toString());
        }
    }

    /** A check-in the client answered with NEED_HELP; returns its id. */
    private static String needHelp(ChatFixtures.Chat chat) {
        String checkin = openCheckin(chat);
        var answer = new java.util.HashMap<String, Object>();
        answer.put("status", "NEED_HELP");
        answer.put("envelopes", chat.client().seal(chat.conversationId(), java.util.UUID.randomUUID(),
                "{\"type\":\"checkin\",\"status\":\"NEED_HELP\"}"));
        var r = chat.client().api().post("/api/checkins/" + checkin + "/answer", chat.client().token(), answer);
        if (r.status() != 200) {
            throw new AssertionError(r.toString());
        }
        return checkin;
    }

    private static String openCheckin(ChatFixtures.Chat chat) {
        var r = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
        if (r.status() != 201) {
            throw new AssertionError(r.toString());
        }
        return r.text("id");
    }

}
