package se.bredvid.matching.engine;

import java.util.List;

/** Tries every assignment of a small instance; the lexicographic best (matches, then total score). */
final class BruteForce {

    record Optimum(int matches, long totalScore) {
    }

    private final int[][] score;
    private final int[] free;
    private int bestMatches;
    private long bestScore;

    private BruteForce(int[][] score, int[] free) {
        this.score = score;
        this.free = free;
    }

    /** {@code score[i][j]} is the score of a feasible pair, or -1 for an infeasible one. */
    static Optimum solve(int[][] score, int[] free) {
        BruteForce search = new BruteForce(score, free.clone());
        search.bestMatches = -1;
        search.visit(0, 0, 0);
        return new Optimum(search.bestMatches, search.bestScore);
    }

    static Optimum solve(RandomInstances.Instance instance, MatchingEngine engine) {
        List<ClientProfile> clients = instance.clients();
        List<VolunteerProfile> volunteers = instance.volunteers();
        int[][] score = new int[clients.size()][volunteers.size()];
        for (int i = 0; i < clients.size(); i++) {
            for (int j = 0; j < volunteers.size(); j++) {
                ClientProfile client = clients.get(i);
                VolunteerProfile volunteer = volunteers.get(j);
                score[i][j] = ReferenceRules.feasible(client, volunteer, instance.ended())
                        ? engine.evaluate(client, volunteer, instance.ended()).score()
                        : -1;
            }
        }
        int[] free = volunteers.stream().mapToInt(VolunteerProfile::freeCapacity).toArray();
        return solve(score, free);
    }

    private void visit(int client, int matches, long total) {
        if (client == score.length) {
            if (matches > bestMatches || (matches == bestMatches && total > bestScore)) {
                bestMatches = matches;
                bestScore = total;
            }
            return;
        }
        visit(client + 1, matches, total);
        for (int j = 0; j < free.length; j++) {
            if (score[client][j] >= 0 && free[j] > 0) {
                free[j]--;
                visit(client + 1, matches + 1, total + score[client][j]);
                free[j]++;
            }
        }
    }
}
