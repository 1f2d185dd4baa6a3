package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RocCurveTest {
    private static final double EPS = 1e-15;
    private static final double INF = Double.POSITIVE_INFINITY;

    /**
     * sklearn roc_curve docs: y=[1,1,2,2], scores=[0.1,0.4,0.35,0.8], pos_label=2 → fpr
     * [0,0,0.5,0.5,1], tpr [0,0.5,0.5,1,1], thresholds [inf,0.8,0.4,0.35,0.1].
     */
    @Test
    void sklearnDocsExample() {
        RocCurve roc = RocCurve.of(new int[] {1, 1, 2, 2}, new double[] {0.1, 0.4, 0.35, 0.8}, 2);
        // descending: 0.8 (pos) tp 1 fp 0 | 0.4 (neg) tp 1 fp 1 | 0.35 (pos) tp 2 fp 1 | 0.1 (neg) tp 2 fp 2
        assertArrayEquals(new double[] {0, 0, 0.5, 0.5, 1}, roc.fpr(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, roc.tpr(), EPS);
        assertArrayEquals(new double[] {INF, 0.8, 0.4, 0.35, 0.1}, roc.thresholds(), 0.0);
        assertEquals(5, roc.size());
        // sklearn auc docs: metrics.auc(fpr, tpr) = 0.75
        assertEquals(0.75, roc.auc(), EPS);
    }

    @Test
    void dropIntermediateRemovesCollinearPoints() {
        int[] y = {1, 1, 1, 0};
        double[] s = {0.9, 0.8, 0.7, 0.6};
        // counts (tp, fp): (1,0) (2,0) (3,0) (3,1); at 0.8 the second differences are 1-4+3 = 0 and 0
        RocCurve all = RocCurve.of(y, s, false);
        assertArrayEquals(new double[] {0, 0, 0, 0, 1}, all.fpr(), EPS);
        assertArrayEquals(new double[] {0, 1.0 / 3, 2.0 / 3, 1, 1}, all.tpr(), EPS);
        assertArrayEquals(new double[] {INF, 0.9, 0.8, 0.7, 0.6}, all.thresholds(), 0.0);
        RocCurve dropped = RocCurve.of(y, s);
        assertArrayEquals(new double[] {0, 0, 0, 1}, dropped.fpr(), EPS);
        assertArrayEquals(new double[] {0, 1.0 / 3, 1, 1}, dropped.tpr(), EPS);
        assertArrayEquals(new double[] {INF, 0.9, 0.7, 0.6}, dropped.thresholds(), 0.0);
        assertEquals(all.auc(), dropped.auc(), EPS);
        assertEquals(1.0, dropped.auc(), EPS);
    }

    @Test
    void tiedScoresFormOneDiagonalStep() {
        // descending: 0.9 (pos) tp 1 fp 0 | 0.5 (neg and pos) tp 2 fp 1 | 0.2 (neg) tp 2 fp 2
        RocCurve roc = RocCurve.of(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.2, 0.9});
        assertArrayEquals(new double[] {0, 0, 0.5, 1}, roc.fpr(), EPS);
        assertArrayEquals(new double[] {0, 0.5, 1, 1}, roc.tpr(), EPS);
        assertArrayEquals(new double[] {INF, 0.9, 0.5, 0.2}, roc.thresholds(), 0.0);
        // trapezoids: 0 + 0.5·(0.5 + 1)/2 + 0.5·(1 + 1)/2 = 0.875 (the tie gets half credit)
        assertEquals(0.875, roc.auc(), EPS);
    }

    @Test
    void positiveLabelInference() {
        double[] s = {0.1, 0.4, 0.35, 0.8};
        RocCurve zeroOne = RocCurve.of(new int[] {0, 0, 1, 1}, s);
        RocCurve minusOne = RocCurve.of(new int[] {-1, -1, 1, 1}, s);
        RocCurve bool = RocCurve.of(new boolean[] {false, false, true, true}, s);
        assertArrayEquals(zeroOne.tpr(), minusOne.tpr(), 0.0);
        assertArrayEquals(zeroOne.fpr(), bool.fpr(), 0.0);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, zeroOne.tpr(), EPS);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new int[] {1, 1, 2, 2}, s));
        assertEquals("yTrue takes values in {1, 2} and posLabel is not specified: either make yTrue take values"
                + " in {0, 1} or {-1, 1} or pass posLabel explicitly", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new int[] {-1, 0, 0, -1}, s));
        // an explicit positive label accepts any other values as negatives
        RocCurve multi = RocCurve.of(new int[] {3, 7, 5, 5}, s, 5);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, multi.tpr(), EPS);
    }

    @Test
    void oneClassGivesNaNRates() {
        RocCurve onlyPositives = RocCurve.of(new int[] {1, 1, 1}, new double[] {0.3, 0.2, 0.1});
        for (double v : onlyPositives.fpr()) {
            assertTrue(Double.isNaN(v));
        }
        // counts tp 1, 2, 3: the middle point is collinear and dropped -> (0, 1, 3)/3
        assertArrayEquals(new double[] {0, 1.0 / 3, 1}, onlyPositives.tpr(), EPS);
        RocCurve onlyNegatives = RocCurve.of(new int[] {0, 0}, new double[] {0.3, 0.2});
        for (double v : onlyNegatives.tpr()) {
            assertTrue(Double.isNaN(v));
        }
        assertTrue(Double.isNaN(onlyNegatives.auc()));
    }

    @Test
    void negativeZeroTiesWithZero() {
        RocCurve roc = RocCurve.of(new int[] {1, 0}, new double[] {-0.0, 0.0}, false);
        assertArrayEquals(new double[] {INF, 0.0}, roc.thresholds(), 0.0);
        assertEquals(0.0, roc.thresholds()[1]); // +0.0
        assertEquals(Double.doubleToLongBits(0.0), Double.doubleToLongBits(roc.thresholds()[1]));
    }

    @Test
    void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new int[] {0, 1, 1}, new double[] {0.1, 0.2, Double.NaN}));
        assertEquals("yScore[2] is NaN; scores must be finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new int[] {0, 1}, new double[] {Double.NEGATIVE_INFINITY, 0.2}));
        assertEquals("yScore[0] is -Infinity; scores must be finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocCurve.of(new int[] {0, 1}, new double[] {0.1, 0.2, 0.3}));
        assertEquals("length mismatch: yTrue has 2 elements but yScore has 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RocCurve.of(new boolean[0], new double[0]));
        assertEquals("yTrue is empty", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RocCurve.of((int[]) null, new double[0]));
    }
}
