package io.detkit.metrics.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CurveEvaluatorTest {
    private static final double EPS = 1e-12;

    /**
     * One class, two ground truths g1 = (0,0,10,10), g2 = (20,0,30,10); detections
     * <pre>
     *   .9 (0,0,10,10)     IoU g1 = 1                 TP at every threshold
     *   .6 (20,0,30,6.2)   IoU g2 = 62/100 = 0.62     TP at .50 .55 .60, FP from .65
     *   .3 (60,60,70,70)   no overlap                 FP
     * </pre>
     * At IoU .5: TP 1,2,2 / FP 0,0,1 → recall .5, 1, 1; precision 1, 1, 2/3.
     */
    private static CurveEvaluator handCase() {
        CurveEvaluator ev = new CurveEvaluator();
        ev.add("img", List.of(gt(0, 0, 0, 10, 10), gt(0, 20, 0, 30, 10)),
                List.of(det(0, 0.3, 60, 60, 70, 70), det(0, 0.9, 0, 0, 10, 10), det(0, 0.6, 20, 0, 30, 6.2)));
        return ev;
    }

    @Test
    void curvesInterpolateBetweenDetectionScores() {
        ClassCurves c = handCase().confidenceCurves().forClass(0);
        assertEquals(2, c.labels());
        assertEquals(3, c.predictions());
        double[] p = c.precision(), r = c.recall(), f1 = c.f1();
        // x = 0 (below the lowest score): last values P = 2/3, R = 1, F1 = 2·(2/3)/(5/3) = 0.8
        assertEquals(2 / 3.0, p[0], EPS);
        assertEquals(1.0, r[0], EPS);
        assertEquals(0.8, f1[0], EPS);
        // x = 1 (above the top score): P = 1 (left), R = 0 (left), F1 = 0
        assertEquals(1.0, p[999]);
        assertEquals(0.0, r[999]);
        assertEquals(0.0, f1[999]);
        // x = 500/999 ∈ [.3, .6]: R = 1, P linear from 2/3 at .3 to 1 at .6
        double x = 500 / 999.0;
        assertEquals(1.0, r[500], EPS);
        assertEquals(2 / 3.0 + (1 / 3.0) * (x - 0.3) / 0.3, p[500], 1e-9);
        // x = 800/999 ∈ [.6, .9]: P = 1, R linear from 1 at .6 to .5 at .9
        x = 800 / 999.0;
        assertEquals(1.0, p[800], EPS);
        assertEquals(0.5 + 0.5 * (0.9 - x) / 0.3, r[800], 1e-9);
        // x = 900/999 = .9009 > .9: nothing detected any more
        assertEquals(0.0, r[900]);
    }

    @Test
    void apPerThresholdUsesUltralyticsTrapezoidRule() {
        double[] ap = handCase().confidenceCurves().forClass(0).ap();
        // IoU .50 .55 .60: recall .5, 1, 1 with envelope 1 → interpolated precision 1 on [0, 1),
        // 0 at recall exactly 1 (last sentinel) → 99 × 0.01 + 0.01·(1 + 0)/2 = 0.995
        for (int t = 0; t < 3; t++) {
            assertEquals(0.995, ap[t], 1e-12, "threshold " + t);
        }
        // IoU ≥ .65: recall .5, .5, .5; precision 1, 1/2, 1/3; envelope on [0, .5) = 1,
        // at .5 exactly 1/3 (last of the repeated recalls), then linear to 0 at 1:
        // 49 × 0.01 + 0.01·(1 + 1/3)/2 + ½·0.5·(1/3) = 0.49 + 0.02/3 + 1/12 = 0.58
        for (int t = 3; t < 10; t++) {
            assertEquals(0.58, ap[t], 1e-12, "threshold " + t);
        }
        ConfidenceCurves cc = handCase().confidenceCurves();
        assertEquals(0.995, cc.meanAp(0), 1e-12);
        // (3 × 0.995 + 7 × 0.58) / 10 = 0.7045
        assertEquals(0.7045, cc.meanAp(), 1e-12);
    }

    @Test
    void bestF1PointSitsOnThePlateauOfTheSmoothedCurve() {
        ConfidenceCurves cc = handCase().confidenceCurves();
        BestF1 b = cc.best();
        // F1 rises from 0.8 (x ≤ .3) to 1 (x = .6) and falls to 2/3 at .9: the smoothed maximum
        // lies between the two detection scores around the peak
        assertTrue(b.confidence() > 0.45 && b.confidence() < 0.75, "best confidence " + b.confidence());
        assertEquals(cc.confidence()[b.index()], b.confidence());
        assertEquals(cc.meanF1()[b.index()], b.meanF1());
        assertEquals(b.precision()[0], b.meanPrecision());
        assertEquals(b.recall()[0], b.meanRecall());
        double[] s = cc.smoothedMeanF1();
        for (double v : s) {
            assertTrue(v <= s[b.index()]);
        }
        assertTrue(b.meanF1() > 0.9);
    }

    @Test
    void smoothingUsesA101TapBoxFilterWithEdgePadding() {
        double[] y = new double[1000];
        y[500] = 101; // an impulse spreads over 101 points of height 1
        double[] s = Smooth.boxFilter(y, 0.1);
        assertEquals(1.0, s[450], EPS);
        assertEquals(1.0, s[550], EPS);
        assertEquals(0.0, s[449]);
        assertEquals(0.0, s[551]);
        double[] ramp = new double[1000];
        for (int i = 0; i < 1000; i++) {
            ramp[i] = i;
        }
        // at the left edge the 50 padded copies of ramp[0] = 0 pull the mean down:
        // (0·51 + 1 + … + 50) / 101 = 1275 / 101
        assertEquals(1275 / 101.0, Smooth.boxFilter(ramp, 0.1)[0], 1e-9);
    }

    @Test
    void classesWithoutDetectionsHaveZeroCurvesAndCountInTheMean() {
        CurveEvaluator ev = new CurveEvaluator(new double[] {0.5});
        ev.add("a", List.of(gt(0, 0, 0, 10, 10), gt(1, 20, 20, 30, 30)), List.of(det(0, 0.9, 0, 0, 10, 10),
                det(2, 0.8, 50, 50, 60, 60))); // class 2: detections only → not reported
        ConfidenceCurves cc = ev.confidenceCurves();
        assertEquals(List.of(0, 1), cc.classes().stream().map(ClassCurves::classId).toList());
        ClassCurves c1 = cc.forClass(1);
        assertEquals(0, c1.predictions());
        assertEquals(0.0, c1.ap()[0]);
        assertEquals(0.0, c1.precision()[0]);
        // class 0 is perfect: AP 0.995; class 1 AP 0 → mean 0.4975
        assertEquals(0.4975, cc.meanAp(0), 1e-12);
        // mean F1 at x = 0: (1 + 0)/2
        assertEquals(0.5, cc.meanF1()[0], EPS);
    }

    @Test
    void noGroundTruthGivesNanSummaries() {
        CurveEvaluator ev = new CurveEvaluator();
        ev.add("a", List.of(), List.of(det(0, 0.5, 0, 0, 1, 1)));
        ConfidenceCurves cc = ev.confidenceCurves();
        assertTrue(cc.classes().isEmpty());
        assertEquals(-1, cc.best().index());
        assertTrue(Double.isNaN(cc.meanAp()));
        assertTrue(Double.isNaN(cc.meanF1()[0]));
    }

    @Test
    void prCurvesFollowScoreOrderAcrossImages() {
        List<PrCurve> curves = handCase().prCurves(0);
        assertEquals(1, curves.size());
        PrCurve c = curves.get(0);
        assertArrayEquals(new double[] {0.9, 0.6, 0.3}, c.scores());
        assertArrayEquals(new double[] {0.5, 1, 1}, c.recall(), EPS);
        assertArrayEquals(new double[] {1, 1, 2 / 3.0}, c.precision(), EPS);
        // at IoU .65 the second detection is a false positive
        PrCurve strict = handCase().prCurves(3).get(0);
        assertArrayEquals(new double[] {1, 0.5, 1 / 3.0}, strict.precision(), EPS);
        assertThrows(IndexOutOfBoundsException.class, () -> handCase().prCurves(10));
    }

    @Test
    void randomDataKeepsCurvesInRange() {
        Random rnd = new Random(11);
        CurveEvaluator ev = new CurveEvaluator();
        for (int img = 0; img < 40; img++) {
            List<GroundTruth> gts = new ArrayList<>();
            List<Detection> dets = new ArrayList<>();
            for (int k = rnd.nextInt(5); k > 0; k--) {
                gts.add(new GroundTruth(randomBox(rnd), rnd.nextInt(3)));
            }
            for (int k = rnd.nextInt(8); k > 0; k--) {
                dets.add(new Detection(randomBox(rnd), rnd.nextInt(3), rnd.nextDouble()));
            }
            ev.add("i" + img, gts, dets);
        }
        ConfidenceCurves cc = ev.confidenceCurves();
        for (ClassCurves c : cc.classes()) {
            double[] p = c.precision(), r = c.recall(), f1 = c.f1();
            for (int k = 0; k < CurveEvaluator.GRID_POINTS; k++) {
                assertTrue(p[k] >= 0 && p[k] <= 1 && r[k] >= 0 && r[k] <= 1 && f1[k] >= 0 && f1[k] <= 1);
                assertTrue(f1[k] <= Math.max(p[k], r[k]) + EPS);
                if (k > 0) {
                    assertTrue(r[k] <= r[k - 1] + EPS, "recall rises with confidence at " + k);
                }
            }
            double[] ap = c.ap();
            for (int t = 0; t < ap.length; t++) {
                assertTrue(ap[t] >= 0 && ap[t] <= 1);
                if (t > 0) {
                    assertTrue(ap[t] <= ap[t - 1] + EPS, "AP rises with the IoU threshold");
                }
            }
        }
        for (PrCurve pc : ev.prCurves(0)) {
            double[] s = pc.sampledPrecision();
            for (int k = 1; k < s.length; k++) {
                assertTrue(s[k] <= s[k - 1]);
            }
        }
    }

    @Test
    void rejectsBadInput() {
        CurveEvaluator ev = new CurveEvaluator();
        ev.add("a", List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> ev.add("a", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new CurveEvaluator(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> new CurveEvaluator(new double[] {1.5}));
        assertThrows(IllegalArgumentException.class,
                () -> ev.add("b", List.of(), List.of(det(0, Double.NaN, 0, 0, 1, 1))));
        assertEquals(1, ev.imageCount());
    }

    static GroundTruth gt(int cls, double x1, double y1, double x2, double y2) {
        return new GroundTruth(new Box(x1, y1, x2, y2), cls);
    }

    static Detection det(int cls, double score, double x1, double y1, double x2, double y2) {
        return new Detection(new Box(x1, y1, x2, y2), cls, score);
    }

    static Box randomBox(Random rnd) {
        double x = rnd.nextInt(40), y = rnd.nextInt(40);
        return Box.ofXywh(x, y, 5 + rnd.nextInt(20), 5 + rnd.nextInt(20));
    }
}
