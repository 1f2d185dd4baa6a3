package io.detkit.metrics.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CocoParamsTest {
    @Test
    void defaultsEqualNumpyLinspaceBitForBit() {
        CocoParams p = CocoParams.defaults();
        // values printed by numpy 2.4: np.linspace(.5, .95, 10)
        assertArrayEquals(new double[] {0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.8999999999999999, 0.95},
                p.iouThresholds(), 0);
        double[] r = p.recallThresholds();
        assertEquals(101, r.length);
        assertEquals(0.07, r[7], 0);
        assertEquals(0.5700000000000001, r[57], 0); // 57 · 0.01 in floating point, as numpy
        assertEquals(1.0, r[100], 0);
        assertArrayEquals(new int[] {1, 10, 100}, p.maxDets());
        assertEquals(1024.0, p.areaRanges()[1][1]);
    }

    @Test
    void maxDetsAreSortedAndBadValuesRejected() {
        assertArrayEquals(new int[] {1, 10, 100}, CocoParams.builder().optMaxDets(100, 1, 10).build().maxDets());
        assertThrows(IllegalArgumentException.class, () -> CocoParams.builder().optMaxDets(0));
        assertThrows(IllegalArgumentException.class, () -> CocoParams.builder().optIouThresholds(1.5));
        assertThrows(IllegalArgumentException.class, () -> CocoParams.builder().optRecallThresholds(0.5, 0.2));
    }
}
