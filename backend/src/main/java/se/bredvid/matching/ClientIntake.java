package se.bredvid.matching;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.matching.engine.AgeBand;
import se.bredvid.matching.engine.AgeRange;
import se.bredvid.matching.engine.ClientProfile;
import se.bredvid.matching.engine.DayPart;
import se.bredvid.matching.engine.Exclusions;
import se.bredvid.matching.engine.Gender;
import se.bredvid.matching.engine.MeetingMode;
import se.bredvid.matching.engine.Need;
import se.bredvid.matching.engine.Preferences;
import se.bredvid.matching.engine.SharedBackground;
import se.bredvid.matching.engine.TimeSlot;
import se.bredvid.platform.ProblemException;

import java.time.DayOfWeek;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A client's intake, as a coordinator records it: matching facts, wishes and hard exclusions, and never a
 * real name, personal number, address or phone. Codes are lower-case: ISO 639 language codes, region
 * (municipality) names or codes, community and interest words as the organisation spells them.
 */
@Serdeable
@JsonIgnoreProperties(ignoreUnknown = false)
public record ClientIntake(
        @NotNull AgeBand ageBand,
        @Size(max = 10) Set<@Pattern(regexp = "[a-z]{2,3}") String> languages,
        @Nullable @Pattern(regexp = "[a-z]{2,3}") String preferredLanguage,
        @Size(max = 5) Set<@Pattern(regexp = "[a-z]{2,3}") String> requiredLanguages,
        @Nullable @Size(max = 60) String region,
        @Size(max = 10) Set<@Size(min = 1, max = 60) String> communities,
        @Size(max = 10) Set<Need> needs,
        @NotNull MeetingMode meetingMode,
        @Nullable Gender volunteerGender,
        boolean genderRequired,
        @Nullable @Min(18) @Max(99) Integer volunteerAgeMin,
        @Nullable @Min(18) @Max(99) Integer volunteerAgeMax,
        boolean ageRangeRequired,
        @Nullable SharedBackground sharedBackground,
        @Size(max = 20) Set<@Size(min = 1, max = 60) String> interests,
        @Size(max = 21) Set<@Valid Slot> availability,
        @Size(max = 20) Set<@Size(min = 1, max = 60) String> excludedCommunities,
        @Size(max = 20) Set<@Size(min = 1, max = 60) String> excludedPlaces,
        @Size(max = 10) Set<@Pattern(regexp = "[a-z]{2,3}") String> excludedLanguages,
        @Size(max = 50) Set<UUID> excludedVolunteers,
        /* older callers: true is skyddad folkbokföring; protectionLevel says which level */
        boolean protectedIdentity,
        @Nullable UUID municipalityId,
        @Nullable @Size(max = 300) String municipalityContact,
        @Nullable ProtectionLevel protectionLevel) {

    @Serdeable
    public record Slot(@NotNull DayOfWeek day, @NotNull DayPart part) {
    }

    @Override
    public String toString() {
        return Redacted.of(this);
    }

    /** The engine's view; a contradiction (e.g. a language both required and excluded) is a 400. */
    ClientProfile toProfile(UUID id) {
        AgeRange range = volunteerAgeMin == null && volunteerAgeMax == null ? null
                : new AgeRange(volunteerAgeMin == null ? 18 : volunteerAgeMin, volunteerAgeMax == null ? 99 : volunteerAgeMax);
        try {
            return new ClientProfile(id, ageBand, set(languages), preferredLanguage, set(requiredLanguages),
                    blankToNull(region), lower(communities), needs == null ? Set.of() : needs, meetingMode,
                    new Preferences(volunteerGender, genderRequired, range, ageRangeRequired,
                            sharedBackground == null ? SharedBackground.NO_PREFERENCE : sharedBackground,
                            lower(interests), availability == null ? Set.of()
                            : availability.stream().map(s -> new TimeSlot(s.day(), s.part())).collect(Collectors.toSet())),
                    new Exclusions(lower(excludedCommunities), lower(excludedPlaces), set(excludedLanguages),
                            excludedVolunteers == null ? Set.of() : excludedVolunteers));
        } catch (IllegalArgumentException contradiction) {
            throw ProblemException.badRequest("contradictory-intake", contradiction.getMessage());
        }
    }

    private static Set<String> set(Set<String> s) {
        return s == null ? Set.of() : s;
    }

    private static Set<String> lower(Set<String> s) {
        return s == null ? Set.of() : s.stream().map(v -> v.trim().toLowerCase(java.util.Locale.ROOT)).collect(Collectors.toSet());
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim().toLowerCase(java.util.Locale.ROOT);
    }
}
