package se.bredvid.matching.engine;

import java.util.UUID;

/** A pair chosen by {@link MatchingEngine#assignBatch}; a proposal, which a coordinator confirms. */
public record ProposedMatch(UUID clientId, UUID volunteerId, int score, Explanation explanation) {
}
