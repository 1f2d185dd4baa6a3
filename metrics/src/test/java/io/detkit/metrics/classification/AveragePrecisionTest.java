package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AveragePrecisionTest {
    private static final double EPS = 1e-12;

    /** sklearn average_precision_score docs: ([0,0,1,1], [0.1,0.4,0.35,0.8]) → 0.83…. */
    @Test
    void sklearnDocsBinaryExample() {
        // 0.8 (pos): P 1, R 0.5 | 0.4 (neg) | 0.35 (pos): P 2/3, R 1  ->  AP = 0.5·1 + 0.5·2/3 = 5/6
        assertEquals(5.0 / 6, AveragePrecision.score(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}), EPS);
    }

    /** sklearn docs, multi-class: y_true=[0,0,1,1,2,2] with a 6×3 score matrix → 0.77 (shown to 2 digits). */
    @Test
    void sklearnDocsMultiClassExample() {
        int[] y = {0, 0, 1, 1, 2, 2};
        double[][] s = {
            {0.7, 0.2, 0.1}, {0.4, 0.3, 0.3}, {0.1, 0.8, 0.1}, {0.2, 0.3, 0.5}, {0.4, 0.4, 0.2}, {0.1, 0.2, 0.7},
        };
        // class 0: column [.7,.4,.1,.2,.4,.1]: .7 pos (P 1, R .5); .4 pos+neg (P 2/3, R 1)  -> 5/6
        // class 1: column [.2,.3,.8,.3,.4,.2]: .8 pos (1, .5); .4 neg; .3 pos+neg (2/4, 1)  -> 3/4
        // class 2: column [.1,.3,.1,.5,.2,.7]: .7 pos (1, .5); .5 neg; .3 neg; .2 pos (2/4, 1) -> 3/4
        assertArrayEquals(new double[] {5.0 / 6, 0.75, 0.75}, AveragePrecision.oneVsRestPerClass(y, s), EPS);
        double macro = AveragePrecision.oneVsRest(y, s, Average.MACRO);
        assertEquals(7.0 / 9, macro, EPS);
        assertEquals(0.77, macro, 0.01);
        assertEquals(7.0 / 9, AveragePrecision.oneVsRest(y, s, Average.WEIGHTED), EPS); // equal supports
        // micro over the 18 cells, descending: .8 P | .7 P P | .5 N | .4 P N N | .3 P N N | .2 P N N N | .1 N×4
        // AP = 1/6·1 + 2/6·1 + 1/6·4/7 + 1/6·5/10 + 1/6·6/14 = (3 + 4/7 + 1/2 + 3/7)/6 = 0.75
        assertEquals(0.75, AveragePrecision.oneVsRest(y, s, Average.MICRO), EPS);
    }

    @Test
    void extremes() {
        assertEquals(1.0, AveragePrecision.score(new boolean[] {true, true, false}, new double[] {0.9, 0.8, 0.1}), 0.0);
        assertEquals(1.0, AveragePrecision.score(new boolean[] {true, true}, new double[] {0.9, 0.1}), 0.0);
        // no positives: 0, as sklearn
        assertEquals(0.0, AveragePrecision.score(new int[] {0, 0}, new double[] {0.9, 0.1}), 0.0);
        // reversed ranking of 1 positive among 4: AP = precision at the last threshold = 1/4
        assertEquals(0.25, AveragePrecision.score(new boolean[] {true, false, false, false},
                new double[] {0.1, 0.2, 0.3, 0.4}), EPS);
        // all tied: one threshold, AP = class balance
        assertEquals(0.4, AveragePrecision.score(new boolean[] {true, true, false, false, false},
                new double[] {1, 1, 1, 1, 1}), EPS);
    }

    @Test
    void matchesCurveOnRandomData() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 100; trial++) {
            int n = 1 + rnd.nextInt(200);
            boolean[] y = new boolean[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextDouble() < 0.4;
                s[i] = rnd.nextInt(1 + trial) / 7.0;
            }
            assertEquals(PrecisionRecallCurve.of(y, s).averagePrecision(), AveragePrecision.score(y, s), EPS);
        }
    }

    @Test
    void positiveLabelRules() {
        double[] s = {0.1, 0.4, 0.35, 0.8};
        // {1, 2}: the default positive label 1 is present -> 1 is positive
        assertEquals(AveragePrecision.score(new boolean[] {true, true, false, false}, s),
                AveragePrecision.score(new int[] {1, 1, 2, 2}, s), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.score(new int[] {0, 0, 2, 2}, s));
        assertEquals("posLabel=1 is not a valid label. It should be one of {0, 2}", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AveragePrecision.score(new int[] {0, 1, 2, 2}, s));
        assertEquals(5.0 / 6, AveragePrecision.score(new int[] {0, 0, 2, 2}, s, 2), EPS);
        assertThrows(IllegalArgumentException.class,
                () -> AveragePrecision.oneVsRest(new int[] {0, 0}, new double[][] {{1, 0}, {1, 0}}, Average.MACRO));
    }
}
