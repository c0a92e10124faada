package se.bredvid.matching.engine;

import java.util.Objects;

/** One line of an explanation: a criterion, how it turned out, and the points it contributed. */
public record CriterionResult(Criterion criterion, Outcome outcome, int points, int maxPoints) {

    public CriterionResult {
        Objects.requireNonNull(criterion, "criterion");
        Objects.requireNonNull(outcome, "outcome");
        if (points < 0 || points > maxPoints) {
            throw new IllegalArgumentException("points must be within 0..maxPoints");
        }
    }
}
