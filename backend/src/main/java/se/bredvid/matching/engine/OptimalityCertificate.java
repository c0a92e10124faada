package se.bredvid.matching.engine;

/**
 * The proof that a batch is optimal over every feasible pair, not only the pruned candidate lists the
 * solver worked on. See {@link MatchingEngine} for the argument.
 *
 * @param certified         a dual solution was found that is feasible for every feasible pair and whose
 *                          value equals the value of the assignment
 * @param primalValue       value of the assignment in the weighted objective (score + bonus per match)
 * @param dualValue         value of the dual solution
 * @param matchBonus        the bonus per match that makes "more clients matched" dominate "higher score"
 * @param solveRounds       how many times the solver ran (1 when the first pruned graph was enough)
 * @param addedEdges        pairs added by column generation after the first round
 * @param candidatesPerClient size of each client's pruned candidate list in the first round
 */
public record OptimalityCertificate(boolean certified, long primalValue, long dualValue, long matchBonus,
        int solveRounds, int addedEdges, int candidatesPerClient) {

    /** Rounds of column generation: solver runs after the first. */
    public int columnGenerationRounds() {
        return solveRounds - 1;
    }
}
