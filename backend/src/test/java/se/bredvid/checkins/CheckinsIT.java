package se.bredvid.checkins;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class CheckinsIT implements MessagingTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    /**
     * A Monday, 17:00 in Stockholm, a few days ahead: the test clock may run ahead of real time but not
     * behind it, because the framework checks token expiry against the real clock.
     */
    private static final Instant MONDAY_1700 = ZonedDateTime.now(STOCKHOLM).plusDays(2)
            .with(java.time.temporal.TemporalAdjusters.next(java.time.DayOfWeek.MONDAY))
            .withHour(17).withMinute(0).withSecond(0).withNano(0).toInstant();
    private static final LocalPushService PUSH = startPush();

    @Inject
    ChatFixtures chats;

    @Inject
    Fixtures fx;

    @Inject
    ConversationDirectory directory;

    @Inject
    CheckinService service;

    @Inject
    MutableClock clock;

    @Inject
    se.bredvid.messaging.TestSql sql;

    private static LocalPushService startPush() {
        try {
            return new LocalPushService();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> moreProperties() {
        return Map.of("bredvid.checkins.job.enabled", "false",
                "bredvid.push.vapid.public-key", "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8",
                "bredvid.push.vapid.private-key", "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw",
                "bredvid.push.vapid.subject", "mailto:drift@bredvid.example",
                "bredvid.push.allowed-endpoint-hosts", "127.0.0.1");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    void stopPush() {
        PUSH.close();
    }

    private Api.Response propose(TestDevice by, UUID conversation, Map<String, Object> body) {
        return by.api().put("/api/conversations/" + conversation + "/checkin-schedule", by.token(), body);
    }

    private static Map<String, Object> weeklyMonday1800() {
        return Map.of("kind", "WEEKLY", "dayOfWeek", 1, "timeOfDay", "18:00", "zone", "Europe/Stockholm", "graceMinutes", 120);
    }

    private ChatFixtures.Chat agreedWeekly() {
        var chat = chats.chat();
        assertEquals(200, propose(chat.volunteer(), chat.conversationId(), weeklyMonday1800()).status());
        assertEquals(200, chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkin-schedule/agree",
                chat.client().token(), "{}").status());
        return chat;
    }

    /** The check-in that is due now for the chat (creates it through the job's service method). */
    private UUID dueCheckin(ChatFixtures.Chat chat) {
        clock.set(MONDAY_1700.plus(Duration.ofHours(1)).plusSeconds(5));
        service.createDue();
        var list = chat.client().api().get("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token());
        assertEquals(200, list.status(), list.toString());
        var pending = list.json().values().iterator().next();
        assertEquals("PENDING", pending.get("status").getStringValue());
        return UUID.fromString(pending.get("id").getStringValue());
    }

    private Api.Response answer(ChatFixtures.Chat chat, UUID checkin, String status, String note) {
        String json = "{\"type\":\"checkin\",\"checkinId\":\"" + checkin + "\",\"status\":\"" + status
                + "\",\"mood\":3,\"safety\":4,\"needs\":[\"prata\"],\"note\":" + TestDevice.quote(note) + ",\"sentAt\":1}";
        List<WireEnvelope> envelopes = chat.client().seal(chat.conversationId(), UUID.randomUUID(), json);
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("envelopes", envelopes);
        return chat.client().api().post("/api/checkins/" + checkin + "/answer", chat.client().token(), body);
    }

    private List<String> notificationKinds(String token) {
        var r = fx.api.get("/api/checkin-notifications", token);
        assertEquals(200, r.status(), r.toString());
        List<String> kinds = new ArrayList<>();
        r.json().values().forEach(n -> kinds.add(n.get("kind").getStringValue()));
        return kinds;
    }

    /** The kinds of the coordinators' worklist items about check-ins. */
    private List<String> staffKinds(String token) {
        var r = fx.api.get("/api/notifications", token);
        assertEquals(200, r.status(), r.toString());
        List<String> kinds = new ArrayList<>();
        r.json().values().forEach(n -> {
            if ("CHECKIN".equals(n.get("objectType").getStringValue())) {
                kinds.add(n.get("kind").getStringValue() + "/" + n.get("urgency").getStringValue());
            }
        });
        return kinds;
    }

    @Test
    void aScheduleProposedByOneSideIsAgreedByTheOther() {
        var chat = agreedWeekly();
        var r = chat.volunteer().api().get("/api/conversations/" + chat.conversationId() + "/checkin-schedule", chat.volunteer().token());
        assertEquals("AGREED", r.text("state"));
        assertEquals("VOLUNTEER", r.text("proposedBy"));
        assertEquals("18:00", r.text("timeOfDay"));
        ZonedDateTime next = Instant.parse(r.text("nextDueAt")).atZone(STOCKHOLM);
        assertEquals(java.time.DayOfWeek.MONDAY, next.getDayOfWeek(), "the phones show the next check-in");
        assertEquals(java.time.LocalTime.of(18, 0), next.toLocalTime());
        assertTrue(next.toInstant().isAfter(clock.instant()));
    }

    @Test
    void aProposedScheduleHasNoNextCheckinYet() {
        var chat = chats.chat();
        propose(chat.volunteer(), chat.conversationId(), weeklyMonday1800());
        var r = chat.client().api().get("/api/conversations/" + chat.conversationId() + "/checkin-schedule", chat.client().token());
        assertEquals("PROPOSED", r.text("state"));
        assertTrue(r.json().get("nextDueAt") == null || r.json().get("nextDueAt").isNull());
    }

    @Test
    void theProposerCannotAgreeToItsOwnProposal() {
        var chat = chats.chat();
        propose(chat.volunteer(), chat.conversationId(), weeklyMonday1800());
        var r = chat.volunteer().api().post("/api/conversations/" + chat.conversationId() + "/checkin-schedule/agree",
                chat.volunteer().token(), "{}");
        assertEquals(409, r.status());
    }

    @Test
    void badSchedulesAreRefusedWithAProblem() {
        var chat = chats.chat();
        List<Map<String, Object>> bad = List.of(
                Map.of("timeOfDay", "18:00"),
                Map.of("kind", "WEEKLY", "dayOfWeek", 8, "timeOfDay", "18:00"),
                Map.of("kind", "WEEKLY", "dayOfWeek", 1, "timeOfDay", "25:00"),
                Map.of("kind", "WEEKLY", "dayOfWeek", 1, "timeOfDay", "18:00", "zone", "Mars/Olympus"),
                Map.of("kind", "EVERY_N_DAYS", "everyDays", 0, "timeOfDay", "18:00"),
                Map.of("kind", "EVERY_N_DAYS", "everyDays", 3, "dayOfWeek", 2, "timeOfDay", "18:00"),
                Map.of("kind", "WEEKLY", "dayOfWeek", 1, "timeOfDay", "18:00", "graceMinutes", 1),
                Map.of("kind", "MONTHLY", "timeOfDay", "18:00"),
                Map.of("kind", "WEEKLY", "dayOfWeek", 1, "timeOfDay", "18:00", "colour", "red"));
        for (var body : bad) {
            var r = propose(chat.client(), chat.conversationId(), body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("application/problem+json", r.contentType());
        }
    }

    @Test
    void aCheckinFallsDueOnceUnderAnAgreedSchedule() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        service.createDue();
        assertEquals(0, checkinsOf(chat).size());
        clock.set(MONDAY_1700.plus(Duration.ofHours(1)).plusSeconds(1));
        service.createDue();
        service.createDue();
        var list = checkinsOf(chat);
        assertEquals(1, list.size());
        assertEquals(MONDAY_1700.plus(Duration.ofHours(1)).toString(), list.get(0).get("dueAt").getStringValue());
    }

    private List<io.micronaut.json.tree.JsonNode> checkinsOf(ChatFixtures.Chat chat) {
        var r = chat.volunteer().api().get("/api/conversations/" + chat.conversationId() + "/checkins", chat.volunteer().token());
        assertEquals(200, r.status(), r.toString());
        List<io.micronaut.json.tree.JsonNode> out = new ArrayList<>();
        r.json().values().forEach(out::add);
        return out;
    }

    @Test
    void aProposedScheduleMakesNothingDue() {
        clock.set(MONDAY_1700);
        var chat = chats.chat();
        propose(chat.volunteer(), chat.conversationId(), weeklyMonday1800());
        clock.advance(Duration.ofDays(8));
        service.createDue();
        var list = chat.volunteer().api().get("/api/conversations/" + chat.conversationId() + "/checkins", chat.volunteer().token());
        assertEquals(0, list.json().size());
    }

    @Test
    void theClientsAnswerReachesTheVolunteerEncryptedWithTheStatusInClear() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        UUID checkin = dueCheckin(chat);
        var r = answer(chat, checkin, "OK", "Det har varit en lugn vecka.");
        assertEquals(200, r.status(), r.toString());
        assertEquals("ANSWERED", r.text("status"));
        assertEquals("OK", r.text("answer"));
        var envelopes = chat.volunteer().syncAll(0);
        assertEquals(1, envelopes.size());
        String opened = chat.volunteer().open(envelopes.get(0));
        assertTrue(opened.contains("Det har varit en lugn vecka.") && opened.contains(checkin.toString()));
        assertTrue(notificationKinds(chat.volunteer().token()).isEmpty());
    }

    @Test
    void needHelpNotifiesTheVolunteerAndTheCoordinatorsAtOnceAndWakesTheVolunteersDevice() throws Exception {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        var sub = chat.volunteer().api().put("/api/push/subscription", chat.volunteer().token(),
                Map.of("endpoint", PUSH.endpoint("/push/" + chat.volunteer().id()),
                        "keys", Map.of("p256dh", LocalPushService.browserKey(), "auth", Base64Url.encode(new byte[16]))));
        assertEquals(204, sub.status(), sub.toString());
        UUID checkin = dueCheckin(chat);
        assertEquals(200, answer(chat, checkin, "NEED_HELP", "Jag behöver hjälp").status());
        assertEquals(List.of("NEED_HELP"), notificationKinds(chat.volunteer().token()));
        assertEquals(List.of("NEED_HELP/URGENT"), staffKinds(chat.coordinator().accessToken()));
        var alarms = fx.api.get("/api/alarms", chat.coordinator().accessToken());
        assertEquals(chat.clientId().toString(), alarms.json().values().iterator().next().get("clientId").getStringValue());
        LocalPushService.Push push = PUSH.next(10);
        assertNotNull(push, "no push reached the push service");
        assertEquals("/push/" + chat.volunteer().id(), push.path());
        assertEquals("high", push.urgency());
        assertEquals("wake", push.topic());
    }

    @Test
    void wantContactNotifiesTheVolunteerAndIsAnOrdinaryItemForTheCoordinators() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        UUID checkin = dueCheckin(chat);
        assertEquals(200, answer(chat, checkin, "WANT_CONTACT", "Ring mig gärna").status());
        assertEquals(List.of("WANT_CONTACT"), notificationKinds(chat.volunteer().token()));
        assertEquals(List.of("WANT_CONTACT/NORMAL"), staffKinds(chat.coordinator().accessToken()));
    }

    @Test
    void aMissedCheckinNotifiesTheVolunteerOnceAfterTheGracePeriod() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        dueCheckin(chat);
        clock.advance(Duration.ofMinutes(119));
        service.markMissed();
        assertEquals("PENDING", checkinsOf(chat).get(0).get("status").getStringValue());
        assertTrue(notificationKinds(chat.volunteer().token()).isEmpty());
        clock.advance(Duration.ofMinutes(2));
        service.markMissed();
        service.markMissed();
        assertEquals("MISSED", checkinsOf(chat).get(0).get("status").getStringValue());
        assertEquals(List.of("CHECKIN_MISSED"), notificationKinds(chat.volunteer().token()));
        assertEquals(List.of("CHECKIN_MISSED/NORMAL"), staffKinds(chat.coordinator().accessToken()));
    }

    @Test
    void aLateAnswerIsStillAccepted() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        UUID checkin = dueCheckin(chat);
        clock.advance(Duration.ofHours(3));
        service.markMissed();
        assertEquals(200, answer(chat, checkin, "OK", "sent").status());
    }

    @Test
    void onlyTheClientAnswersACheckin() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        UUID checkin = dueCheckin(chat);
        var r = chat.volunteer().api().post("/api/checkins/" + checkin + "/answer", chat.volunteer().token(),
                Map.of("status", "OK", "envelopes", List.of()));
        assertEquals(403, r.status());
    }

    @Test
    void aCheckinIsAnsweredOnce() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        UUID checkin = dueCheckin(chat);
        assertEquals(200, answer(chat, checkin, "OK", "första").status());
        var again = answer(chat, checkin, "NEED_HELP", "andra");
        assertEquals(409, again.status());
        assertEquals("urn:bredvid:problem:checkin-answered", again.problemType());
    }

    @Test
    void anAnswerMustCarryTheEncryptedPayloadToTheVolunteer() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        UUID checkin = dueCheckin(chat);
        String path = "/api/checkins/" + checkin + "/answer";
        for (Object body : new Object[]{Map.of("status", "OK"), Map.of("status", "OK", "envelopes", List.of()),
                "{\"status\":\"FINE\",\"envelopes\":[]}", "{\"envelopes\":[]}", "nope"}) {
            var r = chat.client().api().post(path, chat.client().token(), body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("application/problem+json", r.contentType());
        }
    }

    @Test
    void theClientCanAskForHelpOutsideTheSchedule() {
        var chat = chats.chat();
        var opened = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
        assertEquals(201, opened.status(), opened.toString());
        UUID checkin = UUID.fromString(opened.text("id"));
        assertEquals(200, answer(chat, checkin, "NEED_HELP", "nu").status());
        assertEquals(List.of("NEED_HELP/URGENT"), staffKinds(chat.coordinator().accessToken()));
    }

    @Test
    void coordinatorsOfAnotherOrganisationSeeNoEscalation() {
        var chat = chats.chat();
        var opened = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
        answer(chat, UUID.fromString(opened.text("id")), "NEED_HELP", "x");
        UUID other = fx.organisation();
        assertTrue(staffKinds(fx.coordinator(other).accessToken()).isEmpty());
    }

    @Test
    void aNonMemberSeesNoScheduleAndNoCheckins() {
        var chat = agreedWeekly();
        TestDevice stranger = chats.device(chat.coordinator(), SubjectKind.CLIENT, UUID.randomUUID());
        assertEquals(404, stranger.api().get("/api/conversations/" + chat.conversationId() + "/checkin-schedule", stranger.token()).status());
        assertEquals(404, stranger.api().get("/api/conversations/" + chat.conversationId() + "/checkins", stranger.token()).status());
        assertEquals(404, propose(stranger, chat.conversationId(), weeklyMonday1800()).status());
    }

    @Test
    void closingTheConversationEndsTheScheduleAndItsOpenCheckins() {
        clock.set(MONDAY_1700);
        var chat = agreedWeekly();
        UUID checkin = dueCheckin(chat);
        directory.close(chat.assignmentId());
        clock.advance(Duration.ofDays(8));
        service.createDue();
        service.markMissed();
        assertEquals(0, sql.queryLong("select count(*) from checkin where conversation_id = ?", chat.conversationId()));
        assertEquals(0, sql.queryLong("select count(*) from checkin_schedule where conversation_id = ?", chat.conversationId()));
        assertTrue(notificationKinds(chat.volunteer().token()).isEmpty());
        var late = chat.client().api().post("/api/checkins/" + checkin + "/answer", chat.client().token(),
                Map.of("status", "OK", "envelopes", List.of(new WireEnvelope(1, chat.conversationId().toString(),
                        chat.client().id().toString(), chat.volunteer().id().toString(), UUID.randomUUID().toString(), 1L, 1L,
                        Base64Url.encode(new byte[32]), Base64Url.encode(new byte[272])))));
        assertEquals(404, late.status(), late.toString());
    }

    @Test
    void aReadNotificationIsMarkedRead() {
        var chat = chats.chat();
        var opened = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
        answer(chat, UUID.fromString(opened.text("id")), "WANT_CONTACT", "x");
        var list = fx.api.get("/api/checkin-notifications", chat.volunteer().token());
        String id = list.json().values().iterator().next().get("id").getStringValue();
        assertEquals(204, fx.api.post("/api/checkin-notifications/" + id + "/read", chat.volunteer().token(), "{}").status());
        var after = fx.api.get("/api/checkin-notifications", chat.volunteer().token());
        assertNotNull(after.json().values().iterator().next().get("readAt"));
        assertEquals(403, fx.api.post("/api/checkin-notifications/" + id + "/read", chat.client().token(), "{}").status());
        assertEquals(403, fx.api.post("/api/checkin-notifications/" + id + "/read", chat.coordinator().accessToken(), "{}").status());
    }

    @Test
    void aPushEndpointOutsideTheAllowListIsRefused() throws Exception {
        var chat = chats.chat();
        var r = chat.client().api().put("/api/push/subscription", chat.client().token(),
                Map.of("endpoint", "https://intranet.example/hook",
                        "keys", Map.of("p256dh", LocalPushService.browserKey(), "auth", Base64Url.encode(new byte[16]))));
        assertEquals(400, r.status());
        assertEquals("endpoint", r.json().get("violations").values().iterator().next().get("field").getStringValue());
        var badKey = chat.client().api().put("/api/push/subscription", chat.client().token(),
                Map.of("endpoint", PUSH.endpoint("/x"), "keys", Map.of("p256dh", Base64Url.encode(new byte[65]), "auth", "AAAA")));
        assertEquals(400, badKey.status());
    }
}
