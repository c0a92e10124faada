package se.bredvid.matching.engine;

import java.util.Map;
import java.util.UUID;

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
 * @param clientDuals       the dual value of each client with a non-zero one (absent means 0), so that
 *                          anyone can re-check the certificate: for every feasible pair {@code
 *                          clientDual + volunteerDual >= score + matchBonus}, and the duals weighted by 1
 *                          per client and free places per volunteer add up to {@code dualValue}
 * @param volunteerDuals    the dual value of each volunteer with a non-zero one (absent means 0)
 */
public record OptimalityCertificate(boolean certified, long primalValue, long dualValue, long matchBonus,
        int solveRounds, int addedEdges, int candidatesPerClient, Map<UUID, Long> clientDuals,
        Map<UUID, Long> volunteerDuals) {

    public OptimalityCertificate {
        clientDuals = Map.copyOf(clientDuals);
        volunteerDuals = Map.copyOf(volunteerDuals);
    }

    /** Rounds of column generation: solver runs after the first. */
    public int columnGenerationRounds() {
        return solveRounds - 1;
    }
}
