package se.bredvid.messaging;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import se.bredvid.messaging.envelopes.Delivered;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A device's live socket as a test sees it: frames received, the close code, and sending frames. */
public final class LiveClient implements WebSocket.Listener {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final JsonMapper mapper;
    private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    private final List<Delivered> envelopes = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    private LiveClient(JsonMapper mapper) {
        this.mapper = mapper;
    }

    /** Opens a socket to {@code /api/live} of the server at {@code base} (http://host:port). */
    public static LiveClient connect(URI base, JsonMapper mapper) {
        LiveClient c = new LiveClient(mapper);
        URI ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/live");
        c.socket = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5)).buildAsync(ws, c).join();
        return c;
    }

    /** Opens, authenticates from {@code since} and waits for "ready". */
    public static LiveClient authenticated(URI base, JsonMapper mapper, String token, long since) {
        LiveClient c = connect(base, mapper);
        c.send("{\"type\":\"auth\",\"token\":\"" + token + "\",\"since\":" + since + "}");
        // A bound, not a sleep: a cold second instance on a loaded two-core machine can take seconds.
        JsonNode ready = c.nextFrame(Duration.ofSeconds(30));
        if (ready == null || !"ready".equals(ready.get("type").getStringValue())) {
            throw new AssertionError("no ready frame, closed with " + c.closed.getNow(null));
        }
        return c;
    }

    public void send(String frame) {
        socket.sendText(frame, true).join();
    }

    public void ack(long upTo) {
        send("{\"type\":\"ack\",\"upTo\":" + upTo + "}");
    }

    /** The next control frame (envelope frames are collected separately), or null after the timeout. */
    public JsonNode nextFrame(Duration timeout) {
        try {
            return frames.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Envelopes received so far, in arrival order. */
    public List<Delivered> envelopes() {
        return List.copyOf(envelopes);
    }

    /** Waits until the received envelopes satisfy {@code condition}. */
    public List<Delivered> awaitEnvelopes(Predicate<List<Delivered>> condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            List<Delivered> now = envelopes();
            if (condition.test(now)) {
                return now;
            }
            sleep(10);
        }
        throw new AssertionError("live envelopes did not arrive in time; got " + envelopes().size());
    }

    /** The close code, waiting up to {@code timeout}; null if still open. */
    public Integer awaitClose(Duration timeout) {
        try {
            return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            return null;
        }
    }

    public boolean isClosed() {
        return closed.isDone();
    }

    public void close() {
        if (!closed.isDone()) {
            socket.abort();
        }
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode node = mapper.readValue(text, JsonNode.class);
                if ("envelopes".equals(node.get("type").getStringValue())) {
                    for (JsonNode item : node.get("envelopes").values()) {
                        envelopes.add(mapper.readValueFromTree(item, Argument.of(Delivered.class)));
                    }
                } else {
                    frames.add(node);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(-1);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public static List<Long> seqs(List<Delivered> list) {
        List<Long> out = new ArrayList<>();
        list.forEach(d -> out.add(d.seq()));
        return out;
    }
}
