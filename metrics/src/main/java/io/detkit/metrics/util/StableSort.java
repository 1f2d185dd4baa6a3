package io.detkit.metrics.util;

/**
 * Stable index sorts of primitive keys (a merge sort on {@code int[]}, no boxing). "Stable" means
 * that equal keys keep their input order, which is how Python's {@code sorted(..., reverse=True)}
 * orders detections with equal scores.
 */
public final class StableSort {
    private StableSort() {}

    /**
     * Indices of {@code keys} ordered by key descending; equal keys stay in index order. NaN keys
     * sort after every number.
     *
     * @param keys the keys; not modified
     * @return a permutation of {@code 0 … keys.length − 1}
     */
    public static int[] descending(double[] keys) {
        int n = keys.length;
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return descending(keys, idx);
    }

    /**
     * Reorders the given indices by {@code keys[index]} descending; indices with equal keys keep
     * their order in {@code indices}. NaN keys sort after every number.
     *
     * @param keys the keys, looked up through {@code indices}; not modified
     * @param indices indices into {@code keys}; not modified
     * @return a new array, a stable reordering of {@code indices}
     */
    public static int[] descending(double[] keys, int[] indices) {
        int n = indices.length;
        int[] a = indices.clone();
        int[] b = new int[n];
        for (int width = 1; width < n; width *= 2) {
            for (int lo = 0; lo < n; lo += 2 * width) {
                int mid = Math.min(lo + width, n), hi = Math.min(lo + 2 * width, n);
                int i = lo, j = mid, k = lo;
                while (i < mid && j < hi) {
                    // take from the right run only when strictly before the left one: stability
                    b[k++] = before(keys[a[j]], keys[a[i]]) ? a[j++] : a[i++];
                }
                while (i < mid) {
                    b[k++] = a[i++];
                }
                while (j < hi) {
                    b[k++] = a[j++];
                }
            }
            int[] t = a;
            a = b;
            b = t;
        }
        return a;
    }

    /** True when key {@code x} sorts strictly before {@code y} in descending order (NaN last). */
    private static boolean before(double x, double y) {
        if (Double.isNaN(x)) {
            return false;
        }
        return Double.isNaN(y) || x > y;
    }
}
