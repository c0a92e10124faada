package se.bredvid.messaging.live;

import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.websocket.WebSocketSession;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.messaging.ChatFixtures;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The socket's open and its first frame are handled on different threads: a device whose auth frame is
 * heard before the open still gets its answer (seen as a socket left without "ready" until the timeout).
 */
@MicronautTest(transactional = false)
class LiveEarlyFrameIT implements se.bredvid.messaging.MessagingTest {

    @Inject
    LiveHub hub;

    @Inject
    ChatFixtures chats;

    /** A session as the server sees it: open, recording what is sent to it. */
    private static WebSocketSession session(List<String> sent) {
        String id = UUID.randomUUID().toString();
        return (WebSocketSession) Proxy.newProxyInstance(WebSocketSession.class.getClassLoader(),
                new Class<?>[]{WebSocketSession.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId" -> id;
                    case "isOpen" -> true;
                    case "sendAsync" -> {
                        sent.add(String.valueOf(args[0]));
                        yield CompletableFuture.completedFuture(args[0]);
                    }
                    case "hashCode" -> id.hashCode();
                    case "equals" -> proxy == args[0];
                    case "toString" -> "session " + id;
                    default -> null;
                });
    }

    @Test
    void anAuthFrameHeardBeforeTheOpenIsAnsweredOnceTheOpenIsHandled() {
        var chat = chats.chat();
        List<String> sent = new CopyOnWriteArrayList<>();
        WebSocketSession s = session(sent);
        hub.received(s, "{\"type\":\"auth\",\"token\":\"" + chat.volunteer().token() + "\",\"since\":0}");
        assertTrue(sent.isEmpty(), "nothing is answered before the open");
        hub.opened(s, HttpRequest.GET("/api/live"));
        // Authentication runs on the blocking executor (the frame was read on the event loop): wait for its answer.
        se.bredvid.testing.Await.until(() -> sent.stream().anyMatch(f -> f.contains("\"type\":\"ready\"")),
                java.time.Duration.ofSeconds(10), "ready after the open");
        hub.closed(s);
    }
}
