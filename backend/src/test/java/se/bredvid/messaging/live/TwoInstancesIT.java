package se.bredvid.messaging.live;

import se.bredvid.platform.AfterCommit;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.LiveClient;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.TestSql;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.testing.Api;
import se.bredvid.testing.Await;
import se.bredvid.testing.Fixtures;

import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two backend instances on two ports against one database: what one stores reaches a socket held by the
 * other, through PostgreSQL LISTEN/NOTIFY only (the instances share nothing else).
 */
@MicronautTest(transactional = false)
class TwoInstancesIT implements MessagingTest {

    static final String JWT_KEY = sharedJwtKey();
    private static final Duration WAIT = Duration.ofSeconds(15);

    @Inject
    ChatFixtures chats;

    @Inject
    Fixtures fx;

    @Inject
    ConversationDirectory directory;

    @Inject
    EmbeddedServer serverA;

    @Inject
    TestSql sql;

    private ApplicationContext contextB;
    private EmbeddedServer serverB;
    private Api apiB;
    private final List<LiveClient> sockets = new ArrayList<>();

    /** Both instances must accept each other's access tokens: one signing key for the installation. */
    static String sharedJwtKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Map<String, String> moreProperties() {
        return Map.of("bredvid.jwt.private-key", JWT_KEY,
                "bredvid.messaging.live.recheck-interval", "200ms");
    }

    @BeforeAll
    void startInstanceB() {
        Map<String, Object> props = new HashMap<>();
        props.put("datasources.default.url", sql.url());
        props.put("datasources.default.username", sql.user());
        props.put("datasources.default.password", sql.password());
        props.put("micronaut.server.port", -1);
        props.put("bredvid.jwt.private-key", JWT_KEY);
        props.put("bredvid.messaging.live.recheck-interval", "200ms");
        contextB = ApplicationContext.run(props, "test");
        serverB = contextB.getBean(EmbeddedServer.class).start();
        apiB = new Api(contextB.createBean(HttpClient.class, serverB.getURL()), chats.mapper());
    }

    @AfterEach
    void closeSockets() {
        sockets.forEach(LiveClient::close);
        sockets.clear();
    }

    @AfterAll
    void stopInstanceB() {
        if (contextB != null) {
            contextB.close();
        }
    }

    private LiveClient liveOn(EmbeddedServer server, String token) {
        LiveClient c = LiveClient.authenticated(server.getURI(), chats.mapper(), token, 0);
        sockets.add(c);
        return c;
    }

    @Test
    void theInstancesAreDistinctServers() {
        assertTrue(serverA.getPort() != serverB.getPort());
        assertEquals(200, apiB.get("/health", null).status());
    }

    @Test
    void aMessagePostedThroughAArrivesLiveOnASocketHeldByB() {
        var chat = chats.chat();
        LiveClient volunteerOnB = liveOn(serverB, chat.volunteer().token());
        UUID messageId = chat.client().sendText(chat.conversationId(), "från A till B");
        var got = volunteerOnB.awaitEnvelopes(l -> !l.isEmpty(), WAIT);
        assertEquals(messageId.toString(), got.get(0).envelope().messageId());
        assertTrue(chat.volunteer().open(got.get(0)).contains("från A till B"));
    }

    @Test
    void aMessagePostedThroughBArrivesLiveOnASocketHeldByA() {
        var chat = chats.chat();
        LiveClient clientOnA = liveOn(serverA, chat.client().token());
        chat.volunteer().via(apiB);
        UUID messageId = chat.volunteer().sendText(chat.conversationId(), "från B till A");
        var got = clientOnA.awaitEnvelopes(l -> !l.isEmpty(), WAIT);
        assertEquals(messageId.toString(), got.get(0).envelope().messageId());
    }

    @Test
    void closingTheConversationOnAClosesTheSocketOnB() {
        var chat = chats.chat();
        LiveClient volunteerOnB = liveOn(serverB, chat.volunteer().token());
        directory.close(chat.assignmentId());
        assertEquals(LiveFrames.CONVERSATION_CLOSED, volunteerOnB.awaitClose(WAIT));
    }

    @Test
    void revokingADeviceOnAClosesItsSocketOnB() {
        var chat = chats.chat();
        LiveClient volunteerOnB = liveOn(serverB, chat.volunteer().token());
        assertEquals(204, fx.api.delete("/api/devices/" + chat.volunteer().id(), chat.coordinator().accessToken()).status());
        assertEquals(LiveFrames.UNAUTHORIZED, volunteerOnB.awaitClose(WAIT));
    }

    @Test
    void aDeviceRevokedOnAIsNoLongerSentToThroughB() {
        var chat = chats.chat();
        TestDevice secondPhone = chats.device(chat.coordinator(), SubjectKind.VOLUNTEER, chat.volunteerId());
        chat.client().via(apiB);
        chat.client().sendText(chat.conversationId(), "före"); // B now remembers the conversation's three devices
        List<WireEnvelope> sealedForBoth = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("efter"));
        assertEquals(204, fx.api.delete("/api/devices/" + secondPhone.id(), chat.coordinator().accessToken()).status());
        // B hears of the revocation through its revoked-session poll (1 s), not after its memory expires (60 s).
        Await.until(() -> chat.client().post(chat.conversationId(), sealedForBoth).status() == 409, WAIT,
                "B to refuse the revoked phone as a recipient");
        assertEquals("urn:bredvid:problem:devices-changed",
                chat.client().post(chat.conversationId(), sealedForBoth).problemType());
    }

    @Test
    void aSignalCarriesDeviceIdsOnlyAndIsSentAfterCommit() throws Exception {
        var chat = chats.chat();
        try (var c = sql.connect(); var st = c.createStatement()) {
            st.execute("LISTEN bredvid_devices");
            String body = "ingen text i signalen";
            chat.client().sendText(chat.conversationId(), body);
            var pg = c.unwrap(org.postgresql.PGConnection.class);
            List<String> payloads = new ArrayList<>();
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (payloads.isEmpty() && System.currentTimeMillis() < deadline) {
                var ns = pg.getNotifications(200);
                if (ns != null) {
                    for (var n : ns) {
                        payloads.add(n.getParameter());
                    }
                }
            }
            assertTrue(!payloads.isEmpty(), "no NOTIFY seen");
            for (String p : payloads) {
                // instance id (11) + kind (1) + 22 characters per device id, nothing else
                assertEquals(0, (p.length() - 12) % 22, p);
                assertTrue(p.matches("[A-Za-z0-9_-]{11}[ec][A-Za-z0-9_-]+"), p);
                assertTrue(!p.contains(chat.conversationId().toString()) && !p.contains(body));
            }
        }
    }
}
