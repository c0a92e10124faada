package se.bredvid.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The solver alone against exhaustive search on small random graphs: square and rectangular, more places
 * than clients and fewer (both sides supply the units then), places of one to three, clients without any
 * pair, volunteers without a free place, and missing pairs (infeasible or pruned). Weights are drawn both
 * spread out and from a few values, so that ties are common.
 */
class MinCostAssignmentTest {

    private static final int SEEDS = 20_000;

    /** A random graph in the solver's input form. */
    private record Graph(int[] arcStart, int[] arcVolunteer, long[] arcWeight, int[] free) {

        static Graph random(Random random) {
            int clients = 1 + random.nextInt(7);
            int volunteers = 1 + random.nextInt(6);
            double density = 0.2 + 0.8 * random.nextDouble();
            // Few distinct weights make ties; a bonus-sized offset is what BatchAssigner adds.
            int spread = random.nextBoolean() ? 3 : 1000;
            long offset = random.nextBoolean() ? 0 : 10_000;
            int[] free = new int[volunteers];
            for (int j = 0; j < volunteers; j++) {
                free[j] = random.nextInt(10) == 0 ? 0 : 1 + random.nextInt(random.nextBoolean() ? 1 : 3);
            }
            int[] arcStart = new int[clients + 1];
            int[] arcVolunteer = new int[clients * volunteers];
            long[] arcWeight = new long[clients * volunteers];
            int arcs = 0;
            for (int i = 0; i < clients; i++) {
                for (int j = 0; j < volunteers; j++) {
                    if (random.nextDouble() < density) {
                        arcVolunteer[arcs] = j;
                        arcWeight[arcs] = offset + 1 + random.nextInt(spread);
                        arcs++;
                    }
                }
                arcStart[i + 1] = arcs;
            }
            return new Graph(arcStart, Arrays.copyOf(arcVolunteer, arcs),
                    Arrays.copyOf(arcWeight, arcs), free);
        }

        int clients() {
            return arcStart.length - 1;
        }
    }

    @Test
    void totalWeightEqualsExhaustiveSearchOnRandomGraphs() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Graph graph = Graph.random(new Random(seed));
            MinCostAssignment solver = solve(graph);
            assertEquals(bestTotal(graph, 0, graph.free().clone()), total(graph, solver), "seed " + seed);
        }
    }

    @Test
    void assignmentUsesOnlyListedPairsAndFreePlaces() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Graph graph = Graph.random(new Random(seed));
            MinCostAssignment solver = solve(graph);
            int[] used = new int[graph.free().length];
            for (int i = 0; i < graph.clients(); i++) {
                int e = solver.assignedArc[i];
                if (e >= 0) {
                    assertTrue(e >= graph.arcStart()[i] && e < graph.arcStart()[i + 1], "seed " + seed);
                    used[graph.arcVolunteer()[e]]++;
                }
            }
            for (int j = 0; j < used.length; j++) {
                assertTrue(used[j] <= graph.free()[j], "seed " + seed);
            }
        }
    }

    /** What BatchAssigner's certificate relies on: u, v >= 0, u + v >= w on every pair, equal values. */
    @Test
    void potentialsAreAnOptimalDualSolution() {
        for (int seed = 0; seed < SEEDS; seed++) {
            Graph graph = Graph.random(new Random(seed));
            MinCostAssignment solver = solve(graph);
            long dual = 0;
            for (int i = 0; i < graph.clients(); i++) {
                long u = solver.clientPotential[i];
                assertTrue(u >= 0, "seed " + seed);
                dual += u;
                for (int e = graph.arcStart()[i]; e < graph.arcStart()[i + 1]; e++) {
                    long v = Math.max(0, -solver.volunteerPotential[graph.arcVolunteer()[e]]);
                    assertTrue(u + v >= graph.arcWeight()[e], "seed " + seed);
                }
            }
            for (int j = 0; j < graph.free().length; j++) {
                dual += graph.free()[j] * Math.max(0, -solver.volunteerPotential[j]);
            }
            assertEquals(total(graph, solver), dual, "seed " + seed);
        }
    }

    @Test
    void clientsWithoutPairsAndVolunteersWithoutPlacesStayUnassigned() {
        Graph graph = new Graph(new int[] {0, 0, 2}, new int[] {0, 1}, new long[] {5, 7}, new int[] {1, 0});
        MinCostAssignment solver = solve(graph);
        assertEquals(-1, solver.volunteerOf(0));
        assertEquals(0, solver.volunteerOf(1));
    }

    private static MinCostAssignment solve(Graph graph) {
        MinCostAssignment solver = new MinCostAssignment(graph.arcStart(), graph.arcVolunteer(), graph.arcWeight(),
                graph.free());
        solver.solve();
        return solver;
    }

    private static long total(Graph graph, MinCostAssignment solver) {
        long total = 0;
        for (int i = 0; i < graph.clients(); i++) {
            if (solver.assignedArc[i] >= 0) {
                total += graph.arcWeight()[solver.assignedArc[i]];
            }
        }
        return total;
    }

    /** Every client either unassigned or on one of its pairs with a place left: the best total. */
    private static long bestTotal(Graph graph, int client, int[] free) {
        if (client == graph.clients()) {
            return 0;
        }
        long best = bestTotal(graph, client + 1, free);
        for (int e = graph.arcStart()[client]; e < graph.arcStart()[client + 1]; e++) {
            int j = graph.arcVolunteer()[e];
            if (free[j] > 0) {
                free[j]--;
                best = Math.max(best, graph.arcWeight()[e] + bestTotal(graph, client + 1, free));
                free[j]++;
            }
        }
        return best;
    }
}
