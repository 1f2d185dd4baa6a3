package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final double EPS = 1e-12;

    /** sklearn confusion_matrix docs: y_true=[2,0,2,2,0,1], y_pred=[0,0,2,2,0,2]. */
    @Test
    void sklearnDocsIntegerExample() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {2, 0, 2, 2, 0, 1}, new int[] {0, 0, 2, 2, 0, 2}, 3);
        // rows = true, columns = predicted:
        // true 0: predicted 0 twice                   -> [2, 0, 0]
        // true 1: predicted 2 once                    -> [0, 0, 1]
        // true 2: predicted 0 once, 2 twice           -> [1, 0, 2]
        assertArrayEquals(new long[][] {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}}, cm.counts());
        assertEquals(List.of("0", "1", "2"), cm.labelNames());
        // sklearn's default (labels present) gives the same here
        assertArrayEquals(cm.counts(),
                ConfusionMatrix.of(new int[] {2, 0, 2, 2, 0, 1}, new int[] {0, 0, 2, 2, 0, 2}).counts());
    }

    /** sklearn docs: strings with labels=["ant", "bird", "cat"]. */
    @Test
    void sklearnDocsStringExample() {
        List<String> yTrue = List.of("cat", "ant", "cat", "cat", "ant", "bird");
        List<String> yPred = List.of("ant", "ant", "cat", "cat", "ant", "cat");
        ConfusionMatrix cm = ConfusionMatrix.of(yTrue, yPred, Labels.of(List.of("ant", "bird", "cat")));
        assertArrayEquals(new long[][] {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}}, cm.counts());
        // sorted union is the same order here
        assertArrayEquals(cm.counts(), ConfusionMatrix.of(yTrue, yPred).counts());
        assertEquals(List.of("ant", "bird", "cat"), ConfusionMatrix.of(yTrue, yPred).labelNames());
    }

    /** sklearn docs: tn, fp, fn, tp = confusion_matrix([0, 1, 0, 1], [1, 1, 1, 0]).ravel() = (0, 2, 1, 1). */
    @Test
    void binaryRavelIsTnFpFnTp() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {0, 1, 0, 1}, new int[] {1, 1, 1, 0}, 2);
        assertArrayEquals(new long[] {0, 2, 1, 1}, cm.ravel());
        assertEquals(2, cm.count(0, 1)); // FP: true 0 predicted 1
        assertEquals(1, cm.count(1, 0)); // FN: true 1 predicted 0
    }

    @Test
    void normalisations() {
        // counts [[2,0,0],[0,0,1],[1,0,2]]; row sums 2,1,3; column sums 3,0,3; total 6
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {2, 0, 2, 2, 0, 1}, new int[] {0, 0, 2, 2, 0, 2}, 3);
        assertDeepEquals(new double[][] {{1, 0, 0}, {0, 0, 1}, {1.0 / 3, 0, 2.0 / 3}}, cm.normalized(Normalization.TRUE));
        // column 1 is empty: 0/0 -> 0
        assertDeepEquals(new double[][] {{2.0 / 3, 0, 0}, {0, 0, 1.0 / 3}, {1.0 / 3, 0, 2.0 / 3}},
                cm.normalized(Normalization.PRED));
        assertDeepEquals(new double[][] {{2.0 / 6, 0, 0}, {0, 0, 1.0 / 6}, {1.0 / 6, 0, 2.0 / 6}},
                cm.normalized(Normalization.ALL));
        assertDeepEquals(new double[][] {{2, 0, 0}, {0, 0, 1}, {1, 0, 2}}, cm.normalized(Normalization.NONE));
    }

    @Test
    void labelsReorderAndSubsetDropSamples() {
        int[] yTrue = {2, 0, 2, 2, 0, 1};
        int[] yPred = {0, 0, 2, 2, 0, 2};
        // reversed order: rows/cols [2, 1, 0]
        ConfusionMatrix rev = ConfusionMatrix.of(yTrue, yPred, new int[] {2, 1, 0});
        assertArrayEquals(new long[][] {{2, 0, 1}, {1, 0, 0}, {0, 0, 2}}, rev.counts());
        assertEquals(List.of("2", "1", "0"), rev.labelNames());
        // subset [0, 2]: the sample (true 1, pred 2) is dropped -> sums to 5
        ConfusionMatrix sub = ConfusionMatrix.of(yTrue, yPred, new int[] {0, 2});
        assertArrayEquals(new long[][] {{2, 0}, {1, 2}}, sub.counts());
        assertEquals(5, sub.total());
        // superset: label 7 absent -> zero row and column
        ConfusionMatrix sup = ConfusionMatrix.of(yTrue, yPred, new int[] {0, 1, 2, 7});
        assertEquals(6, sup.total());
        assertArrayEquals(new long[] {0, 0, 0, 0}, sup.counts()[3]);
    }

    @Test
    void marginsDiagonalAndAccuracy() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {2, 0, 2, 2, 0, 1}, new int[] {0, 0, 2, 2, 0, 2}, 3);
        assertArrayEquals(new long[] {2, 1, 3}, cm.rowSums());
        assertArrayEquals(new long[] {3, 0, 3}, cm.columnSums());
        assertArrayEquals(new long[] {2, 0, 2}, cm.diagonal());
        assertEquals(4.0 / 6, cm.accuracy(), EPS);
        assertEquals(3, cm.numClasses());
        assertTrue(cm.toString().contains("t\\p"));
    }

    @Test
    void negativeAndSparseIntegerLabelsWithDefaultLabels() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[] {-5, 100, -5}, new int[] {100, 100, -5});
        assertEquals(List.of("-5", "100"), cm.labelNames());
        assertArrayEquals(new long[][] {{1, 1}, {0, 1}}, cm.counts());
    }

    @Test
    void sumsToNOnRandomData() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 20; trial++) {
            int k = 1 + rnd.nextInt(6);
            int n = rnd.nextInt(200);
            int[] t = new int[n];
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextInt(k);
                p[i] = rnd.nextInt(k);
            }
            ConfusionMatrix cm = ConfusionMatrix.of(t, p, k);
            assertEquals(n, cm.total());
            long diag = 0;
            for (long d : cm.diagonal()) {
                diag += d;
            }
            assertEquals(Accuracy.count(t, p), diag);
            double all = 0;
            for (double[] row : cm.normalized(Normalization.ALL)) {
                for (double v : row) {
                    all += v;
                }
            }
            assertEquals(n == 0 ? 0.0 : 1.0, all, 1e-9);
        }
    }

    @Test
    void emptyInput() {
        ConfusionMatrix cm = ConfusionMatrix.of(new int[0], new int[0], 2);
        assertEquals(0, cm.total());
        assertTrue(Double.isNaN(cm.accuracy()));
        assertEquals(0, ConfusionMatrix.of(new int[0], new int[0]).numClasses());
    }

    @Test
    void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0}, 2));
        assertEquals("length mismatch: yTrue has 2 elements but yPred has 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3));
        assertEquals("yTrue[1] = 3 is outside the label range [0, 3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {-1, 1}, 3));
        assertEquals("yPred[0] = -1 is outside the label range [0, 3)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0}, new int[] {0}, 0));
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, new int[] {5, 6}));
        assertTrue(e.getMessage().startsWith("At least one label specified must be in yTrue"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, new int[] {0, 1, 0}));
        assertTrue(e.getMessage().contains("distinct"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(new int[] {0, 1}, new int[] {0, 1}, new int[0]));
        e = assertThrows(IllegalArgumentException.class,
                () -> ConfusionMatrix.of(java.util.Arrays.asList("a", null), List.of("a", "b")));
        assertEquals("yTrue[1] is null", e.getMessage());
    }

    private static void assertDeepEquals(double[][] expected, double[][] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], EPS, "row " + i);
        }
    }
}
