package se.bredvid.matching.engine;

import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * What the client rules out. Every entry is a hard constraint: in a small place the contact person is
 * not anonymous and may be "the wrong person" (seed 001:557), so the client decides, not the score.
 *
 * @param communities communities (cultural, national, religious) a volunteer must not belong to
 * @param places      region codes where a volunteer must not live (e.g. where the family lives)
 * @param languages   languages a volunteer must not speak (a shared language can be a way to the family)
 * @param volunteers  named volunteers the client must never be proposed
 */
public record Exclusions(Set<String> communities, Set<String> places, Set<String> languages, Set<UUID> volunteers) {

    public static final Exclusions NONE = new Exclusions(Set.of(), Set.of(), Set.of(), Set.of());

    public Exclusions {
        communities = Set.copyOf(Objects.requireNonNull(communities, "communities"));
        places = Set.copyOf(Objects.requireNonNull(places, "places"));
        languages = Set.copyOf(Objects.requireNonNull(languages, "languages"));
        volunteers = Set.copyOf(Objects.requireNonNull(volunteers, "volunteers"));
    }
}
