package se.bredvid.bench;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.TestDatabase;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What verifying an access token costs the server, printed as one JSON object (issue 17, step 1): closed-loop
 * authenticated requests per second to {@code GET /api/auth/me} (no database, nothing but the token's
 * verification, routing and JSON), over HTTP on loopback from concurrent clients each holding its own
 * staff token, with the verified-token memory off ({@code bredvid.tokens.verified-cache-size=0}: every
 * request verifies ES256) and on. The two alternate (off, on, off, on) in one run, each in a fresh server
 * on the same database, so that run order and warm-up weigh on both alike; the ratio is the figure.
 * Run: {@code mvn -B -q -pl backend -Pbench test-compile exec:exec -Dbench.main=se.bredvid.bench.TokenBench}
 * ({@code -Dbench.seconds=8 -Dbench.threads=32 -Dbench.tokens=64}; the local PostgreSQL must be running).
 */
public final class TokenBench {

    public static void main(String[] args) throws Exception {
        int seconds = Integer.parseInt(System.getProperty("bench.seconds", "8"));
        int threads = Integer.parseInt(System.getProperty("bench.threads", "32"));
        int tokenCount = Integer.parseInt(System.getProperty("bench.tokens", "64"));
        Map<String, Object> base = new HashMap<>(TestDatabase.freshDatabaseProperties());
        base.put("micronaut.server.port", "-1");
        base.put("bredvid.rate-limits.factor", "100000");
        base.put("bredvid.tokens.access-ttl", "30m");

        List<Map<String, Object>> rounds = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            boolean cache = round % 2 == 1;
            Map<String, Object> props = new HashMap<>(base);
            props.put("bredvid.tokens.verified-cache-size", cache ? "100000" : "0");
            try (ApplicationContext ctx = ApplicationContext.builder().environments("test").properties(props).start()) {
                EmbeddedServer server = ctx.getBean(EmbeddedServer.class).start();
                Fixtures fx = ctx.getBean(Fixtures.class);
                UUID org = fx.organisation();
                List<String> tokens = new ArrayList<>();
                for (int i = 0; i < tokenCount; i++) {
                    tokens.add(fx.coordinator(org).accessToken());
                }
                URI me = server.getURI().resolve("/api/auth/me");
                Map<String, Object> r = new LinkedHashMap<>();
                r.put("verifiedCache", cache);
                r.putAll(load(me, tokens, threads, 2));           // warm-up, not reported
                r.putAll(load(me, tokens, threads, seconds));
                rounds.add(r);
            }
        }
        double off = rounds.stream().filter(r -> !(Boolean) r.get("verifiedCache")).mapToDouble(r -> (Double) r.get("requestsPerSecond")).average().orElse(0);
        double on = rounds.stream().filter(r -> (Boolean) r.get("verifiedCache")).mapToDouble(r -> (Double) r.get("requestsPerSecond")).average().orElse(0);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("benchmark", "token-verification");
        out.put("loadavg", java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.put("threads", threads);
        out.put("tokens", tokenCount);
        out.put("seconds", seconds);
        out.put("rounds", rounds);
        out.put("onOverOff", Math.round(on / off * 100) / 100.0);
        System.out.println(toJson(out));
    }

    private static Map<String, Object> load(URI uri, List<String> tokens, int threads, int seconds) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<?>> running = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            int first = t;
            running.add(pool.submit(() -> {
                int i = first;
                while (!stop.get()) {
                    String token = tokens.get(i++ % tokens.size());
                    try {
                        HttpResponse<Void> r = client.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + token)
                                .GET().build(), HttpResponse.BodyHandlers.discarding());
                        (r.statusCode() == 200 ? ok : failed).incrementAndGet();
                    } catch (Exception e) {
                        failed.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        Thread.sleep(seconds * 1000L);
        stop.set(true);
        for (Future<?> f : running) {
            f.get();
        }
        pool.shutdown();
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("requestsPerSecond", Math.round(ok.get() / elapsed * 10) / 10.0);
        r.put("failed", failed.get());
        return r;
    }

    private static String toJson(Object o) {
        if (o instanceof Map<?, ?> m) {
            StringBuilder sb = new StringBuilder("{");
            m.forEach((k, v) -> sb.append(sb.length() > 1 ? ", " : "").append('"').append(k).append("\": ").append(toJson(v)));
            return sb.append('}').toString();
        }
        if (o instanceof List<?> l) {
            StringBuilder sb = new StringBuilder("[");
            l.forEach(v -> sb.append(sb.length() > 1 ? ", " : "").append(toJson(v)));
            return sb.append(']').toString();
        }
        return o instanceof String s ? '"' + s + '"' : String.valueOf(o);
    }
}
