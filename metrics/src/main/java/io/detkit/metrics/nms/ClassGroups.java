package io.detkit.metrics.nms;

import java.util.Arrays;

/** Splits ids in processing order into one array per class, each keeping that order. */
final class ClassGroups {
    private ClassGroups() {}

    /**
     * @param order ids in processing order
     * @param classes class of each id
     * @return one array of ids per distinct class (classes ascending), each a subsequence of
     *     {@code order}
     */
    static int[][] split(int[] order, int[] classes) {
        int m = order.length;
        int[] cls = new int[m];
        int lo = Integer.MAX_VALUE, hi = Integer.MIN_VALUE;
        for (int p = 0; p < m; p++) {
            int c = classes[order[p]];
            cls[p] = c;
            lo = Math.min(lo, c);
            hi = Math.max(hi, c);
        }
        if (m > 0 && (long) hi - lo <= Math.max(4L * m, 1 << 12)) {
            return splitCompact(order, cls, lo, hi - lo + 1);
        }
        int[] distinct = cls.clone();
        Arrays.sort(distinct);
        int u = 0;
        for (int i = 0; i < m; i++) {
            if (i == 0 || distinct[i] != distinct[i - 1]) {
                distinct[u++] = distinct[i];
            }
        }
        int[] dense = new int[m];
        int[] count = new int[u];
        for (int p = 0; p < m; p++) {
            int d = Arrays.binarySearch(distinct, 0, u, cls[p]);
            dense[p] = d;
            count[d]++;
        }
        int[][] groups = new int[u][];
        for (int d = 0; d < u; d++) {
            groups[d] = new int[count[d]];
        }
        int[] fill = new int[u];
        for (int p = 0; p < m; p++) {
            int d = dense[p];
            groups[d][fill[d]++] = order[p];
        }
        return groups;
    }

    /** Counting split for class ids within {@code [lo, lo + range)}. */
    private static int[][] splitCompact(int[] order, int[] cls, int lo, int range) {
        int[] count = new int[range];
        for (int c : cls) {
            count[c - lo]++;
        }
        int u = 0;
        int[] dense = new int[range];
        for (int v = 0; v < range; v++) {
            dense[v] = count[v] > 0 ? u++ : -1;
        }
        int[][] groups = new int[u][];
        for (int v = 0; v < range; v++) {
            if (count[v] > 0) {
                groups[dense[v]] = new int[count[v]];
            }
        }
        int[] fill = new int[u];
        for (int p = 0; p < cls.length; p++) {
            int d = dense[cls[p] - lo];
            groups[d][fill[d]++] = order[p];
        }
        return groups;
    }
}
