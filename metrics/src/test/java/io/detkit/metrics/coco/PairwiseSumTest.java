package io.detkit.metrics.coco;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class PairwiseSumTest {
    @Test
    void integersSumExactly() {
        double[] a = new double[1000];
        for (int i = 0; i < a.length; i++) {
            a[i] = i + 1;
        }
        // 1 + 2 + ... + 1000 = 1000·1001/2 = 500500, exact in every order
        assertEquals(500500, PairwiseSum.sum(a, 0, 1000));
        assertEquals(15, PairwiseSum.sum(a, 0, 5)); // fewer than 8: in order
        assertEquals(0, PairwiseSum.sum(a, 0, 0));
    }

    @Test
    void blockOrderMatchesNumpy() {
        // 0.1 added 10 times: in order it gives 0.9999999999999999; numpy's 8 accumulators
        // (r0..r7 = 0.1 + 0.1 for the first two, 0.1 for the rest, then pairwise) give exactly 1.0
        double[] a = new double[10];
        java.util.Arrays.fill(a, 0.1);
        assertEquals(1.0, PairwiseSum.sum(a, 0, 10), 0);
        double seq = 0;
        for (double v : a) {
            seq += v;
        }
        assertEquals(0.9999999999999999, seq, 0);
    }
}
