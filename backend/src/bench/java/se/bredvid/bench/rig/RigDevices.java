package se.bredvid.bench.rig;

import io.micronaut.json.JsonMapper;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.reference.EnvelopeCrypto;
import se.bredvid.protocol.WireEnvelope;

import io.netty.channel.Channel;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Paired phones as the rig's programs drive them, each with a live socket through the load balancer that comes
 * back by itself when it drops (a new connection through the balancer, authenticated again, resuming from the
 * last sequence it processed, as the app does). A message counts as acknowledged when the server answered
 * "stored" for it; a send whose socket dropped first is sent again with the same message id (the server keeps
 * one envelope per message id), so a retry can never store a message twice. Every delivery is recorded with
 * its sequence number: one message id arriving under two sequence numbers would be a stored duplicate.
 * The sockets run on {@link RigNetty} (two event-loop threads for all phones).
 */
final class RigDevices implements AutoCloseable {

    private static final Pattern MESSAGE = Pattern.compile("\"seq\":(\\d+)[^{}]*?\"envelope\":\\{[^{}]*?\"messageId\":\"([0-9a-f-]{36})\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern PROBLEM = Pattern.compile("\"type\":\"(urn:[^\"]*)\".*?\"status\":(\\d+)");
    private static final Pattern REF = Pattern.compile("\"ref\":\"([0-9a-f-]{36})\"");

    /** A sealed message and its socket frame. */
    record Message(UUID id, UUID conversationId, UUID from, UUID to, String frame) {

        /** The same envelopes as the body of {@code POST /api/conversations/{id}/envelopes}. */
        String body() {
            return "{" + frame.substring(frame.indexOf("\"envelopes\":"));
        }
    }

    final URI ws;
    final JsonMapper mapper;
    final List<ChatFixtures.Chat> pairs;
    final RigNetty net = new RigNetty();
    final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    final Map<UUID, Phone> phones = new ConcurrentHashMap<>();
    final Map<UUID, EnvelopeCrypto.PeerDevice> peers = new ConcurrentHashMap<>();
    /** message id → when it was first sent, acknowledged, first delivered; and the sequence numbers it came under. */
    final Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
    final Map<UUID, Long> ackedAt = new ConcurrentHashMap<>();
    final Map<UUID, Long> deliveredAt = new ConcurrentHashMap<>();
    /** The sequence each message first arrived under; those that arrived under another one too (stored twice). */
    final Map<UUID, Long> deliveredSeqs = new ConcurrentHashMap<>();
    final Set<UUID> storedTwiceIds = ConcurrentHashMap.newKeySet();
    final Map<UUID, CompletableFuture<Boolean>> pending = new ConcurrentHashMap<>();
    final AtomicLong disconnects = new AtomicLong();
    /** Why sockets closed: the close code, or "error" for a broken connection. */
    final Map<String, AtomicLong> closeReasons = new ConcurrentHashMap<>();
    /** Refusals the server sent for sends, by problem type and status. */
    final Map<String, AtomicLong> refusals = new ConcurrentHashMap<>();
    final AtomicLong refused = new AtomicLong();
    /** Envelopes that arrived again under a sequence number they had already arrived under. */
    final AtomicLong deliveredTwice = new AtomicLong();
    volatile long lastReconnectAt;

    RigDevices(URI lb, JsonMapper mapper, List<ChatFixtures.Chat> pairs) {
        this.ws = URI.create("ws://" + lb.getHost() + ":" + lb.getPort() + "/api/live");
        this.mapper = mapper;
        this.pairs = pairs;
        for (var chat : pairs) {
            for (TestDevice d : List.of(chat.client(), chat.volunteer())) {
                peers.put(d.id(), new EnvelopeCrypto.PeerDevice(d.id(), d.keys.identityPublicKey(), d.keys.currentPreKey()));
                phones.put(d.id(), new Phone(d));
            }
        }
    }

    void connectAll() throws Exception {
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (Phone p : phones.values()) {
            ready.add(p.connect());
        }
        CompletableFuture.allOf(ready.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    }

    long connected() {
        return phones.values().stream().filter(p -> p.ready.isDone() && !p.ready.isCompletedExceptionally()).count();
    }

    /** n messages sealed with real HPKE, each from one side of a random pair to the other. */
    List<Message> seal(int n) throws Exception {
        List<Message> out = new ArrayList<>(n);
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        byte[] text = TestDevice.text("Hej! Hur har veckan varit? Vill du ses på torsdag?").getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < n; i++) {
            var chat = pairs.get(rnd.nextInt(pairs.size()));
            boolean fromClient = rnd.nextBoolean();
            TestDevice from = fromClient ? chat.client() : chat.volunteer();
            TestDevice to = fromClient ? chat.volunteer() : chat.client();
            UUID id = UUID.randomUUID();
            WireEnvelope e = EnvelopeCrypto.seal(chat.conversationId(), id, from.id(), from.keys, peers.get(to.id()), text);
            out.add(new Message(id, chat.conversationId(), from.id(), to.id(), "{\"type\":\"send\",\"ref\":\"" + id + "\",\"conversationId\":\""
                    + chat.conversationId() + "\",\"envelopes\":" + mapper.writeValueAsString(List.of(e)) + "}"));
        }
        return out;
    }

    /**
     * Sends until the server said "stored", on whatever socket the sender has then: a send that got no answer
     * within 5 s (its socket dropped, its instance died) is sent again with the same id. Completes with true
     * when stored, false when refused (an "error" frame) or after {@code giveUpMs}.
     */
    CompletableFuture<Boolean> send(Message m, long giveUpMs, boolean retryRefused) {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        sentAt.putIfAbsent(m.id(), System.nanoTime());
        attempt(m, result, System.nanoTime() + giveUpMs * 1_000_000L, retryRefused);
        return result;
    }

    /** As the app's outbox does: a refused send (e.g. 503 while the database is away) is tried again shortly. */
    private void attempt(Message m, CompletableFuture<Boolean> result, long deadline, boolean retryRefused) {
        if (System.nanoTime() > deadline) {
            result.complete(false);
            return;
        }
        Phone phone = phones.get(m.from());
        phone.ready.whenComplete((ok, t) -> {
            CompletableFuture<Boolean> answer = new CompletableFuture<>();
            pending.put(m.id(), answer);
            phone.send(m.frame());
            answer.orTimeout(5, TimeUnit.SECONDS).whenComplete((stored, e) -> {
                pending.remove(m.id(), answer);
                if (e == null && stored) {
                    ackedAt.putIfAbsent(m.id(), System.nanoTime());
                    result.complete(true);
                } else if (e == null && !retryRefused) {
                    refused.incrementAndGet();
                    result.complete(false);
                } else {
                    if (e == null) {
                        refused.incrementAndGet();
                    }
                    timer.schedule(() -> attempt(m, result, deadline, retryRefused), e == null ? 200 : 50, TimeUnit.MILLISECONDS);
                }
            });
        });
    }

    /** Waits until every acknowledged message has arrived, or the time is up; answers how many are still missing. */
    long awaitDeliveries(long timeoutMs) throws InterruptedException {
        long end = System.currentTimeMillis() + timeoutMs;
        long missing;
        do {
            missing = ackedAt.keySet().stream().filter(id -> !deliveredAt.containsKey(id)).count();
            if (missing == 0) {
                return 0;
            }
            Thread.sleep(50);
        } while (System.currentTimeMillis() < end);
        return missing;
    }

    /** Message ids that arrived under more than one sequence number: stored twice. */
    long storedTwice() {
        return storedTwiceIds.size();
    }

    /** Forgets the deliveries of earlier phases. */
    void clearDeliveries() {
        deliveredAt.clear();
        deliveredSeqs.clear();
        storedTwiceIds.clear();
    }

    /** One phone: its socket and its place in its queue. */
    final class Phone implements RigNetty.SocketListener {
        final TestDevice device;
        volatile CompletableFuture<Void> ready = new CompletableFuture<>();
        volatile Channel socket;
        volatile long lastSeq;
        volatile boolean closing;

        Phone(TestDevice device) {
            this.device = device;
        }

        CompletableFuture<Void> connect() {
            CompletableFuture<Void> r = ready.isDone() ? new CompletableFuture<>() : ready;
            ready = r;
            net.connect(ws, this);
            return r;
        }

        @Override
        public void opened(Channel channel) {
            socket = channel;
            RigNetty.send(channel, "{\"type\":\"auth\",\"token\":\"" + device.token() + "\",\"since\":" + lastSeq + "}");
        }

        void send(String text) {
            Channel s = socket;
            if (s != null) {
                RigNetty.send(s, text);
            }
        }

        private void reconnectLater() {
            if (closing) {
                return;
            }
            disconnects.incrementAndGet();
            if (ready.isDone()) {
                ready = new CompletableFuture<>();
            }
            timer.schedule(this::connect, 100 + ThreadLocalRandom.current().nextInt(400), TimeUnit.MILLISECONDS);
        }

        @Override
        public void text(String frame) {
            long now = System.nanoTime();
            if (frame.startsWith("{\"type\":\"ready\"")) {
                if (ready.isDone()) {
                    return;
                }
                lastReconnectAt = now;
                ready.complete(null);
            } else if (frame.startsWith("{\"type\":\"stored\"") || frame.startsWith("{\"type\":\"error\"")) {
                if (frame.startsWith("{\"type\":\"error\"")) {
                    Matcher type = PROBLEM.matcher(frame);
                    refusals.computeIfAbsent(type.find() ? type.group(1) + " " + type.group(2) : "?", k -> new AtomicLong()).incrementAndGet();
                }
                Matcher ref = REF.matcher(frame);
                if (ref.find()) {
                    var answer = pending.get(UUID.fromString(ref.group(1)));
                    if (answer != null) {
                        answer.complete(frame.startsWith("{\"type\":\"stored\""));
                    }
                }
            } else if (frame.startsWith("{\"type\":\"envelopes\"")) {
                long max = lastSeq;
                Matcher m = MESSAGE.matcher(frame);
                while (m.find()) {
                    long seq = Long.parseLong(m.group(1));
                    UUID id = UUID.fromString(m.group(2));
                    Long first = deliveredSeqs.putIfAbsent(id, seq);
                    if (first == null) {
                        deliveredAt.putIfAbsent(id, now);
                    } else if (first == seq) {
                        deliveredTwice.incrementAndGet();
                    } else {
                        storedTwiceIds.add(id);
                    }
                    max = Math.max(max, seq);
                }
                Matcher s = SEQ.matcher(frame);
                while (s.find()) {
                    max = Math.max(max, Long.parseLong(s.group(1)));
                }
                lastSeq = max;
                send("{\"type\":\"ack\",\"upTo\":" + max + "}");
            }
        }

        @Override
        public void ended(Channel channel, int code, Throwable error) {
            closeReasons.computeIfAbsent(code >= 0 ? String.valueOf(code)
                    : "error " + (error == null ? "closed" : error.getClass().getSimpleName()), k -> new AtomicLong()).incrementAndGet();
            if (channel == null || channel == socket) {
                socket = null;
                reconnectLater();
            }
        }
    }

    @Override
    public void close() {
        for (Phone p : phones.values()) {
            p.closing = true;
            Channel c = p.socket;
            if (c != null) {
                c.close();
            }
        }
        timer.shutdownNow();
        net.close();
    }
}
