package se.bredvid.matching.engine;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;

/** Builders for test profiles; every default is a plain feasible pair in region 0180 speaking Swedish. */
final class Profiles {

    private Profiles() {
    }

    static UUID id(long n) {
        return new UUID(0x5EED, n);
    }

    static ClientBuilder client() {
        return new ClientBuilder();
    }

    static VolunteerBuilder volunteer() {
        return new VolunteerBuilder();
    }

    static final class ClientBuilder {
        UUID id = Profiles.id(1);
        AgeBand ageBand = AgeBand.AGE_18_25;
        Set<String> languages = Set.of("sv");
        String preferredLanguage;
        Set<String> requiredLanguages = Set.of();
        String region = "0180";
        Set<String> communities = Set.of();
        Set<Need> needs = Set.of();
        MeetingMode meetingMode = MeetingMode.BOTH;
        Gender gender;
        boolean genderRequired;
        AgeRange ageRange;
        boolean ageRangeRequired;
        SharedBackground sharedBackground = SharedBackground.NO_PREFERENCE;
        Set<String> interests = Set.of();
        Set<TimeSlot> availability = Set.of();
        Set<String> excludedCommunities = Set.of();
        Set<String> excludedPlaces = Set.of();
        Set<String> excludedLanguages = Set.of();
        Set<UUID> excludedVolunteers = Set.of();

        ClientBuilder id(UUID value) { id = value; return this; }
        ClientBuilder languages(String... values) { languages = Set.of(values); return this; }
        ClientBuilder preferredLanguage(String value) { preferredLanguage = value; return this; }
        ClientBuilder requiredLanguages(String... values) { requiredLanguages = Set.of(values); return this; }
        ClientBuilder region(String value) { region = value; return this; }
        ClientBuilder communities(String... values) { communities = Set.of(values); return this; }
        ClientBuilder needs(Need... values) { needs = Set.of(values); return this; }
        ClientBuilder meetingMode(MeetingMode value) { meetingMode = value; return this; }
        ClientBuilder gender(Gender value, boolean required) { gender = value; genderRequired = required; return this; }
        ClientBuilder ageRange(AgeRange value, boolean required) { ageRange = value; ageRangeRequired = required; return this; }
        ClientBuilder sharedBackground(SharedBackground value) { sharedBackground = value; return this; }
        ClientBuilder interests(String... values) { interests = Set.of(values); return this; }
        ClientBuilder availability(TimeSlot... values) { availability = Set.of(values); return this; }
        ClientBuilder excludedCommunities(String... values) { excludedCommunities = Set.of(values); return this; }
        ClientBuilder excludedPlaces(String... values) { excludedPlaces = Set.of(values); return this; }
        ClientBuilder excludedLanguages(String... values) { excludedLanguages = Set.of(values); return this; }
        ClientBuilder excludedVolunteers(UUID... values) { excludedVolunteers = Set.of(values); return this; }

        ClientProfile build() {
            return new ClientProfile(id, ageBand, languages, preferredLanguage, requiredLanguages, region, communities,
                    needs, meetingMode,
                    new Preferences(gender, genderRequired, ageRange, ageRangeRequired, sharedBackground, interests,
                            availability),
                    new Exclusions(excludedCommunities, excludedPlaces, excludedLanguages, excludedVolunteers));
        }
    }

    static final class VolunteerBuilder {
        UUID id = Profiles.id(100);
        Set<String> languages = Set.of("sv");
        String homeRegion = "0180";
        Set<String> reachableRegions = Set.of();
        boolean digitalWilling = true;
        Gender gender = Gender.WOMAN;
        int age = 35;
        Set<String> communities = Set.of();
        Set<String> interests = Set.of();
        Set<Need> supportAreas = Set.of();
        Set<TimeSlot> availability = Set.of();
        int capacity = 1;
        int currentLoad;
        boolean trained = true;
        boolean approved = true;

        VolunteerBuilder id(UUID value) { id = value; return this; }
        VolunteerBuilder languages(String... values) { languages = Set.of(values); return this; }
        VolunteerBuilder homeRegion(String value) { homeRegion = value; return this; }
        VolunteerBuilder reachableRegions(String... values) { reachableRegions = new HashSet<>(Set.of(values)); return this; }
        VolunteerBuilder digitalWilling(boolean value) { digitalWilling = value; return this; }
        VolunteerBuilder gender(Gender value) { gender = value; return this; }
        VolunteerBuilder age(int value) { age = value; return this; }
        VolunteerBuilder communities(String... values) { communities = Set.of(values); return this; }
        VolunteerBuilder interests(String... values) { interests = Set.of(values); return this; }
        VolunteerBuilder supportAreas(Need... values) { supportAreas = Set.of(values); return this; }
        VolunteerBuilder availability(TimeSlot... values) { availability = Set.of(values); return this; }
        VolunteerBuilder capacity(int value) { capacity = value; return this; }
        VolunteerBuilder currentLoad(int value) { currentLoad = value; return this; }
        VolunteerBuilder trained(boolean value) { trained = value; return this; }
        VolunteerBuilder approved(boolean value) { approved = value; return this; }

        VolunteerProfile build() {
            return new VolunteerProfile(id, languages, homeRegion, reachableRegions, digitalWilling, gender, age,
                    communities, interests, supportAreas, availability, capacity, currentLoad, trained, approved);
        }
    }
}
