package se.bredvid.matching.engine;

import java.util.List;
import java.util.Objects;

/** Why a pair got its score: one line per soft criterion, so a coordinator can judge the proposal. */
public record Explanation(List<CriterionResult> criteria) {

    public Explanation {
        criteria = List.copyOf(Objects.requireNonNull(criteria, "criteria"));
    }

    /** The sum of all contributions; equals the score of the pair it explains. */
    public int totalPoints() {
        int total = 0;
        for (CriterionResult result : criteria) {
            total += result.points();
        }
        return total;
    }

    public CriterionResult of(Criterion criterion) {
        for (CriterionResult result : criteria) {
            if (result.criterion() == criterion) {
                return result;
            }
        }
        throw new IllegalArgumentException("no such criterion in this explanation");
    }
}
