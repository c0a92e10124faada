package se.bredvid.bench.rig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * How much of the machine's CPU went to work other than the measurement (another developer's build on the shared
 * machine) during a phase: user and system time of all CPUs (/proc/stat) minus that of this JVM, the instance and
 * the PostgreSQL cluster (/proc/[pid]/stat: each with its exited children, such as pgbench and autovacuum workers,
 * and the cluster's running backends). Kernel threads count as other work. Linux only; 100 ticks a second.
 */
final class RigCpu {

    private static final double TICKS_PER_SECOND = 100;

    /**
     * Busy ticks of the machine and of the measurement's own processes, at one moment: the load generator (this
     * JVM), the instance and the PostgreSQL cluster (pgbench, a child of this JVM, counts with the generator).
     */
    record Sample(long nanos, long machineBusy, long generator, long instance, long postgres) {
        long ours() {
            return generator + instance + postgres;
        }
    }

    private final Path postmasterPid;

    RigCpu(Path pgData) {
        this.postmasterPid = pgData.resolve("postmaster.pid");
    }

    Sample sample(long instancePid) {
        try {
            long postmaster = Long.parseLong(Files.readAllLines(postmasterPid).get(0).trim());
            // A reaped child's time moves to its parent's cutime/cstime: counted with the parent.
            long generator = ticks(ProcessHandle.current().pid());
            long instance = ticks(instancePid);
            long postgres = ticks(postmaster);
            List<long[]> running = new ArrayList<>();
            try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
                procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
                        .map(RigCpu::stat).filter(f -> f != null && f[0] == postmaster).forEach(running::add);
            }
            for (long[] f : running) {
                postgres += f[1];
            }
            return new Sample(System.nanoTime(), machineBusy(), generator, instance, postgres);
        } catch (IOException | RuntimeException e) {
            // Without the cluster's processes the share of other work would read too high: unknown instead.
            return new Sample(System.nanoTime(), -1, 0, 0, 0);
        }
    }

    private static long ticks(long pid) {
        long[] f = stat(Path.of("/proc", String.valueOf(pid)));
        return f == null ? 0 : f[1] + f[2];
    }

    /**
     * Per cent of all CPUs' time between the samples that went to the generator, the instance, PostgreSQL and
     * other work: where a closed loop's CPU went.
     */
    static Map<String, Double> split(Sample a, Sample b) {
        Map<String, Double> m = new LinkedHashMap<>();
        if (a.machineBusy() < 0 || b.machineBusy() < 0) {
            return m;
        }
        double capacity = (b.nanos() - a.nanos()) / 1e9 * TICKS_PER_SECOND * Runtime.getRuntime().availableProcessors();
        m.put("generator", percent(b.generator() - a.generator(), capacity));
        m.put("instance", percent(b.instance() - a.instance(), capacity));
        m.put("postgres", percent(b.postgres() - a.postgres(), capacity));
        m.put("idle", percent(capacity - (b.machineBusy() - a.machineBusy()), capacity));
        return m;
    }

    private static double percent(double ticks, double capacity) {
        return Math.max(0, Math.round(1000 * ticks / capacity) / 10.0);
    }

    /** Per cent of all CPUs' time between the samples that went to other work; -1 when unknown. */
    static double othersPercent(Sample a, Sample b) {
        if (a.machineBusy() < 0 || b.machineBusy() < 0) {
            return -1;
        }
        double capacity = (b.nanos() - a.nanos()) / 1e9 * TICKS_PER_SECOND * Runtime.getRuntime().availableProcessors();
        long others = (b.machineBusy() - a.machineBusy()) - (b.ours() - a.ours());
        return Math.max(0, Math.round(1000 * others / capacity) / 10.0);
    }

    /** ppid, utime + stime, and cutime + cstime (its exited children) of a process, or null if it is gone. */
    private static long[] stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            String[] f = s.substring(s.lastIndexOf(')') + 2).split(" ");
            // After "pid (comm) ": state ppid ... utime (14th field of the line), stime, cutime, cstime (17th).
            return new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12]),
                    Long.parseLong(f[13]) + Long.parseLong(f[14])};
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** user + nice + system ticks of all CPUs (not idle, iowait, interrupts or steal). */
    private static long machineBusy() throws IOException {
        String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        return Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]);
    }
}
