package se.bredvid.matching.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Client-volunteer pairs whose contact was ended for cause (safety, a report, a breach of trust). Such a
 * pair is never proposed again. It is a required argument of every engine call, so that a caller cannot
 * forget it by using an overload.
 */
public final class EndedForCause {

    /** A pair of a client and a volunteer whose contact ended for cause. */
    public record Pair(UUID clientId, UUID volunteerId) {
        public Pair {
            Objects.requireNonNull(clientId, "clientId");
            Objects.requireNonNull(volunteerId, "volunteerId");
        }
    }

    private static final EndedForCause NONE = new EndedForCause(Map.of());

    private final Map<UUID, Set<UUID>> volunteersByClient;

    private EndedForCause(Map<UUID, Set<UUID>> volunteersByClient) {
        this.volunteersByClient = volunteersByClient;
    }

    public static EndedForCause none() {
        return NONE;
    }

    public static EndedForCause of(Collection<Pair> pairs) {
        Map<UUID, Set<UUID>> byClient = new HashMap<>();
        for (Pair pair : pairs) {
            byClient.computeIfAbsent(pair.clientId(), id -> new HashSet<>()).add(pair.volunteerId());
        }
        Map<UUID, Set<UUID>> frozen = new HashMap<>();
        byClient.forEach((client, volunteers) -> frozen.put(client, Set.copyOf(volunteers)));
        return new EndedForCause(Map.copyOf(frozen));
    }

    public boolean contains(UUID clientId, UUID volunteerId) {
        return volunteersFor(clientId).contains(volunteerId);
    }

    /** Volunteers whose contact with this client ended for cause. */
    public Set<UUID> volunteersFor(UUID clientId) {
        return volunteersByClient.getOrDefault(clientId, Set.of());
    }
}
