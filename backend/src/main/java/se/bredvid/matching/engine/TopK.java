package se.bredvid.matching.engine;

/**
 * The best k (score, index) pairs seen, packed into longs in a primitive min-heap so that offering a
 * pair allocates nothing. Higher score wins; on equal scores the lower pool index wins, which is the
 * smaller volunteer id in a sorted pool (the batch always uses one). Scores must fit in 31 bits.
 */
final class TopK {

    private final long[] heap;
    private int size;

    TopK(int k) {
        this.heap = new long[Math.max(0, k)];
    }

    static long key(long score, int index) {
        return (score << 32) | (Integer.MAX_VALUE - index);
    }

    static int scoreOf(long key) {
        return (int) (key >> 32);
    }

    static int indexOf(long key) {
        return Integer.MAX_VALUE - (int) (key & 0xFFFF_FFFFL);
    }

    void offer(int score, int index) {
        offerKey(key(score, index));
    }

    void offerKey(long key) {
        if (size < heap.length) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) >>> 1;
                if (heap[parent] <= key) {
                    break;
                }
                heap[i] = heap[parent];
                i = parent;
            }
            heap[i] = key;
        } else if (size > 0 && key > heap[0]) {
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && heap[child + 1] < heap[child]) {
                    child++;
                }
                if (heap[child] >= key) {
                    break;
                }
                heap[i] = heap[child];
                i = child;
            }
            heap[i] = key;
        }
    }

    /** The kept keys, best first. */
    long[] sortedBestFirst() {
        long[] keys = java.util.Arrays.copyOf(heap, size);
        java.util.Arrays.sort(keys);
        for (int i = 0, j = keys.length - 1; i < j; i++, j--) {
            long swap = keys[i];
            keys[i] = keys[j];
            keys[j] = swap;
        }
        return keys;
    }
}
