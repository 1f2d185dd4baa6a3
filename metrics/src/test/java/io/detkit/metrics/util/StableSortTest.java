package io.detkit.metrics.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class StableSortTest {
    @Test
    void descendingWithTiesInInputOrder() {
        double[] k = {0.5, 0.9, 0.5, 0.1, 0.9};
        // 0.9 (idx 1, 4), 0.5 (idx 0, 2), 0.1 (idx 3)
        assertArrayEquals(new int[] {1, 4, 0, 2, 3}, StableSort.descending(k));
    }

    @Test
    void equalsAStableReferenceSortOnRandomKeysWithManyTies() {
        SplittableRandom r = new SplittableRandom(7);
        for (int n : new int[] {0, 1, 23, 24, 25, 100, 1000, 5000}) {
            double[] k = new double[n];
            for (int i = 0; i < n; i++) {
                k[i] = r.nextInt(20) / 10.0;
            }
            Integer[] ref = new Integer[n];
            for (int i = 0; i < n; i++) {
                ref[i] = i;
            }
            Arrays.sort(ref, Comparator.comparingDouble((Integer i) -> -k[i])); // TimSort is stable
            int[] got = StableSort.descending(k);
            assertEquals(n, got.length);
            for (int i = 0; i < n; i++) {
                assertEquals(ref[i].intValue(), got[i], "n=" + n + " position " + i);
            }
        }
    }
}
