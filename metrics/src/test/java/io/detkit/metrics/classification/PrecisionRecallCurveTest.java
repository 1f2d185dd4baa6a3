package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PrecisionRecallCurveTest {
    private static final double EPS = 1e-15;

    /**
     * sklearn precision_recall_curve docs: y=[0,0,1,1], scores=[0.1,0.4,0.35,0.8] → precision
     * [0.5, 0.666…, 0.5, 1, 1], recall [1, 1, 0.5, 0.5, 0], thresholds [0.1, 0.35, 0.4, 0.8].
     */
    @Test
    void sklearnDocsExample() {
        PrecisionRecallCurve pr = PrecisionRecallCurve.of(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8});
        // ascending thresholds: 0.1 -> tp 2 fp 2 | 0.35 -> tp 2 fp 1 | 0.4 -> tp 1 fp 1 | 0.8 -> tp 1 fp 0
        assertArrayEquals(new double[] {0.5, 2.0 / 3, 0.5, 1, 1}, pr.precision(), EPS);
        assertArrayEquals(new double[] {1, 1, 0.5, 0.5, 0}, pr.recall(), EPS);
        assertArrayEquals(new double[] {0.1, 0.35, 0.4, 0.8}, pr.thresholds(), 0.0);
        assertEquals(4, pr.size());
        assertEquals(5.0 / 6, pr.averagePrecision(), 1e-12);
    }

    @Test
    void dropIntermediateKeepsEndsOfEqualRecallRuns() {
        boolean[] y = {true, false, false, false, true};
        double[] s = {0.9, 0.8, 0.7, 0.6, 0.5};
        // descending counts (tp, fp): 0.9 (1,0) | 0.8 (1,1) | 0.7 (1,2) | 0.6 (1,3) | 0.5 (2,3)
        PrecisionRecallCurve all = PrecisionRecallCurve.of(y, s);
        assertArrayEquals(new double[] {0.5, 0.6, 0.7, 0.8, 0.9}, all.thresholds(), 0.0);
        assertArrayEquals(new double[] {2.0 / 5, 1.0 / 4, 1.0 / 3, 1.0 / 2, 1, 1}, all.precision(), EPS);
        assertArrayEquals(new double[] {1, 0.5, 0.5, 0.5, 0.5, 0}, all.recall(), EPS);
        // tp is 1 on both sides of 0.8 and 0.7: those are dropped
        PrecisionRecallCurve dropped = PrecisionRecallCurve.of(y, s, true);
        assertArrayEquals(new double[] {0.5, 0.6, 0.9}, dropped.thresholds(), 0.0);
        assertArrayEquals(new double[] {2.0 / 5, 1.0 / 4, 1, 1}, dropped.precision(), EPS);
        assertArrayEquals(new double[] {1, 0.5, 0.5, 0}, dropped.recall(), EPS);
        assertEquals(all.averagePrecision(), dropped.averagePrecision(), 1e-15);
        // AP = 0.5·1 + 0.5·0.4 = 0.7
        assertEquals(0.7, AveragePrecision.score(y, s), 1e-15);
    }

    @Test
    void noPositivesGivesRecallOne() {
        PrecisionRecallCurve pr = PrecisionRecallCurve.of(new int[] {0, 0, 0}, new double[] {0.2, 0.1, 0.2});
        assertArrayEquals(new double[] {0.1, 0.2}, pr.thresholds(), 0.0);
        assertArrayEquals(new double[] {0, 0, 1}, pr.precision(), 0.0);
        assertArrayEquals(new double[] {1, 1, 0}, pr.recall(), 0.0);
    }

    @Test
    void positiveLabelAndBadInput() {
        double[] s = {0.1, 0.4, 0.35, 0.8};
        PrecisionRecallCurve byLabel = PrecisionRecallCurve.of(new int[] {4, 4, 9, 9}, s, 9);
        assertArrayEquals(new double[] {0.5, 2.0 / 3, 0.5, 1, 1}, byLabel.precision(), EPS);
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecallCurve.of(new int[] {4, 4, 9, 9}, s));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallCurve.of(new int[] {0, 1}, new double[] {Double.POSITIVE_INFINITY, 1}));
        assertEquals("yScore[0] is Infinity; scores must be finite", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecallCurve.of(new int[] {0, 1}, new double[] {1}));
    }
}
