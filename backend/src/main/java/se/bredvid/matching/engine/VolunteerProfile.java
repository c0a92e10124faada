package se.bredvid.matching.engine;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the engine knows about a volunteer (kontaktperson).
 *
 * <p>Travel is given as the set of region codes the volunteer can reach for in-person meetings; the
 * caller derives it from home region and travel radius, so the engine needs no geography.
 *
 * @param id               the volunteer's id
 * @param languages        languages the volunteer speaks
 * @param homeRegion       region code where the volunteer lives, or {@code null} if not given
 * @param reachableRegions regions reachable for in-person meetings; always includes the home region
 * @param digitalWilling   whether the volunteer gives support by phone and video
 * @param gender           the volunteer's gender
 * @param age              the volunteer's age in years
 * @param communities      the volunteer's cultural, national or religious communities
 * @param interests        interest codes
 * @param supportAreas     needs the volunteer can support
 * @param availability     when the volunteer can meet
 * @param capacity         how many clients the volunteer can have at once
 * @param currentLoad      how many clients the volunteer has now
 * @param trained          whether the volunteer completed the training
 * @param approved         whether the organisation approved the volunteer (interview, background check)
 */
public record VolunteerProfile(
        UUID id,
        Set<String> languages,
        String homeRegion,
        Set<String> reachableRegions,
        boolean digitalWilling,
        Gender gender,
        int age,
        Set<String> communities,
        Set<String> interests,
        Set<Need> supportAreas,
        Set<TimeSlot> availability,
        int capacity,
        int currentLoad,
        boolean trained,
        boolean approved) {

    public VolunteerProfile {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(gender, "gender");
        languages = Set.copyOf(Objects.requireNonNull(languages, "languages"));
        Set<String> reachable = new HashSet<>(Objects.requireNonNull(reachableRegions, "reachableRegions"));
        if (homeRegion != null) {
            reachable.add(homeRegion);
        }
        reachableRegions = Set.copyOf(reachable);
        communities = Set.copyOf(Objects.requireNonNull(communities, "communities"));
        interests = Set.copyOf(Objects.requireNonNull(interests, "interests"));
        supportAreas = Set.copyOf(Objects.requireNonNull(supportAreas, "supportAreas"));
        availability = Set.copyOf(Objects.requireNonNull(availability, "availability"));
        if (age < 0 || capacity < 0 || currentLoad < 0) {
            throw new IllegalArgumentException("age, capacity and load must not be negative");
        }
    }

    /** Clients the volunteer can still take; never negative, even if the load exceeds the capacity. */
    public int freeCapacity() {
        return Math.max(0, capacity - currentLoad);
    }
}
