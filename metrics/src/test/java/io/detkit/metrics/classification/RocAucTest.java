package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

class RocAucTest {
    private static final double EPS = 1e-12;

    /** sklearn user guide / auc docs: roc_auc_score([0,0,1,1], [0.1,0.4,0.35,0.8]) = 0.75. */
    @Test
    void sklearnDocsExample() {
        double[] s = {0.1, 0.4, 0.35, 0.8};
        // pairs (pos, neg): (0.35, 0.1) ✓, (0.35, 0.4) ✗, (0.8, 0.1) ✓, (0.8, 0.4) ✓ -> 3/4
        assertEquals(0.75, RocAuc.score(new int[] {0, 0, 1, 1}, s), EPS);
        // roc_auc_score takes the greater label as positive: {1, 2} -> 2
        assertEquals(0.75, RocAuc.score(new int[] {1, 1, 2, 2}, s), EPS);
        assertEquals(0.75, RocAuc.score(new boolean[] {false, false, true, true}, s), EPS);
    }

    @Test
    void perfectAndReversedRankings() {
        boolean[] y = {false, false, false, true, true};
        double[] s = {0.1, 0.2, 0.3, 0.4, 0.5};
        assertEquals(1.0, RocAuc.score(y, s), 0.0);
        double[] reversed = {0.5, 0.4, 0.3, 0.2, 0.1};
        assertEquals(0.0, RocAuc.score(y, reversed), 0.0);
        // all scores tied: every pair counts 1/2
        assertEquals(0.5, RocAuc.score(y, new double[] {1, 1, 1, 1, 1}), 0.0);
    }

    @Test
    void equalsMannWhitneyProbabilityOnRandomData() {
        Random rnd = new Random(20240501L);
        for (int trial = 0; trial < 200; trial++) {
            int n = 2 + rnd.nextInt(300);
            boolean[] y = new boolean[n];
            double[] s = new double[n];
            y[0] = true; // both classes present
            y[1] = false;
            for (int i = 2; i < n; i++) {
                y[i] = rnd.nextDouble() < 0.3;
            }
            int levels = 1 + rnd.nextInt(trial % 2 == 0 ? 10 : 100_000); // many ties on even trials
            for (int i = 0; i < n; i++) {
                s[i] = rnd.nextInt(levels) / (double) levels + (y[i] ? 0.1 * rnd.nextDouble() : 0.0);
            }
            double expected = mannWhitney(y, s);
            assertEquals(expected, RocAuc.score(y, s), EPS, "trial " + trial);
            assertEquals(expected, RocCurve.of(y, s).auc(), EPS, "trial " + trial + " (curve)");
            assertEquals(expected, RocCurve.of(y, s, false).auc(), EPS, "trial " + trial + " (full curve)");
        }
    }

    /** P(s_pos > s_neg) + ½ P(s_pos = s_neg) by brute force over all pairs. */
    private static double mannWhitney(boolean[] y, double[] s) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < y.length; i++) {
            if (!y[i]) {
                continue;
            }
            for (int j = 0; j < y.length; j++) {
                if (y[j]) {
                    continue;
                }
                pairs++;
                if (s[i] > s[j]) {
                    wins += 1;
                } else if (s[i] == s[j]) {
                    wins += 0.5;
                }
            }
        }
        return wins / pairs;
    }

    @Test
    void invariantToStrictlyIncreasingTransforms() {
        Random rnd = new Random(99);
        DoubleUnaryOperator[] transforms = {v -> 3 * v - 7, v -> Math.exp(4 * v), v -> v * v * v, v -> Math.atan(v)};
        for (int trial = 0; trial < 50; trial++) {
            int n = 20 + rnd.nextInt(100);
            boolean[] y = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = i % 3 == 0 || rnd.nextBoolean();
                s[i] = Math.round(rnd.nextGaussian() * 20) / 10.0; // ties
            }
            y[1] = false;
            double base = RocAuc.score(y, s);
            for (DoubleUnaryOperator f : transforms) {
                double[] t = new double[n];
                for (int i = 0; i < n; i++) {
                    t[i] = f.applyAsDouble(s[i]);
                }
                assertEquals(base, RocAuc.score(y, t), 0.0);
                assertArrayEquals(RocCurve.of(y, s).tpr(), RocCurve.of(y, t).tpr(), 0.0);
                assertArrayEquals(RocCurve.of(y, s).fpr(), RocCurve.of(y, t).fpr(), 0.0);
            }
            // a decreasing transform mirrors the AUC
            double[] neg = new double[n];
            for (int i = 0; i < n; i++) {
                neg[i] = -s[i];
            }
            assertEquals(1.0 - base, RocAuc.score(y, neg), EPS);
        }
    }

    @Test
    void oneClassIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.score(new int[] {1, 1, 1}, new double[] {0.1, 0.2, 0.3}));
        assertEquals("Only one class present in yTrue. ROC AUC score is not defined in that case.", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> RocAuc.score(new boolean[] {false, false}, new double[] {0.1, 0.2}));
        e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.score(new int[] {0, 1, 2}, new double[] {0.1, 0.2, 0.3}));
        assertTrue(e.getMessage().startsWith("yTrue has 3 distinct values {0, 1, 2}"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.score(new int[] {0, 1}, new double[] {0.1, Double.NaN}));
        assertEquals("yScore[1] is NaN; scores must be finite", e.getMessage());
    }

    /**
     * One-vs-rest on the toy data of sklearn's test_multiclass_ovr_roc_auc_toydata: y_true=[0,1,0,2].
     */
    @Test
    void oneVsRestHandWorked() {
        int[] y = {0, 1, 0, 2};
        double[][] p = {{0.1, 0.8, 0.1}, {0.3, 0.4, 0.3}, {0.35, 0.5, 0.15}, {0, 0.2, 0.8}};
        // class 0: pos {0.1, 0.35} vs neg {0.3, 0}: 0.1>0 ✓, 0.35>0.3 ✓, 0.35>0 ✓, 0.1<0.3 ✗ -> 3/4
        // class 1: pos {0.4} vs neg {0.8, 0.5, 0.2}: only 0.4 > 0.2 -> 1/3
        // class 2: pos {0.8} vs neg {0.1, 0.3, 0.15}: all -> 1
        assertArrayEquals(new double[] {0.75, 1.0 / 3, 1.0}, RocAuc.oneVsRestPerClass(y, p), EPS);
        assertEquals((0.75 + 1.0 / 3 + 1.0) / 3, RocAuc.oneVsRest(y, p, Average.MACRO), EPS);
        // supports 2, 1, 1
        assertEquals(0.75 * 0.5 + (1.0 / 3) * 0.25 + 1.0 * 0.25, RocAuc.oneVsRest(y, p, Average.WEIGHTED), EPS);
        // micro: 4 positive cells {0.1, 0.4, 0.35, 0.8} vs 8 negative cells {0.8, 0.1, 0.3, 0.3, 0.5, 0.15, 0, 0.2}:
        // 0.1 beats {0} and ties {0.1}: 1.5; 0.4 and 0.35 beat 6 each; 0.8 beats 7 and ties 1: 7.5 -> 21/32
        assertEquals(21.0 / 32, RocAuc.oneVsRest(y, p, Average.MICRO), EPS);
    }

    @Test
    void oneVsRestWithTwoClassesEqualsBinary() {
        int[] y = {0, 0, 1, 1};
        double[][] p = {{0.9, 0.1}, {0.6, 0.4}, {0.65, 0.35}, {0.2, 0.8}};
        assertEquals(RocAuc.score(y, new double[] {0.1, 0.4, 0.35, 0.8}), RocAuc.oneVsRest(y, p, Average.MACRO), EPS);
    }

    @Test
    void oneVsRestBadInput() {
        double[][] p = {{0.5, 0.5}, {0.2, 0.8}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.oneVsRest(new int[] {0, 1}, new double[][] {{0.5, 0.6}, {0.2, 0.8}}, Average.MACRO));
        assertTrue(e.getMessage().startsWith("Target scores need to be probabilities"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RocAuc.oneVsRest(new int[] {0, 0}, p, Average.MACRO));
        assertTrue(e.getMessage().contains("classes absent from yTrue: [1]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RocAuc.oneVsRest(new int[] {0, 2}, p, Average.MACRO));
        assertEquals("yTrue[1] = 2 is outside the label range [0, 2)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.oneVsRest(new int[] {0, 1}, new double[][] {{0.5, 0.5}, {1.0}}, Average.MACRO));
        assertEquals("yScore is ragged: row 0 has 2 columns but row 1 has 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RocAuc.oneVsRest(new int[] {0, 1, 1}, p, Average.MACRO));
        assertEquals("length mismatch: yTrue has 3 elements but yScore has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RocAuc.oneVsRest(new int[] {0, 1}, new double[][] {{Double.NaN, 0.5}, {0.2, 0.8}}, Average.MACRO));
        assertEquals("yScore[0][0] is NaN; scores must be finite", e.getMessage());
    }
}
