package se.bredvid.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import se.bredvid.identity.PasswordHasher;
import se.bredvid.identity.SubjectKind;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.TestDatabase;

import java.net.URL;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Identity figures, printed as one JSON object:
 * <ul>
 *   <li>Argon2id hashing time with the production parameters (median of 15);</li>
 *   <li>device sign-in throughput: challenge + Ed25519-signed answer + session + ES256 access token, over
 *       HTTP on loopback against the real PostgreSQL, from concurrent device loops.</li>
 * </ul>
 * Run: {@code mvn -B -q -pl backend -Pbench test-compile exec:exec -Dbench.main=se.bredvid.bench.IdentityBench}
 * (the local PostgreSQL must be running: infra/postgres/ensure.sh).
 */
public final class IdentityBench {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "15"));
        int threads = Integer.parseInt(System.getProperty("bench.threads", "16"));
        int devices = Integer.parseInt(System.getProperty("bench.devices", "64"));

        PasswordHasher production = new PasswordHasher(new PasswordHasher.Params(19456, 2, 1), new SecureRandom());
        List<Long> hashMs = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            long t = System.nanoTime();
            production.hash("bench-password-" + i);
            hashMs.add((System.nanoTime() - t) / 1_000_000);
        }
        Collections.sort(hashMs);

        Map<String, Object> props = new HashMap<>(TestDatabase.freshDatabaseProperties());
        props.put("bredvid.rate-limits.factor", "100000");
        props.put("micronaut.server.port", "-1");
        try (ApplicationContext ctx = ApplicationContext.builder().environments("test").properties(props).start()) {
            EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
            URL url = server.getURL();
            Fixtures fx = ctx.getBean(Fixtures.class);
            var coordinator = fx.coordinator(fx.organisation());
            List<Fixtures.PairedDevice> paired = new ArrayList<>();
            for (int i = 0; i < devices; i++) {
                paired.add(fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID()));
            }
            JsonMapper mapper = ctx.getBean(JsonMapper.class);
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
            long warmEnd = System.nanoTime() + 3_000_000_000L;
            long end = warmEnd + seconds * 1_000_000_000L;
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                futures.add(pool.submit(() -> {
                    try (HttpClient http = HttpClient.create(url)) {
                        Fixtures local = new Fixtures(null, null, http, mapper);
                        int n = offset;
                        while (System.nanoTime() < end) {
                            var d = paired.get(n++ % paired.size());
                            long start = System.nanoTime();
                            Api.Response r = local.deviceSignIn(d.deviceId(), d.key());
                            long took = System.nanoTime() - start;
                            if (start > warmEnd) {
                                if (r.status() == 200) {
                                    ok.incrementAndGet();
                                    latencies.add(took);
                                } else {
                                    failed.incrementAndGet();
                                }
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            double p50 = sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2) / 1e6;
            double p99 = sorted.isEmpty() ? 0 : sorted.get((int) (sorted.size() * 0.99)) / 1e6;
            System.out.printf(java.util.Locale.ROOT,
                    "{\"argon2id\":{\"memoryKib\":19456,\"iterations\":2,\"parallelism\":1,\"medianMs\":%d,\"minMs\":%d,\"maxMs\":%d},"
                            + "\"deviceSignIn\":{\"threads\":%d,\"devices\":%d,\"seconds\":%d,\"signInsPerSecond\":%.1f,"
                            + "\"p50Ms\":%.2f,\"p99Ms\":%.2f,\"failed\":%d,\"cores\":%d}}%n",
                    hashMs.get(hashMs.size() / 2), hashMs.get(0), hashMs.get(hashMs.size() - 1),
                    threads, devices, seconds, ok.get() / (double) seconds, p50, p99, failed.get(),
                    Runtime.getRuntime().availableProcessors());
        }
        System.exit(0);
    }
}
