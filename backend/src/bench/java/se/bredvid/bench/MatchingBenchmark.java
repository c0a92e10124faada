package se.bredvid.bench;

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
import se.bredvid.matching.engine.VolunteerPool;
import se.bredvid.matching.engine.VolunteerProfile;

/**
 * Benchmark of the matching engine; prints one JSON object. Run from the repository root:
 * {@code mvn -B -q -pl backend -Pbench test-compile exec:java}.
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

    private void run() {
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
        MatchingEngine engine = new MatchingEngine(MatchingWeights.DEFAULTS);

        // Warm-up: let the JIT compile the hot loops before anything is timed.
        VolunteerPool pool = VolunteerPool.of(volunteers);
        for (int r = 0; r < 300; r++) {
            engine.suggest(clients.get(r % CLIENTS), volunteers, ended, 10);
            engine.suggest(clients.get(r % CLIENTS), pool, ended, 10);
        }
        engine.assignBatch(clients, volunteers, ended);

        double[] suggestList = new double[SUGGEST_RUNS];
        double[] suggestPool = new double[SUGGEST_RUNS];
        int candidatesFound = 0;
        for (int r = 0; r < SUGGEST_RUNS; r++) {
            ClientProfile client = clients.get(random.nextInt(CLIENTS));
            long start = System.nanoTime();
            candidatesFound += engine.suggest(client, volunteers, ended, 10).size();
            suggestList[r] = (System.nanoTime() - start) / 1e6;
            start = System.nanoTime();
            engine.suggest(client, pool, ended, 10);
            suggestPool[r] = (System.nanoTime() - start) / 1e6;
        }

        double[] batchMs = new double[BATCH_RUNS];
        BatchResult result = null;
        for (int r = 0; r < BATCH_RUNS; r++) {
            long start = System.nanoTime();
            result = engine.assignBatch(clients, volunteers, ended);
            batchMs[r] = (System.nanoTime() - start) / 1e6;
        }
        int freePlaces = volunteers.stream().filter(v -> v.approved() && v.trained())
                .mapToInt(VolunteerProfile::freeCapacity).sum();

        StringBuilder json = new StringBuilder("{");
        field(json, "volunteers", VOLUNTEERS);
        field(json, "clients", CLIENTS);
        field(json, "availableProcessors", Runtime.getRuntime().availableProcessors());
        field(json, "suggestRuns", SUGGEST_RUNS);
        field(json, "suggestMedianMs", percentile(suggestList, 50));
        field(json, "suggestP99Ms", percentile(suggestList, 99));
        field(json, "suggestPreparedPoolMedianMs", percentile(suggestPool, 50));
        field(json, "suggestPreparedPoolP99Ms", percentile(suggestPool, 99));
        field(json, "suggestMeanCandidates", candidatesFound / (double) SUGGEST_RUNS);
        field(json, "batchRuns", BATCH_RUNS);
        field(json, "assignBatchMedianMs", percentile(batchMs, 50));
        field(json, "assignBatchMaxMs", percentile(batchMs, 100));
        field(json, "freePlaces", freePlaces);
        field(json, "assigned", result.matches().size());
        field(json, "unassignedNoFeasibleVolunteer", result.unmatched().stream()
                .filter(u -> u.reason() == se.bredvid.matching.engine.UnmatchedClient.Reason.NO_FEASIBLE_VOLUNTEER)
                .count());
        field(json, "unassignedCapacityTaken", result.unmatched().stream()
                .filter(u -> u.reason() == se.bredvid.matching.engine.UnmatchedClient.Reason.CAPACITY_TAKEN).count());
        field(json, "totalScore", result.totalScore());
        field(json, "candidatesPerClient", result.certificate().candidatesPerClient());
        field(json, "solveRounds", result.certificate().solveRounds());
        field(json, "columnGenerationRounds", result.certificate().columnGenerationRounds());
        field(json, "columnGenerationAddedEdges", result.certificate().addedEdges());
        field(json, "primalValue", result.certificate().primalValue());
        field(json, "dualValue", result.certificate().dualValue());
        json.append("\"optimalityCertified\":").append(result.certificate().certified()).append('}');
        System.out.println(json);
    }

    private static void field(StringBuilder json, String name, double value) {
        json.append('"').append(name).append("\":").append(String.format(Locale.ROOT, "%.3f", value)).append(',');
    }

    private static void field(StringBuilder json, String name, long value) {
        json.append('"').append(name).append("\":").append(value).append(',');
    }

    private static double percentile(double[] values, int percentile) {
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
