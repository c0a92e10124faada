package se.bredvid.bench.rig;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The running rig as infra/rig/rig.sh started it (its state directory, the load balancer, the instances, the
 * PostgreSQL cluster) and what the programs do to it: a fixtures context on the rig's database (staff, devices
 * and conversations made the way the tests make them, signed with the rig's key), killing and restarting an
 * instance, restarting PostgreSQL, reading each instance's metrics.
 */
final class Rig {

    final Path dir;
    final URI lb;
    final String db;
    final List<Integer> ports;
    final Path pgData;
    final Path pgBin;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Rig(Path dir, URI lb, String db, List<Integer> ports, Path pgData, Path pgBin) {
        this.dir = dir;
        this.lb = lb;
        this.db = db;
        this.ports = ports;
        this.pgData = pgData;
        this.pgBin = pgBin;
    }

    static Rig fromSystemProperties() {
        List<Integer> ports = new ArrayList<>();
        for (String p : System.getProperty("bredvid.rig.ports", "18081 18082 18083").trim().split("\\s+")) {
            ports.add(Integer.parseInt(p));
        }
        return new Rig(Path.of(System.getProperty("bredvid.rig.dir", "/tmp/bredvid-rig")),
                URI.create(System.getProperty("bredvid.rig.lb", "http://127.0.0.1:18080")),
                System.getProperty("bredvid.rig.db", "jdbc:postgresql://127.0.0.1:55433/bredvid"), ports,
                Path.of(System.getProperty("bredvid.rig.pg-data", "/var/lib/postgresql/bredvid-rig-15")),
                Path.of(System.getProperty("bredvid.rig.pg-bin", "/usr/lib/postgresql/15/bin")));
    }

    /** A test-environment context on the rig's database, with the rig's keys: it only makes fixtures. */
    ApplicationContext fixtures() throws IOException {
        Map<String, Object> p = new HashMap<>();
        p.put("datasources.default.url", db);
        p.put("datasources.default.username", "bredvid");
        p.put("datasources.default.password", "bredvid");
        p.put("datasources.default.maximum-pool-size", "8");
        p.put("micronaut.server.port", -1);
        p.put("bredvid.jwt.private-key", Files.readString(dir.resolve("jwt.pem")));
        p.put("bredvid.crypto.field.current-key", "k1");
        p.put("bredvid.crypto.field.keys.k1", Files.readString(dir.resolve("field.key")).trim());
        // Tokens that outlive a run; the instances check the signature and the expiry as always.
        p.put("bredvid.tokens.access-ttl", "2h");
        p.put("bredvid.rate-limits.factor", "1000");
        p.put("bredvid.checkins.job.enabled", "false");
        p.put("bredvid.messaging.notify.enabled", "false");
        ApplicationContext ctx = ApplicationContext.run(p, "test");
        ctx.getBean(EmbeddedServer.class).start();
        return ctx;
    }

    Connection jdbc() throws SQLException {
        return DriverManager.getConnection(db, "bredvid", "bredvid");
    }

    long pid(int instance) throws IOException {
        return Long.parseLong(Files.readString(dir.resolve("bredvid-" + instance + ".pid")).trim());
    }

    /** SIGKILL: nothing of the instance gets to finish or flush. */
    void kill9(int instance) throws Exception {
        new ProcessBuilder("kill", "-9", String.valueOf(pid(instance))).inheritIO().start().waitFor();
    }

    /** Starts the rig's missing parts again (rig.sh start is idempotent). */
    void restoreInstances() throws Exception {
        Path script = Path.of(System.getProperty("user.dir")).resolve("infra/rig/rig.sh");
        Process p = new ProcessBuilder("bash", script.toString(), "start").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(180, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("rig.sh start did not bring the rig back");
        }
    }

    /** Stops PostgreSQL (fast shutdown: sessions are cut), waits {@code down}, starts it again. */
    void restartPostgres(Duration down) throws Exception {
        pgCtl("stop", "-m", "fast");
        Thread.sleep(down.toMillis());
        pgCtl("start", "-l", pgData.resolve("server.log").toString());
    }

    private void pgCtl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>();
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            cmd.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        cmd.add(pgBin.resolve("pg_ctl").toString());
        cmd.addAll(List.of("-D", pgData.toString(), "-w", "-t", "60"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("pg_ctl " + String.join(" ", args) + " failed");
        }
    }

    private static final Pattern LIVE = Pattern.compile("(?m)^bredvid_live_connections(?:\\{[^}]*})?\\s+([0-9.eE+-]+)");

    /** Live sockets per instance from its /prometheus (the rig's scrape token), -1 when it does not answer. */
    Map<String, Object> connectionsPerInstance() {
        Map<String, Object> out = new LinkedHashMap<>();
        String token;
        try {
            token = Files.readString(dir.resolve("metrics.token")).trim();
        } catch (IOException e) {
            return out;
        }
        for (int i = 0; i < ports.size(); i++) {
            long n = -1;
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get(i) + "/prometheus"))
                        .timeout(Duration.ofSeconds(3)).header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
                Matcher m = LIVE.matcher(r.body());
                if (r.statusCode() == 200 && m.find()) {
                    n = Math.round(Double.parseDouble(m.group(1)));
                }
            } catch (Exception e) {
                n = -1;
            }
            out.put("bredvid-" + (i + 1), n);
        }
        return out;
    }

    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            return -1;
        }
    }
}
