package se.bredvid.messaging.live;

import io.micronaut.http.HttpRequest;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.token.MapClaims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import io.micronaut.security.token.validator.TokenValidator;
import io.micronaut.websocket.CloseReason;
import io.micronaut.websocket.WebSocketSession;
import jakarta.annotation.PreDestroy;
import io.micronaut.scheduling.TaskExecutors;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import se.bredvid.identity.Caller;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.messaging.envelopes.CommittedEnvelopes;
import se.bredvid.messaging.envelopes.Delivered;
import se.bredvid.messaging.envelopes.EnvelopeService;
import se.bredvid.messaging.notify.DeviceSignalListener;
import se.bredvid.platform.Problem;
import se.bredvid.platform.ProblemException;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The live sockets of this instance and the one thread that feeds them.
 *
 * <p>Delivery: envelopes this instance has just committed are handed over from memory
 * ({@link CommittedEnvelopes}); a signal from another instance (NOTIFY), or anything in doubt, marks devices
 * dirty, and the delivery thread reads the queues of all dirty devices in one query, after each socket's
 * cursor. Only that thread moves cursors and sends envelopes, so each socket receives its queue in sequence
 * order. An envelope from memory is sent only if it is the very next of its socket's queue (sequence =
 * cursor + 1); after a gap (a commit on another writer or instance not heard of yet, a number a retry left
 * unused) the device is read instead. Since sequences become visible in commit order per device, a socket
 * never skips an envelope. A socket starts at the {@code since} of its auth frame, so connecting is also
 * catching up.
 *
 * <p>Frames are read on the socket's event loop. A send or an acknowledgement of an authenticated socket is
 * handled there (a send waits for its group commit without holding a thread, and is answered from the writer
 * that committed it); anything else (authentication, a fresh token, and whatever comes while such a frame is
 * handled) runs on the blocking executor, one frame after another per socket, in the order they came.
 *
 * <p>Access: a socket's token is checked again every {@code recheckInterval}: an expired token (the
 * device did not send a fresh one) or a revoked session (device revoked, signed out) closes it. A closed
 * conversation closes the sockets of its devices at once; its envelopes are not read after the close commits
 * (the queue query skips closed conversations), and one handed over from memory was committed before it.
 */
@Singleton
class LiveHub implements DeviceSignalListener, CommittedEnvelopes {

    private static final Logger LOG = LoggerFactory.getLogger(LiveHub.class);
    private static final String ATTRIBUTE = "bredvid.live";

    /** One socket. {@code cursor} is read and written by the delivery thread only (after registration). */
    static final class Connection {
        final WebSocketSession session;
        final HttpRequest<?> upgrade;
        volatile Caller caller;
        volatile Instant expiresAt;
        volatile Map<String, Object> claims;
        volatile long cursor;
        /** Frames handled on the blocking executor, in order; guarded by this connection. */
        private CompletableFuture<Void> serial = CompletableFuture.completedFuture(null);

        Connection(WebSocketSession session, HttpRequest<?> upgrade) {
            this.session = session;
            this.upgrade = upgrade;
        }

        /** Whether frames of this socket wait on (or run on) the blocking executor. */
        synchronized boolean busy() {
            return !serial.isDone();
        }

        /** Runs {@code work} on {@code executor} after every frame queued before it. */
        synchronized void later(Executor executor, Runnable work) {
            serial = serial.handleAsync((x, t) -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    LOG.warn("live frame failed: {}", e.getClass().getSimpleName());
                }
                return null;
            }, executor);
        }
    }

    private final Map<String, Connection> sessions = new ConcurrentHashMap<>();
    private final Map<UUID, Set<Connection>> byDevice = new ConcurrentHashMap<>();
    private final Set<UUID> dirty = ConcurrentHashMap.newKeySet();
    /** Envelopes committed on this instance for devices with a socket here, not handed over yet. */
    private final Map<UUID, List<Delivered>> fresh = new ConcurrentHashMap<>();
    private final Map<UUID, Long> acks = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    @SuppressWarnings("rawtypes")
    private final List<TokenValidator> tokenValidators;
    @SuppressWarnings("rawtypes")
    private final List<GenericJwtClaimsValidator> claimsValidators;
    private final EnvelopeService envelopes;
    private final JsonMapper json;
    private final Clock clock;
    private final LiveConfig config;
    private final Executor blocking;
    private final ScheduledExecutorService timers;
    private final Thread deliverer;
    private volatile boolean running = true;
    /** Frames heard before their socket's open was handled, by session id; guarded by {@link #opening}. */
    private final Map<String, List<String>> early = new HashMap<>();
    private final Object opening = new Object();
    private static final int MAX_EARLY_FRAMES = 4;

    @SuppressWarnings("rawtypes")
    LiveHub(List<TokenValidator> tokenValidators, List<GenericJwtClaimsValidator> claimsValidators,
            EnvelopeService envelopes, JsonMapper json, Clock clock, LiveConfig config, MeterRegistry meters,
            @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        Gauge.builder("bredvid.live.connections", sessions, Map::size)
                .description("WebSocket connections open on this instance").register(meters);
        Gauge.builder("bredvid.live.devices", byDevice, Map::size)
                .description("Devices signed in over a WebSocket on this instance").register(meters);
        this.tokenValidators = tokenValidators;
        this.claimsValidators = claimsValidators;
        this.envelopes = envelopes;
        this.json = json;
        this.clock = clock;
        this.config = config;
        this.blocking = blocking;
        this.timers = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "live-timers");
            t.setDaemon(true);
            return t;
        });
        long recheck = config.recheckInterval().toMillis();
        timers.scheduleWithFixedDelay(this::recheckAll, recheck, recheck, TimeUnit.MILLISECONDS);
        long flush = config.ackFlushInterval().toMillis();
        timers.scheduleWithFixedDelay(this::flushAcks, flush, flush, TimeUnit.MILLISECONDS);
        this.deliverer = new Thread(this::deliverLoop, "live-deliver");
        deliverer.setDaemon(true);
        deliverer.start();
    }

    // ---- socket events ----

    void opened(WebSocketSession session, HttpRequest<?> upgrade) {
        Connection c = new Connection(session, upgrade);
        List<String> pending;
        synchronized (opening) {
            sessions.put(session.getId(), c);
            pending = early.remove(session.getId());
        }
        timers.schedule(() -> {
            if (c.caller == null && session.isOpen()) {
                close(c, LiveFrames.AUTH_TIMEOUT, "authentication timeout");
            }
        }, config.authTimeout().toMillis(), TimeUnit.MILLISECONDS);
        if (pending != null) {
            pending.forEach(text -> received(session, text));
        }
    }

    void received(WebSocketSession session, String text) {
        Connection c = sessions.get(session.getId());
        if (c == null) {
            // The open and the first frame run on different threads: a device that sends its auth frame the
            // moment the upgrade completes can be heard before the open is handled. Its frames wait for it
            // (a few at most), instead of being dropped and leaving the device without an answer.
            synchronized (opening) {
                c = sessions.get(session.getId());
                if (c == null) {
                    List<String> waiting = early.computeIfAbsent(session.getId(), id -> new ArrayList<>());
                    if (waiting.size() < MAX_EARLY_FRAMES) {
                        waiting.add(text);
                    }
                    return;
                }
            }
        }
        LiveFrames.ClientFrame frame;
        try {
            frame = json.readValue(text, LiveFrames.ClientFrame.class);
        } catch (IOException | RuntimeException e) {
            close(c, LiveFrames.BAD_FRAME, "bad frame");
            return;
        }
        if (frame == null || frame.type() == null) {
            close(c, LiveFrames.BAD_FRAME, "bad frame");
            return;
        }
        boolean quick = "send".equals(frame.type()) || "ack".equals(frame.type());
        if (quick && c.caller != null && !c.busy()) {
            handle(c, frame);
        } else {
            Connection connection = c;
            c.later(blocking, () -> handle(connection, frame));
        }
    }

    private void handle(Connection c, LiveFrames.ClientFrame frame) {
        switch (frame.type()) {
            case "auth" -> authenticate(c, frame);
            case "token" -> refreshToken(c, frame);
            case "ack" -> acknowledge(c, frame);
            case "send" -> sendEnvelopes(c, frame);
            default -> close(c, LiveFrames.BAD_FRAME, "unknown frame type");
        }
    }

    void closed(WebSocketSession session) {
        synchronized (opening) {
            early.remove(session.getId());
        }
        Connection c = sessions.remove(session.getId());
        if (c != null && c.caller != null) {
            byDevice.computeIfPresent(c.caller.id(), (id, set) -> {
                set.remove(c);
                return set.isEmpty() ? null : set;
            });
        }
    }

    void failed(WebSocketSession session, Throwable error) {
        // The cause may quote frame content; only its type is logged.
        LOG.debug("live socket error: {}", error.getClass().getSimpleName());
        Connection c = sessions.get(session.getId());
        if (c != null) {
            close(c, CloseReason.INTERNAL_ERROR.getCode(), "error");
        }
    }

    private void authenticate(Connection c, LiveFrames.ClientFrame frame) {
        if (c.caller != null) {
            close(c, LiveFrames.BAD_FRAME, "already authenticated");
            return;
        }
        long since = frame.since() == null ? 0 : frame.since();
        Optional<Authentication> auth = validate(frame.token(), c.upgrade);
        Caller caller = auth.map(Caller::of).orElse(null);
        if (since < 0 || caller == null || ConversationDirectory.deviceKind(caller).isEmpty()) {
            close(c, LiveFrames.UNAUTHORIZED, "unauthorized");
            return;
        }
        c.claims = auth.get().getAttributes();
        c.expiresAt = expiry(c.claims);
        c.cursor = since;
        c.caller = caller;
        if (!c.session.isOpen()) {
            return;
        }
        byDevice.computeIfAbsent(caller.id(), id -> ConcurrentHashMap.newKeySet()).add(c);
        send(c, new LiveFrames.Ready(caller.id()));
        markDirty(caller.id());
    }

    private void refreshToken(Connection c, LiveFrames.ClientFrame frame) {
        Caller current = c.caller;
        if (current == null) {
            close(c, LiveFrames.UNAUTHORIZED, "unauthorized");
            return;
        }
        Optional<Authentication> auth = validate(frame.token(), c.upgrade);
        if (auth.isEmpty() || !Caller.of(auth.get()).id().equals(current.id())) {
            close(c, LiveFrames.UNAUTHORIZED, "unauthorized");
            return;
        }
        c.claims = auth.get().getAttributes();
        c.expiresAt = expiry(c.claims);
    }

    private void acknowledge(Connection c, LiveFrames.ClientFrame frame) {
        Caller caller = c.caller;
        if (caller == null) {
            close(c, LiveFrames.UNAUTHORIZED, "unauthorized");
            return;
        }
        if (frame.upTo() == null || frame.upTo() < 0) {
            close(c, LiveFrames.BAD_FRAME, "bad ack");
            return;
        }
        acks.merge(caller.id(), frame.upTo(), Math::max);
    }

    private void sendEnvelopes(Connection c, LiveFrames.ClientFrame frame) {
        Caller caller = c.caller;
        if (caller == null) {
            close(c, LiveFrames.UNAUTHORIZED, "unauthorized");
            return;
        }
        String ref = frame.ref() != null && frame.ref().length() <= 64 ? frame.ref() : null;
        UUID conversation;
        try {
            conversation = UUID.fromString(String.valueOf(frame.conversationId()));
        } catch (IllegalArgumentException e) {
            send(c, new LiveFrames.Error(ref, ProblemException.invalid("conversationId", "must be a UUID").toProblem()));
            return;
        }
        envelopes.postAsync(caller, conversation, frame.envelopes(), blocking).whenComplete((receipts, failed) -> {
            if (failed == null) {
                send(c, new LiveFrames.Stored(ref, receipts));
            } else if (failed instanceof ProblemException refused) {
                send(c, new LiveFrames.Error(ref, refused.toProblem()));
            } else {
                // Nothing was stored (the statement or transaction rolled back); the device retries, as after a 503.
                LOG.warn("live send failed: {}", failed.getClass().getSimpleName());
                send(c, new LiveFrames.Error(ref, new Problem(Problem.type("unavailable"), "Service unavailable", 503,
                        "Nothing was stored; try again shortly.", List.of())));
            }
        });
    }

    // ---- signals ----

    @Override
    public void envelopesArrived(Set<UUID> deviceIds) {
        for (UUID id : deviceIds) {
            if (byDevice.containsKey(id)) {
                markDirty(id);
            }
        }
    }

    @Override
    public void conversationClosed(Set<UUID> deviceIds) {
        for (UUID id : deviceIds) {
            Set<Connection> set = byDevice.get(id);
            if (set != null) {
                for (Connection c : List.copyOf(set)) {
                    close(c, LiveFrames.CONVERSATION_CLOSED, "conversation closed");
                }
            }
        }
    }

    @Override
    public void resync() {
        dirty.addAll(byDevice.keySet());
        wake.release();
    }

    @Override
    public boolean wants(UUID deviceId) {
        return byDevice.containsKey(deviceId);
    }

    @Override
    public void committed(Map<UUID, List<Delivered>> byRecipient) {
        boolean any = false;
        for (var e : byRecipient.entrySet()) {
            if (byDevice.containsKey(e.getKey())) {
                fresh.merge(e.getKey(), e.getValue(), (a, b) -> {
                    List<Delivered> both = new ArrayList<>(a.size() + b.size());
                    both.addAll(a);
                    both.addAll(b);
                    return both;
                });
                any = true;
            }
        }
        if (any) {
            wake.release();
        }
    }

    private void markDirty(UUID deviceId) {
        dirty.add(deviceId);
        wake.release();
    }

    // ---- delivery ----

    private void deliverLoop() {
        while (running) {
            try {
                wake.acquire();
                wake.drainPermits();
                deliverOnce();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                // Most likely the database is unreachable: try again shortly, nothing is lost (rows are the truth).
                LOG.warn("live delivery failed: {}", e.getClass().getSimpleName());
                sleepQuietly(200);
                wake.release();
            }
        }
    }

    private void deliverOnce() {
        deliverFromMemory();
        Set<UUID> devices = new HashSet<>();
        for (var it = dirty.iterator(); it.hasNext(); ) {
            devices.add(it.next());
            it.remove();
        }
        Map<UUID, Long> cursors = new HashMap<>();
        Map<UUID, List<Connection>> targets = new HashMap<>();
        for (UUID device : devices) {
            Set<Connection> set = byDevice.get(device);
            if (set == null) {
                continue;
            }
            for (Connection c : set) {
                if (c.session.isOpen()) {
                    targets.computeIfAbsent(device, d -> new ArrayList<>()).add(c);
                    cursors.merge(device, c.cursor, Math::min);
                }
            }
        }
        if (cursors.isEmpty()) {
            return;
        }
        Map<UUID, List<Delivered>> found;
        try {
            found = envelopes.pending(cursors);
        } catch (RuntimeException e) {
            dirty.addAll(cursors.keySet());
            throw e;
        }
        int page = envelopes.maxPage();
        for (var entry : found.entrySet()) {
            List<Delivered> queue = entry.getValue();
            if (queue.size() >= page) {
                markDirty(entry.getKey());
            }
            for (Connection c : targets.getOrDefault(entry.getKey(), List.of())) {
                long cursor = c.cursor;
                List<Delivered> fresh = queue.stream().filter(d -> d.seq() > cursor).toList();
                if (!fresh.isEmpty()) {
                    c.cursor = fresh.get(fresh.size() - 1).seq();
                    send(c, new LiveFrames.Envelopes(fresh));
                }
            }
        }
    }

    /**
     * Hands each socket the envelopes committed here that continue its queue without a gap; a device whose
     * envelopes do not (or that is dirty anyway) is read from the database instead.
     */
    private void deliverFromMemory() {
        for (UUID device : List.copyOf(fresh.keySet())) {
            List<Delivered> items = fresh.remove(device);
            Set<Connection> set = byDevice.get(device);
            if (items == null || set == null || dirty.contains(device)) {
                continue;
            }
            items.sort(Comparator.comparingLong(Delivered::seq));
            for (Connection c : set) {
                if (!c.session.isOpen()) {
                    continue;
                }
                long cursor = c.cursor;
                List<Delivered> next = new ArrayList<>(items.size());
                for (Delivered d : items) {
                    if (d.seq() <= cursor) {
                        continue;
                    }
                    if (d.seq() != cursor + 1) {
                        dirty.add(device);
                        break;
                    }
                    next.add(d);
                    cursor = d.seq();
                }
                if (!next.isEmpty()) {
                    c.cursor = cursor;
                    send(c, new LiveFrames.Envelopes(next));
                }
            }
        }
    }

    private void flushAcks() {
        if (acks.isEmpty()) {
            return;
        }
        Map<UUID, Long> batch = new HashMap<>();
        for (UUID device : List.copyOf(acks.keySet())) {
            Long upTo = acks.remove(device);
            if (upTo != null) {
                batch.put(device, upTo);
            }
        }
        try {
            envelopes.ackAll(batch);
        } catch (RuntimeException e) {
            batch.forEach((device, upTo) -> acks.merge(device, upTo, Math::max));
            LOG.warn("could not record acknowledgements: {}", e.getClass().getSimpleName());
        }
    }

    // ---- access re-checks ----

    @SuppressWarnings("unchecked")
    private void recheckAll() {
        Instant now = clock.instant();
        for (Connection c : sessions.values()) {
            if (c.caller == null) {
                continue;
            }
            boolean valid = c.expiresAt != null && now.isBefore(c.expiresAt);
            if (valid) {
                MapClaims claims = new MapClaims(c.claims);
                for (GenericJwtClaimsValidator v : claimsValidators) {
                    if (!v.validate(claims, c.upgrade)) {
                        valid = false;
                        break;
                    }
                }
            }
            if (!valid) {
                close(c, LiveFrames.UNAUTHORIZED, "unauthorized");
            }
        }
    }

    @SuppressWarnings("unchecked")
    private Optional<Authentication> validate(String token, HttpRequest<?> upgrade) {
        if (token == null || token.isBlank() || token.length() > 4096) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(Flux.fromIterable(tokenValidators)
                    .concatMap(v -> (org.reactivestreams.Publisher<Authentication>) v.validateToken(token, upgrade))
                    .next()
                    .block(Duration.ofSeconds(5)));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private Instant expiry(Map<String, Object> claims) {
        Object exp = claims.get("exp");
        if (exp instanceof Date d) {
            return d.toInstant();
        }
        if (exp instanceof Number n) {
            return Instant.ofEpochSecond(n.longValue());
        }
        if (exp instanceof Instant i) {
            return i;
        }
        return clock.instant();
    }

    private void send(Connection c, Object frame) {
        if (!c.session.isOpen()) {
            return;
        }
        try {
            c.session.sendAsync(json.writeValueAsString(frame));
        } catch (IOException e) {
            LOG.warn("could not encode a live frame: {}", e.getClass().getSimpleName());
        }
    }

    private void close(Connection c, int code, String reason) {
        if (c.session.isOpen()) {
            c.session.close(new CloseReason(code, reason));
        }
        closed(c.session);
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connected, authenticated sockets on this instance (for metrics and tests). */
    int connectedDevices() {
        return byDevice.size();
    }

    @PreDestroy
    void stop() {
        running = false;
        deliverer.interrupt();
        timers.shutdownNow();
        for (Connection c : List.copyOf(sessions.values())) {
            close(c, CloseReason.GOING_AWAY.getCode(), "server stopping");
        }
    }
}
