package se.bredvid.messaging.live;

import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.LiveClient;
import java.time.Duration;
import java.util.Map;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** A socket that does not authenticate within the window is closed (a short window, so the tests are quick). */
@MicronautTest(transactional = false)
class LiveAuthTimeoutIT implements se.bredvid.messaging.MessagingTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @Inject
    ChatFixtures chats;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> moreProperties() {
        return Map.of("bredvid.messaging.live.auth-timeout", "2s");
    }

    private LiveClient raw() {
        return LiveClient.connect(server.getURI(), chats.mapper());
    }

    @Test
    void aSocketIsNotAuthenticatedByATokenInTheUrl() {
        var chat = chats.chat();
        var ws = java.net.URI.create("ws://" + server.getHost() + ":" + server.getPort() + "/api/live?token=" + chat.client().token());
        var c = new java.util.concurrent.CompletableFuture<Integer>();
        java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(ws, new java.net.http.WebSocket.Listener() {
            @Override
            public java.util.concurrent.CompletionStage<?> onClose(java.net.http.WebSocket s, int code, String reason) {
                c.complete(code);
                return null;
            }
        }).join();
        assertEquals(LiveFrames.AUTH_TIMEOUT, c.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join());
    }

    @Test
    void aSocketWithoutAuthenticationIsClosedAfterTheTimeout() {
        assertEquals(LiveFrames.AUTH_TIMEOUT, raw().awaitClose(WAIT));
    }
}
