package se.bredvid.matching.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Matches clients with volunteers (kontaktpersoner). Pure: no I/O, no clock, no randomness, no shared
 * mutable state; the same input gives the same output, whatever the input order.
 *
 * <h2>Rules and scores</h2>
 * A pair is <em>feasible</em> when it breaks no {@link HardConstraint}. Feasible pairs get an integer
 * score from the soft criteria ({@link Criterion}) weighted by {@link MatchingWeights}; every score comes
 * with an {@link Explanation} whose points add up to it. Ties are broken by volunteer id (then client id).
 *
 * <h2>What {@link #assignBatch} optimises</h2>
 * Lexicographically: first the <em>number</em> of matched clients, then the <em>total score</em>. For a
 * waiting list a match, any feasible match, matters more than a better score for someone else. This is
 * one linear objective: each pair weighs {@code score + B} with {@code B = min(clients, free places) *
 * maxScore + 1}, larger than any difference in total score, so one match more always wins.
 *
 * <h2>Algorithm</h2>
 * A maximum-weight b-matching (each client at most one volunteer, each volunteer at most its free
 * places), solved as a min-cost flow by successive shortest paths with Dijkstra and node potentials
 * ({@code MinCostAssignment}). The complete graph (2,000 x 10,000 pairs) is too large, so:
 * <ol>
 *   <li><b>Prune.</b> Each client keeps its {@link MatchingOptions#candidatesPerClient()} best feasible
 *       volunteers. Every left-out feasible pair scores at most the client's threshold (the worst kept
 *       score).</li>
 *   <li><b>Solve</b> on the pruned graph. The final potentials give a dual solution: {@code u_i} per client
 *       and {@code v_j >= 0} per volunteer.</li>
 *   <li><b>Certify on the full graph (LP duality).</b> The LP relaxation {@code max sum w_ij x_ij, sum_j
 *       x_ij <= 1, sum_i x_ij <= free_j, x >= 0} has the dual {@code min sum u_i + sum free_j v_j, u_i +
 *       v_j >= w_ij for every feasible pair, u, v >= 0}. If the dual is feasible for <em>every</em>
 *       feasible pair and its value equals the value of the integral assignment, weak duality makes the
 *       assignment optimal over all feasible pairs, fractional ones included. Pairs on the lists hold by
 *       the solver's reduced-cost invariant (and are checked anyway); a client with
 *       {@code u_i >= threshold_i + B} needs no scan, because its left-out pairs have {@code w <=
 *       threshold + B} and {@code v >= 0}; every other client is checked against every volunteer (the
 *       reduced cost of every left-out edge).</li>
 *   <li><b>Column generation.</b> Pairs that break the dual constraint are added to their client's list
 *       and the solver runs again. Each round adds pairs not yet listed, so this ends, at the latest with
 *       the complete graph.</li>
 * </ol>
 * {@link OptimalityCertificate} reports the values, rounds, whether the certificate holds, and the dual
 * solution itself, so that a reviewer can re-check it without trusting this code. Every proposed pair
 * is re-checked against the hard constraints before it is returned.
 *
 * <h2>Cost</h2>
 * {@code suggest} is one pass over the eligible volunteers with allocation-free checks and a bounded heap;
 * over a plain list it first indexes the volunteers against the client's own codes only. A
 * {@link VolunteerPool} built once serves many suggestions and batches. The batch prunes in parallel
 * (clients are independent, results land in fixed slots, so threading cannot change them); the solver
 * routes from the side with fewer units (clients, or the places when they are scarce), each by one Dijkstra
 * that stops at the first provably shortest end. See the benchmarks under {@code src/bench}
 * ({@code AssignmentVersusScipy} compares the solver with scipy's {@code linear_sum_assignment}).
 */
public final class MatchingEngine {

    private final MatchingWeights weights;
    private final MatchingOptions options;

    public MatchingEngine(MatchingWeights weights) {
        this(weights, MatchingOptions.DEFAULTS);
    }

    public MatchingEngine(MatchingWeights weights, MatchingOptions options) {
        this.weights = Objects.requireNonNull(weights, "weights");
        this.options = Objects.requireNonNull(options, "options");
    }

    public MatchingWeights weights() {
        return weights;
    }

    /** The best {@code k} feasible volunteers for the client, best first, each with an explanation. */
    public List<Candidate> suggest(ClientProfile client, Collection<VolunteerProfile> volunteers,
            EndedForCause endedForCause, int k) {
        Objects.requireNonNull(client, "client");
        return suggest(client, VolunteerPool.forClient(volunteers, client), endedForCause, k);
    }

    /** As {@link #suggest(ClientProfile, Collection, EndedForCause, int)}, on a prepared pool. */
    public List<Candidate> suggest(ClientProfile client, VolunteerPool pool, EndedForCause endedForCause, int k) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(endedForCause, "endedForCause");
        if (k < 0) {
            throw new IllegalArgumentException("k must not be negative");
        }
        CompiledClient compiled = new CompiledClient(client, pool, endedForCause);
        TopCandidates best = new TopCandidates(Math.min(k, pool.eligible.length), pool.ids);
        for (CompiledVolunteer volunteer : pool.eligible) {
            if (Rules.violations(compiled, volunteer, true) == 0) {
                best.offer(Rules.score(compiled, volunteer, weights, null), volunteer.index);
            }
        }
        int[] indexes = best.bestFirst();
        List<Candidate> candidates = new ArrayList<>(indexes.length);
        for (int index : indexes) {
            CompiledVolunteer volunteer = pool.compiled[index];
            List<CriterionResult> lines = new ArrayList<>();
            int score = Rules.score(compiled, volunteer, weights, lines);
            candidates.add(new Candidate(volunteer.profile.id(), score, new Explanation(lines)));
        }
        return candidates;
    }

    /** Every conflict and the score of one pair, feasible or not, for a coordinator's own judgement. */
    public Evaluation evaluate(ClientProfile client, VolunteerProfile volunteer, EndedForCause endedForCause) {
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(volunteer, "volunteer");
        Objects.requireNonNull(endedForCause, "endedForCause");
        VolunteerPool pool = VolunteerPool.of(List.of(volunteer));
        CompiledClient compiled = new CompiledClient(client, pool, endedForCause);
        int broken = Rules.violations(compiled, pool.compiled[0], false);
        Set<HardConstraint> conflicts = EnumSet.noneOf(HardConstraint.class);
        for (HardConstraint constraint : HardConstraint.values()) {
            if ((broken & constraint.bit()) != 0) {
                conflicts.add(constraint);
            }
        }
        List<CriterionResult> lines = new ArrayList<>();
        int score = Rules.score(compiled, pool.compiled[0], weights, lines);
        return new Evaluation(client.id(), volunteer.id(), conflicts, score, new Explanation(lines));
    }

    /** A certified optimal batch for a waiting list; see the class documentation. */
    public BatchResult assignBatch(Collection<ClientProfile> clients, Collection<VolunteerProfile> volunteers,
            EndedForCause endedForCause) {
        return assignBatch(clients, VolunteerPool.of(volunteers), endedForCause);
    }

    /** As {@link #assignBatch(Collection, Collection, EndedForCause)}, on a prepared pool. */
    public BatchResult assignBatch(Collection<ClientProfile> clients, VolunteerPool pool,
            EndedForCause endedForCause) {
        return assignBatch(clients, pool, endedForCause, solver -> { });
    }

    /** As above; {@code eachRound} sees the solver of every round (for the benchmark in src/bench). */
    BatchResult assignBatch(Collection<ClientProfile> clients, VolunteerPool pool, EndedForCause endedForCause,
            Consumer<MinCostAssignment> eachRound) {
        Objects.requireNonNull(clients, "clients");
        Objects.requireNonNull(pool, "pool");
        Objects.requireNonNull(endedForCause, "endedForCause");
        List<ClientProfile> sorted = new ArrayList<>(clients);
        sorted.sort(Comparator.comparing(ClientProfile::id));
        Set<UUID> seen = new HashSet<>();
        CompiledClient[] compiled = new CompiledClient[sorted.size()];
        for (int i = 0; i < compiled.length; i++) {
            ClientProfile client = sorted.get(i);
            if (!seen.add(client.id())) {
                throw new IllegalArgumentException("duplicate client id");
            }
            compiled[i] = new CompiledClient(client, pool, endedForCause);
        }
        return new BatchAssigner(weights, options, eachRound).assign(compiled, pool);
    }
}
