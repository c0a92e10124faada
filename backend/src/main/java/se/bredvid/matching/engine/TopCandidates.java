package se.bredvid.matching.engine;

import java.util.UUID;

/**
 * The best k volunteers by score, ties broken by the smaller volunteer id, in a primitive min-heap (the
 * root is the worst kept) so that offering allocates nothing. Ids are compared only on equal scores.
 */
final class TopCandidates {

    private final UUID[] ids;
    private final int[] scores;
    private final int[] indexes;
    private int size;

    TopCandidates(int k, UUID[] ids) {
        this.ids = ids;
        this.scores = new int[Math.max(0, k)];
        this.indexes = new int[scores.length];
    }

    private boolean worse(int scoreA, int indexA, int scoreB, int indexB) {
        return scoreA < scoreB || (scoreA == scoreB && ids[indexA].compareTo(ids[indexB]) > 0);
    }

    void offer(int score, int index) {
        if (size < scores.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (!worse(score, index, scores[parent], indexes[parent])) {
                    break;
                }
                scores[i] = scores[parent];
                indexes[i] = indexes[parent];
                i = parent;
            }
            scores[i] = score;
            indexes[i] = index;
        } else if (size > 0 && worse(scores[0], indexes[0], score, index)) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && worse(scores[child + 1], indexes[child + 1], scores[child], indexes[child])) {
                    child++;
                }
                if (!worse(scores[child], indexes[child], score, index)) {
                    break;
                }
                scores[i] = scores[child];
                indexes[i] = indexes[child];
                i = child;
            }
            scores[i] = score;
            indexes[i] = index;
        }
    }

    /** Pool indexes of the kept volunteers, best first. */
    int[] bestFirst() {
        Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> worse(scores[a], indexes[a], scores[b], indexes[b]) ? 1
                : worse(scores[b], indexes[b], scores[a], indexes[a]) ? -1 : 0);
        int[] result = new int[size];
        for (int i = 0; i < size; i++) {
            result[i] = indexes[order[i]];
        }
        return result;
    }
}
