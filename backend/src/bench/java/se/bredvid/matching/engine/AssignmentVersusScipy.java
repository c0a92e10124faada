package se.bredvid.matching.engine;

import com.sun.management.OperatingSystemMXBean;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import se.bredvid.bench.MatchingBenchmark;
import se.bredvid.bench.MatchingBenchmark.Json;
import se.bredvid.bench.MatchingBenchmark.Workload;

/**
 * The batch solver against scipy's {@code linear_sum_assignment} on the same instances; prints one JSON
 * object. Run from the repository root (bench classes first, then the program):
 * <pre>
 * mvn -B -q -o -pl backend -Pbench test-compile
 * mvn -B -q -o -pl backend -Pbench exec:exec -Dbench.main=se.bredvid.matching.engine.AssignmentVersusScipy
 * </pre>
 * It calls {@code python3 backend/src/bench/python/linear_sum_assignment_bench.py} (numpy and scipy; not
 * needed by CI). Without python3 or scipy the "scipy" objects say {@code "available": false} and why, and our
 * figures are still there.
 *
 * <p>{@link MatchingBenchmark}'s two batch cases, "plain" (2,000 clients, 10,000 volunteers, about 14,000
 * free places) and "contended" (the same volunteers nearly full: about 770 places for 2,000 clients, so
 * most must wait and many compete for each place), each as two instances:
 * <ul>
 *   <li>{@code <case>Pruned}: exactly the graph {@link MinCostAssignment} receives from the engine in the
 *       round whose solution it returns (the last round of column generation): each client's candidate pairs
 *       with weight {@code score + bonus}, each volunteer's free places;</li>
 *   <li>{@code <case>Full}: every feasible pair of the batch, the whole problem {@code assignBatch} solves by
 *       pruning and column generation. Here the engine's own time is given too ({@code engine*Ms}: a complete
 *       {@code assignBatch} on the prepared pool, which also scores all 20 million pairs that scipy is handed
 *       ready in its matrix).</li>
 * </ul>
 * Each instance is written as the cost matrix scipy gets, {@code backend/target/assignment-bench/<case>-
 * <instance>.npy} (float64, one row per client):
 * <ul>
 *   <li>a column per place: volunteer {@code j} gets {@code min(free_j, clients with a pair to j)} identical
 *       columns, volunteers without pairs get none (neither changes the optimum; both make the matrix smaller,
 *       so they can only help scipy);</li>
 *   <li>then one "unassigned" column per client, cost 0 in every row: a client may stay unmatched, as in our
 *       solver, where that arc costs 0;</li>
 *   <li>a pair in the graph costs {@code -(score + bonus)}; every other pair (infeasible, or pruned) is
 *       {@code +inf}, which scipy treats as forbidden.</li>
 * </ul>
 * Our solver's time is constructing it and {@code solve()} on the graph (what {@code BatchAssigner} does per
 * round); the script times the {@code linear_sum_assignment} call alone, not loading the file. Each runs
 * {@value #WARMUP} untimed and then {@value #RUNS} timed repetitions in its own warm process, one after the
 * other (never both at once). Optimal assignments may differ, total costs must not: {@code sameTotalCost}
 * (and {@code engineSameTotalCost}). {@code solverRatio} and {@code engineRatio} are our median over scipy's:
 * below 1 we are faster. The load average is in "machine"; compare ratios within one run.
 */
public final class AssignmentVersusScipy {

    private static final int WARMUP = 3;
    private static final int RUNS = 9;
    private static final Pattern NUMBER = Pattern.compile("\"(medianMs|totalCost)\":\\s*(-?[0-9.eE+]+)");

    public static void main(String[] args) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("bench.dir", "target/assignment-bench"));
        Files.createDirectories(dir);
        Path script = script();
        Workload workload = MatchingBenchmark.workload();
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double loadAtStart = os.getSystemLoadAverage();
        Json json = new Json();
        compare(json, "plain", workload, workload.volunteers(), dir, script);
        compare(json, "contended", workload, workload.crowded(), dir, script);
        MatchingBenchmark.machine(json, loadAtStart, os);
        System.out.println(json.finish());
    }

    /** A solver input: client {@code i}'s pairs are {@code arcStart[i] .. arcStart[i + 1] - 1}. */
    private record Graph(int[] arcStart, int[] arcVolunteer, long[] arcWeight, int[] free) {

        static Graph of(MinCostAssignment solver) {
            return new Graph(solver.arcStart, solver.arcVolunteer, solver.arcWeight, solver.free);
        }

        int clients() {
            return arcStart.length - 1;
        }
    }

    private static void compare(Json json, String name, Workload workload, List<VolunteerProfile> volunteers,
            Path dir, Path script) throws IOException, InterruptedException {
        MatchingEngine engine = new MatchingEngine(MatchingWeights.DEFAULTS);
        VolunteerPool pool = VolunteerPool.of(volunteers);
        List<MinCostAssignment> rounds = new ArrayList<>();
        BatchResult result = engine.assignBatch(workload.clients(), pool, workload.ended(), rounds::add);
        double[] engineMs = new double[RUNS];
        for (int r = -WARMUP; r < RUNS; r++) {
            long start = System.nanoTime();
            engine.assignBatch(workload.clients(), pool, workload.ended());
            if (r >= 0) {
                engineMs[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        json.open(name);
        json.field("clients", workload.clients().size());
        json.field("volunteers", volunteers.size());
        json.field("freePlaces", pool.totalFreeCapacity);
        json.field("engineSolveRounds", rounds.size());
        json.field("engineCertified", result.certificate().certified());
        json.close();

        Graph pruned = Graph.of(rounds.get(rounds.size() - 1));
        json.open(name + "Pruned");
        Solved ours = timeSolver(json, pruned);
        String scipy = scipy(json, pruned, ours, dir.resolve(name + "-pruned.npy"), script);
        Double scipyMedian = number(scipy, "medianMs");
        if (scipyMedian != null) {
            json.field("solverRatio", ours.medianMs() / scipyMedian);
        }
        json.close();

        Graph full = fullGraph(engine, workload, pool, result.certificate().matchBonus());
        json.open(name + "Full");
        json.field("engineMinMs", MatchingBenchmark.percentile(engineMs, 0));
        json.field("engineMedianMs", MatchingBenchmark.percentile(engineMs, 50));
        json.field("engineMaxMs", MatchingBenchmark.percentile(engineMs, 100));
        json.field("engineTotalCost", -result.certificate().primalValue());
        ours = timeSolver(json, full);
        scipy = scipy(json, full, ours, dir.resolve(name + "-full.npy"), script);
        scipyMedian = number(scipy, "medianMs");
        Double scipyCost = number(scipy, "totalCost");
        if (scipyCost != null) {
            json.field("engineSameTotalCost", scipyCost.longValue() == -result.certificate().primalValue());
        }
        if (scipyMedian != null) {
            json.field("engineRatio", MatchingBenchmark.percentile(engineMs, 50) / scipyMedian);
            json.field("solverRatio", ours.medianMs() / scipyMedian);
        }
        json.close();
    }

    /**
     * Every feasible pair of the batch with the engine's weight (score + bonus): the whole problem that
     * {@code assignBatch} solves by pruning and column generation.
     */
    private static Graph fullGraph(MatchingEngine engine, Workload workload, VolunteerPool pool, long bonus) {
        List<ClientProfile> sorted = new ArrayList<>(workload.clients());
        sorted.sort(Comparator.comparing(ClientProfile::id));
        int[] arcStart = new int[sorted.size() + 1];
        List<int[]> volunteersOf = new ArrayList<>();
        List<long[]> weightsOf = new ArrayList<>();
        for (int i = 0; i < sorted.size(); i++) {
            CompiledClient client = new CompiledClient(sorted.get(i), pool, workload.ended());
            int[] js = new int[pool.eligible.length];
            long[] ws = new long[pool.eligible.length];
            int size = 0;
            for (CompiledVolunteer volunteer : pool.eligible) {
                if (Rules.violations(client, volunteer, true) == 0) {
                    js[size] = volunteer.index;
                    ws[size++] = Rules.score(client, volunteer, engine.weights(), null) + bonus;
                }
            }
            volunteersOf.add(Arrays.copyOf(js, size));
            weightsOf.add(Arrays.copyOf(ws, size));
            arcStart[i + 1] = arcStart[i] + size;
        }
        int[] arcVolunteer = new int[arcStart[sorted.size()]];
        long[] arcWeight = new long[arcVolunteer.length];
        for (int i = 0; i < sorted.size(); i++) {
            System.arraycopy(volunteersOf.get(i), 0, arcVolunteer, arcStart[i], volunteersOf.get(i).length);
            System.arraycopy(weightsOf.get(i), 0, arcWeight, arcStart[i], weightsOf.get(i).length);
        }
        int[] free = new int[pool.size()];
        for (CompiledVolunteer v : pool.eligible) {
            free[v.index] = v.freeCapacity;
        }
        return new Graph(arcStart, arcVolunteer, arcWeight, free);
    }

    private record Solved(double medianMs, long totalCost) {
    }

    /** Times our solver on the graph. */
    private static Solved timeSolver(Json json, Graph graph) {
        double[] ms = new double[RUNS];
        MinCostAssignment solved = null;
        for (int r = -WARMUP; r < RUNS; r++) {
            long start = System.nanoTime();
            solved = new MinCostAssignment(graph.arcStart(), graph.arcVolunteer(), graph.arcWeight(), graph.free());
            solved.solve();
            if (r >= 0) {
                ms[r] = (System.nanoTime() - start) / 1e6;
            }
        }
        long cost = 0;
        int assigned = 0;
        for (int i = 0; i < graph.clients(); i++) {
            int j = solved.volunteerOf(i);
            if (j >= 0) {
                cost -= weightOf(graph, i, j);
                assigned++;
            }
        }
        json.field("arcs", graph.arcVolunteer().length);
        json.field("runs", RUNS);
        json.field("solverMinMs", MatchingBenchmark.percentile(ms, 0));
        json.field("solverMedianMs", MatchingBenchmark.percentile(ms, 50));
        json.field("solverMaxMs", MatchingBenchmark.percentile(ms, 100));
        json.field("solverTotalCost", cost);
        json.field("solverAssigned", assigned);
        return new Solved(MatchingBenchmark.percentile(ms, 50), cost);
    }

    /** Writes the graph's matrix, times scipy on it and adds its figures; returns scipy's JSON. */
    private static String scipy(Json json, Graph graph, Solved ours, Path matrix, Path script)
            throws IOException, InterruptedException {
        int[] shape = writeMatrix(graph, matrix);
        json.field("matrixRows", shape[0]);
        json.field("matrixColumns", shape[1]);
        json.field("matrixPlaceColumns", shape[2]);
        String scipy = runScipy(script, matrix);
        json.raw("scipy", scipy);
        Double scipyCost = number(scipy, "totalCost");
        if (scipyCost != null) {
            json.field("sameTotalCost", scipyCost.longValue() == ours.totalCost());
        }
        return scipy;
    }

    private static long weightOf(Graph graph, int client, int volunteer) {
        for (int e = graph.arcStart()[client]; e < graph.arcStart()[client + 1]; e++) {
            if (graph.arcVolunteer()[e] == volunteer) {
                return graph.arcWeight()[e];
            }
        }
        throw new IllegalStateException("assigned to a pair that is not on the list");
    }

    /** Writes the cost matrix (see the class comment) as a NumPy .npy file; returns rows, columns, places. */
    private static int[] writeMatrix(Graph instance, Path file) throws IOException {
        int rows = instance.clients();
        int[] listers = new int[instance.free().length];
        for (int j : instance.arcVolunteer()) {
            listers[j]++;
        }
        int[] firstColumn = new int[instance.free().length];
        int[] places = new int[instance.free().length];
        int placeColumns = 0;
        for (int j = 0; j < places.length; j++) {
            firstColumn[j] = placeColumns;
            places[j] = Math.min(instance.free()[j], listers[j]);
            placeColumns += places[j];
        }
        int columns = placeColumns + rows;
        String header = String.format(Locale.ROOT,
                "{'descr': '<f8', 'fortran_order': False, 'shape': (%d, %d), }", rows, columns);
        // NumPy format 1.0: magic, version, header length; the header padded so the data starts at 64n.
        int unpadded = 10 + header.length() + 1;
        header = header + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer preamble = ByteBuffer.allocate(10).order(ByteOrder.LITTLE_ENDIAN);
            preamble.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
            preamble.putShort((short) header.length());
            out.write(preamble.array());
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            double[] row = new double[columns];
            ByteBuffer bytes = ByteBuffer.allocate(columns * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i < rows; i++) {
                Arrays.fill(row, 0, placeColumns, Double.POSITIVE_INFINITY);
                Arrays.fill(row, placeColumns, columns, 0.0);
                for (int e = instance.arcStart()[i]; e < instance.arcStart()[i + 1]; e++) {
                    int j = instance.arcVolunteer()[e];
                    for (int c = firstColumn[j]; c < firstColumn[j] + places[j]; c++) {
                        row[c] = -(double) instance.arcWeight()[e];
                    }
                }
                bytes.clear();
                bytes.asDoubleBuffer().put(row);
                out.write(bytes.array());
            }
        }
        return new int[] {rows, columns, placeColumns};
    }

    private static String runScipy(Path script, Path matrix) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder("python3", script.toString(), matrix.toString(), Integer.toString(WARMUP),
                    Integer.toString(RUNS)).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            return "{\"available\":false,\"reason\":\"python3 could not be started: " + quote(e.getMessage())
                    + "\"}";
        }
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        int exit = process.waitFor();
        if (exit != 0 || !out.startsWith("{")) {
            return "{\"available\":false,\"reason\":\"the script exited with " + exit + "\"}";
        }
        return out;
    }

    private static Double number(String json, String key) {
        Matcher m = NUMBER.matcher(json);
        while (m.find()) {
            if (m.group(1).equals(key)) {
                return Double.valueOf(m.group(2));
            }
        }
        return null;
    }

    private static String quote(String text) {
        return String.valueOf(text).replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static Path script() {
        String name = "src/bench/python/linear_sum_assignment_bench.py";
        Path inModule = Path.of(name);
        return Files.exists(inModule) ? inModule : Path.of("backend", name);
    }
}
