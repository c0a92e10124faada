package se.bredvid.matching.engine;

import java.util.UUID;

/** A feasible volunteer for a client, with score and explanation. */
public record Candidate(UUID volunteerId, int score, Explanation explanation) {
}
