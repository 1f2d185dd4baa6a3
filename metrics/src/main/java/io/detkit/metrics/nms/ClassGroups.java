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
        for (int p = 0; p < m; p++) {
            cls[p] = classes[order[p]];
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
}
