package se.bredvid.matching.engine;

import java.util.List;

/**
 * An optimal batch: the proposed matches (sorted by client id), the clients left unmatched, and the
 * certificate of optimality.
 */
public record BatchResult(List<ProposedMatch> matches, List<UnmatchedClient> unmatched, long totalScore,
        OptimalityCertificate certificate) {

    public BatchResult {
        matches = List.copyOf(matches);
        unmatched = List.copyOf(unmatched);
    }
}
