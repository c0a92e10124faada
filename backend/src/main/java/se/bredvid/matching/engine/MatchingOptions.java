package se.bredvid.matching.engine;

/**
 * Tuning of the batch solver; results do not depend on it (the optimum is certified either way), only
 * the time to reach them.
 *
 * @param candidatesPerClient how many best candidates per client the first solver round sees
 * @param parallel            whether candidate pruning and the optimality check use the common pool
 */
public record MatchingOptions(int candidatesPerClient, boolean parallel) {

    public static final MatchingOptions DEFAULTS = new MatchingOptions(12, true);

    public MatchingOptions {
        if (candidatesPerClient < 1) {
            throw new IllegalArgumentException("candidatesPerClient must be at least 1");
        }
    }
}
