package se.bredvid.messaging.live;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.messaging.BackendProcess;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.LiveClient;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.TestSql;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.messaging.envelopes.Delivered;
import se.bredvid.testing.Api;
import se.bredvid.testing.Await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A backend process is killed with SIGKILL under a steady send load. Every message it acknowledged must
 * reach the recipient exactly once: live before the crash, then after reconnecting to a restarted
 * instance and syncing from the last sequence the recipient processed.
 */
@MicronautTest(transactional = false)
class CrashIT implements MessagingTest {

    private static final String JWT_KEY = TwoInstancesIT.sharedJwtKey();
    private static final int MESSAGES = 400;
    private static final int KILL_AFTER_ACKS = 120;

    @Inject
    ChatFixtures chats;

    @Inject
    TestSql sql;

    @Override
    public Map<String, String> moreProperties() {
        return Map.of("bredvid.jwt.private-key", JWT_KEY);
    }

    private Map<String, String> processProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("micronaut.environments", "test");
        p.put("datasources.default.url", sql.url());
        p.put("datasources.default.username", sql.user());
        p.put("datasources.default.password", sql.password());
        p.put("bredvid.jwt.private-key", JWT_KEY);
        return p;
    }

    @Test
    void everyAcknowledgedMessageIsDeliveredExactlyOnceAfterTheInstanceIsKilled() throws Exception {
        var chat = chats.chat();
        TestDevice sender = chat.client();
        TestDevice recipient = chat.volunteer();
        List<WireEnvelope> outgoing = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            outgoing.addAll(sender.seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("meddelande " + i)));
        }

        BackendProcess first = BackendProcess.start(processProperties(), Duration.ofSeconds(120));
        AtomicReference<URI> target = new AtomicReference<>(first.base());
        LiveClient beforeCrash = LiveClient.authenticated(first.base(), chats.mapper(), recipient.token(), 0);

        Map<String, Long> acknowledged = new ConcurrentHashMap<>();
        Thread load = new Thread(() -> sendAll(outgoing, chat.conversationId(), sender.token(), target, acknowledged));
        load.start();

        Await.until(() -> acknowledged.size() >= KILL_AFTER_ACKS, Duration.ofSeconds(60), "acks before the kill");
        first.kill();
        int ackedBeforeKill = acknowledged.size();
        assertTrue(beforeCrash.awaitClose(Duration.ofSeconds(10)) != null, "the socket died with its instance");

        try (BackendProcess second = BackendProcess.start(processProperties(), Duration.ofSeconds(120))) {
            target.set(second.base());
            load.join(Duration.ofSeconds(120).toMillis());
            assertEquals(MESSAGES, acknowledged.size(), "every message is eventually acknowledged");
            assertTrue(ackedBeforeKill < MESSAGES, "the kill happened under load");

            long processed = beforeCrash.envelopes().stream().mapToLong(Delivered::seq).max().orElse(0);
            LiveClient afterCrash = LiveClient.authenticated(second.base(), chats.mapper(), recipient.token(), processed);
            try {
                Await.until(() -> beforeCrash.envelopes().size() + afterCrash.envelopes().size() >= MESSAGES,
                        Duration.ofSeconds(30), "live delivery after reconnect");
                long last = afterCrash.envelopes().stream().mapToLong(Delivered::seq).max().orElse(processed);
                recipient.via(new Api(io.micronaut.http.client.HttpClient.create(second.base().toURL()), chats.mapper()));
                List<Delivered> synced = recipient.syncAll(last);

                List<Delivered> all = new ArrayList<>(beforeCrash.envelopes());
                all.addAll(afterCrash.envelopes());
                all.addAll(synced);
                List<String> ids = all.stream().map(d -> d.envelope().messageId()).toList();
                Set<String> unique = new HashSet<>(ids);
                assertEquals(ids.size(), unique.size(), "no envelope was delivered twice");
                assertEquals(acknowledged.keySet(), unique, "every acknowledged envelope was delivered");
                for (Delivered d : all) {
                    assertEquals(acknowledged.get(d.envelope().messageId()), d.seq(), "delivered under its acknowledged seq");
                }
                assertTrue(recipient.open(all.get(all.size() - 1)).contains("meddelande"));
            } finally {
                afterCrash.close();
            }
        }
    }

    /** A client's send loop: each message is retried until acknowledged (retries are idempotent). */
    private void sendAll(List<WireEnvelope> outgoing, UUID conversationId, String token, AtomicReference<URI> target,
                         Map<String, Long> acknowledged) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        for (WireEnvelope e : outgoing) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    String body = chats.mapper().writeValueAsString(Map.of("envelopes", List.of(e)));
                    var r = http.send(HttpRequest.newBuilder(target.get().resolve("/api/conversations/" + conversationId + "/envelopes"))
                                    .timeout(Duration.ofSeconds(10))
                                    .header("Authorization", "Bearer " + token)
                                    .header("Content-Type", "application/json")
                                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        var node = chats.mapper().readValue(r.body(), io.micronaut.json.tree.JsonNode.class);
                        long seq = node.get("stored").values().iterator().next().get("seq").getLongValue();
                        acknowledged.put(e.messageId(), seq);
                        break;
                    }
                } catch (java.io.IOException ex) {
                    // the instance is down: try again
                } catch (InterruptedException ex) {
                    return;
                }
                try {
                    Thread.sleep(50);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }
    }
}
