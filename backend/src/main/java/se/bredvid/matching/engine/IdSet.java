package se.bredvid.matching.engine;

import java.util.UUID;

/**
 * An insert-only open-addressing set of UUIDs on two {@code long[]} tables: duplicate detection for a
 * one-off pool of 10,000 volunteers without a boxed node per id.
 */
final class IdSet {

    private final long[] most;
    private final long[] least;
    private final boolean[] used;
    private final int mask;

    IdSet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(4, expected) * 2 - 1) << 1;
        this.most = new long[capacity];
        this.least = new long[capacity];
        this.used = new boolean[capacity];
        this.mask = capacity - 1;
    }

    /** Adds the id; false if it was already there. */
    boolean add(UUID id) {
        long hi = id.getMostSignificantBits();
        long lo = id.getLeastSignificantBits();
        long h = (hi ^ lo) * 0x9E3779B97F4A7C15L;
        int slot = (int) (h ^ (h >>> 32)) & mask;
        while (used[slot]) {
            if (most[slot] == hi && least[slot] == lo) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        most[slot] = hi;
        least[slot] = lo;
        return true;
    }
}
