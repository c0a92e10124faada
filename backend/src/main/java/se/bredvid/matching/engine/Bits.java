package se.bredvid.matching.engine;

/** Fixed-length bit sets as {@code long[]}; all sets of one kind in a pool have the same length. */
final class Bits {

    private Bits() {
    }

    static long[] empty(int size) {
        return new long[(size + 63) >>> 6];
    }

    static void set(long[] bits, int index) {
        bits[index >>> 6] |= 1L << index;
    }

    static boolean test(long[] bits, int index) {
        return (bits[index >>> 6] & (1L << index)) != 0;
    }

    static boolean intersects(long[] a, long[] b) {
        for (int i = 0; i < a.length; i++) {
            if ((a[i] & b[i]) != 0) {
                return true;
            }
        }
        return false;
    }

    static boolean containsAll(long[] superset, long[] subset) {
        for (int i = 0; i < subset.length; i++) {
            if ((subset[i] & ~superset[i]) != 0) {
                return false;
            }
        }
        return true;
    }

    static int countCommon(long[] a, long[] b) {
        int count = 0;
        for (int i = 0; i < a.length; i++) {
            count += Long.bitCount(a[i] & b[i]);
        }
        return count;
    }

    static boolean isEmpty(long[] bits) {
        for (long word : bits) {
            if (word != 0) {
                return false;
            }
        }
        return true;
    }
}
