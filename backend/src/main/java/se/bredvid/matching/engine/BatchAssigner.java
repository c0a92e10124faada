package se.bredvid.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** The batch algorithm; {@link MatchingEngine} documents what it computes and why it is optimal. */
final class BatchAssigner {

    private final MatchingWeights weights;
    private final MatchingOptions options;
    private final Consumer<MinCostAssignment> eachRound;

    BatchAssigner(MatchingWeights weights, MatchingOptions options) {
        this(weights, options, solver -> { });
    }

    /** @param eachRound sees every solved round; the benchmark times the solver on exactly those graphs */
    BatchAssigner(MatchingWeights weights, MatchingOptions options, Consumer<MinCostAssignment> eachRound) {
        this.weights = weights;
        this.options = options;
        this.eachRound = eachRound;
    }

    /** One client's candidate list: pool indexes and scores, best first in the first round. */
    private static final class Candidates {
        int[] volunteers;
        int[] scores;
        int size;
        /** Feasible volunteers in the whole pool. */
        int feasible;
        /** Every feasible pair left out of the first list scores at most this. */
        int threshold;

        boolean complete() {
            return feasible == size;
        }

        void add(int volunteer, int score) {
            if (size == volunteers.length) {
                volunteers = Arrays.copyOf(volunteers, Math.max(4, size * 2));
                scores = Arrays.copyOf(scores, volunteers.length);
            }
            volunteers[size] = volunteer;
            scores[size] = score;
            size++;
        }
    }

    BatchResult assign(CompiledClient[] clients, VolunteerPool pool) {
        int n = clients.length;
        int k = options.candidatesPerClient();
        // Any assignment with one match more beats any with one fewer: the bonus exceeds the largest
        // possible difference in total score. See MatchingEngine.
        long bonus = (long) Math.max(1, Math.min(n, pool.totalFreeCapacity)) * weights.maxScore() + 1;
        Candidates[] candidates = new Candidates[n];
        forEachClient(n, i -> candidates[i] = prune(clients[i], pool, k));

        int[] free = new int[pool.size()];
        for (CompiledVolunteer v : pool.eligible) {
            free[v.index] = v.freeCapacity;
        }
        int rounds = 0;
        int added = 0;
        while (true) {
            rounds++;
            MinCostAssignment solver = solve(candidates, free, bonus);
            eachRound.accept(solver);
            long[] u = solver.clientPotential;
            long[] v = new long[free.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = Math.max(0, -solver.volunteerPotential[j]);
            }
            int[][] violated = new int[n][];
            boolean[] inconsistent = new boolean[1];
            forEachClient(n, i -> violated[i] = dualViolations(clients[i], candidates[i], u[i], v, bonus, pool,
                    k, inconsistent));
            int newEdges = 0;
            for (int i = 0; i < n; i++) {
                for (int j : violated[i]) {
                    candidates[i].add(j, Rules.score(clients[i], pool.compiled[j], weights, null));
                    newEdges++;
                }
            }
            if (newEdges == 0 || inconsistent[0]) {
                return result(clients, pool, candidates, solver, u, v, free, bonus, rounds, added, k,
                        !inconsistent[0]);
            }
            added += newEdges;
        }
    }

    private void forEachClient(int n, IntConsumer action) {
        if (options.parallel()) {
            IntStream.range(0, n).parallel().forEach(action);
        } else {
            for (int i = 0; i < n; i++) {
                action.accept(i);
            }
        }
    }

    private Candidates prune(CompiledClient client, VolunteerPool pool, int k) {
        TopK best = new TopK(k);
        int feasible = 0;
        for (CompiledVolunteer volunteer : pool.eligible) {
            if (Rules.violations(client, volunteer, true) == 0) {
                feasible++;
                best.offer(Rules.score(client, volunteer, weights, null), volunteer.index);
            }
        }
        long[] keys = best.sortedBestFirst();
        Candidates list = new Candidates();
        list.volunteers = new int[keys.length];
        list.scores = new int[keys.length];
        for (long key : keys) {
            list.add(TopK.indexOf(key), TopK.scoreOf(key));
        }
        list.feasible = feasible;
        list.threshold = keys.length == 0 ? 0 : TopK.scoreOf(keys[keys.length - 1]);
        return list;
    }

    private static MinCostAssignment solve(Candidates[] candidates, int[] free, long bonus) {
        int n = candidates.length;
        int[] start = new int[n + 1];
        for (int i = 0; i < n; i++) {
            start[i + 1] = start[i] + candidates[i].size;
        }
        int[] volunteer = new int[start[n]];
        long[] weight = new long[start[n]];
        for (int i = 0; i < n; i++) {
            Candidates list = candidates[i];
            for (int e = 0; e < list.size; e++) {
                volunteer[start[i] + e] = list.volunteers[e];
                weight[start[i] + e] = list.scores[e] + bonus;
            }
        }
        MinCostAssignment solver = new MinCostAssignment(start, volunteer, weight, free);
        solver.solve();
        return solver;
    }

    /**
     * Feasible pairs of this client whose dual constraint {@code u + v >= score + bonus} is broken, best
     * score first and at most {@code limit}. Pairs on the list satisfy it by construction; pairs off the
     * list satisfy it without a scan when {@code u >= threshold + bonus}, since they score at most the
     * threshold and {@code v >= 0}. Otherwise the client is checked against every volunteer.
     */
    private int[] dualViolations(CompiledClient client, Candidates list, long u, long[] v, long bonus,
            VolunteerPool pool, int limit, boolean[] inconsistent) {
        if (u < 0) {
            inconsistent[0] = true;
        }
        for (int e = 0; e < list.size; e++) {
            if (u + v[list.volunteers[e]] < list.scores[e] + bonus) {
                inconsistent[0] = true;
            }
        }
        if (list.complete() || u >= list.threshold + bonus) {
            return new int[0];
        }
        boolean[] listed = new boolean[pool.size()];
        for (int e = 0; e < list.size; e++) {
            listed[list.volunteers[e]] = true;
        }
        TopK violated = new TopK(limit);
        for (CompiledVolunteer volunteer : pool.eligible) {
            if (listed[volunteer.index] || Rules.violations(client, volunteer, true) != 0) {
                continue;
            }
            int score = Rules.score(client, volunteer, weights, null);
            if (u + v[volunteer.index] < score + bonus) {
                violated.offer(score, volunteer.index);
            }
        }
        long[] keys = violated.sortedBestFirst();
        int[] indexes = new int[keys.length];
        for (int e = 0; e < keys.length; e++) {
            indexes[e] = TopK.indexOf(keys[e]);
        }
        return indexes;
    }

    private BatchResult result(CompiledClient[] clients, VolunteerPool pool, Candidates[] candidates,
            MinCostAssignment solver, long[] u, long[] v, int[] free, long bonus, int rounds, int added, int k,
            boolean dualFeasible) {
        List<ProposedMatch> matches = new ArrayList<>();
        List<UnmatchedClient> unmatched = new ArrayList<>();
        int[] used = new int[free.length];
        long primal = 0;
        long totalScore = 0;
        for (int i = 0; i < clients.length; i++) {
            int j = solver.volunteerOf(i);
            if (j < 0) {
                UnmatchedClient.Reason reason = candidates[i].feasible == 0
                        ? UnmatchedClient.Reason.NO_FEASIBLE_VOLUNTEER
                        : UnmatchedClient.Reason.CAPACITY_TAKEN;
                unmatched.add(new UnmatchedClient(clients[i].profile.id(), reason));
                continue;
            }
            CompiledVolunteer volunteer = pool.compiled[j];
            // Re-checked here so that a solver bug can never turn into a forbidden proposal.
            if (Rules.violations(clients[i], volunteer, false) != 0 || ++used[j] > free[j]) {
                throw new IllegalStateException("the batch solver proposed an infeasible pair");
            }
            List<CriterionResult> lines = new ArrayList<>();
            int score = Rules.score(clients[i], volunteer, weights, lines);
            matches.add(new ProposedMatch(clients[i].profile.id(), volunteer.profile.id(), score,
                    new Explanation(lines)));
            primal += score + bonus;
            totalScore += score;
        }
        long dual = 0;
        for (long ui : u) {
            dual += ui;
        }
        for (int j = 0; j < free.length; j++) {
            dual += free[j] * v[j];
        }
        boolean certified = dualFeasible && primal == dual;
        Map<UUID, Long> clientDuals = new HashMap<>();
        for (int i = 0; i < clients.length; i++) {
            if (u[i] != 0) {
                clientDuals.put(clients[i].profile.id(), u[i]);
            }
        }
        Map<UUID, Long> volunteerDuals = new HashMap<>();
        for (int j = 0; j < v.length; j++) {
            if (v[j] != 0) {
                volunteerDuals.put(pool.ids[j], v[j]);
            }
        }
        OptimalityCertificate certificate = new OptimalityCertificate(certified, primal, dual, bonus, rounds,
                added, k, clientDuals, volunteerDuals);
        return new BatchResult(matches, unmatched, totalScore, certificate);
    }
}
