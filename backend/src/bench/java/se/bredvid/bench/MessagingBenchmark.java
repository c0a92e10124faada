package se.bredvid.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.TestDevice;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.messaging.reference.EnvelopeCrypto;
import se.bredvid.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load benchmark of end-to-end delivery: a Bredvid backend (in this JVM, real PostgreSQL), N devices in
 * N/2 conversations each holding a live WebSocket, senders posting real HPKE envelopes over HTTP; the
 * latency of a message is from just before its POST to its arrival on the recipient's socket. In the
 * same run: PostgreSQL's own single-row insert rate over JDBC (autocommit, 1 and P connections).
 * Runs twice: with LISTEN/NOTIFY and without. Prints one JSON document on stdout.
 *
 * <p>Run (from the repository root, PostgreSQL from infra/postgres/ensure.sh running):
 * {@code mvn -B -q -pl backend -Pbench test-compile exec:exec -Dbench.main=se.bredvid.bench.MessagingBenchmark}
 * (arguments, e.g. {@code devices=1000 seconds=20 rate=2000 concurrency=64}, with a plain java command line
 * on the test classpath).
 */
public final class MessagingBenchmark {

    private static final Pattern MESSAGE_ID = Pattern.compile("\"messageId\":\"([0-9a-f-]{36})\"");
    private static final Pattern SEQ = Pattern.compile("\"seq\":(\\d+)");
    private static final Pattern REF = Pattern.compile("\"ref\":\"([0-9a-f-]{36})\"");

    private final int devices;
    private final int seconds;
    private final int rate;
    private final int concurrency;
    private final int poolSize = 24;
    private final String modes;
    private final String transports;
    /** The verified-token memory (issue 17): "on" (the default, as in production) or "off". */
    private final boolean tokenCache;

    private MessagingBenchmark(Map<String, String> args) {
        this.devices = Integer.parseInt(args.getOrDefault("devices", "1000"));
        this.seconds = Integer.parseInt(args.getOrDefault("seconds", "20"));
        this.rate = Integer.parseInt(args.getOrDefault("rate", "2000"));
        this.concurrency = Integer.parseInt(args.getOrDefault("concurrency", "64"));
        this.modes = args.getOrDefault("modes", "notify,no-notify");
        this.transports = args.getOrDefault("transports", "http,socket");
        this.tokenCache = !"off".equals(args.getOrDefault("tokenCache", "on"));
    }

    public static void main(String[] argv) throws Exception {
        Map<String, String> args = new HashMap<>();
        for (String a : argv) {
            String[] kv = a.split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        Map<String, Object> result = new MessagingBenchmark(args).run();
        System.out.println(toJson(result, 0));
        System.exit(0);
    }

    private static void log(String s) {
        System.err.println("[bench] " + s);
    }

    private Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
                "java", System.getProperty("java.version"), "note", "backend, PostgreSQL and load generator share these CPUs"));
        out.put("devices", devices);
        out.put("tokenCache", tokenCache);
        out.put("conversations", devices / 2);

        Map<String, Object> db = TestDatabase.freshDatabaseProperties();
        String jwtKey = jwtKey();
        out.put("postgresInsertRate", insertRate(db));

        List<Map<String, Object>> runs = new ArrayList<>();
        for (String mode : modes.split(",")) {
            runs.add(runServer(db, jwtKey, mode.equals("notify")));
        }
        out.put("runs", runs);
        // The ratio compares messages (one envelope row + one queue update per transaction) with plain
        // single-row autocommit inserts at the same client concurrency.
        double pgRate = ((Number) ((Map<?, ?>) out.get("postgresInsertRate")).get("rowsPerSecondConcurrent")).doubleValue();
        for (Map<String, Object> r : runs) {
            for (String transport : List.of("sendOverHttpPost", "sendOverWebSocket")) {
                if (!r.containsKey(transport)) {
                    continue;
                }
                @SuppressWarnings("unchecked")
                Map<String, Object> max = (Map<String, Object>) ((Map<String, Object>) r.get(transport)).get("maxThroughput");
                max.put("ratioToPostgresInsertRate", round(((Number) max.get("messagesPerSecond")).doubleValue() / pgRate, 3));
            }
        }
        return out;
    }

    // ---- PostgreSQL baseline ----

    private Map<String, Object> insertRate(Map<String, Object> db) throws Exception {
        String url = (String) db.get("datasources.default.url");
        String user = (String) db.get("datasources.default.username");
        String password = (String) db.get("datasources.default.password");
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("create table bench_insert (id bigserial primary key, device uuid not null, payload bytea not null)");
        }
        byte[] payload = new byte[360];
        ThreadLocalRandom.current().nextBytes(payload);
        double single = insertLoop(url, user, password, payload, 1, 5);
        double concurrent = insertLoop(url, user, password, payload, concurrency > poolSize ? poolSize : concurrency, 5);
        try (Connection c = DriverManager.getConnection(url, user, password); Statement st = c.createStatement()) {
            st.execute("drop table bench_insert");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "JDBC, autocommit single-row INSERT of a uuid and a 360-byte bytea, prepared statement");
        m.put("rowsPerSecondOneConnection", Math.round(single));
        m.put("connections", Math.min(concurrency, poolSize));
        m.put("rowsPerSecondConcurrent", Math.round(concurrent));
        log("PostgreSQL inserts/s: 1 connection " + Math.round(single) + ", " + Math.min(concurrency, poolSize)
                + " connections " + Math.round(concurrent));
        return m;
    }

    /** Rows/s of single-row autocommit inserts into {@code bench_insert (device uuid, payload bytea)}, {@code threads} connections. */
    public static double insertLoop(String url, String user, String password, byte[] payload, int threads, int secs)
            throws Exception {
        AtomicLong rows = new AtomicLong();
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(secs);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url, user, password);
                     PreparedStatement ps = c.prepareStatement("insert into bench_insert (device, payload) values (?, ?)")) {
                    while (System.nanoTime() < end) {
                        ps.setObject(1, UUID.randomUUID());
                        ps.setBytes(2, payload);
                        ps.executeUpdate();
                        rows.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        long start = System.nanoTime();
        for (Future<?> f : fs) {
            f.get();
        }
        pool.shutdown();
        return rows.get() / ((System.nanoTime() - start) / 1e9);
    }

    // ---- one server run ----

    private Map<String, Object> runServer(Map<String, Object> db, String jwtKey, boolean notify) throws Exception {
        log("starting backend, NOTIFY " + (notify ? "on" : "off"));
        Map<String, Object> props = new HashMap<>(db);
        props.put("micronaut.server.port", -1);
        props.put("bredvid.jwt.private-key", jwtKey);
        props.put("bredvid.tokens.access-ttl", "2h");
        props.put("bredvid.rate-limits.factor", "1000");
        props.put("bredvid.messaging.notify.enabled", String.valueOf(notify));
        props.put("datasources.default.maximum-pool-size", String.valueOf(poolSize));
        props.put("bredvid.checkins.job.enabled", "false");
        props.put("bredvid.tokens.verified-cache-size", tokenCache ? "100000" : "0");
        try (ApplicationContext ctx = ApplicationContext.run(props, "test")) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            JsonMapper mapper = ctx.getBean(JsonMapper.class);
            ChatFixtures chats = ctx.getBean(ChatFixtures.class);
            List<ChatFixtures.Chat> pairs = pair(chats, devices / 2);
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("notify", notify);
            try (Load load = new Load(server.getURI(), mapper, pairs)) {
                load.connectAll();
                log("all " + load.sockets.size() + " sockets ready");
                load.closedLoop(load.seal(Math.min(3000, rate * 2)), concurrency, false);
                for (String transport : transports.split(",")) {
                    boolean socket = transport.equals("socket");
                    Map<String, Object> t = new LinkedHashMap<>();
                    // HTTP is far slower (an ES256 token verification per request), so it gets shorter runs.
                    int openSeconds = socket ? seconds : Math.min(seconds, 3);
                    int closedCount = socket ? Math.max(rate, 2500) * seconds : 3000;
                    t.put("openLoop", load.openLoop(load.seal(rate * openSeconds), rate, socket));
                    t.put("maxThroughput", load.closedLoop(load.seal(closedCount), concurrency, socket));
                    r.put(socket ? "sendOverWebSocket" : "sendOverHttpPost", t);
                }
            }
            return r;
        }
    }

    private List<ChatFixtures.Chat> pair(ChatFixtures chats, int n) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        var fx = chats.chat();
        List<Future<ChatFixtures.Chat>> fs = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            fs.add(pool.submit(() -> chats.chat(fx.organisationId(), fx.coordinator())));
        }
        List<ChatFixtures.Chat> out = new ArrayList<>();
        out.add(fx);
        for (Future<ChatFixtures.Chat> f : fs) {
            out.add(f.get());
        }
        pool.shutdown();
        log("paired " + 2 * n + " devices in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return out;
    }

    /** A sealed message ready to send: the HTTP body and the equivalent socket frame. */
    record Envelope(UUID messageId, UUID conversationId, UUID from, String token, String body, String frame) {
    }

    /** The device side: sockets, sealing, sending, and timing. */
    private static final class Load implements AutoCloseable {
        final URI base;
        final JsonMapper mapper;
        final List<ChatFixtures.Chat> pairs;
        final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .executor(Executors.newFixedThreadPool(4)).build();
        final Map<UUID, DeviceSocket> sockets = new ConcurrentHashMap<>();
        final Map<WebSocket, DeviceSocket> bySocket = new ConcurrentHashMap<>();
        final Map<UUID, Long> sentAt = new ConcurrentHashMap<>();
        final Map<UUID, Long> deliveredAt = new ConcurrentHashMap<>();
        final Map<UUID, CompletableFuture<Integer>> pendingSends = new ConcurrentHashMap<>();
        final Map<UUID, EnvelopeCrypto.PeerDevice> peers = new ConcurrentHashMap<>();
        final AtomicLong frames = new AtomicLong();

        Load(URI base, JsonMapper mapper, List<ChatFixtures.Chat> pairs) {
            this.base = base;
            this.mapper = mapper;
            this.pairs = pairs;
            for (var chat : pairs) {
                for (TestDevice d : List.of(chat.client(), chat.volunteer())) {
                    peers.put(d.id(), new EnvelopeCrypto.PeerDevice(d.id(), d.keys.identityPublicKey(), d.keys.currentPreKey()));
                }
            }
        }

        /** A device's socket; sends on it are chained, since a WebSocket takes one outstanding send at a time. */
        static final class DeviceSocket {
            final WebSocket socket;
            private CompletableFuture<WebSocket> last;

            DeviceSocket(WebSocket socket) {
                this.socket = socket;
                this.last = CompletableFuture.completedFuture(socket);
            }

            synchronized void send(String text) {
                last = last.thenCompose(s -> s.sendText(text, true));
            }
        }

        void connectAll() throws Exception {
            URI ws = URI.create("ws://" + base.getHost() + ":" + base.getPort() + "/api/live");
            CountDownLatch ready = new CountDownLatch(pairs.size() * 2);
            Map<UUID, CompletableFuture<WebSocket>> opening = new HashMap<>();
            for (var chat : pairs) {
                for (TestDevice d : List.of(chat.client(), chat.volunteer())) {
                    opening.put(d.id(), http.newWebSocketBuilder().buildAsync(ws, new Device(ready)).thenCompose(s ->
                            s.sendText("{\"type\":\"auth\",\"token\":\"" + d.token() + "\",\"since\":0}", true)));
                }
            }
            for (var e : opening.entrySet()) {
                DeviceSocket d = new DeviceSocket(e.getValue().get(30, TimeUnit.SECONDS));
                sockets.put(e.getKey(), d);
                bySocket.put(d.socket, d);
            }
            if (!ready.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("sockets not ready: " + ready.getCount());
            }
        }

        /** Pre-seals n messages (real HPKE), each from one side of a random pair to the other. */
        List<Envelope> seal(int n) throws Exception {
            int threads = Runtime.getRuntime().availableProcessors();
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<List<Envelope>>> fs = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int count = n / threads + (t < n % threads ? 1 : 0);
                fs.add(pool.submit(() -> {
                    List<Envelope> out = new ArrayList<>(count);
                    ThreadLocalRandom rnd = ThreadLocalRandom.current();
                    byte[] text = TestDevice.text("Hej! Hur har veckan varit? Vill du ses på torsdag?").getBytes(StandardCharsets.UTF_8);
                    for (int i = 0; i < count; i++) {
                        var chat = pairs.get(rnd.nextInt(pairs.size()));
                        boolean fromClient = rnd.nextBoolean();
                        TestDevice from = fromClient ? chat.client() : chat.volunteer();
                        TestDevice to = fromClient ? chat.volunteer() : chat.client();
                        UUID messageId = UUID.randomUUID();
                        WireEnvelope e = EnvelopeCrypto.seal(chat.conversationId(), messageId, from.id(), from.keys,
                                peers.get(to.id()), text);
                        String envelopes = mapper.writeValueAsString(List.of(e));
                        out.add(new Envelope(messageId, chat.conversationId(), from.id(), from.token(),
                                "{\"envelopes\":" + envelopes + "}",
                                "{\"type\":\"send\",\"ref\":\"" + messageId + "\",\"conversationId\":\""
                                        + chat.conversationId() + "\",\"envelopes\":" + envelopes + "}"));
                    }
                    return out;
                }));
            }
            List<Envelope> all = new ArrayList<>(n);
            for (var f : fs) {
                all.addAll(f.get());
            }
            pool.shutdown();
            java.util.Collections.shuffle(all);
            return all;
        }

        CompletableFuture<Integer> post(Envelope e) {
            HttpRequest request = HttpRequest.newBuilder(base.resolve("/api/conversations/" + e.conversationId() + "/envelopes"))
                    .header("Authorization", "Bearer " + e.token())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(e.body())).build();
            sentAt.put(e.messageId(), System.nanoTime());
            return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode);
        }

        /** The same over the sender's socket: done when "stored" (200) or "error" comes back. */
        CompletableFuture<Integer> sendOnSocket(Envelope e) {
            CompletableFuture<Integer> done = new CompletableFuture<>();
            pendingSends.put(e.messageId(), done);
            sentAt.put(e.messageId(), System.nanoTime());
            sockets.get(e.from()).send(e.frame());
            return done;
        }

        CompletableFuture<Integer> send(Envelope e, boolean socket) {
            return socket ? sendOnSocket(e) : post(e);
        }

        /** As many messages as {@code concurrency} senders with one request in flight each can push. */
        Map<String, Object> closedLoop(List<Envelope> batch, int concurrency, boolean socket) throws Exception {
            Semaphore inFlight = new Semaphore(concurrency);
            return measure(batch, e -> {
                inFlight.acquireUninterruptibly();
                return send(e, socket).whenComplete((s, t) -> inFlight.release());
            }, "closed loop, " + concurrency + " sends in flight, " + (socket ? "WebSocket" : "HTTP POST"));
        }

        /** Messages offered at a fixed rate, whatever the latency (no coordinated omission). */
        Map<String, Object> openLoop(List<Envelope> batch, int rate, boolean socket) throws Exception {
            long start = System.nanoTime();
            AtomicLong i = new AtomicLong();
            return measure(batch, e -> {
                long due = start + i.getAndIncrement() * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    java.util.concurrent.locks.LockSupport.parkNanos(wait);
                }
                return send(e, socket);
            }, "open loop, " + rate + " messages/s offered, " + (socket ? "WebSocket" : "HTTP POST"));
        }

        Map<String, Object> measure(List<Envelope> batch, java.util.function.Function<Envelope, CompletableFuture<Integer>> send,
                                    String mode) throws Exception {
            sentAt.clear();
            deliveredAt.clear();
            AtomicLongArray statuses = new AtomicLongArray(600);
            List<CompletableFuture<Integer>> posts = new ArrayList<>(batch.size());
            long start = System.nanoTime();
            for (Envelope e : batch) {
                posts.add(send.apply(e).whenComplete((s, t) -> statuses.incrementAndGet(s == null ? 599 : s)));
            }
            CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(5, TimeUnit.MINUTES);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (deliveredAt.size() < batch.size() && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            long lastDelivery = deliveredAt.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
            double secs = (lastDelivery - start) / 1e9;
            long[] latencies = batch.stream()
                    .filter(e -> deliveredAt.containsKey(e.messageId()) && sentAt.containsKey(e.messageId()))
                    .mapToLong(e -> deliveredAt.get(e.messageId()) - sentAt.get(e.messageId())).sorted().toArray();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mode", mode);
            m.put("messagesSent", batch.size());
            m.put("accepted", statuses.get(200));
            m.put("failed", batch.size() - statuses.get(200));
            m.put("delivered", latencies.length);
            m.put("seconds", round(secs, 2));
            m.put("messagesPerSecond", Math.round(latencies.length / secs));
            m.put("latencyMs", Map.of("p50", pct(latencies, 50), "p90", pct(latencies, 90), "p99", pct(latencies, 99),
                    "max", latencies.length == 0 ? 0 : round(latencies[latencies.length - 1] / 1e6, 1)));
            log(mode + ": " + m);
            return m;
        }

        /** One device's socket: records arrivals, acknowledges what it got. */
        final class Device implements WebSocket.Listener {
            final CountDownLatch ready;
            final StringBuilder partial = new StringBuilder();

            Device(CountDownLatch ready) {
                this.ready = ready;
            }

            @Override
            public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String frame = partial.toString();
                    partial.setLength(0);
                    long now = System.nanoTime();
                    if (frame.startsWith("{\"type\":\"ready\"")) {
                        ready.countDown();
                    } else if (frame.startsWith("{\"type\":\"stored\"") || frame.startsWith("{\"type\":\"error\"")) {
                        Matcher ref = REF.matcher(frame);
                        if (ref.find()) {
                            var done = pendingSends.remove(UUID.fromString(ref.group(1)));
                            if (done != null) {
                                done.complete(frame.startsWith("{\"type\":\"stored\"") ? 200 : 500);
                            }
                        }
                    } else {
                        frames.incrementAndGet();
                        Matcher m = MESSAGE_ID.matcher(frame);
                        while (m.find()) {
                            deliveredAt.putIfAbsent(UUID.fromString(m.group(1)), now);
                        }
                        long max = 0;
                        Matcher s = SEQ.matcher(frame);
                        while (s.find()) {
                            max = Math.max(max, Long.parseLong(s.group(1)));
                        }
                        // Through the chain: the JDK allows one outstanding send per socket, and sends go on it too.
                        DeviceSocket own = bySocket.get(socket);
                        if (own != null) {
                            own.send("{\"type\":\"ack\",\"upTo\":" + max + "}");
                        }
                    }
                }
                socket.request(1);
                return null;
            }
        }

        @Override
        public void close() {
            for (DeviceSocket s : sockets.values()) {
                s.socket.abort();
            }
        }
    }

    // ---- helpers ----

    /** The p-th percentile of sorted nanoseconds, in milliseconds with one decimal. */
    public static double pct(long[] sorted, int p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return round(sorted[Math.max(0, i)] / 1e6, 1);
    }

    public static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private static String jwtKey() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded());
    }

    private static String toJson(Object o, int indent) {
        String pad = "  ".repeat(indent + 1);
        if (o instanceof Map<?, ?> map) {
            StringBuilder sb = new StringBuilder("{\n");
            int i = 0;
            for (var e : map.entrySet()) {
                sb.append(pad).append('"').append(e.getKey()).append("\": ").append(toJson(e.getValue(), indent + 1));
                sb.append(++i < map.size() ? ",\n" : "\n");
            }
            return sb.append("  ".repeat(indent)).append('}').toString();
        }
        if (o instanceof List<?> list) {
            StringBuilder sb = new StringBuilder("[\n");
            for (int i = 0; i < list.size(); i++) {
                sb.append(pad).append(toJson(list.get(i), indent + 1)).append(i + 1 < list.size() ? ",\n" : "\n");
            }
            return sb.append("  ".repeat(indent)).append(']').toString();
        }
        if (o instanceof String s) {
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
        }
        return String.valueOf(o);
    }

}
