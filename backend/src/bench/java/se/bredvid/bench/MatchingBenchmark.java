package se.bredvid.bench;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import se.bredvid.matching.engine.AgeBand;
import se.bredvid.matching.engine.AgeRange;
import se.bredvid.matching.engine.BatchResult;
import se.bredvid.matching.engine.ClientProfile;
import se.bredvid.matching.engine.DayPart;
import se.bredvid.matching.engine.EndedForCause;
import se.bredvid.matching.engine.Exclusions;
import se.bredvid.matching.engine.Gender;
import se.bredvid.matching.engine.MatchingEngine;
import se.bredvid.matching.engine.MatchingWeights;
import se.bredvid.matching.engine.MeetingMode;
import se.bredvid.matching.engine.Need;
import se.bredvid.matching.engine.Preferences;
import se.bredvid.matching.engine.SharedBackground;
import se.bredvid.matching.engine.TimeSlot;
import se.bredvid.matching.engine.UnmatchedClient;
import se.bredvid.matching.engine.VolunteerPool;
import se.bredvid.matching.engine.VolunteerProfile;

/**
 * Benchmark of the matching engine; prints one JSON object. Run from the repository root:
 * {@code mvn -B -q -pl backend -Pbench test-compile exec:exec}.
 *
 * <p>Synthetic data with a fixed seed, shaped like a national pool: 21 counties with about 290
 * municipalities of very unequal size, volunteers mostly women, Swedish nearly universal, a long tail of
 * other languages, communities and interests, travel within the home county, and clients with the
 * wishes and exclusions the domain describes.
 */
public final class MatchingBenchmark {

    private static final int VOLUNTEERS = 10_000;
    private static final int CLIENTS = 2_000;
    private static final int SUGGEST_RUNS = 300;
    private static final int BATCH_RUNS = 3;

    private static final String[] LANGUAGES = {"sv", "en", "ar", "so", "fa", "ku", "ti", "prs", "tr", "bs", "es",
            "fr", "de", "pl", "ru", "ps", "ur", "hi", "zh", "th", "am", "sq", "fi", "uk"};
    private static final double[] LANGUAGE_SHARE = {0.97, 0.7, 0.12, 0.05, 0.05, 0.04, 0.03, 0.02, 0.03, 0.02,
            0.03, 0.03, 0.03, 0.02, 0.02, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.01, 0.02, 0.01};

    private final Random random = new Random(20_240_601L);
    private final List<List<String>> counties = new ArrayList<>();
    private final List<String> municipalities = new ArrayList<>();
    private final List<Integer> countyOf = new ArrayList<>();
    private double[] cumulativePopulation;

    public static void main(String[] args) {
        new MatchingBenchmark().run();
    }

    /**
     * The batch cases' data: clients, volunteers as generated ("plain"), the same volunteers nearly full
     * ("contended": about 770 free places for 2,000 clients), and pairs ended for cause.
     */
    public record Workload(List<ClientProfile> clients, List<VolunteerProfile> volunteers,
            List<VolunteerProfile> crowded, EndedForCause ended) {
    }

    /** The same data as {@link #main} benchmarks (fixed seeds). */
    public static Workload workload() {
        return new MatchingBenchmark().build();
    }

    private Workload build() {
        buildGeography();
        List<VolunteerProfile> volunteers = new ArrayList<>();
        for (int j = 0; j < VOLUNTEERS; j++) {
            volunteers.add(volunteer(new UUID(random.nextLong(), random.nextLong())));
        }
        List<ClientProfile> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(client(new UUID(random.nextLong(), random.nextLong()), volunteers));
        }
        List<EndedForCause.Pair> pairs = new ArrayList<>();
        for (int p = 0; p < 500; p++) {
            pairs.add(new EndedForCause.Pair(clients.get(random.nextInt(CLIENTS)).id(),
                    volunteers.get(random.nextInt(VOLUNTEERS)).id()));
        }
        EndedForCause ended = EndedForCause.of(pairs);
        // The same pool with every volunteer nearly full: fewer free places than clients, so the optimum
        // must choose whom to leave waiting and column generation has work to do.
        Random loads = new Random(7);
        List<VolunteerProfile> crowded = new ArrayList<>();
        for (VolunteerProfile v : volunteers) {
            int load = loads.nextDouble() < 0.1 ? v.capacity() - 1 : v.capacity();
            crowded.add(new VolunteerProfile(v.id(), v.languages(), v.homeRegion(), v.reachableRegions(),
                    v.digitalWilling(), v.gender(), v.age(), v.communities(), v.interests(), v.supportAreas(),
                    v.availability(), v.capacity(), load, v.trained(), v.approved()));
        }
        return new Workload(clients, volunteers, crowded, ended);
    }

    private void run() {
        Workload workload = build();
        List<ClientProfile> clients = workload.clients();
        List<VolunteerProfile> volunteers = workload.volunteers();
        List<VolunteerProfile> crowded = workload.crowded();
        EndedForCause ended = workload.ended();
        MatchingEngine engine = new MatchingEngine(MatchingWeights.DEFAULTS);
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double loadAtStart = os.getSystemLoadAverage();

        // Warm-up: let the JIT compile the hot loops before anything is timed.
        VolunteerPool pool = VolunteerPool.of(volunteers);
        for (int r = 0; r < 300; r++) {
            engine.suggest(clients.get(r % CLIENTS), volunteers, ended, 10);
            engine.suggest(clients.get(r % CLIENTS), pool, ended, 10);
        }
        engine.assignBatch(clients, volunteers, ended);
        engine.assignBatch(clients, crowded, ended);

        double[] suggestList = new double[SUGGEST_RUNS];
        double[] suggestListCpu = new double[SUGGEST_RUNS];
        double[] suggestPool = new double[SUGGEST_RUNS];
        int candidatesFound = 0;
        for (int r = 0; r < SUGGEST_RUNS; r++) {
            ClientProfile client = clients.get(random.nextInt(CLIENTS));
            long cpu = threads.getCurrentThreadCpuTime();
            long start = System.nanoTime();
            candidatesFound += engine.suggest(client, volunteers, ended, 10).size();
            suggestList[r] = (System.nanoTime() - start) / 1e6;
            suggestListCpu[r] = (threads.getCurrentThreadCpuTime() - cpu) / 1e6;
            start = System.nanoTime();
            engine.suggest(client, pool, ended, 10);
            suggestPool[r] = (System.nanoTime() - start) / 1e6;
        }

        Json json = new Json();
        json.open("suggest");
        json.field("volunteers", VOLUNTEERS);
        json.field("runs", SUGGEST_RUNS);
        json.field("k", 10);
        json.field("medianMs", percentile(suggestList, 50));
        json.field("p99Ms", percentile(suggestList, 99));
        json.field("medianThreadCpuMs", percentile(suggestListCpu, 50));
        json.field("preparedPoolMedianMs", percentile(suggestPool, 50));
        json.field("preparedPoolP99Ms", percentile(suggestPool, 99));
        json.field("meanCandidatesReturned", candidatesFound / (double) SUGGEST_RUNS);
        json.close();
        batch(json, "assignBatch", engine, clients, volunteers, ended, os);
        batch(json, "assignBatchContended", engine, clients, crowded, ended, os);
        machine(json, loadAtStart, os);
        System.out.println(json.finish());
    }

    /** Other processes share the cores; the load average says how much the figures may suffer from that. */
    public static void machine(Json json, double loadAtStart, OperatingSystemMXBean os) {
        json.open("machine");
        json.field("availableProcessors", Runtime.getRuntime().availableProcessors());
        json.field("loadAverageAtStart", loadAtStart);
        json.field("loadAverageAtEnd", os.getSystemLoadAverage());
        json.field("javaVersion", Runtime.version().feature());
        json.close();
    }

    private static void batch(Json json, String name, MatchingEngine engine, List<ClientProfile> clients,
            List<VolunteerProfile> volunteers, EndedForCause ended, OperatingSystemMXBean os) {
        double[] wall = new double[BATCH_RUNS];
        double[] cpu = new double[BATCH_RUNS];
        BatchResult result = null;
        for (int r = 0; r < BATCH_RUNS; r++) {
            long processCpu = os.getProcessCpuTime();
            long start = System.nanoTime();
            result = engine.assignBatch(clients, volunteers, ended);
            wall[r] = (System.nanoTime() - start) / 1e6;
            cpu[r] = (os.getProcessCpuTime() - processCpu) / 1e6;
        }
        json.open(name);
        json.field("clients", clients.size());
        json.field("volunteers", volunteers.size());
        json.field("freePlaces", volunteers.stream().filter(v -> v.approved() && v.trained())
                .mapToInt(VolunteerProfile::freeCapacity).sum());
        json.field("runs", BATCH_RUNS);
        json.field("medianMs", percentile(wall, 50));
        json.field("maxMs", percentile(wall, 100));
        json.field("medianProcessCpuMs", percentile(cpu, 50));
        json.field("assigned", result.matches().size());
        json.field("unassignedNoFeasibleVolunteer", result.unmatched().stream()
                .filter(u -> u.reason() == UnmatchedClient.Reason.NO_FEASIBLE_VOLUNTEER).count());
        json.field("unassignedCapacityTaken", result.unmatched().stream()
                .filter(u -> u.reason() == UnmatchedClient.Reason.CAPACITY_TAKEN).count());
        json.field("totalScore", result.totalScore());
        json.field("candidatesPerClient", result.certificate().candidatesPerClient());
        json.field("solveRounds", result.certificate().solveRounds());
        json.field("columnGenerationRounds", result.certificate().columnGenerationRounds());
        json.field("columnGenerationAddedPairs", result.certificate().addedEdges());
        json.field("primalValue", result.certificate().primalValue());
        json.field("dualValue", result.certificate().dualValue());
        json.field("optimalityCertified", result.certificate().certified());
        json.close();
    }

    /** Just enough JSON for flat numbers and booleans in named objects. */
    public static final class Json {
        private final StringBuilder out = new StringBuilder("{");
        private boolean first = true;

        public void open(String name) {
            separator();
            out.append('"').append(name).append("\":{");
            first = true;
        }

        public void close() {
            out.append('}');
            first = false;
        }

        public void field(String name, double value) {
            raw(name, String.format(Locale.ROOT, "%.3f", value));
        }

        public void field(String name, long value) {
            raw(name, Long.toString(value));
        }

        public void field(String name, boolean value) {
            raw(name, Boolean.toString(value));
        }

        public void field(String name, String value) {
            raw(name, '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"');
        }

        /** {@code value} must already be JSON (an object from another program, say). */
        public void raw(String name, String value) {
            separator();
            out.append('"').append(name).append("\":").append(value);
        }

        private void separator() {
            if (!first) {
                out.append(',');
            }
            first = false;
        }

        public String finish() {
            return out.append('}').toString();
        }
    }

    public static double percentile(double[] values, int percentile) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }

    private void buildGeography() {
        List<Double> population = new ArrayList<>();
        for (int c = 0; c < 21; c++) {
            List<String> county = new ArrayList<>();
            int size = 5 + random.nextInt(22);
            for (int m = 0; m < size; m++) {
                String code = String.format(Locale.ROOT, "%02d%02d", c + 1, m + 1);
                county.add(code);
                municipalities.add(code);
                countyOf.add(c);
                // A few large cities, many small places.
                population.add(1.0 / Math.pow(1 + m, 1.2) * (c < 3 ? 4 : 1));
            }
            counties.add(county);
        }
        cumulativePopulation = new double[population.size()];
        double sum = 0;
        for (int i = 0; i < population.size(); i++) {
            sum += population.get(i);
            cumulativePopulation[i] = sum;
        }
    }

    private int municipality() {
        double x = random.nextDouble() * cumulativePopulation[cumulativePopulation.length - 1];
        int index = Arrays.binarySearch(cumulativePopulation, x);
        return index >= 0 ? index : -index - 1;
    }

    private VolunteerProfile volunteer(UUID id) {
        int home = municipality();
        List<String> county = counties.get(countyOf.get(home));
        Set<String> reachable = new HashSet<>();
        for (int r = random.nextInt(7); r > 0; r--) {
            reachable.add(county.get(random.nextInt(county.size())));
        }
        int capacity = 1 + random.nextInt(3);
        int load = random.nextInt(4) == 0 ? random.nextInt(capacity + 1) : 0;
        double g = random.nextDouble();
        Gender gender = g < 0.85 ? Gender.WOMAN : g < 0.95 ? Gender.MAN : Gender.NON_BINARY;
        return new VolunteerProfile(id, languages(), municipalities.get(home), reachable, random.nextDouble() < 0.7,
                gender, 20 + (int) (Math.pow(random.nextDouble(), 1.5) * 50), communities(0.4), codes("interest", 40, 2, 6),
                needs(2, 5), slots(3, 10), capacity, load, random.nextDouble() < 0.9, random.nextDouble() < 0.92);
    }

    private ClientProfile client(UUID id, List<VolunteerProfile> volunteers) {
        Set<String> languages = new HashSet<>();
        if (random.nextDouble() < 0.7) {
            languages.add("sv");
        }
        String mother = LANGUAGES[2 + random.nextInt(8)];
        languages.add(mother);
        String preferred = random.nextDouble() < 0.6 ? mother : null;
        Set<String> required = random.nextDouble() < 0.25 ? Set.of(languages.contains("sv") ? "sv" : mother) : Set.of();
        double m = random.nextDouble();
        MeetingMode mode = m < 0.3 ? MeetingMode.IN_PERSON : m < 0.55 ? MeetingMode.DIGITAL : MeetingMode.BOTH;
        // Clients under protection often give no region and meet digitally (seed 001:731).
        String region = mode != MeetingMode.IN_PERSON && random.nextDouble() < 0.2 ? null
                : municipalities.get(municipality());
        Set<String> communities = communities(0.7);
        double s = random.nextDouble();
        SharedBackground shared = s < 0.2 ? SharedBackground.WANTED
                : s < 0.45 ? SharedBackground.NOT_WANTED : SharedBackground.NO_PREFERENCE;
        Gender wished = random.nextDouble() < 0.6 ? Gender.WOMAN : null;
        AgeRange ageRange = random.nextDouble() < 0.4 ? new AgeRange(20 + random.nextInt(15), 40 + random.nextInt(30))
                : null;
        Preferences preferences = new Preferences(wished, wished != null && random.nextDouble() < 0.25, ageRange,
                ageRange != null && random.nextDouble() < 0.1, shared, codes("interest", 40, 0, 4),
                random.nextBoolean() ? Set.of() : slots(2, 8));
        Set<String> excludedLanguages = new HashSet<>();
        if (random.nextDouble() < 0.1) {
            String family = LANGUAGES[2 + random.nextInt(8)];
            if (!family.equals(preferred) && !required.contains(family)) {
                excludedLanguages.add(family);
            }
        }
        Set<String> excludedPlaces = new HashSet<>();
        for (int p = random.nextDouble() < 0.2 ? 1 + random.nextInt(2) : 0; p > 0; p--) {
            excludedPlaces.add(municipalities.get(municipality()));
        }
        Set<UUID> excludedVolunteers = new HashSet<>();
        if (random.nextDouble() < 0.03) {
            excludedVolunteers.add(volunteers.get(random.nextInt(volunteers.size())).id());
        }
        Exclusions exclusions = new Exclusions(random.nextDouble() < 0.3 ? communities(1.0) : Set.of(),
                excludedPlaces, excludedLanguages, excludedVolunteers);
        AgeBand band = random.nextDouble() < 0.7 ? (random.nextBoolean() ? AgeBand.AGE_13_17 : AgeBand.AGE_18_25)
                : AgeBand.values()[2 + random.nextInt(3)];
        return new ClientProfile(id, band, languages, preferred, required, region, communities, needs(1, 4), mode,
                preferences, exclusions);
    }

    private Set<String> languages() {
        Set<String> languages = new HashSet<>();
        for (int l = 0; l < LANGUAGES.length; l++) {
            if (random.nextDouble() < LANGUAGE_SHARE[l]) {
                languages.add(LANGUAGES[l]);
            }
        }
        return languages;
    }

    private Set<String> communities(double probability) {
        Set<String> communities = new HashSet<>();
        if (random.nextDouble() < probability) {
            // Skewed: a few large communities, a long tail.
            communities.add(String.format(Locale.ROOT, "community-%02d",
                    (int) (Math.pow(random.nextDouble(), 2) * 25)));
        }
        return communities;
    }

    private Set<String> codes(String prefix, int vocabulary, int min, int max) {
        Set<String> codes = new HashSet<>();
        for (int c = min + random.nextInt(max - min + 1); c > 0; c--) {
            codes.add(prefix + "-" + random.nextInt(vocabulary));
        }
        return codes;
    }

    private Set<Need> needs(int min, int max) {
        Set<Need> needs = new HashSet<>();
        for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
            needs.add(Need.values()[random.nextInt(Need.values().length)]);
        }
        return needs;
    }

    private Set<TimeSlot> slots(int min, int max) {
        Set<TimeSlot> slots = new HashSet<>();
        for (int n = min + random.nextInt(max - min + 1); n > 0; n--) {
            slots.add(new TimeSlot(DayOfWeek.values()[random.nextInt(7)], DayPart.values()[random.nextInt(3)]));
        }
        return slots;
    }
}
