package se.bredvid.messaging.live;

import se.bredvid.platform.AfterCommit;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.LiveClient;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class LiveIT implements se.bredvid.messaging.MessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ChatFixtures chats;

    @Inject
    Fixtures fx;

    @Inject
    ConversationDirectory directory;

    @Inject
    EmbeddedServer server;

    @Inject
    MutableClock clock;

    @Inject
    se.bredvid.messaging.TestSql sql;

    private final List<LiveClient> sockets = new ArrayList<>();

    @Override
    public Map<String, String> moreProperties() {
        // The authentication window is generous here (a loaded machine must still authenticate in time);
        // LiveAuthTimeoutIT tests the window itself with a short one.
        return Map.of("bredvid.messaging.live.auth-timeout", "30s",
                "bredvid.messaging.live.recheck-interval", "100ms",
                "bredvid.messaging.live.ack-flush-interval", "20ms");
    }

    @AfterEach
    void cleanUp() {
        sockets.forEach(LiveClient::close);
        sockets.clear();
        clock.reset();
    }

    private LiveClient live(TestDevice device, long since) {
        LiveClient c = LiveClient.authenticated(server.getURI(), chats.mapper(), device.token(), since);
        sockets.add(c);
        return c;
    }

    private LiveClient raw() {
        LiveClient c = LiveClient.connect(server.getURI(), chats.mapper());
        sockets.add(c);
        return c;
    }

    @Test
    void aMessageArrivesLiveAndOpensOnTheRecipient() {
        var chat = chats.chat();
        LiveClient volunteer = live(chat.volunteer(), 0);
        UUID messageId = chat.client().sendText(chat.conversationId(), "Är du där?");
        var got = volunteer.awaitEnvelopes(l -> !l.isEmpty(), WAIT);
        assertEquals(messageId.toString(), got.get(0).envelope().messageId());
        assertTrue(chat.volunteer().open(got.get(0)).contains("\"body\":\"Är du där?\""));
    }

    @Test
    void bothSidesTalkLiveInOrder() {
        var chat = chats.chat();
        LiveClient client = live(chat.client(), 0);
        LiveClient volunteer = live(chat.volunteer(), 0);
        List<UUID> toVolunteer = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            toVolunteer.add(chat.client().sendText(chat.conversationId(), "fråga " + i));
            chat.volunteer().sendText(chat.conversationId(), "svar " + i);
        }
        var atVolunteer = volunteer.awaitEnvelopes(l -> l.size() == 10, WAIT);
        client.awaitEnvelopes(l -> l.size() == 10, WAIT);
        assertEquals(toVolunteer, atVolunteer.stream().map(d -> UUID.fromString(d.envelope().messageId())).toList());
        List<Long> seqs = LiveClient.seqs(atVolunteer);
        for (int i = 1; i < seqs.size(); i++) {
            assertTrue(seqs.get(i) > seqs.get(i - 1));
        }
        assertTrue(chat.client().open(client.envelopes().get(9)).contains("svar 9"));
    }

    @Test
    void connectingCatchesUpAfterTheGivenSequence() {
        var chat = chats.chat();
        for (int i = 0; i < 3; i++) {
            chat.client().sendText(chat.conversationId(), "medan du var borta " + i);
        }
        long first = chat.volunteer().syncAll(0).get(0).seq();
        LiveClient volunteer = live(chat.volunteer(), first);
        var got = volunteer.awaitEnvelopes(l -> l.size() == 2, WAIT);
        assertTrue(got.stream().allMatch(d -> d.seq() > first));
    }

    @Test
    void aPlainGetOfTheSocketPathIsRefusedAsABadRequest() {
        var r = fx.api.get("/api/live", null);
        assertTrue(r.status() >= 400 && r.status() < 500, r.toString());
    }

    @Test
    void aBadTokenClosesTheSocket() {
        LiveClient c = raw();
        c.send("{\"type\":\"auth\",\"token\":\"eyJhbGciOiJFUzI1NiJ9.e30.AAAA\",\"since\":0}");
        assertEquals(LiveFrames.UNAUTHORIZED, c.awaitClose(WAIT));
    }

    @Test
    void aStaffTokenDoesNotOpenASocket() {
        var chat = chats.chat();
        LiveClient c = raw();
        c.send("{\"type\":\"auth\",\"token\":\"" + chat.coordinator().accessToken() + "\",\"since\":0}");
        assertEquals(LiveFrames.UNAUTHORIZED, c.awaitClose(WAIT));
    }

    @Test
    void framesBeforeAuthenticationAreRefused() {
        LiveClient c = raw();
        c.send("{\"type\":\"ack\",\"upTo\":3}");
        assertEquals(LiveFrames.UNAUTHORIZED, c.awaitClose(WAIT));
    }

    @Test
    void aMalformedFrameClosesTheSocket() {
        var chat = chats.chat();
        LiveClient c = live(chat.client(), 0);
        c.send("this is not json");
        assertEquals(LiveFrames.BAD_FRAME, c.awaitClose(WAIT));
    }

    @Test
    void aRevokedDevicesSocketIsClosed() {
        var chat = chats.chat();
        LiveClient volunteer = live(chat.volunteer(), 0);
        assertEquals(204, fx.api.delete("/api/devices/" + chat.volunteer().id(), chat.coordinator().accessToken()).status());
        assertEquals(LiveFrames.UNAUTHORIZED, volunteer.awaitClose(WAIT));
    }

    @Test
    void aSocketClosesWhenItsTokenExpires() {
        var chat = chats.chat();
        LiveClient client = live(chat.client(), 0);
        clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        assertEquals(LiveFrames.UNAUTHORIZED, client.awaitClose(WAIT));
    }

    @Test
    void aFreshTokenKeepsTheSocketOpenPastTheFirstExpiry() {
        var chat = chats.chat();
        LiveClient client = live(chat.client(), 0);
        clock.advance(Duration.ofMinutes(4));
        var refreshed = fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", chat.client().paired.refreshToken()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        client.send("{\"type\":\"token\",\"token\":\"" + refreshed.text("accessToken") + "\"}");
        // Let the hub take the new token before the first one runs out.
        awaitQuietly(Duration.ofMillis(500));
        clock.advance(Duration.ofMinutes(2));
        assertNull(client.awaitClose(Duration.ofMillis(800)));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(LiveFrames.UNAUTHORIZED, client.awaitClose(WAIT));
    }

    @Test
    void aTokenOfAnotherDeviceCannotTakeOverASocket() {
        var chat = chats.chat();
        LiveClient client = live(chat.client(), 0);
        client.send("{\"type\":\"token\",\"token\":\"" + chat.volunteer().token() + "\"}");
        assertEquals(LiveFrames.UNAUTHORIZED, client.awaitClose(WAIT));
    }

    @Test
    void closingTheConversationClosesTheSocketsAndRefusesNewEnvelopes() {
        var chat = chats.chat();
        LiveClient client = live(chat.client(), 0);
        LiveClient volunteer = live(chat.volunteer(), 0);
        assertTrue(directory.close(chat.assignmentId()));
        assertEquals(LiveFrames.CONVERSATION_CLOSED, client.awaitClose(WAIT));
        assertEquals(LiveFrames.CONVERSATION_CLOSED, volunteer.awaitClose(WAIT));
        var refused = chat.client().post(chat.conversationId(),
                List.of(new se.bredvid.protocol.WireEnvelope(1, chat.conversationId().toString(),
                        chat.client().id().toString(), chat.volunteer().id().toString(), UUID.randomUUID().toString(),
                        1L, 1L, se.bredvid.protocol.Base64Url.encode(new byte[32]),
                        se.bredvid.protocol.Base64Url.encode(new byte[272]))));
        assertEquals(409, refused.status());
    }

    @Test
    void aReconnectAfterTheCloseDeliversNothingOfTheClosedConversation() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "innan slutet");
        directory.close(chat.assignmentId());
        LiveClient volunteer = live(chat.volunteer(), 0);
        chat.volunteer().syncAll(0);
        awaitQuietly(Duration.ofMillis(500));
        assertEquals(0, volunteer.envelopes().size());
    }

    @Test
    void aNonMembersSocketReceivesNothing() {
        var chat = chats.chat();
        TestDevice stranger = chats.device(chat.coordinator(), SubjectKind.VOLUNTEER, UUID.randomUUID());
        LiveClient strangerSocket = live(stranger, 0);
        LiveClient volunteer = live(chat.volunteer(), 0);
        chat.client().sendText(chat.conversationId(), "bara för dig");
        volunteer.awaitEnvelopes(l -> l.size() == 1, WAIT);
        awaitQuietly(Duration.ofMillis(300));
        assertEquals(0, strangerSocket.envelopes().size());
    }

    @Test
    void anAckOverTheSocketIsRecorded() throws Exception {
        var chat = chats.chat();
        LiveClient volunteer = live(chat.volunteer(), 0);
        chat.client().sendText(chat.conversationId(), "kvittera mig");
        long seq = volunteer.awaitEnvelopes(l -> l.size() == 1, WAIT).get(0).seq();
        volunteer.ack(seq);
        Instant deadline = Instant.now().plus(WAIT);
        long acked = -1;
        while (Instant.now().isBefore(deadline) && acked != seq) {
            acked = ackedSeq(chat.volunteer().id());
            awaitQuietly(Duration.ofMillis(20));
        }
        assertEquals(seq, acked);
    }

    private String sendFrame(String ref, UUID conversation, List<se.bredvid.protocol.WireEnvelope> envelopes) throws Exception {
        return "{\"type\":\"send\",\"ref\":\"" + ref + "\",\"conversationId\":\"" + conversation
                + "\",\"envelopes\":" + chats.mapper().writeValueAsString(envelopes) + "}";
    }

    /** A send frame of a text from the chat's client, sealed for the conversation's other devices. */
    private String clientText(String ref, ChatFixtures.Chat chat, UUID messageId, String text) throws Exception {
        return sendFrame(ref, chat.conversationId(), chat.client().seal(chat.conversationId(), messageId, TestDevice.text(text)));
    }

    @Test
    void aMessageSentOverTheSocketIsAcknowledgedAfterCommitAndDeliveredLive() throws Exception {
        var chat = chats.chat();
        LiveClient client = live(chat.client(), 0);
        LiveClient volunteer = live(chat.volunteer(), 0);
        UUID messageId = UUID.randomUUID();
        client.send(clientText("r1", chat, messageId, "via socket"));
        var stored = client.nextFrame(WAIT);
        assertEquals("stored", stored.get("type").getStringValue());
        assertEquals("r1", stored.get("ref").getStringValue());
        long seq = stored.get("stored").values().iterator().next().get("seq").getLongValue();
        assertEquals(seq, chat.volunteer().syncAll(0).get(0).seq());
        var got = volunteer.awaitEnvelopes(l -> l.size() == 1, WAIT);
        assertTrue(chat.volunteer().open(got.get(0)).contains("via socket"));
    }

    @Test
    void aRepeatedSendOverTheSocketAnswersTheOriginalSequence() throws Exception {
        var chat = chats.chat();
        LiveClient client = live(chat.client(), 0);
        String frame = clientText("a", chat, UUID.randomUUID(), "två gånger");
        client.send(frame);
        long first = client.nextFrame(WAIT).get("stored").values().iterator().next().get("seq").getLongValue();
        client.send(frame);
        long second = client.nextFrame(WAIT).get("stored").values().iterator().next().get("seq").getLongValue();
        assertEquals(first, second);
        assertEquals(1, chat.volunteer().syncAll(0).size());
    }

    @Test
    void concurrentSendsArriveOnceEachInSequenceOrderWithoutAGap() throws Exception {
        // Many sends at once are committed in several groups by several writers, and handed to the socket from
        // memory in whatever order the writers finish: the socket must still get every envelope once, in order.
        var chat = chats.chat();
        LiveClient volunteer = live(chat.volunteer(), 0);
        int senders = 8;
        int each = 6;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(senders);
        try {
            List<java.util.concurrent.Future<?>> done = new ArrayList<>();
            for (int t = 0; t < senders; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < each; i++) {
                        chat.client().sendText(chat.conversationId(), "samtidigt " + thread + "." + i);
                    }
                }));
            }
            for (var f : done) {
                f.get(60, java.util.concurrent.TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        var got = volunteer.awaitEnvelopes(l -> l.size() >= senders * each, WAIT);
        assertEquals(LiveClient.seqs(chat.volunteer().syncAll(0)), LiveClient.seqs(got));
        assertEquals(senders * each, got.stream().map(d -> d.envelope().messageId()).distinct().count());
    }

    @Test
    void aRetryWithOtherBytesIsDeliveredAsFirstStored() throws Exception {
        var chat = chats.chat();
        LiveClient client = live(chat.client(), 0);
        LiveClient volunteer = live(chat.volunteer(), 0);
        UUID messageId = UUID.randomUUID();
        client.send(clientText("first", chat, messageId, "första försöket"));
        long seq = client.nextFrame(WAIT).get("stored").values().iterator().next().get("seq").getLongValue();
        volunteer.awaitEnvelopes(l -> l.size() == 1, WAIT);
        // The same message id sealed again (a device that lost its answer and re-encrypted): the first sequence,
        // and nothing of the second attempt reaches the recipient, neither now nor on a reconnect.
        client.send(clientText("again", chat, messageId, "andra försöket"));
        assertEquals(seq, client.nextFrame(WAIT).get("stored").values().iterator().next().get("seq").getLongValue());
        UUID marker = chat.client().sendText(chat.conversationId(), "sist");
        var got = volunteer.awaitEnvelopes(l -> l.stream().anyMatch(d -> d.envelope().messageId().equals(marker.toString())), WAIT);
        assertEquals(2, got.size(), "the retry is not delivered again");
        assertTrue(chat.volunteer().open(got.get(0)).contains("första försöket"));
        var reread = live(chat.volunteer(), 0).awaitEnvelopes(l -> l.size() == 2, WAIT);
        assertTrue(chat.volunteer().open(reread.get(0)).contains("första försöket"));
    }

    @Test
    void aRefusedSendOverTheSocketAnswersAProblemAndKeepsTheSocket() throws Exception {
        var chat = chats.chat();
        var other = chats.chat(chat.organisationId(), chat.coordinator());
        LiveClient client = live(chat.client(), 0);
        client.send(sendFrame("x", other.conversationId(),
                chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("fel samtal"))));
        var error = client.nextFrame(WAIT);
        assertEquals("error", error.get("type").getStringValue());
        assertEquals(404, error.get("problem").get("status").getIntValue());
        client.send("{\"type\":\"send\",\"ref\":\"y\",\"conversationId\":\"" + chat.conversationId() + "\",\"envelopes\":[]}");
        assertEquals(400, client.nextFrame(WAIT).get("problem").get("status").getIntValue());
        assertTrue(!client.isClosed());
        directory.close(chat.assignmentId());
        assertEquals(LiveFrames.CONVERSATION_CLOSED, client.awaitClose(WAIT));
    }

    private long ackedSeq(UUID device) {
        return sql.queryLong("select acked_seq from device_queue where device_id = ?", device);
    }

    private static void awaitQuietly(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
