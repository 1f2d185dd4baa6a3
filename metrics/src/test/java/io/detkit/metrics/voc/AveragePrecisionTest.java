package io.detkit.metrics.voc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class AveragePrecisionTest {
    private static final double EPS = 1e-12;

    // Sequence TP, FP, FP, TP, TP with npos = 3:
    //   precision 1/1, 1/2, 1/3, 2/4, 3/5;  recall 1/3, 1/3, 1/3, 2/3, 3/3
    private static final double[] P = {1, 0.5, 1 / 3.0, 0.5, 0.6};
    private static final double[] R = {1 / 3.0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1};

    @Test
    void envelopeIsTheRunningMaximumFromTheRight() {
        // max over j >= i: {1, max(.5,1/3,.5,.6), …} = {1, .6, .6, .6, .6}
        assertArrayEquals(new double[] {1, 0.6, 0.6, 0.6, 0.6}, AveragePrecision.envelope(P), EPS);
    }

    @Test
    void allPointIsTheAreaUnderTheEnvelope() {
        // (1/3 − 0)·1 + (2/3 − 1/3)·0.6 + (1 − 2/3)·0.6 = 1/3 + 0.4 = 11/15
        assertEquals(11 / 15.0, AveragePrecision.allPoint(R, P), EPS);
    }

    @Test
    void elevenPointAveragesTheEnvelopeAtElevenRecalls() {
        // t = 0, .1, .2, .3 → first recall ≥ t is 1/3, envelope 1     → 4 × 1
        // t = .4, .5, .6    → first recall ≥ t is 2/3, envelope 0.6   → 3 × 0.6
        // t = .7 … 1.0      → first recall ≥ t is 1,   envelope 0.6   → 4 × 0.6
        // (4 + 7 × 0.6) / 11 = 8.2 / 11
        assertEquals(8.2 / 11, AveragePrecision.elevenPoint(R, P, ElevenPointGrid.REFERENCE), EPS);
        assertEquals(8.2 / 11, AveragePrecision.elevenPoint(R, P, ElevenPointGrid.EXACT_TENTHS), EPS);
    }

    @Test
    void referenceGridMissesARecallOfExactlySixTenths() {
        // three TPs out of npos = 5: recall 0.2, 0.4, 0.6 with precision 1.
        double[] r = {1 / 5.0, 2 / 5.0, 3 / 5.0};
        double[] p = {1, 1, 1};
        // reference grid: 6th point 0.6000000000000001 > 3/5 → levels 0 … 0.5 reached: 6/11
        assertEquals(6 / 11.0, AveragePrecision.elevenPoint(r, p, ElevenPointGrid.REFERENCE), EPS);
        // exact tenths: 0.6 ≥ 0.6 → 7/11
        assertEquals(7 / 11.0, AveragePrecision.elevenPoint(r, p, ElevenPointGrid.EXACT_TENTHS), EPS);
        // all-point does not care: 0.6 × 1
        assertEquals(0.6, AveragePrecision.allPoint(r, p), EPS);
    }

    @Test
    void gridsDifferOnlyWhereExpected() {
        double[] ref = ElevenPointGrid.REFERENCE.points();
        double[] exact = ElevenPointGrid.EXACT_TENTHS.points();
        for (int k = 0; k <= 10; k++) {
            boolean differs = k == 3 || k == 6 || k == 7;
            assertEquals(differs, ref[k] != exact[k], "point " + k);
        }
        assertEquals(0.6000000000000001, ref[6]);
        assertEquals(0.6, exact[6]);
    }

    @Test
    void emptyAndPerfectCurves() {
        assertEquals(0, AveragePrecision.allPoint(new double[0], new double[0]));
        assertEquals(0, AveragePrecision.elevenPoint(new double[0], new double[0], ElevenPointGrid.REFERENCE));
        double[] r = {0.5, 1};
        double[] p = {1, 1};
        assertEquals(1, AveragePrecision.allPoint(r, p), EPS);
        assertEquals(1, AveragePrecision.elevenPoint(r, p, ElevenPointGrid.REFERENCE), EPS);
        assertThrows(IllegalArgumentException.class, () -> AveragePrecision.allPoint(r, new double[1]));
    }

    @Test
    void randomCurvesGiveApInUnitIntervalAndMonotoneEnvelope() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 200; trial++) {
            int npos = 1 + rnd.nextInt(20);
            int n = rnd.nextInt(40);
            double[] p = new double[n], r = new double[n];
            int tp = 0;
            for (int i = 0; i < n; i++) {
                if (tp < npos && rnd.nextBoolean()) {
                    tp++;
                }
                p[i] = tp / (double) (i + 1);
                r[i] = tp / (double) npos;
            }
            double all = AveragePrecision.allPoint(r, p);
            double eleven = AveragePrecision.elevenPoint(r, p, ElevenPointGrid.REFERENCE);
            assertTrue(all >= 0 && all <= 1 + EPS, "all-point " + all);
            assertTrue(eleven >= 0 && eleven <= 1 + EPS, "11-point " + eleven);
            double[] env = AveragePrecision.envelope(p);
            for (int i = 1; i < n; i++) {
                assertTrue(env[i] <= env[i - 1], "envelope rises at " + i);
                assertTrue(env[i] >= p[i]);
            }
            // all-point AP never exceeds the maximum recall
            assertTrue(all <= (n == 0 ? 0 : r[n - 1]) + EPS);
        }
    }
}
