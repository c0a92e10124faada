package se.bredvid.bench.rig;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One Bredvid instance in a process of its own, started as infra/rig/rig.sh's {@code start_instance} starts the
 * rig's three (production mode: no dev/demo environment, the rig's keys read from files, the same environment
 * and JVM options), on a port of its own, from a given jar, with LISTEN/NOTIFY on or off
 * ({@code bredvid.messaging.notify.enabled}, se.bredvid.messaging.notify.NotifyConfig). Its pid goes to
 * {@code bredvid-<name>.pid} in the rig directory, so that {@code rig.sh stop} stops it too if this JVM dies
 * first; its output goes to {@code bredvid-<name>.log} there.
 */
final class RigInstance implements AutoCloseable {

    /** As start_instance: the JVM options of the rig's instances. */
    static final List<String> JVM_OPTIONS = List.of("-Xmx512m", "-XX:+UseSerialGC");

    final URI uri;
    final Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    private final Rig rig;
    private final Path jar;
    private final int port;
    private final Path pidFile;
    private final Path logFile;
    private Process process;
    private boolean notify;
    private int starts;

    RigInstance(Rig rig, Path jar, int port, String name) {
        this.rig = rig;
        this.jar = jar;
        this.port = port;
        this.uri = URI.create("http://127.0.0.1:" + port);
        this.pidFile = rig.dir.resolve("bredvid-" + name + ".pid");
        this.logFile = rig.dir.resolve("bredvid-" + name + ".log");
    }

    /** Runs with this NOTIFY setting, restarted if it ran with the other; answers whether it was (re)started. */
    synchronized boolean ensure(boolean notify) throws Exception {
        if (process != null && process.isAlive() && this.notify == notify) {
            return false;
        }
        stop();
        start(notify);
        return true;
    }

    int starts() {
        return starts;
    }

    /** The running process's pid, -1 when none runs. */
    synchronized long pid() {
        return process == null ? -1 : process.pid();
    }

    private void start(boolean notify) throws Exception {
        RigMain.log("starting the instance on port " + port + ", NOTIFY " + (notify ? "on" : "off"));
        ProcessBuilder pb = new ProcessBuilder(java.toString());
        pb.command().addAll(JVM_OPTIONS);
        // For profiling a run (e.g. -XX:StartFlightRecording=...): options added to the instance's JVM only.
        String extra = System.getenv().getOrDefault("BREDVID_RIG_INSTANCE_JVM", "").trim();
        if (!extra.isEmpty()) {
            pb.command().addAll(List.of(extra.split("\\s+")));
        }
        pb.command().addAll(List.of("-jar", jar.toString()));
        Map<String, String> env = pb.environment();
        String path = env.get("PATH");
        String home = env.getOrDefault("HOME", "/tmp");
        env.clear();
        env.put("PATH", path);
        env.put("HOME", home);
        env.put("BREDVID_PORT", String.valueOf(port));
        env.put("BREDVID_HOST", "127.0.0.1");
        env.put("BREDVID_DB_URL", rig.db);
        env.put("BREDVID_DB_POOL_SIZE", "16");
        env.put("BREDVID_JWT_PRIVATE_KEY_FILE", rig.dir.resolve("jwt.pem").toString());
        env.put("BREDVID_FIELD_KEY_ID", "k1");
        env.put("BREDVID_FIELD_KEY", Files.readString(rig.dir.resolve("field.key")).trim());
        env.put("BREDVID_TRUSTED_PROXIES", "127.0.0.1");
        env.put("BREDVID_RATE_LIMIT_FACTOR", System.getenv().getOrDefault("BREDVID_RIG_RATE_LIMIT_FACTOR", "1000"));
        env.put("BREDVID_HSTS_ENABLED", "false");
        env.put("BREDVID_METRICS_TOKEN_FILE", rig.dir.resolve("metrics.token").toString());
        env.put("BREDVID_MESSAGING_NOTIFY_ENABLED", String.valueOf(notify));
        pb.directory(rig.dir.toFile()).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = pb.start();
        this.notify = notify;
        starts++;
        Files.writeString(pidFile, process.pid() + "\n");
        awaitHealthy(Duration.ofSeconds(120));
    }

    private void awaitHealthy(Duration within) throws Exception {
        long deadline = System.nanoTime() + within.toNanos();
        HttpRequest health = HttpRequest.newBuilder(uri.resolve("/health")).timeout(Duration.ofSeconds(2)).build();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the instance exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                if (rig.http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the instance did not become healthy in " + within + "; see " + logFile);
    }

    /** SIGTERM (a graceful stop, as a deployment stops it), SIGKILL after 30 s. */
    synchronized void stop() throws Exception {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        process = null;
        Files.deleteIfExists(pidFile);
    }

    @Override
    public void close() throws Exception {
        stop();
    }
}
