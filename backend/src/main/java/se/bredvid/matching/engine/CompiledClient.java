package se.bredvid.matching.engine;

import java.util.Arrays;
import java.util.Collection;
import java.util.UUID;

/** A client in bit-set form against one {@link VolunteerPool}'s vocabularies. */
final class CompiledClient {

    final ClientProfile profile;
    final long[] languages;
    final boolean hasPreferredLanguage;
    /** -1 when absent or spoken by no volunteer in the pool. */
    final int preferredLanguage;
    final boolean hasRequiredLanguages;
    final long[] requiredLanguages;
    /** A required language that no volunteer in the pool speaks: nobody can be feasible. */
    final boolean requiredLanguageUnknown;
    final boolean hasExcludedLanguages;
    final long[] excludedLanguages;
    final long[] communities;
    final boolean hasExcludedCommunities;
    final long[] excludedCommunities;
    final boolean hasExcludedPlaces;
    final long[] excludedPlaces;
    /** -1 when the client gave no region or no volunteer reaches it: nobody can meet in person. */
    final int region;
    final MeetingMode meetingMode;
    final long[] interests;
    final int interestCount;
    final int needs;
    final int needCount;
    final int availability;
    final int wantedGender;
    final boolean genderRequired;
    final AgeRange ageRange;
    final boolean ageRangeRequired;
    final SharedBackground sharedBackground;
    /** Pool indexes, sorted. */
    final int[] excludedVolunteers;
    /** Pool indexes, sorted. */
    final int[] endedForCause;

    CompiledClient(ClientProfile profile, VolunteerPool pool, EndedForCause ended) {
        this.profile = profile;
        Preferences preferences = profile.preferences();
        Exclusions exclusions = profile.exclusions();
        this.languages = pool.languageCodes.bits(profile.languages());
        this.hasPreferredLanguage = profile.preferredLanguage() != null;
        this.preferredLanguage = pool.languageCodes.id(profile.preferredLanguage());
        this.hasRequiredLanguages = !profile.requiredLanguages().isEmpty();
        this.requiredLanguages = pool.languageCodes.bits(profile.requiredLanguages());
        this.requiredLanguageUnknown = !pool.languageCodes.knowsAll(profile.requiredLanguages());
        this.excludedLanguages = pool.languageCodes.bits(exclusions.languages());
        this.hasExcludedLanguages = !Bits.isEmpty(excludedLanguages);
        this.communities = pool.communityCodes.bits(profile.communities());
        this.excludedCommunities = pool.communityCodes.bits(exclusions.communities());
        this.hasExcludedCommunities = !Bits.isEmpty(excludedCommunities);
        this.excludedPlaces = pool.regionCodes.bits(exclusions.places());
        this.hasExcludedPlaces = !Bits.isEmpty(excludedPlaces);
        this.region = pool.regionCodes.id(profile.region());
        this.meetingMode = profile.meetingMode();
        this.interests = pool.interestCodes.bits(preferences.interests());
        this.interestCount = preferences.interests().size();
        this.needs = CompiledVolunteer.needMask(profile.needs());
        this.needCount = profile.needs().size();
        this.availability = TimeSlot.mask(preferences.availability());
        this.wantedGender = preferences.gender() == null ? -1 : preferences.gender().ordinal();
        this.genderRequired = preferences.genderRequired();
        this.ageRange = preferences.ageRange();
        this.ageRangeRequired = preferences.ageRangeRequired();
        this.sharedBackground = preferences.sharedBackground();
        this.excludedVolunteers = indexes(exclusions.volunteers(), pool);
        this.endedForCause = indexes(ended.volunteersFor(profile.id()), pool);
    }

    private static int[] indexes(Collection<UUID> ids, VolunteerPool pool) {
        return ids.stream().mapToInt(pool::indexOf).filter(i -> i >= 0).sorted().toArray();
    }

    static boolean listed(int[] sortedIndexes, int index) {
        return sortedIndexes.length != 0 && Arrays.binarySearch(sortedIndexes, index) >= 0;
    }
}
