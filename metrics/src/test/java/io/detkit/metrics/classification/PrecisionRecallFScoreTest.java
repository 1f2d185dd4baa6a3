package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PrecisionRecallFScoreTest {
    private static final double EPS = 1e-12;

    private static final List<String> CAT_TRUE = List.of("cat", "dog", "pig", "cat", "dog", "pig");
    private static final List<String> CAT_PRED = List.of("cat", "pig", "dog", "cat", "cat", "dog");

    /**
     * sklearn precision_recall_fscore_support docs: macro (0.22…, 0.33…, 0.26…), micro (0.33…, 0.33…,
     * 0.33…), weighted (0.22…, 0.33…, 0.26…).
     */
    @Test
    void sklearnDocsAverages() {
        PrecisionRecallFScore prf = PrecisionRecallFScore.of(CAT_TRUE, CAT_PRED);
        // per class (labels sorted: cat, dog, pig):
        // cat: tp 2 (pos 0, 3), predicted 3 (pos 0, 3, 4), true 2 -> P 2/3, R 1, F 2·2/(2+3) = 0.8
        // dog: tp 0, predicted 2 (pos 2, 5), true 2           -> 0, 0, 0
        // pig: tp 0, predicted 1 (pos 1), true 2              -> 0, 0, 0
        assertEquals(List.of("cat", "dog", "pig"), prf.labelNames());
        assertArrayEquals(new double[] {2.0 / 3, 0, 0}, prf.precision(), EPS);
        assertArrayEquals(new double[] {1, 0, 0}, prf.recall(), EPS);
        assertArrayEquals(new double[] {0.8, 0, 0}, prf.fScore(), EPS);
        assertArrayEquals(new long[] {2, 2, 2}, prf.support());

        // macro: mean of per-class values
        assertScores(2.0 / 9, 1.0 / 3, 0.8 / 3, prf.average(Average.MACRO));
        // micro: Σtp = 2, Σpred = 6, Σtrue = 6
        assertScores(1.0 / 3, 1.0 / 3, 1.0 / 3, prf.average(Average.MICRO));
        // weighted: equal supports -> same as macro
        assertScores(2.0 / 9, 1.0 / 3, 0.8 / 3, prf.average(Average.WEIGHTED));
        // the documented truncated values
        assertEquals(0.22, prf.precision(Average.MACRO), 0.01);
        assertEquals(0.33, prf.recall(Average.MACRO), 0.01);
        assertEquals(0.26, prf.fScore(Average.MACRO), 0.01);
    }

    /** sklearn docs: labels=['pig', 'dog', 'cat'] -> P [0, 0, 0.66…], R [0, 0, 1], F [0, 0, 0.8], support [2, 2, 2]. */
    @Test
    void sklearnDocsPerLabelWithLabelOrder() {
        PrecisionRecallFScore prf = PrecisionRecallFScore.of(CAT_TRUE, CAT_PRED, Labels.of(List.of("pig", "dog", "cat")));
        assertArrayEquals(new double[] {0, 0, 2.0 / 3}, prf.precision(), EPS);
        assertArrayEquals(new double[] {0, 0, 1}, prf.recall(), EPS);
        assertArrayEquals(new double[] {0, 0, 0.8}, prf.fScore(), EPS);
        assertArrayEquals(new long[] {2, 2, 2}, prf.support());
    }

    /**
     * sklearn fbeta_score docs: y_true=[0,1,2,0,1,2], y_pred=[0,2,1,0,0,1], beta=0.5: macro 0.23…,
     * micro 0.33…, weighted 0.23…, per class [0.71…, 0, 0]; and with y_pred all 0 and
     * zero_division=nan, macro 0.12….
     */
    @Test
    void sklearnDocsFBeta() {
        int[] yTrue = {0, 1, 2, 0, 1, 2};
        int[] yPred = {0, 2, 1, 0, 0, 1};
        PrecisionRecallFScore prf = PrecisionRecallFScore.of(yTrue, yPred).withBeta(0.5);
        // class 0: tp 2, pred 3, true 2 -> F0.5 = 1.25·2 / (0.25·2 + 3) = 2.5/3.5 = 5/7
        assertArrayEquals(new double[] {5.0 / 7, 0, 0}, prf.fScore(), EPS);
        assertEquals(5.0 / 21, prf.fScore(Average.MACRO), EPS);
        // micro: tp 2, pred 6, true 6 -> 1.25·2 / (0.25·6 + 6) = 1/3
        assertEquals(1.0 / 3, prf.fScore(Average.MICRO), EPS);
        assertEquals(5.0 / 21, prf.fScore(Average.WEIGHTED), EPS);

        int[] empty = {0, 0, 0, 0, 0, 0};
        PrecisionRecallFScore nan = PrecisionRecallFScore.of(yTrue, empty).withBeta(0.5).withZeroDivision(Double.NaN);
        // class 0: tp 2, pred 6, true 2 -> 2.5 / (0.5 + 6) = 5/13; classes 1, 2: tp 0, denom 0.25·2 -> 0
        assertArrayEquals(new double[] {5.0 / 13, 0, 0}, nan.fScore(), EPS);
        assertEquals(5.0 / 39, nan.fScore(Average.MACRO), EPS); // 0.128…
        // precision of classes 1 and 2 is 0/0 -> NaN, left out of the average
        double[] p = nan.precision();
        assertEquals(1.0 / 3, p[0], EPS);
        assertTrue(Double.isNaN(p[1]) && Double.isNaN(p[2]));
        assertEquals(1.0 / 3, nan.precision(Average.MACRO), EPS);
    }

    /** Hand-worked zero-division cases over labels 0..2 with y_true=[0,0,1], y_pred=[0,0,0]. */
    @Test
    void zeroDivisionValues() {
        int[] yTrue = {0, 0, 1};
        int[] yPred = {0, 0, 0};
        // class 0: tp 2, pred 3, true 2 -> P 2/3, R 1,  F 2·2/(2+3) = 0.8
        // class 1: tp 0, pred 0, true 1 -> P 0/0,  R 0,  F 0/(1+0) = 0
        // class 2: tp 0, pred 0, true 0 -> P 0/0,  R 0/0, F 0/0
        PrecisionRecallFScore zero = PrecisionRecallFScore.of(yTrue, yPred, 3);
        assertEquals(0.0, zero.zeroDivision());
        assertArrayEquals(new double[] {2.0 / 3, 0, 0}, zero.precision(), EPS);
        assertArrayEquals(new double[] {1, 0, 0}, zero.recall(), EPS);
        assertArrayEquals(new double[] {0.8, 0, 0}, zero.fScore(), EPS);
        assertScores(2.0 / 9, 1.0 / 3, 0.8 / 3, zero.average(Average.MACRO));
        // weighted by support (2, 1, 0): P (2·2/3)/3, R 2/3, F 1.6/3
        assertScores(4.0 / 9, 2.0 / 3, 1.6 / 3, zero.average(Average.WEIGHTED));
        // micro: tp 2, pred 3, true 3
        assertScores(2.0 / 3, 2.0 / 3, 2.0 / 3, zero.average(Average.MICRO));

        PrecisionRecallFScore one = zero.withZeroDivision(1);
        assertArrayEquals(new double[] {2.0 / 3, 1, 1}, one.precision(), EPS);
        assertArrayEquals(new double[] {1, 0, 1}, one.recall(), EPS);
        assertArrayEquals(new double[] {0.8, 0, 1}, one.fScore(), EPS);
        assertScores(8.0 / 9, 2.0 / 3, 0.6, one.average(Average.MACRO));
        // weighted: P (2/3·2 + 1·1 + 1·0)/3 = 7/9; R (1·2 + 0 + 0)/3; F (0.8·2)/3
        assertScores(7.0 / 9, 2.0 / 3, 1.6 / 3, one.average(Average.WEIGHTED));

        PrecisionRecallFScore nan = zero.withZeroDivision(Double.NaN);
        // NaN entries are excluded: P [2/3, NaN, NaN], R [1, 0, NaN], F [0.8, 0, NaN]
        assertScores(2.0 / 3, 0.5, 0.4, nan.average(Average.MACRO));
        assertScores(2.0 / 3, 2.0 / 3, 1.6 / 3, nan.average(Average.WEIGHTED));
    }

    @Test
    void allUndefinedAndZeroSupport() {
        // only label 1 scored, it never occurs: everything is 0/0
        PrecisionRecallFScore prf = PrecisionRecallFScore.of(new int[] {0, 0}, new int[] {0, 2}, new int[] {1});
        assertScores(0, 0, 0, prf.average(Average.MACRO));
        // weights (supports) sum to 0 -> plain mean, as sklearn's _nanaverage
        assertScores(0, 0, 0, prf.average(Average.WEIGHTED));
        PrecisionRecallFScore nan = prf.withZeroDivision(Double.NaN);
        assertTrue(Double.isNaN(nan.precision(Average.MACRO)));
        assertTrue(Double.isNaN(nan.fScore(Average.WEIGHTED)));
        assertTrue(Double.isNaN(nan.recall(Average.MICRO)));
        assertEquals(1.0, prf.withZeroDivision(1).fScore(Average.MICRO));
    }

    @Test
    void samplesOutsideScoredLabelsStillCountAsErrors() {
        // labels [1]: predictions of 1 for true 0 and true 2 are false positives of class 1
        PrecisionRecallFScore prf = PrecisionRecallFScore.of(new int[] {0, 1, 2}, new int[] {1, 1, 1}, new int[] {1});
        assertArrayEquals(new long[] {1}, prf.truePositives());
        assertArrayEquals(new long[] {3}, prf.predictedCounts());
        assertArrayEquals(new double[] {1.0 / 3}, prf.precision(), EPS);
        assertArrayEquals(new double[] {1.0}, prf.recall(), EPS);
        // while the confusion matrix drops those samples
        assertEquals(1, ConfusionMatrix.of(new int[] {0, 1, 2}, new int[] {1, 1, 1}, new int[] {1}).total());
    }

    @Test
    void betaLimits() {
        int[] yTrue = {0, 1, 1, 0, 1};
        int[] yPred = {0, 1, 0, 1, 1};
        PrecisionRecallFScore prf = PrecisionRecallFScore.of(yTrue, yPred, 2);
        assertArrayEquals(prf.precision(), prf.withBeta(0).fScore(), EPS);
        assertArrayEquals(prf.recall(), prf.withBeta(Double.POSITIVE_INFINITY).fScore(), EPS);
        // class 1: tp 2, pred 3, true 3 -> F2 = 5·2 / (4·3 + 3) = 10/15
        assertEquals(2.0 / 3, prf.withBeta(2).fScore()[1], EPS);
        assertEquals(1.0, prf.beta());
        assertThrows(IllegalArgumentException.class, () -> prf.withBeta(-1));
        assertThrows(IllegalArgumentException.class, () -> prf.withBeta(Double.NaN));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> prf.withZeroDivision(0.5));
        assertEquals("zeroDivision must be 0, 1 or NaN, got 0.5", e.getMessage());
    }

    @Test
    void microEqualsAccuracyWhenAllLabelsScored() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20; trial++) {
            int k = 2 + rnd.nextInt(5);
            int n = 1 + rnd.nextInt(100);
            int[] t = new int[n];
            int[] p = new int[n];
            for (int i = 0; i < n; i++) {
                t[i] = rnd.nextInt(k);
                p[i] = rnd.nextInt(k);
            }
            PrecisionRecallFScore prf = PrecisionRecallFScore.of(t, p, k);
            double acc = Accuracy.score(t, p);
            assertScores(acc, acc, acc, prf.average(Average.MICRO));
            assertEquals(n, prf.totalSupport());
        }
    }

    @Test
    void badInput() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallFScore.of(new int[] {0, 1, 2}, new int[] {0, 1}, 3));
        assertEquals("length mismatch: yTrue has 3 elements but yPred has 2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> PrecisionRecallFScore.of(new int[] {0, 1, 2}, new int[] {0, 1, 5}, 3));
        assertEquals("yPred[2] = 5 is outside the label range [0, 3)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PrecisionRecallFScore.of(List.of("a"), List.of("a"),
                Labels.of(List.<String>of())));
        assertThrows(IllegalArgumentException.class, () -> Labels.of(List.of("a", "b", "a")));
    }

    private static void assertScores(double p, double r, double f, PrecisionRecallFScore.Scores s) {
        assertEquals(p, s.precision(), EPS, "precision");
        assertEquals(r, s.recall(), EPS, "recall");
        assertEquals(f, s.fScore(), EPS, "f");
    }
}
