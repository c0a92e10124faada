package se.bredvid.matching.engine;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

/**
 * Random instances over deliberately small vocabularies, so that exclusions, shared backgrounds, ties
 * and contested volunteers happen often.
 */
final class RandomInstances {

    record Instance(List<ClientProfile> clients, List<VolunteerProfile> volunteers, EndedForCause ended,
            MatchingWeights weights) {
    }

    private static final String[] LANGUAGES = {"sv", "ar", "so", "ku", "fa"};
    private static final String[] REGIONS = {"0180", "0581", "1480", "2580"};
    private static final String[] COMMUNITIES = {"c1", "c2", "c3", "c4"};
    private static final String[] INTERESTS = {"music", "football", "art", "cooking", "games"};

    private final Random random;

    RandomInstances(long seed) {
        this.random = new Random(seed);
    }

    Instance instance(int maxClients, int maxVolunteers) {
        int clientCount = 1 + random.nextInt(maxClients);
        int volunteerCount = 1 + random.nextInt(maxVolunteers);
        List<VolunteerProfile> volunteers = new ArrayList<>();
        for (int j = 0; j < volunteerCount; j++) {
            volunteers.add(volunteer(new UUID(random.nextLong(), j)));
        }
        List<ClientProfile> clients = new ArrayList<>();
        for (int i = 0; i < clientCount; i++) {
            clients.add(client(new UUID(random.nextLong(), 1000 + i), volunteers));
        }
        List<EndedForCause.Pair> pairs = new ArrayList<>();
        for (ClientProfile client : clients) {
            for (VolunteerProfile volunteer : volunteers) {
                if (random.nextInt(12) == 0) {
                    pairs.add(new EndedForCause.Pair(client.id(), volunteer.id()));
                }
            }
        }
        return new Instance(clients, volunteers, EndedForCause.of(pairs), weights());
    }

    MatchingWeights weights() {
        return new MatchingWeights(random.nextInt(31), random.nextInt(21), random.nextInt(21), random.nextInt(11),
                random.nextInt(21), random.nextInt(6), random.nextInt(4), random.nextInt(21), random.nextInt(11),
                random.nextInt(16));
    }

    VolunteerProfile volunteer(UUID id) {
        int capacity = random.nextInt(4);
        return new VolunteerProfile(id, subset(LANGUAGES, 0.4), random.nextInt(8) == 0 ? null : pick(REGIONS),
                subset(REGIONS, 0.25), random.nextInt(4) != 0, pick(Gender.values()), 20 + random.nextInt(50),
                subset(COMMUNITIES, 0.25), subset(INTERESTS, 0.35), subset(Need.values(), 0.4), slots(),
                capacity, random.nextInt(capacity + 2), random.nextInt(10) != 0, random.nextInt(10) != 0);
    }

    ClientProfile client(UUID id, List<VolunteerProfile> volunteers) {
        Set<String> languages = subset(LANGUAGES, 0.35);
        String preferred = languages.isEmpty() || random.nextBoolean() ? null : pickFrom(languages);
        Set<String> required = random.nextInt(3) == 0 && !languages.isEmpty() ? Set.of(pickFrom(languages)) : Set.of();
        MeetingMode mode = pick(MeetingMode.values());
        String region = mode == MeetingMode.IN_PERSON || random.nextInt(4) != 0 ? pick(REGIONS) : null;
        Set<String> excludedLanguages = new HashSet<>(subset(LANGUAGES, 0.1));
        excludedLanguages.removeAll(required);
        excludedLanguages.remove(preferred);
        Set<UUID> excludedVolunteers = new HashSet<>();
        for (VolunteerProfile volunteer : volunteers) {
            if (random.nextInt(10) == 0) {
                excludedVolunteers.add(volunteer.id());
            }
        }
        Gender gender = random.nextBoolean() ? null : pick(Gender.values());
        AgeRange ageRange = random.nextBoolean() ? null : new AgeRange(20 + random.nextInt(20), 40 + random.nextInt(30));
        Preferences preferences = new Preferences(gender, gender != null && random.nextInt(3) == 0, ageRange,
                ageRange != null && random.nextInt(4) == 0, pick(SharedBackground.values()), subset(INTERESTS, 0.3),
                random.nextBoolean() ? Set.of() : slots());
        Exclusions exclusions = new Exclusions(subset(COMMUNITIES, 0.12), subset(REGIONS, 0.1), excludedLanguages,
                excludedVolunteers);
        return new ClientProfile(id, pick(AgeBand.values()), languages, preferred, required, region,
                subset(COMMUNITIES, 0.3), subset(Need.values(), 0.3), mode, preferences, exclusions);
    }

    private Set<TimeSlot> slots() {
        Set<TimeSlot> slots = new HashSet<>();
        for (int s = random.nextInt(4); s > 0; s--) {
            slots.add(new TimeSlot(pick(DayOfWeek.values()), pick(DayPart.values())));
        }
        return slots;
    }

    private <T> Set<T> subset(T[] values, double probability) {
        Set<T> subset = new HashSet<>();
        for (T value : values) {
            if (random.nextDouble() < probability) {
                subset.add(value);
            }
        }
        return subset;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private String pickFrom(Set<String> values) {
        List<String> sorted = new ArrayList<>(values);
        sorted.sort(null);
        return sorted.get(random.nextInt(sorted.size()));
    }
}
