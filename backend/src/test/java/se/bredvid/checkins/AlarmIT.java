package se.bredvid.checkins;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.messaging.TestDevice;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.messaging.push.VerifyingPushService;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The alarm loop with real components: a client's "I need help now" wakes the kontaktperson's phone
 * through a push service stand-in that verifies the VAPID signature and decrypts the RFC 8291 payload,
 * lands as an urgent item in the coordinators' worklist, reaches their mailbox (GreenMail) at once, and the
 * client sees who acknowledged it; without acknowledgement it escalates at the configured time.
 */
@MicronautTest(transactional = false)
class AlarmIT implements MessagingTest {

    static final String VAPID_PUBLIC = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    static final String PUBLIC_URL = "https://bredvid.jour.example/";
    private static final GreenMail SMTP = startSmtp();
    private static final VerifyingPushService PUSH = startPush();

    @Inject
    ChatFixtures chats;

    @Inject
    Fixtures fx;

    @Inject
    CheckinService service;

    @Inject
    MutableClock clock;

    @Inject
    EmbeddedServer server;

    private static GreenMail startSmtp() {
        GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        return smtp;
    }

    private static VerifyingPushService startPush() {
        try {
            return new VerifyingPushService(VAPID_PUBLIC);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> moreProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("bredvid.checkins.job.enabled", "false");
        p.put("bredvid.push.vapid.public-key", VAPID_PUBLIC);
        p.put("bredvid.push.vapid.private-key", "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw");
        p.put("bredvid.push.vapid.subject", "mailto:drift@bredvid.example");
        p.put("bredvid.push.allowed-endpoint-hosts", "127.0.0.1");
        p.put("bredvid.mail.enabled", "true");
        p.put("bredvid.mail.host", "127.0.0.1");
        p.put("bredvid.mail.port", Integer.toString(SMTP.getSmtp().getPort()));
        p.put("bredvid.mail.from", "bredvid@jour.example");
        p.put("bredvid.mail.starttls", "false");
        p.put("bredvid.mail.public-url", PUBLIC_URL);
        p.put("bredvid.mail.job.enabled", "false");
        p.put("bredvid.notifications.stream.poll", "200ms");
        return p;
    }

    @BeforeEach
    void clean() throws Exception {
        SMTP.purgeEmailFromAllMailboxes();
        PUSH.clear();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @AfterAll
    void stop() {
        PUSH.close();
        SMTP.stop();
    }

    /** A chat whose kontaktperson's phone subscribed to push and whose coordinator gave an address. */
    private ChatFixtures.Chat watchedChat(String email) {
        var chat = chats.chat();
        var sub = chat.volunteer().api().put("/api/push/subscription", chat.volunteer().token(),
                PUSH.subscription("/kp/" + chat.volunteer().id()));
        assertEquals(204, sub.status(), sub.toString());
        var mail = fx.api.put("/api/notifications/email", chat.coordinator().accessToken(), Map.of("email", email));
        assertEquals(200, mail.status(), mail.toString());
        return chat;
    }

    private UUID needHelp(ChatFixtures.Chat chat) {
        return answer(chat, "NEED_HELP");
    }

    private UUID answer(ChatFixtures.Chat chat, String status) {
        var opened = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
        assertEquals(201, opened.status(), opened.toString());
        UUID checkin = UUID.fromString(opened.text("id"));
        String json = "{\"type\":\"checkin\",\"checkinId\":\"" + checkin + "\",\"status\":\"" + status + "\",\"sentAt\":1}";
        List<WireEnvelope> envelopes = chat.client().seal(chat.conversationId(), UUID.randomUUID(), json);
        Map<String, Object> body = new HashMap<>();
        body.put("status", status);
        body.put("envelopes", envelopes);
        var r = chat.client().api().post("/api/checkins/" + checkin + "/answer", chat.client().token(), body);
        assertEquals(200, r.status(), r.toString());
        return checkin;
    }

    /** Waits (up to 5 s) until {@code n} mails to the address have arrived; returns them. */
    private static List<MimeMessage> mailTo(String address, int n) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<MimeMessage> found = List.of();
        while (System.nanoTime() < deadline) {
            found = new java.util.ArrayList<>();
            for (MimeMessage m : SMTP.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(address)) {
                    found.add(m);
                }
            }
            if (found.size() >= n) {
                assertEquals(n, found.size(), "no more mail than rounds");
                return found;
            }
            SMTP.waitForIncomingEmail(200, SMTP.getReceivedMessages().length + 1);
        }
        throw new AssertionError("expected " + n + " mail(s) to " + address + " within 5 s, found " + found.size());
    }

    private JsonNode worklistItem(Fixtures.Staff coordinator, UUID checkin) {
        var list = fx.api.get("/api/notifications", coordinator.accessToken());
        assertEquals(200, list.status(), list.toString());
        for (JsonNode item : list.json().values()) {
            if (item.get("objectId").getStringValue().equals(checkin.toString())) {
                return item;
            }
        }
        return null;
    }

    private JsonNode checkinSeenBy(TestDevice device, UUID checkin) {
        var r = device.api().get("/api/checkins/" + checkin, device.token());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    @Test
    void needHelpWakesThePhoneReachesTheWorklistAndTheMailboxAndTheClientSeesWhoSawIt() throws Exception {
        var chat = watchedChat("samordnare@jour.example");
        UUID checkin = needHelp(chat);

        VerifyingPushService.Push push = PUSH.nextTo("/kp/" + chat.volunteer().id(), 5);
        assertNotNull(push, "no push reached the push service within 5 s");
        assertTrue(push.valid(), "the VAPID signature and the RFC 8291 payload verify");
        assertEquals("/kp/" + chat.volunteer().id(), push.path());
        assertEquals("high", push.urgency());
        assertEquals("{\"t\":\"wake\"}", push.payload(), "a push carries no content");

        JsonNode item = worklistItem(chat.coordinator(), checkin);
        assertNotNull(item, "the alarm is in the coordinators' worklist");
        assertEquals("NEED_HELP", item.get("kind").getStringValue());
        assertEquals("CHECKIN", item.get("objectType").getStringValue());
        assertEquals("URGENT", item.get("urgency").getStringValue());
        var first = fx.api.get("/api/notifications", chat.coordinator().accessToken()).json().values().iterator().next();
        assertEquals(checkin.toString(), first.get("objectId").getStringValue(), "urgent items come first");

        MimeMessage mail = mailTo("samordnare@jour.example", 1).get(0);
        assertEquals("Bredvid: ett brådskande ärende väntar", mail.getSubject());
        assertEquals("samordnare@jour.example", mail.getAllRecipients()[0].toString());
        String body = GreenMailUtil.getBody(mail).strip();
        assertEquals(PUBLIC_URL, body, "the installation's address and nothing else");

        assertNull(checkinSeenBy(chat.client(), checkin).get("acknowledgedAt"), "nobody has seen it yet");
        var ack = chat.volunteer().api().post("/api/checkins/" + checkin + "/acknowledge", chat.volunteer().token(), "{}");
        assertEquals(200, ack.status(), ack.toString());
        JsonNode seen = checkinSeenBy(chat.client(), checkin);
        assertEquals("VOLUNTEER", seen.get("acknowledgedBy").getStringValue());
        assertNotNull(seen.get("acknowledgedAt"));
        assertNull(worklistItem(chat.coordinator(), checkin), "an acknowledged alarm leaves the worklist");

        var later = fx.api.post("/api/checkins/" + checkin + "/acknowledge", chat.coordinator().accessToken(), "{}");
        assertEquals(200, later.status(), later.toString());
        assertEquals("VOLUNTEER", later.text("acknowledgedBy"), "the first acknowledgement stands");

        clock.set(Instant.now().plus(Duration.ofHours(1)));
        service.escalateUnacknowledged();
        assertNull(checkinSeenBy(chat.client(), checkin).get("escalatedAt"), "an acknowledged alarm never escalates");
    }

    @Test
    void anAlarmNobodyAcknowledgesEscalatesOnceAtTheConfiguredTime() throws Exception {
        Instant start = Instant.now().plusSeconds(5);
        clock.set(start);
        var chat = watchedChat("jour@jour.example");
        UUID checkin = needHelp(chat);
        String phone = "/kp/" + chat.volunteer().id();
        assertNotNull(PUSH.nextTo(phone, 5));
        mailTo("jour@jour.example", 1);
        // Signing staff in moves the test clock (a fresh TOTP step): time is counted from the answer itself.
        Instant answered = Instant.parse(checkinSeenBy(chat.client(), checkin).get("answeredAt").getStringValue());

        clock.set(answered.plus(Duration.ofMinutes(10)).minusSeconds(1));
        service.escalateUnacknowledged();
        assertNull(checkinSeenBy(chat.client(), checkin).get("escalatedAt"), "not before ten minutes");
        assertNull(worklistItem(chat.coordinator(), checkin).get("escalatedAt"));

        clock.set(answered.plus(Duration.ofMinutes(10)).plusSeconds(1));
        int n = service.escalateUnacknowledged();
        JsonNode escalated = checkinSeenBy(chat.client(), checkin);
        assertNotNull(escalated.get("escalatedAt"), "escalated after ten minutes (" + n + "): " + clock.instant() + " " + chat.client().api().get("/api/checkins/" + checkin, chat.client().token()));
        String escalatedAt = escalated.get("escalatedAt").getStringValue();
        VerifyingPushService.Push again = PUSH.nextTo(phone, 5);
        assertNotNull(again, "the kontaktperson's phone is woken again");
        assertTrue(again.valid());
        assertEquals("high", again.urgency());
        mailTo("jour@jour.example", 2);

        clock.advance(Duration.ofMinutes(5));
        service.escalateUnacknowledged();
        assertEquals(escalatedAt, checkinSeenBy(chat.client(), checkin).get("escalatedAt").getStringValue(), "once");
        assertNull(PUSH.nextTo(phone, 1), "no third wake");
        assertNotNull(worklistItem(chat.coordinator(), checkin).get("escalatedAt"), "the desk shows it overdue");
        assertNotNull(checkinSeenBy(chat.client(), checkin).get("escalatedAt"));
        assertNull(checkinSeenBy(chat.client(), checkin).get("acknowledgedAt"));

        var ack = fx.api.post("/api/checkins/" + checkin + "/acknowledge", chat.coordinator().accessToken(), "{}");
        assertEquals(200, ack.status(), ack.toString());
        assertEquals("COORDINATOR", checkinSeenBy(chat.client(), checkin).get("acknowledgedBy").getStringValue());
    }

    @Test
    void onlyTheKontaktpersonAndTheOrganisationsCoordinatorsAcknowledge() {
        var chat = chats.chat();
        UUID checkin = needHelp(chat);
        String path = "/api/checkins/" + checkin + "/acknowledge";
        assertEquals(403, chat.client().api().post(path, chat.client().token(), "{}").status(), "not the client herself");
        var otherCoordinator = fx.coordinator(fx.organisation());
        assertEquals(404, fx.api.post(path, otherCoordinator.accessToken(), "{}").status(), "another organisation");
        var otherChat = chats.chat(chat.organisationId(), chat.coordinator());
        assertEquals(404, otherChat.volunteer().api().post(path, otherChat.volunteer().token(), "{}").status(),
                "another kontaktperson of the same organisation");
        assertEquals(404, fx.api.get("/api/checkins/" + checkin, otherChat.client().token()).status(),
                "another client");
        assertFalse(fx.api.get("/api/alarms", otherCoordinator.accessToken()).json().values().iterator().hasNext(),
                "another organisation lists none of it");
        assertNull(checkinSeenBy(chat.client(), checkin).get("acknowledgedAt"));

        UUID fine = answer(chat, "OK");
        var notAnAlarm = chat.volunteer().api().post("/api/checkins/" + fine + "/acknowledge", chat.volunteer().token(), "{}");
        assertEquals(409, notAnAlarm.status());
        assertEquals("application/problem+json", notAnAlarm.contentType());
        assertEquals(404, chat.volunteer().api().post("/api/checkins/" + UUID.randomUUID() + "/acknowledge",
                chat.volunteer().token(), "{}").status());
    }

    @Test
    void theKontaktpersonAndTheCoordinatorsListTheAlarmsTheyMustActOn() {
        var chat = chats.chat();
        UUID checkin = needHelp(chat);
        var otherChat = chats.chat(chat.organisationId(), chat.coordinator());
        var mine = chat.volunteer().api().get("/api/alarms", chat.volunteer().token());
        assertEquals(200, mine.status(), mine.toString());
        JsonNode alarm = mine.json().values().iterator().next();
        assertEquals(checkin.toString(), alarm.get("checkinId").getStringValue());
        assertEquals(chat.conversationId().toString(), alarm.get("conversationId").getStringValue());
        assertFalse(otherChat.volunteer().api().get("/api/alarms", otherChat.volunteer().token()).json().values().iterator().hasNext(),
                "another kontaktperson sees none of it");
        var all = fx.api.get("/api/alarms", chat.coordinator().accessToken());
        assertEquals(chat.clientId().toString(), all.json().values().iterator().next().get("clientId").getStringValue());
    }

    @Test
    void theDeskHearsOfANewAlarmLiveWithoutItsContent() throws Exception {
        var chat = chats.chat();
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.getURL() + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + chat.coordinator().accessToken())
                .header("Accept", "text/event-stream").GET().build();
        HttpResponse<java.io.InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, response.statusCode());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String firstData = nextData(lines, "changed");
            assertNotNull(firstData, "the stream opens with the current counter");
            CompletableFuture<String> next = CompletableFuture.supplyAsync(() -> nextData(lines, "changed"));
            UUID checkin = needHelp(chat);
            String data = next.get(5, TimeUnit.SECONDS);
            assertNotNull(data);
            assertFalse(data.equals(firstData), "the counter moved");
            assertFalse(data.contains(checkin.toString()), "the event names no item");
            assertFalse(data.contains(chat.clientId().toString()));
        }
        var refused = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/notifications/stream"))
                .header("Authorization", "Bearer " + chat.client().token()).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, refused.statusCode(), "a phone does not read the staff worklist");
    }

    private static String nextData(BufferedReader lines, String event) {
        try {
            String name = null;
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:") && event.equals(name)) {
                    return line.substring(5).strip();
                } else if (line.isEmpty()) {
                    name = null;
                }
            }
            return null;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
