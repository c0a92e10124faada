package se.bredvid.bench.rig;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import se.bredvid.bench.MessagingBenchmark;
import se.bredvid.messaging.ChatFixtures;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durable messages/s of Bredvid's two send paths (a {@code send} frame on the phone's socket, answered by
 * {@code stored}; {@code POST /api/conversations/{id}/envelopes}, answered by 200), with LISTEN/NOTIFY on and
 * off, against PostgreSQL's own durable insert rate (pgbench, one envelope-sized row per transaction, 1 and
 * {@code concurrency} clients), in the same rounds on the rig's durable cluster; then send→deliver latency on
 * the socket at half the round's saturated rate. One Bredvid instance runs in a process of its own
 * ({@link RigInstance}, from {@code jar=}, so that an older and a newer jar are measured by the same program);
 * the phones (a live socket each, as {@link RigDevices}) run in this JVM on fixed thread pools.
 *
 * <p>Run: {@code ./infra/rig/rig.sh pg && ./infra/rig/rig.sh run messaging rounds=3 [jar=...] [seed=...]}
 * (infra/rig/README.md lists the arguments).
 */
final class RigMessaging {

    private static final String PGBENCH = "pgbench";
    private static final Pattern TPS = Pattern.compile("(?m)^tps = ([0-9.]+) \\(without initial connection time\\)");
    private static final Pattern LATENCY = Pattern.compile("(?m)^latency average = ([0-9.]+) ms");
    private static final Pattern PROCESSED = Pattern.compile("(?m)^number of transactions actually processed: (\\d+)");
    private static final Pattern FAILED = Pattern.compile("(?m)^number of failed transactions: (\\d+)");
    private static final Pattern CT = Pattern.compile("\"ct\":\"([^\"]+)\"");
    private static final String ANCHOR_DB = "bredvid_anchor";

    /** A send path with NOTIFY on or off: one closed-loop phase of a round. */
    record Combo(boolean socket, boolean withNotify) {
        String key() {
            return (socket ? "socket" : "http") + (withNotify ? "Notify" : "NoNotify");
        }
    }

    private static final List<Combo> COMBOS = List.of(new Combo(true, true), new Combo(true, false),
            new Combo(false, true), new Combo(false, false));

    private final Rig rig;
    private final ApplicationContext ctx;
    private final int devices;
    private final int concurrency;
    private final int rounds;
    private final int seconds;
    private final int warmup;
    private final int startWarmup;
    private final int pgSeconds;
    /** A round in which other work took more than this per cent of the CPUs during a phase is disturbed. */
    private final int maxOtherWork;
    private final long seed;
    private final int port;
    private final Path jar;
    private final Map<String, Object> arguments = new LinkedHashMap<>();
    /** Messages to have sealed before a closed loop: for this many per second at least, or 1.5 × the path's best. */
    private final int expectRate;
    /** The best closed-loop rate seen per path (true: socket). */
    private final Map<Boolean, Double> bestRate = new ConcurrentHashMap<>();
    private final Map<String, Long> totals = new TreeMap<>();
    private final List<Double> loadAverages = new ArrayList<>();
    private final List<Double> otherWork = new ArrayList<>();
    private final RigCpu cpu;
    private final ExecutorService sealing = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    private final Map<String, AtomicLong> httpRefusals = new ConcurrentHashMap<>();
    /** Sealed messages not sent yet (each is sent at most once: its id is new to the server). */
    private final List<RigDevices.Message> spare = new ArrayList<>();
    private RigInstance instance;
    private RigDevices phones;
    private Path anchorScript;
    private long disconnectsAtStart;
    private long deliveredTwiceAtStart;

    RigMessaging(Rig rig, ApplicationContext ctx, Map<String, String> args) {
        this.rig = rig;
        this.ctx = ctx;
        this.cpu = new RigCpu(rig.pgData);
        this.devices = arg(args, "devices", 1000);
        this.concurrency = arg(args, "concurrency", 64);
        this.rounds = arg(args, "rounds", 3);
        this.seconds = arg(args, "seconds", 15);
        this.warmup = arg(args, "warmup", 3);
        // A fresh JVM on two shared cores is still compiling after 5 s: with 5 s, the HTTP path measured about 30 %
        // below its rate in the same round without a start before it.
        this.startWarmup = arg(args, "startWarmup", 15);
        this.pgSeconds = arg(args, "pgSeconds", 5);
        this.maxOtherWork = arg(args, "maxOtherWork", 10);
        this.port = arg(args, "port", 18090);
        this.seed = Long.parseLong(args.getOrDefault("seed", String.valueOf(new Random().nextInt(1_000_000))));
        this.expectRate = arg(args, "expectRate", 3000);
        Path root = Path.of(System.getProperty("bredvid.rig.root", System.getProperty("user.dir")));
        this.jar = Path.of(args.getOrDefault("jar", root.resolve("backend/target/bredvid-backend-0.1.0-SNAPSHOT.jar").toString()));
        arguments.put("jar", jar.toString());
        if (rounds < 3) {
            RigMain.log("rounds=" + rounds + ": fewer than 3 rounds are a trial, not a figure to report");
        }
    }

    private int arg(Map<String, String> args, String name, int otherwise) {
        int v = Integer.parseInt(args.getOrDefault(name, String.valueOf(otherwise)));
        arguments.put(name, v);
        return v;
    }

    Map<String, Object> run() throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("program", "messaging");
        out.put("loadAverageAtStart", Rig.loadAverage());
        arguments.put("seed", seed);
        out.put("arguments", arguments);
        out.put("seed", seed);
        RigMain.log("seed " + seed);
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: mvn -B -q -o -pl backend package -DskipTests");
        }
        // The instance runs a copy: a rebuild of backend/target during the run must not change classes under it.
        Path copy = Files.createTempFile("bredvid-bench-", ".jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        out.put("jar", Map.of("path", jar.toString(), "sha256", sha256(copy), "bytes", Files.size(copy)));
        out.put("machine", Map.of("cpus", Runtime.getRuntime().availableProcessors(), "java", System.getProperty("java.version"),
                "note", "one instance, PostgreSQL, pgbench and this load generator share these CPUs"));
        List<Integer> others = answeringRigInstances();
        out.put("rigInstancesAnswering", others);
        if (!others.isEmpty()) {
            RigMain.log("the rig's instances on " + others + " are running; they take CPU (and hear every NOTIFY): "
                    + "stop them for figures to report (rig.sh stop; rig.sh pg)");
        }
        instance = new RigInstance(rig, copy, port, "messaging");
        Thread stopOnExit = new Thread(() -> {
            try {
                instance.stop();
            } catch (Exception e) {
                System.err.println("[rig] could not stop the instance: " + e);
            }
        });
        Runtime.getRuntime().addShutdownHook(stopOnExit);
        try {
            List<ChatFixtures.Chat> pairs = RigMain.pair(ctx.getBean(ChatFixtures.class), devices / 2);
            instance.ensure(true);
            phones = new RigDevices(instance.uri, ctx.getBean(JsonMapper.class), pairs);
            phones.connectAll();
            RigMain.log("all " + phones.phones.size() + " phones connected to the instance");
            out.put("instance", Map.of("port", port, "java", instance.java.toString(), "jvmOptions", RigInstance.JVM_OPTIONS,
                    "dbPoolSize", 16, "note", "started as rig.sh start_instance starts the rig's instances"));
            out.put("anchor", prepareAnchor());
            startWarmup();
            Random order = new Random(seed);
            List<Map<String, Object>> results = new ArrayList<>();
            // On a shared machine a round can be disturbed by other work; it is kept, marked, and run again, up to
            // twice the rounds asked for in all.
            long clean = 0;
            for (int r = 1; clean < rounds && r <= 2 * rounds; r++) {
                Map<String, Object> round = round(r, order);
                results.add(round);
                clean += Boolean.TRUE.equals(round.get("disturbed")) ? 0 : 1;
            }
            out.put("rounds", results);
            out.put("summary", summary(results));
            out.put("instanceStarts", instance.starts());
        } finally {
            if (phones != null) {
                phones.close();
            }
            instance.stop();
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
            Files.deleteIfExists(copy);
            dropAnchor();
            sealing.shutdown();
        }
        return out;
    }

    // ---- one round ----

    private Map<String, Object> round(int number, Random order) throws Exception {
        List<String> phases = new ArrayList<>(List.of(PGBENCH));
        COMBOS.forEach(c -> phases.add(c.key()));
        Collections.shuffle(phases, order);
        RigMain.log("round " + number + ": " + phases);
        Map<String, Object> round = new LinkedHashMap<>();
        round.put("round", number);
        round.put("order", phases);
        Map<String, Map<String, Object>> results = new LinkedHashMap<>();
        for (String phase : phases) {
            if (phase.equals(PGBENCH)) {
                results.put(phase, measured(this::anchor));
            } else {
                Combo combo = COMBOS.stream().filter(c -> c.key().equals(phase)).findFirst().orElseThrow();
                boolean restarted = ensureInstance(combo.withNotify());
                Map<String, Object> r = measured(() -> closedPhase(combo));
                r.put("afterInstanceStart", restarted);
                results.put(phase, r);
            }
        }
        ensureInstance(true);
        double half = ((Number) results.get("socketNotify").get("perSecond")).doubleValue() / 2;
        results.put("halfLoad", measured(() -> halfLoad(half)));
        round.put("phases", results);
        round.put("figures", figures(results));
        double others = results.values().stream().mapToDouble(p -> number(p, "otherWorkCpuPercent")).max().orElse(0);
        round.put("disturbed", others > maxOtherWork);
        RigMain.log("round " + number + (others > maxOtherWork ? " (disturbed: " + others + " % of the CPUs went to other work)" : "")
                + ": " + round.get("figures"));
        return round;
    }

    interface Phase {
        Map<String, Object> run() throws Exception;
    }

    /**
     * The phase with the load average (1 min, /proc/loadavg) before and after it, and the share of the CPUs that
     * went to other work meanwhile ({@link RigCpu}). The load average counts this benchmark too (and PostgreSQL's
     * backends waiting for fsync), so during a phase it is far above the number of CPUs by itself.
     */
    private Map<String, Object> measured(Phase phase) throws Exception {
        double before = Rig.loadAverage();
        RigCpu.Sample start = cpu.sample(instance.pid());
        Map<String, Object> r = phase.run();
        RigCpu.Sample end = cpu.sample(instance.pid());
        double after = Rig.loadAverage();
        loadAverages.add(before);
        loadAverages.add(after);
        r.put("loadAverageAtStart", before);
        r.put("loadAverageAtEnd", after);
        double others = RigCpu.othersPercent(start, end);
        r.put("otherWorkCpuPercent", others);
        r.putIfAbsent("cpuPercentCounted", RigCpu.split(start, end));
        otherWork.add(others);
        return r;
    }

    /** The figures of a round, flat; ratios within the round. */
    private static Map<String, Double> figures(Map<String, Map<String, Object>> phases) {
        Map<String, Double> f = new LinkedHashMap<>();
        for (Combo c : COMBOS) {
            f.put(c.key() + "PerSecond", number(phases.get(c.key()), "perSecond"));
        }
        double tps1 = number(phases.get(PGBENCH), "tps1");
        double tpsN = number(phases.get(PGBENCH), "tpsN");
        f.put("pgbenchTps1", tps1);
        f.put("pgbenchTpsN", tpsN);
        for (Combo c : COMBOS) {
            f.put(c.key() + "ToPgbenchN", MessagingBenchmark.round(f.get(c.key() + "PerSecond") / tpsN, 3));
        }
        for (String notify : List.of("Notify", "NoNotify")) {
            f.put("httpToSocket" + notify, MessagingBenchmark.round(f.get("http" + notify + "PerSecond") / f.get("socket" + notify + "PerSecond"), 3));
        }
        Map<String, Object> half = phases.get("halfLoad");
        f.put("halfLoadOfferedPerSecond", number(half, "offeredPerSecond"));
        @SuppressWarnings("unchecked")
        Map<String, Object> latency = (Map<String, Object>) half.get("sendToDeliverMs");
        f.put("halfLoadP50Ms", number(latency, "p50"));
        f.put("halfLoadP99Ms", number(latency, "p99"));
        f.put("halfLoadMaxMs", number(latency, "max"));
        return f;
    }

    private static double number(Map<String, Object> m, String key) {
        return ((Number) m.get(key)).doubleValue();
    }

    /** min/median/max of each figure over the undisturbed rounds (over all when every round was disturbed). */
    private Map<String, Object> summary(List<Map<String, Object>> results) {
        Map<String, Object> s = new LinkedHashMap<>();
        List<Map<String, Object>> clean = results.stream().filter(r -> !Boolean.TRUE.equals(r.get("disturbed"))).toList();
        List<Object> left = results.stream().filter(r -> Boolean.TRUE.equals(r.get("disturbed"))).map(r -> r.get("round")).toList();
        s.put("rounds", clean.isEmpty() ? results.size() : clean.size());
        s.put("disturbedRoundsLeftOut", clean.isEmpty() ? List.of() : left);
        if (clean.isEmpty()) {
            s.put("everyRoundDisturbed", true);
        }
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (Map<String, Object> r : clean.isEmpty() ? results : clean) {
            @SuppressWarnings("unchecked")
            Map<String, Double> f = (Map<String, Double>) r.get("figures");
            f.forEach((k, v) -> values.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
        }
        values.forEach((k, v) -> s.put(k, spread(v)));
        s.put("totals", totals);
        s.put("loadAverage", spread(loadAverages));
        s.put("otherWorkCpuPercent", spread(otherWork));
        return s;
    }

    private static Map<String, Double> spread(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("min", v[0]);
        m.put("median", MessagingBenchmark.round(median, 3));
        m.put("max", v[v.length - 1]);
        return m;
    }

    // ---- the instance ----

    /** The instance with this NOTIFY setting; after a (re)start, every phone back and both paths warmed up. */
    private boolean ensureInstance(boolean notify) throws Exception {
        if (!instance.ensure(notify)) {
            return false;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (phones.connected() < phones.phones.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(phones.connected() + " of " + phones.phones.size() + " phones came back");
            }
            Thread.sleep(20);
        }
        startWarmup();
        return true;
    }

    /** A fresh JVM compiles as it goes: both paths run for {@code startWarmup} s each, not counted. */
    private void startWarmup() throws Exception {
        for (boolean socket : List.of(true, false)) {
            Map<String, Object> r = closedLoop(socket, 0, startWarmup, "startWarmups");
            bestRate.merge(socket, ((Number) r.get("perSecond")).doubleValue(), Math::max);
        }
    }

    private List<Integer> answeringRigInstances() {
        List<Integer> out = new ArrayList<>();
        for (int p : rig.ports) {
            try {
                HttpRequest health = HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + p + "/health"))
                        .timeout(Duration.ofSeconds(2)).build();
                if (rig.http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    out.add(p);
                }
            } catch (IOException | InterruptedException e) {
                // Not running.
            }
        }
        return out;
    }

    // ---- the send paths ----

    private Map<String, Object> closedPhase(Combo combo) throws Exception {
        Map<String, Object> r = closedLoop(combo.socket(), warmup, seconds, combo.key());
        bestRate.merge(combo.socket(), ((Number) r.get("perSecond")).doubleValue(), Math::max);
        return r;
    }

    /**
     * Up to {@code concurrency} sends in flight for {@code warm + secs} seconds; counted: the acknowledgements in
     * the last {@code secs}. Then every acknowledged message must arrive, once.
     */
    private Map<String, Object> closedLoop(boolean socket, int warm, int secs, String what) throws Exception {
        // Never fewer than expectRate/s: a rate first seen on a cold or disturbed JVM can be far below the next.
        double expected = Math.max(expectRate, 1.5 * bestRate.getOrDefault(socket, 0.0));
        List<RigDevices.Message> batch = take((int) Math.ceil(expected * (warm + secs)) + concurrency);
        reset();
        Semaphore inFlight = new Semaphore(concurrency);
        List<CompletableFuture<Boolean>> sends = new ArrayList<>(batch.size());
        long start = System.nanoTime();
        long from = start + TimeUnit.SECONDS.toNanos(warm);
        long to = from + TimeUnit.SECONDS.toNanos(secs);
        long end = to;
        boolean ranOut = true;
        RigCpu.Sample counting = null;
        for (RigDevices.Message m : batch) {
            long now = System.nanoTime();
            if (now >= to) {
                ranOut = false;
                break;
            }
            if (counting == null && now >= from) {
                counting = cpu.sample(instance.pid());
            }
            if (!inFlight.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException(what + ": no send answered in 60 s");
            }
            sends.add(send(socket, m).whenComplete((ok, t) -> inFlight.release()));
        }
        if (ranOut) {
            // Saturated only while there was something to send.
            end = System.nanoTime();
            if (end <= from) {
                throw new IllegalStateException(what + ": the sealed messages ran out in the warm-up; raise expectRate");
            }
        }
        RigCpu.Sample counted = cpu.sample(instance.pid());
        spare.addAll(batch.subList(sends.size(), batch.size()));
        Map<String, Object> r = settle(sends, from, end, what);
        if (counting != null) {
            // Where the CPUs went while the acknowledgements were counted (sealing and settling left out).
            r.put("cpuPercentCounted", RigCpu.split(counting, counted));
        }
        if (ranOut) {
            r.put("ranOutOfSealedMessages", true);
        }
        return r;
    }

    /**
     * Messages offered at a fixed rate on the sockets (NOTIFY on), whatever the answers (no coordinated omission:
     * a message's latency runs from when it was due).
     */
    private Map<String, Object> halfLoad(double rate) throws Exception {
        List<RigDevices.Message> batch = take((int) Math.ceil(rate * (warmup + seconds)) + 1);
        long connectedBefore = phones.connected();
        reset();
        List<CompletableFuture<Boolean>> sends = new ArrayList<>(batch.size());
        long start = System.nanoTime();
        long from = start + TimeUnit.SECONDS.toNanos(warmup);
        long to = from + TimeUnit.SECONDS.toNanos(seconds);
        long lag = 0;
        RigCpu.Sample counting = null;
        for (int i = 0; i < batch.size(); i++) {
            long due = start + Math.round(i * 1e9 / rate);
            if (due >= to) {
                break;
            }
            if (counting == null && due >= from) {
                counting = cpu.sample(instance.pid());
            }
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            lag = Math.max(lag, System.nanoTime() - due);
            RigDevices.Message m = batch.get(i);
            phones.sentAt.put(m.id(), due);
            sends.add(phones.send(m, 60_000, false));
        }
        RigCpu.Sample counted = cpu.sample(instance.pid());
        spare.addAll(batch.subList(sends.size(), batch.size()));
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("offeredPerSecond", Math.round(rate));
        if (counting != null) {
            r.put("cpuPercentCounted", RigCpu.split(counting, counted));
        }
        r.put("phonesConnected", connectedBefore);
        r.put("phonesConnectedAtEnd", phones.connected());
        r.put("dispatchLagMaxMs", MessagingBenchmark.round(lag / 1e6, 1));
        r.putAll(settle(sends, from, to, "halfLoad"));
        return r;
    }

    private CompletableFuture<Boolean> send(boolean socket, RigDevices.Message m) {
        if (socket) {
            return phones.send(m, 60_000, false);
        }
        phones.sentAt.putIfAbsent(m.id(), System.nanoTime());
        return phones.net.post(instance.uri, "/api/conversations/" + m.conversationId() + "/envelopes",
                phones.phones.get(m.from()).device.token(), RigNetty.utf8(m.body())).handle((status, t) -> {
            if (t == null && status == 200) {
                phones.ackedAt.putIfAbsent(m.id(), System.nanoTime());
                return true;
            }
            String why = t == null ? "http " + status : "error " + t.getClass().getSimpleName();
            httpRefusals.computeIfAbsent(why, k -> new AtomicLong()).incrementAndGet();
            return false;
        });
    }

    private void reset() {
        disconnectsAtStart = phones.disconnects.get();
        deliveredTwiceAtStart = phones.deliveredTwice.get();
        phones.sentAt.clear();
        phones.ackedAt.clear();
        phones.clearDeliveries();
        phones.refusals.clear();
        httpRefusals.clear();
    }

    /**
     * Waits for every send's answer and every acknowledged message's arrival; the rate counts acknowledgements
     * in [from, to], latencies are of the messages acknowledged then.
     */
    private Map<String, Object> settle(List<CompletableFuture<Boolean>> sends, long from, long to, String what) throws Exception {
        CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new)).get(3, TimeUnit.MINUTES);
        long notAcknowledged = sends.stream().filter(f -> !f.join()).count();
        long lost = phones.awaitDeliveries(60_000);
        long[] latencies = phones.ackedAt.entrySet().stream()
                .filter(e -> e.getValue() >= from && e.getValue() <= to)
                .map(Map.Entry::getKey)
                .filter(id -> phones.deliveredAt.containsKey(id) && phones.sentAt.containsKey(id))
                .mapToLong(id -> phones.deliveredAt.get(id) - phones.sentAt.get(id)).sorted().toArray();
        long counted = phones.ackedAt.values().stream().filter(t -> t >= from && t <= to).count();
        double secs = (to - from) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("sent", sends.size());
        r.put("acknowledged", phones.ackedAt.size());
        r.put("notAcknowledged", notAcknowledged);
        r.put("lost", lost);
        r.put("storedTwice", phones.storedTwice());
        r.put("deliveredTwice", phones.deliveredTwice.get() - deliveredTwiceAtStart);
        r.put("measuredSeconds", MessagingBenchmark.round(secs, 2));
        r.put("perSecond", Math.round(counted / secs));
        r.put("sendToDeliverMs", Map.of("p50", MessagingBenchmark.pct(latencies, 50), "p99", MessagingBenchmark.pct(latencies, 99),
                "max", latencies.length == 0 ? 0 : MessagingBenchmark.round(latencies[latencies.length - 1] / 1e6, 1)));
        Map<String, Long> refused = new TreeMap<>();
        phones.refusals.forEach((k, v) -> refused.put(k, v.get()));
        httpRefusals.forEach((k, v) -> refused.put(k, v.get()));
        if (!refused.isEmpty()) {
            r.put("refused", refused);
        }
        long dropped = phones.disconnects.get() - disconnectsAtStart;
        if (dropped > 0) {
            r.put("socketReconnects", dropped);
        }
        for (String k : List.of("notAcknowledged", "lost", "storedTwice", "deliveredTwice")) {
            totals.merge(k, ((Number) r.get(k)).longValue(), Long::sum);
        }
        totals.merge("acknowledged", (long) phones.ackedAt.size(), Long::sum);
        totals.merge("socketReconnectsWhileSending", dropped, Long::sum);
        RigMain.log(what + ": " + r.get("perSecond") + " acknowledged/s, lost " + lost + ", not acknowledged " + notAcknowledged);
        return r;
    }

    /**
     * n messages sealed with real HPKE before the phase that sends them: those a phase did not send, and as many
     * more as needed, sealed (RigDevices.seal) on all CPUs.
     */
    private List<RigDevices.Message> take(int n) throws Exception {
        if (spare.size() < n) {
            long t0 = System.nanoTime();
            int more = n - spare.size();
            spare.addAll(seal(more));
            RigMain.log("sealed " + more + " messages in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }
        List<RigDevices.Message> head = spare.subList(0, n);
        List<RigDevices.Message> batch = new ArrayList<>(head);
        head.clear();
        return batch;
    }

    private List<RigDevices.Message> seal(int n) throws Exception {
        int threads = Runtime.getRuntime().availableProcessors();
        List<Future<List<RigDevices.Message>>> parts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int count = n / threads + (t < n % threads ? 1 : 0);
            parts.add(sealing.submit(() -> phones.seal(count)));
        }
        List<RigDevices.Message> all = new ArrayList<>(n);
        for (var p : parts) {
            all.addAll(p.get());
        }
        return all;
    }

    // ---- the anchor: pgbench ----

    /**
     * A database of its own with a table shaped like {@code envelope} (V52: the same columns, primary key, unique
     * constraint and index; no foreign keys, which would need the rest of the schema), and a pgbench script that
     * inserts one row per transaction with {@code enc} and {@code ct} as long as the phones' envelopes.
     */
    private Map<String, Object> prepareAnchor() throws Exception {
        RigDevices.Message sample = phones.seal(1).get(0);
        Matcher ct = CT.matcher(sample.frame());
        if (!ct.find()) {
            throw new IllegalStateException("no ct in a sealed frame");
        }
        int ctBytes = Base64.getUrlDecoder().decode(ct.group(1)).length;
        try (Connection c = rig.jdbc(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select 1 from pg_database where datname = '" + ANCHOR_DB + "'")) {
            if (!rs.next()) {
                st.execute("create database " + ANCHOR_DB);
            }
        }
        try (Connection c = anchorJdbc(); Statement st = c.createStatement()) {
            st.execute("drop table if exists envelope");
            st.execute("""
                    create table envelope (
                        recipient_device_id  uuid not null,
                        seq                  bigint not null check (seq > 0),
                        conversation_id      uuid not null,
                        sender_device_id     uuid not null,
                        message_id           uuid not null,
                        sender_key_id        bigint not null check (sender_key_id between 0 and 4294967295),
                        recipient_key_id     bigint not null check (recipient_key_id between 0 and 4294967295),
                        enc                  bytea not null check (length(enc) = 32),
                        ct                   bytea not null check (length(ct) % 256 = 16 and length(ct) between 272 and 65808),
                        received_at          timestamptz not null,
                        primary key (recipient_device_id, seq),
                        unique (conversation_id, sender_device_id, message_id, recipient_device_id),
                        check (sender_device_id <> recipient_device_id))""");
            st.execute("create index envelope_received on envelope (received_at)");
        }
        Random bytes = new Random(seed);
        byte[] enc = new byte[32];
        byte[] ctValue = new byte[ctBytes];
        bytes.nextBytes(enc);
        bytes.nextBytes(ctValue);
        anchorScript = Files.createTempFile("bredvid-anchor-", ".sql");
        Files.writeString(anchorScript, "\\set seq random(1, 2000000000)\n"
                + "insert into envelope (recipient_device_id, seq, conversation_id, sender_device_id, message_id, sender_key_id, "
                + "recipient_key_id, enc, ct, received_at) values (gen_random_uuid(), :seq, gen_random_uuid(), gen_random_uuid(), "
                + "gen_random_uuid(), 1, 2, '\\x" + HexFormat.of().formatHex(enc) + "'::bytea, '\\x"
                + HexFormat.of().formatHex(ctValue) + "'::bytea, now());\n");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", "pgbench -M prepared -n, one INSERT of an envelope-sized row per transaction (fsync, full_page_writes, "
                + "synchronous_commit on), table shaped like envelope in database " + ANCHOR_DB + ", emptied before each run");
        m.put("pgbench", rig.pgBin.resolve("pgbench").toString());
        m.put("encBytes", enc.length);
        m.put("ctBytes", ctBytes);
        m.put("clients", List.of(1, concurrency));
        m.put("seconds", pgSeconds);
        return m;
    }

    private Map<String, Object> anchor() throws Exception {
        Map<String, Object> one = pgbench(1);
        Map<String, Object> many = pgbench(concurrency);
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("tps1", one.get("tps"));
        r.put("tpsN", many.get("tps"));
        r.put("clients1", one);
        r.put("clientsN", many);
        RigMain.log("pgbench: " + r.get("tps1") + " tps at 1 client, " + r.get("tpsN") + " at " + concurrency);
        return r;
    }

    private Map<String, Object> pgbench(int clients) throws Exception {
        try (Connection c = anchorJdbc(); Statement st = c.createStatement()) {
            st.execute("truncate envelope");
        }
        String[] hostPort = dbHostPort();
        ProcessBuilder pb = new ProcessBuilder(rig.pgBin.resolve("pgbench").toString(), "-h", hostPort[0], "-p", hostPort[1],
                "-U", "bredvid", "-n", "-M", "prepared", "-f", anchorScript.toString(), "-c", String.valueOf(clients),
                "-j", String.valueOf(Math.min(clients, Runtime.getRuntime().availableProcessors())),
                "-T", String.valueOf(pgSeconds), ANCHOR_DB).redirectErrorStream(true);
        pb.environment().put("PGPASSWORD", "bredvid");
        Process p = pb.start();
        String output;
        try (InputStream in = p.getInputStream()) {
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!p.waitFor(pgSeconds + 60L, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pgbench failed: " + output);
        }
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("clients", clients);
        r.put("tps", MessagingBenchmark.round(Double.parseDouble(find(TPS, output)), 1));
        r.put("latencyAverageMs", Double.parseDouble(find(LATENCY, output)));
        r.put("transactions", Long.parseLong(find(PROCESSED, output)));
        Matcher failed = FAILED.matcher(output);
        r.put("failed", failed.find() ? Long.parseLong(failed.group(1)) : 0);
        return r;
    }

    private static String find(Pattern p, String output) {
        Matcher m = p.matcher(output);
        if (!m.find()) {
            throw new IllegalStateException("pgbench printed no " + p.pattern() + ": " + output);
        }
        return m.group(1);
    }

    /** host and port of the rig's jdbc:postgresql://host:port/db URL. */
    private String[] dbHostPort() {
        String hostPort = rig.db.substring("jdbc:postgresql://".length(), rig.db.lastIndexOf('/'));
        return hostPort.split(":", 2);
    }

    private Connection anchorJdbc() throws Exception {
        return DriverManager.getConnection(rig.db.substring(0, rig.db.lastIndexOf('/') + 1) + ANCHOR_DB, "bredvid", "bredvid");
    }

    private void dropAnchor() {
        try (Connection c = rig.jdbc(); Statement st = c.createStatement()) {
            st.execute("drop database if exists " + ANCHOR_DB);
            if (anchorScript != null) {
                Files.deleteIfExists(anchorScript);
            }
        } catch (Exception e) {
            RigMain.log("could not drop database " + ANCHOR_DB + ": " + e.getMessage());
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
