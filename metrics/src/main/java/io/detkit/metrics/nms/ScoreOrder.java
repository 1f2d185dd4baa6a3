package io.detkit.metrics.nms;

/**
 * Stable descending sort of box ids by score, without boxing: an LSD radix sort on the score's
 * bits (O(n), stable, so equal scores keep their input order), insertion sort for short inputs.
 *
 * <p>Scores compare numerically: {@code -0.0} and {@code 0.0} are a tie. NaN must not occur (the
 * callers reject it).
 */
final class ScoreOrder {
    private static final int INSERTION_MAX = 64;
    private static final int BITS = 11;
    private static final int RADIX = 1 << BITS;
    private static final int MASK = RADIX - 1;
    private static final int PASSES = (64 + BITS - 1) / BITS;

    private ScoreOrder() {}

    /**
     * Sorts ids by {@code scores[id]} descending; ties keep their order in {@code ids}.
     *
     * @param scores scores indexed by id, none NaN
     * @param ids the ids to sort; not modified
     * @return a new array: {@code ids} reordered
     */
    static int[] descending(double[] scores, int[] ids) {
        int n = ids.length;
        long[] keys = new long[n];
        for (int p = 0; p < n; p++) {
            keys[p] = descendingKey(scores[ids[p]]);
        }
        int[] out = ids.clone();
        if (n <= INSERTION_MAX) {
            insertionSort(keys, out);
        } else {
            radixSort(keys, out);
        }
        return out;
    }

    /**
     * A key whose unsigned order is the descending numeric order of {@code score}.
     *
     * @param score not NaN
     * @return the key
     */
    static long descendingKey(double score) {
        long bits = Double.doubleToRawLongBits(score + 0.0); // + 0.0 turns -0.0 into 0.0
        long ascending = bits ^ ((bits >> 63) | Long.MIN_VALUE);
        return ~ascending;
    }

    private static void insertionSort(long[] keys, int[] vals) {
        for (int i = 1; i < keys.length; i++) {
            long k = keys[i];
            int v = vals[i];
            int j = i - 1;
            while (j >= 0 && Long.compareUnsigned(keys[j], k) > 0) {
                keys[j + 1] = keys[j];
                vals[j + 1] = vals[j];
                j--;
            }
            keys[j + 1] = k;
            vals[j + 1] = v;
        }
    }

    private static void radixSort(long[] keys, int[] vals) {
        int n = keys.length;
        int[][] counts = new int[PASSES][RADIX];
        for (long k : keys) {
            for (int pass = 0; pass < PASSES; pass++) {
                counts[pass][(int) (k >>> (pass * BITS)) & MASK]++;
            }
        }
        long[] k2 = new long[n];
        int[] v2 = new int[n];
        long[] srcK = keys, dstK = k2;
        int[] srcV = vals, dstV = v2;
        for (int pass = 0; pass < PASSES; pass++) {
            int[] c = counts[pass];
            int shift = pass * BITS;
            if (c[(int) (srcK[0] >>> shift) & MASK] == n) {
                continue; // every key has the same digit here
            }
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int t = c[d];
                c[d] = sum;
                sum += t;
            }
            for (int p = 0; p < n; p++) {
                long k = srcK[p];
                int at = c[(int) (k >>> shift) & MASK]++;
                dstK[at] = k;
                dstV[at] = srcV[p];
            }
            long[] tk = srcK; srcK = dstK; dstK = tk;
            int[] tv = srcV; srcV = dstV; dstV = tv;
        }
        if (srcV != vals) {
            System.arraycopy(srcV, 0, vals, 0, n);
        }
    }
}
