package se.bredvid.matching.engine;

import java.util.Set;
import java.util.UUID;

/**
 * A full evaluation of one pair, for a coordinator who considers a volunteer the engine did not
 * suggest: every broken hard constraint, and the score the pair would get.
 */
public record Evaluation(UUID clientId, UUID volunteerId, Set<HardConstraint> conflicts, int score,
        Explanation explanation) {

    public Evaluation {
        conflicts = Set.copyOf(conflicts);
    }

    public boolean feasible() {
        return conflicts.isEmpty();
    }
}
