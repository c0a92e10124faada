package se.bredvid.matching.engine;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the engine knows about a client: a pseudonymous id and matching facts only, never a name,
 * personal number or address.
 *
 * <p>Codes (languages, regions, communities, interests) are opaque to the engine; the caller uses one
 * canonical spelling (e.g. ISO 639 language codes, municipality codes) for clients and volunteers.
 *
 * @param id                 the client's pseudonymous id
 * @param ageBand            the client's age band; carried for the coordinator and the service, the engine
 *                           scores the client's explicit wish about the volunteer's age instead
 * @param languages          languages the client speaks; always includes the preferred and required ones
 * @param preferredLanguage  the language the client prefers, or {@code null}
 * @param requiredLanguages  languages the volunteer must all speak (hard)
 * @param region             the client's region code, or {@code null} for "anywhere, digital" (a client
 *                           under protection may not disclose it, seed 001:731)
 * @param communities        the client's own communities, compared for {@link SharedBackground}
 * @param needs              what the client needs support with
 * @param meetingMode        how the client wants to meet
 * @param preferences        soft wishes, some of which the client may make hard
 * @param exclusions         hard exclusions
 */
public record ClientProfile(
        UUID id,
        AgeBand ageBand,
        Set<String> languages,
        String preferredLanguage,
        Set<String> requiredLanguages,
        String region,
        Set<String> communities,
        Set<Need> needs,
        MeetingMode meetingMode,
        Preferences preferences,
        Exclusions exclusions) {

    public ClientProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(ageBand, "ageBand");
        Objects.requireNonNull(meetingMode, "meetingMode");
        Objects.requireNonNull(preferences, "preferences");
        Objects.requireNonNull(exclusions, "exclusions");
        requiredLanguages = Set.copyOf(Objects.requireNonNull(requiredLanguages, "requiredLanguages"));
        Set<String> spoken = new HashSet<>(Objects.requireNonNull(languages, "languages"));
        spoken.addAll(requiredLanguages);
        if (preferredLanguage != null) {
            spoken.add(preferredLanguage);
        }
        languages = Set.copyOf(spoken);
        communities = Set.copyOf(Objects.requireNonNull(communities, "communities"));
        needs = Set.copyOf(Objects.requireNonNull(needs, "needs"));
        if (meetingMode == MeetingMode.IN_PERSON && region == null) {
            throw new IllegalArgumentException("an in-person client needs a region");
        }
        for (String required : requiredLanguages) {
            if (exclusions.languages().contains(required)) {
                throw new IllegalArgumentException("a language cannot be both required and excluded");
            }
        }
        if (preferredLanguage != null && exclusions.languages().contains(preferredLanguage)) {
            throw new IllegalArgumentException("a language cannot be both preferred and excluded");
        }
    }
}
