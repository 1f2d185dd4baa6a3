package io.detkit.metrics.util;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class GridsAndSortTest {

    @Test
    void linspaceMatchesNumpyBitForBit() {
        double[] g = Grids.linspace(0, 1, 11);
        assertEquals(11, g.length);
        // np.linspace(0, 1, 11) prints these exact values
        assertEquals(0.30000000000000004, g[3]);
        assertEquals(0.6000000000000001, g[6]);
        assertEquals(0.7000000000000001, g[7]);
        assertEquals(0.8, g[8]);
        assertEquals(1.0, g[10]);
        double[] c = Grids.linspace(0, 1, 1000);
        assertEquals(1.0 / 999, c[1]);
        assertEquals(1.0, c[999]);
        assertArrayEquals(new double[] {2.0}, Grids.linspace(2, 5, 1));
        assertThrows(IllegalArgumentException.class, () -> Grids.linspace(0, 1, 0));
    }

    @Test
    void descendingSortIsStableOnTiesAndPutsNanLast() {
        double[] keys = {0.5, 0.9, 0.5, Double.NaN, 0.9, 0.1};
        assertArrayEquals(new int[] {1, 4, 0, 2, 5, 3}, StableSort.descending(keys));
        assertArrayEquals(new int[] {4, 2, 0}, StableSort.descending(keys, new int[] {2, 4, 0}));
        assertArrayEquals(new int[0], StableSort.descending(new double[0]));
    }

    @Test
    void descendingSortHandlesLongRunsOfTies() {
        int n = 1000;
        double[] keys = new double[n];
        for (int i = 0; i < n; i++) {
            keys[i] = i % 3; // 0,1,2 repeated
        }
        int[] order = StableSort.descending(keys);
        for (int k = 1; k < n; k++) {
            double a = keys[order[k - 1]], b = keys[order[k]];
            boolean ok = a > b || (a == b && order[k - 1] < order[k]);
            assertEquals(true, ok, "position " + k);
        }
    }

    @Test
    void listsGrowAndCopy() {
        DoubleList d = new DoubleList();
        IntList i = new IntList();
        for (int k = 0; k < 100; k++) {
            d.add(k / 2.0);
            i.add(-k);
        }
        assertEquals(100, d.size());
        assertEquals(49.5, d.get(99));
        assertEquals(-99, i.toArray()[99]);
        assertThrows(IndexOutOfBoundsException.class, () -> i.get(100));
    }
}
