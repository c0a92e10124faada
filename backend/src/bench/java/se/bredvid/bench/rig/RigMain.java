package se.bredvid.bench.rig;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import se.bredvid.bench.MessagingBenchmark;
import se.bredvid.messaging.ChatFixtures;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The rig's programs (infra/rig/README.md), each bounded in time and count, each printing one JSON document:
 * <ul>
 *   <li>{@code load}: phones spread over the instances by the load balancer send over their sockets in a closed
 *   loop; messages/s, send→deliver p50/p99, next to PostgreSQL's own durable single-row insert rate measured in
 *   the same run on the same cluster;</li>
 *   <li>{@code kill}: the same, and one instance is killed with SIGKILL a third of the way in: every acknowledged
 *   message arrives, none is stored twice, the phones come back through the balancer; time to recover;</li>
 *   <li>{@code pg-restart}: the same, and PostgreSQL is stopped for a few seconds a third of the way in: while it
 *   is down requests answer 503 problem+json promptly (never hang); the rig recovers by itself; nothing
 *   acknowledged is lost;</li>
 *   <li>{@code fuzz}: see {@link RigFuzz};</li>
 *   <li>{@code messaging}: see {@link RigMessaging}.</li>
 * </ul>
 * Arguments: {@code devices=200 seconds=20 concurrency=32 messages=20000}.
 */
public final class RigMain {

    public static void main(String[] argv) throws Exception {
        String program = argv.length > 0 ? argv[0] : "load";
        Map<String, String> args = new HashMap<>();
        for (int i = 1; i < argv.length; i++) {
            String[] kv = argv[i].split("=", 2);
            args.put(kv[0], kv.length > 1 ? kv[1] : "");
        }
        Rig rig = Rig.fromSystemProperties();
        Map<String, Object> out;
        // A failed program exits at once: the phones' thread pools would otherwise keep this JVM alive.
        Thread.currentThread().setUncaughtExceptionHandler((t, e) -> {
            e.printStackTrace();
            System.exit(1);
        });
        try (ApplicationContext ctx = rig.fixtures()) {
            JsonMapper mapper = ctx.getBean(JsonMapper.class);
            out = switch (program) {
                case "load", "kill", "pg-restart" -> new RigMain(rig, ctx, args).messaging(program);
                case "fuzz" -> new RigFuzz(rig, ctx, args).run();
                case "messaging" -> new RigMessaging(rig, ctx, args).run();
                default -> throw new IllegalArgumentException("unknown program " + program);
            };
            out.put("loadAverageAtEnd", Rig.loadAverage());
            System.out.println(mapper.writeValueAsString(out));
        }
        System.exit(0);
    }

    static void log(String s) {
        System.err.println("[rig] " + s);
    }

    private final Rig rig;
    private final ApplicationContext ctx;
    private final int devices;
    private final int seconds;
    private final int concurrency;
    private final int messages;

    private RigMain(Rig rig, ApplicationContext ctx, Map<String, String> args) {
        this.rig = rig;
        this.ctx = ctx;
        this.devices = Integer.parseInt(args.getOrDefault("devices", "200"));
        this.seconds = Integer.parseInt(args.getOrDefault("seconds", "20"));
        this.concurrency = Integer.parseInt(args.getOrDefault("concurrency", "32"));
        this.messages = Integer.parseInt(args.getOrDefault("messages", "20000"));
    }

    private Map<String, Object> messaging(String program) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("program", program);
        out.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(),
                "note", "three instances, HAProxy, PostgreSQL and this load generator share these CPUs"));
        out.put("devices", devices);
        out.put("concurrency", concurrency);
        out.put("postgresDurableInsertRate", insertRate());

        ChatFixtures chats = ctx.getBean(ChatFixtures.class);
        List<ChatFixtures.Chat> pairs = pair(chats, devices / 2);
        try (RigDevices phones = new RigDevices(rig.lb, ctx.getBean(JsonMapper.class), pairs)) {
            phones.connectAll();
            out.put("socketsPerInstance", rig.connectionsPerInstance());
            log("all " + phones.phones.size() + " phones connected through the load balancer");
            closedLoop(phones, phones.seal(Math.min(1000, messages)), 10, null); // warm-up
            phones.sentAt.clear();
            phones.ackedAt.clear();
            phones.clearDeliveries();
            List<RigDevices.Message> batch = phones.seal(messages);
            Fault fault = switch (program) {
                case "kill" -> new KillOne(phones);
                case "pg-restart" -> new RestartPostgres(phones);
                default -> null;
            };
            out.put("run", closedLoop(phones, batch, seconds, fault));
            if (fault != null) {
                out.put("fault", fault.result());
            }
            if ("kill".equals(program)) {
                rig.restoreInstances();
            }
        }
        return out;
    }

    /** Something done to the rig a third of the way into the run, and what it measured. */
    interface Fault {
        void inject() throws Exception;

        Map<String, Object> result();
    }

    /** SIGKILL of instance 2; recovery is when every phone is connected again (through the balancer). */
    private final class KillOne implements Fault {
        final RigDevices phones;
        final Map<String, Object> r = new LinkedHashMap<>();

        KillOne(RigDevices phones) {
            this.phones = phones;
        }

        @Override
        public void inject() throws Exception {
            long before = phones.disconnects.get();
            long t0 = System.nanoTime();
            rig.kill9(2);
            r.put("killed", "bredvid-2 (SIGKILL)");
            long deadline = t0 + TimeUnit.SECONDS.toNanos(60);
            // Wait for the sockets to notice, then for all of them to be back.
            while (phones.disconnects.get() == before && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            while (phones.connected() < phones.phones.size() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            r.put("phonesDisconnected", phones.disconnects.get() - before);
            r.put("allPhonesBackMs", Math.round((System.nanoTime() - t0) / 1e6));
            r.put("socketsPerInstanceAfter", rig.connectionsPerInstance());
        }

        @Override
        public Map<String, Object> result() {
            return r;
        }
    }

    /**
     * PostgreSQL stopped for 5 s. A probe posts a message over HTTP through the balancer every 100 ms with a 5 s
     * timeout: while the database is down each answer should be a prompt 503 problem+json; recovery is the first
     * 200 after the database is back.
     */
    private final class RestartPostgres implements Fault {
        final RigDevices phones;
        final Map<String, Object> r = new LinkedHashMap<>();

        RestartPostgres(RigDevices phones) {
            this.phones = phones;
        }

        @Override
        public void inject() throws Exception {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            Map<String, Long> statuses = new TreeMap<>();
            AtomicLong problemJson = new AtomicLong();
            AtomicLong slowest = new AtomicLong();
            AtomicLong hung = new AtomicLong();
            AtomicLong firstOkAfterUp = new AtomicLong(-1);
            AtomicLong upAt = new AtomicLong(Long.MAX_VALUE);
            java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean(true);
            Thread probe = new Thread(() -> {
                while (probing.get()) {
                    long t = System.nanoTime();
                    try {
                        RigDevices.Message m = phones.seal(1).get(0);
                        String token = phones.phones.get(m.from()).device.token();
                        HttpRequest req = HttpRequest.newBuilder(rig.lb.resolve("/api/conversations/"
                                        + m.conversationId() + "/envelopes"))
                                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(m.body())).build();
                        HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
                        long ms = (System.nanoTime() - t) / 1_000_000;
                        slowest.accumulateAndGet(ms, Math::max);
                        statuses.merge(String.valueOf(res.statusCode()), 1L, Long::sum);
                        if (res.statusCode() >= 400 && res.headers().firstValue("content-type").orElse("").startsWith("application/problem+json")) {
                            problemJson.incrementAndGet();
                        }
                        if (res.statusCode() == 200 && System.nanoTime() > upAt.get() && firstOkAfterUp.get() < 0) {
                            firstOkAfterUp.set(System.nanoTime());
                        }
                    } catch (java.net.http.HttpTimeoutException e) {
                        hung.incrementAndGet();
                    } catch (Exception e) {
                        statuses.merge("io-error", 1L, Long::sum);
                    }
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "pg-probe");
            probe.start();
            long t0 = System.nanoTime();
            rig.restartPostgres(Duration.ofSeconds(5));
            upAt.set(System.nanoTime());
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (firstOkAfterUp.get() < 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(1000);
            probing.set(false);
            probe.join(10_000);
            r.put("postgresDownMs", Math.round((upAt.get() - t0) / 1e6));
            r.put("probeStatuses", statuses);
            r.put("probeErrorsAsProblemJson", problemJson.get());
            r.put("probesWithoutAnswerIn10s", hung.get());
            r.put("slowestProbeMs", slowest.get());
            r.put("firstAcceptedSendAfterPostgresBackMs", firstOkAfterUp.get() < 0 ? -1 : Math.round((firstOkAfterUp.get() - upAt.get()) / 1e6));
        }

        @Override
        public Map<String, Object> result() {
            return r;
        }
    }

    /**
     * Up to {@code concurrency} sends in flight until the batch is sent or the time is up; the fault, if any,
     * a third of the way in. Every send is retried (same id) until stored, for at most 60 s.
     */
    private Map<String, Object> closedLoop(RigDevices phones, List<RigDevices.Message> batch, int secs, Fault fault) throws Exception {
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Boolean>> sends = new ArrayList<>();
        AtomicLong gaveUp = new AtomicLong();
        long start = System.nanoTime();
        long end = start + TimeUnit.SECONDS.toNanos(secs);
        CompletableFuture<Void> faultDone = CompletableFuture.completedFuture(null);
        boolean injected = fault == null;
        for (RigDevices.Message m : batch) {
            if (System.nanoTime() > end) {
                break;
            }
            if (!injected && System.nanoTime() > start + TimeUnit.SECONDS.toNanos(secs) / 3) {
                injected = true;
                faultDone = CompletableFuture.runAsync(() -> {
                    try {
                        fault.inject();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
            }
            while (!inFlight.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                if (System.nanoTime() > end + TimeUnit.SECONDS.toNanos(60)) {
                    break;
                }
            }
            sends.add(phones.send(m, 60_000, true).whenComplete((ok, t) -> {
                inFlight.release();
                if (ok == null || !ok) {
                    gaveUp.incrementAndGet();
                }
            }));
        }
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
        long lastAck = phones.ackedAt.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
        faultDone.get(3, TimeUnit.MINUTES);
        long missing = phones.awaitDeliveries(60_000);
        long[] latencies = phones.ackedAt.keySet().stream()
                .filter(id -> phones.deliveredAt.containsKey(id) && phones.sentAt.containsKey(id))
                .mapToLong(id -> phones.deliveredAt.get(id) - phones.sentAt.get(id)).sorted().toArray();
        double runSecs = (lastAck - start) / 1e9;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("messagesSent", sends.size());
        m.put("acknowledged", phones.ackedAt.size());
        m.put("notAcknowledgedWithin60s", gaveUp.get());
        m.put("acknowledgedButNeverDelivered", missing);
        m.put("storedTwice", phones.storedTwice());
        m.put("socketReconnects", phones.disconnects.get());
        Map<String, Long> reasons = new TreeMap<>();
        phones.closeReasons.forEach((k, v) -> reasons.put(k, v.get()));
        m.put("socketCloseReasons", reasons);
        Map<String, Long> refusals = new TreeMap<>();
        phones.refusals.forEach((k, v) -> refusals.put(k, v.get()));
        m.put("sendsRefused", refusals);
        m.put("seconds", MessagingBenchmark.round(runSecs, 2));
        m.put("acknowledgedPerSecond", Math.round(phones.ackedAt.size() / runSecs));
        m.put("sendToDeliverMs", Map.of("p50", MessagingBenchmark.pct(latencies, 50), "p99", MessagingBenchmark.pct(latencies, 99),
                "max", latencies.length == 0 ? 0 : MessagingBenchmark.round(latencies[latencies.length - 1] / 1e6, 1)));
        log("run: " + m);
        return m;
    }

    /** Durable single-row autocommit inserts of an envelope-sized row, 1 and {@code concurrency} connections, 5 s each. */
    private Map<String, Object> insertRate() throws Exception {
        try (Connection c = rig.jdbc(); Statement st = c.createStatement()) {
            st.execute("create table if not exists bench_insert (id bigserial primary key, device uuid not null, payload bytea not null)");
        }
        byte[] payload = new byte[360];
        ThreadLocalRandom.current().nextBytes(payload);
        double one = MessagingBenchmark.insertLoop(rig.db, "bredvid", "bredvid", payload, 1, 5);
        double many = MessagingBenchmark.insertLoop(rig.db, "bredvid", "bredvid", payload, Math.min(concurrency, 32), 5);
        try (Connection c = rig.jdbc(); Statement st = c.createStatement()) {
            st.execute("drop table bench_insert");
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "JDBC autocommit single-row INSERT (uuid + 360-byte bytea), fsync and synchronous_commit on");
        m.put("rowsPerSecondOneConnection", Math.round(one));
        m.put("connections", Math.min(concurrency, 32));
        m.put("rowsPerSecondConcurrent", Math.round(many));
        return m;
    }

    static List<ChatFixtures.Chat> pair(ChatFixtures chats, int n) throws Exception {
        long t0 = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        var first = chats.chat();
        List<Future<ChatFixtures.Chat>> fs = new ArrayList<>();
        for (int i = 1; i < n; i++) {
            fs.add(pool.submit(() -> chats.chat(first.organisationId(), first.coordinator())));
        }
        List<ChatFixtures.Chat> out = new ArrayList<>();
        out.add(first);
        for (var f : fs) {
            out.add(f.get());
        }
        pool.shutdown();
        log("paired " + 2 * n + " phones in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        return out;
    }
}
