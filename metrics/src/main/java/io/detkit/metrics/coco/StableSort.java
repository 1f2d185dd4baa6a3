package io.detkit.metrics.coco;

/**
 * Stable argsort by descending key on primitive arrays: numpy's
 * {@code np.argsort(-keys, kind='mergesort')}. Equal keys keep their input order.
 */
final class StableSort {
    private StableSort() {}

    /**
     * @param keys the keys (no NaN)
     * @param n how many leading keys to sort
     * @return indices {@code 0..n-1} ordered by descending key, ties by index
     */
    static int[] argsortDescending(double[] keys, int n) {
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (n < 2) {
            return idx;
        }
        int[] tmp = new int[n];
        sort(keys, idx, tmp, 0, n);
        return idx;
    }

    private static void sort(double[] k, int[] a, int[] tmp, int lo, int hi) {
        int len = hi - lo;
        if (len <= 24) {
            // insertion sort: moves an element left only past strictly smaller keys -> stable
            for (int i = lo + 1; i < hi; i++) {
                int v = a[i];
                double kv = k[v];
                int j = i - 1;
                while (j >= lo && k[a[j]] < kv) {
                    a[j + 1] = a[j];
                    j--;
                }
                a[j + 1] = v;
            }
            return;
        }
        int mid = (lo + hi) >>> 1;
        sort(k, a, tmp, lo, mid);
        sort(k, a, tmp, mid, hi);
        if (k[a[mid - 1]] >= k[a[mid]]) {
            return; // already in order
        }
        System.arraycopy(a, lo, tmp, lo, len);
        int i = lo, j = mid, o = lo;
        while (i < mid && j < hi) {
            // take from the right only when strictly greater: ties keep left (earlier) first
            if (k[tmp[j]] > k[tmp[i]]) {
                a[o++] = tmp[j++];
            } else {
                a[o++] = tmp[i++];
            }
        }
        while (i < mid) {
            a[o++] = tmp[i++];
        }
        while (j < hi) {
            a[o++] = tmp[j++];
        }
    }
}
