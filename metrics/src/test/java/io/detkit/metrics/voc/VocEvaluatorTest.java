package io.detkit.metrics.voc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class VocEvaluatorTest {
    private static final double EPS = 1e-12;

    private static GroundTruth gt(double x1, double y1, double x2, double y2) {
        return new GroundTruth(new Box(x1, y1, x2, y2), 0);
    }

    private static GroundTruth difficult(double x1, double y1, double x2, double y2) {
        return new GroundTruth(new Box(x1, y1, x2, y2), 0, true);
    }

    private static Detection det(double score, double x1, double y1, double x2, double y2) {
        return new Detection(new Box(x1, y1, x2, y2), 0, score);
    }

    /**
     * Three ground truths in two images, five detections (added out of score order):
     * <pre>
     *   image A: g1 = (0,0,10,10), g2 = (20,0,30,10);  image B: g3 = (0,0,10,10)
     *   score .9  A (0,0,10,10)   IoU(g1) = 1                         → TP (g1 taken)
     *   score .8  A (1,0,11,10)   IoU(g1) = 90/110 = .82, g1 taken    → FP
     *   score .7  B (50,50,60,60) no overlap                          → FP
     *   score .6  B (0,0,10,10)   IoU(g3) = 1                         → TP
     *   score .5  A (20,0,30,10)  IoU(g2) = 1                         → TP
     * </pre>
     */
    private static VocEvaluator threeGtFiveDetections() {
        VocEvaluator ev = new VocEvaluator();
        ev.add("A", List.of(gt(0, 0, 10, 10), gt(20, 0, 30, 10)),
                List.of(det(0.5, 20, 0, 30, 10), det(0.9, 0, 0, 10, 10), det(0.8, 1, 0, 11, 10)));
        ev.add("B", List.of(gt(0, 0, 10, 10)), List.of(det(0.6, 0, 0, 10, 10), det(0.7, 50, 50, 60, 60)));
        return ev;
    }

    @Test
    void handWorkedThreeGtFiveDetections() {
        VocClassResult r = threeGtFiveDetections().evaluate().forClass(0);
        assertEquals(3, r.npos());
        assertEquals(3, r.truePositives());
        assertEquals(2, r.falsePositives());
        assertArrayEquals(new double[] {0.9, 0.8, 0.7, 0.6, 0.5}, r.scores());
        // cumulative TP/FP: 1/0, 1/1, 1/2, 2/2, 3/2
        assertArrayEquals(new double[] {1, 0.5, 1 / 3.0, 0.5, 0.6}, r.precision(), EPS);
        assertArrayEquals(new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1}, r.recall(), EPS);
        assertArrayEquals(new double[] {1, 0.6, 0.6, 0.6, 0.6}, r.interpolatedPrecision(), EPS);
        // all-point: 1/3·1 + 1/3·0.6 + 1/3·0.6 = 11/15 = 0.7333…
        assertEquals(11 / 15.0, r.apAllPoint(), EPS);
        // 11-point: recall levels 0…0.3 → 1 (4 levels); 0.4…1.0 → 0.6 (7 levels): 8.2/11 = 0.7454…
        assertEquals(8.2 / 11, r.apElevenPoint(), EPS);
        assertEquals(r.apAllPoint(), r.ap(ApMethod.ALL_POINT));
        assertEquals(r.apElevenPoint(), r.ap(ApMethod.ELEVEN_POINT));
    }

    @Test
    void bestGroundTruthTakenMeansFalsePositiveWithoutFallback() {
        // g1 = (0,0,10,10), g2 = (2,0,12,10)
        // d1 .9 (0,0,10,10):     IoU g1 = 1, g2 = 80/120         → TP on g1
        // d2 .8 (0.5,0,10.5,10): IoU g1 = 95/105 = .905 (best), g2 = 85/115 = .739 ≥ .5 but not best
        //                        g1 taken → FP (no fall-back to g2)
        VocEvaluator ev = new VocEvaluator();
        ev.add("img", List.of(gt(0, 0, 10, 10), gt(2, 0, 12, 10)),
                List.of(det(0.9, 0, 0, 10, 10), det(0.8, 0.5, 0, 10.5, 10)));
        VocClassResult r = ev.evaluate().forClass(0);
        assertEquals(1, r.truePositives());
        assertEquals(1, r.falsePositives());
        // precision 1, 1/2; recall 1/2, 1/2 → all-point 1/2·1 = 0.5
        assertEquals(0.5, r.apAllPoint(), EPS);
    }

    @Test
    void difficultMatchesAreIgnoredAndNotCountedInNpos() {
        // g1 = (0,0,10,10) normal, g2 = (20,0,30,10) difficult
        // d1 .9 on g2 → ignored; d2 .8 on g2 again → ignored (difficult never becomes "taken");
        // d3 .7 on g1 → TP;  d4 .6 far away → FP
        List<GroundTruth> gts = List.of(gt(0, 0, 10, 10), difficult(20, 0, 30, 10));
        List<Detection> dets = List.of(det(0.9, 20, 0, 30, 10), det(0.8, 20, 0, 30, 10), det(0.7, 0, 0, 10, 10),
                det(0.6, 100, 100, 110, 110));
        VocEvaluator ev = new VocEvaluator();
        ev.add("img", gts, dets);
        VocClassResult r = ev.evaluate().forClass(0);
        assertEquals(1, r.npos());
        assertEquals(2, r.ignoredDetections());
        assertEquals(1, r.truePositives());
        assertEquals(1, r.falsePositives());
        assertArrayEquals(new double[] {0.7, 0.6}, r.scores());
        assertArrayEquals(new double[] {1, 0.5}, r.precision(), EPS);
        assertArrayEquals(new double[] {1, 1}, r.recall(), EPS);
        assertEquals(1.0, r.apAllPoint(), EPS);

        // Same data with g2 not difficult: TP, FP, TP, FP with npos = 2
        //   precision 1, 1/2, 2/3, 2/4; recall 1/2, 1/2, 1, 1
        //   all-point: 1/2·1 + 1/2·(2/3) = 5/6
        VocEvaluator plain = new VocEvaluator();
        plain.add("img", List.of(gt(0, 0, 10, 10), gt(20, 0, 30, 10)), dets);
        VocClassResult q = plain.evaluate().forClass(0);
        assertEquals(2, q.npos());
        assertEquals(0, q.ignoredDetections());
        assertEquals(5 / 6.0, q.apAllPoint(), EPS);
    }

    @Test
    void legacyPlusOnePixelTurnsABorderlineMatchIntoATruePositive() {
        // GT (0,0,9,9), detection (0,0,9,4), threshold 0.5
        //   plain:  inter 9·4 = 36, union 9·9 = 81           → IoU 0.444 < 0.5 → FP, AP 0
        //   legacy: inter 10·5 = 50, union 10·10 = 100       → IoU 0.5 ≥ 0.5   → TP, AP 1
        VocEvaluator ev = new VocEvaluator();
        ev.add("img", List.of(gt(0, 0, 9, 9)), List.of(det(0.9, 0, 0, 9, 4)));
        VocConfig cfg = VocConfig.defaults().withIouThreshold(0.5);
        assertEquals(0.0, ev.evaluate(cfg).forClass(0).apAllPoint());
        assertEquals(1, ev.evaluate(cfg).forClass(0).falsePositives());
        VocClassResult legacy = ev.evaluate(cfg.withPlusOnePixel(true)).forClass(0);
        assertEquals(1.0, legacy.apAllPoint(), EPS);
        assertEquals(1.0, legacy.apElevenPoint(), EPS);
        assertEquals(1, legacy.truePositives());
    }

    @Test
    void thresholdIsInclusive() {
        // GT (0,0,10,10), det (0,0,10,5): IoU = 50/100 = 0.5 exactly
        VocEvaluator ev = new VocEvaluator();
        ev.add("img", List.of(gt(0, 0, 10, 10)), List.of(det(0.9, 0, 0, 10, 5)));
        assertEquals(1, ev.evaluate(VocConfig.defaults().withIouThreshold(0.5)).forClass(0).truePositives());
        assertEquals(0, ev.evaluate(VocConfig.defaults().withIouThreshold(0.51)).forClass(0).truePositives());
    }

    @Test
    void equalScoresKeepInsertionOrder() {
        // an FP in image "a" and a TP in image "b", both with score 0.8
        //   a first: precision 0, 1/2; recall 0, 1 → all-point (1 − 0)·½ = 0.5
        //   b first: precision 1, 1/2; recall 1, 1 → all-point 1·1 = 1
        VocEvaluator aFirst = new VocEvaluator();
        aFirst.add("a", List.of(), List.of(det(0.8, 0, 0, 10, 10)));
        aFirst.add("b", List.of(gt(0, 0, 10, 10)), List.of(det(0.8, 0, 0, 10, 10)));
        assertEquals(0.5, aFirst.evaluate().forClass(0).apAllPoint(), EPS);
        VocEvaluator bFirst = new VocEvaluator();
        bFirst.add("b", List.of(gt(0, 0, 10, 10)), List.of(det(0.8, 0, 0, 10, 10)));
        bFirst.add("a", List.of(), List.of(det(0.8, 0, 0, 10, 10)));
        assertEquals(1.0, bFirst.evaluate().forClass(0).apAllPoint(), EPS);
    }

    @Test
    void meanApUsesOnlyClassesWithPositives() {
        VocEvaluator ev = new VocEvaluator();
        Box b = new Box(0, 0, 10, 10);
        Box far = new Box(50, 50, 60, 60);
        ev.add("img1", List.of(new GroundTruth(b, 0), new GroundTruth(b, 1), new GroundTruth(b, 3, true)),
                List.of(new Detection(b, 0, 0.9), // class 0: TP → AP 1
                        new Detection(far, 1, 0.9), new Detection(b, 1, 0.8), // class 1: FP, TP → AP 0.5
                        new Detection(b, 2, 0.7))); // class 2: no ground truth at all
        VocResult r = ev.evaluate();
        assertEquals(List.of(0, 1, 2, 3), r.classes().stream().map(VocClassResult::classId).toList());
        assertEquals(1.0, r.forClass(0).apAllPoint(), EPS);
        assertEquals(0.5, r.forClass(1).apAllPoint(), EPS);
        assertTrue(Double.isNaN(r.forClass(2).apAllPoint()));
        assertTrue(Double.isNaN(r.forClass(2).recall()[0]));
        assertFalse(r.forClass(3).hasPositives()); // only a difficult object
        assertTrue(Double.isNaN(r.forClass(3).apElevenPoint()));
        assertEquals(0.75, r.mapAllPoint(), EPS);
        assertEquals(0.75, r.map(ApMethod.ALL_POINT), EPS);
        // class 1, 11-point: recall 0, 1 with precision 0, 1/2 → every level gets 1/2
        assertEquals((1 + 0.5) / 2, r.mapElevenPoint(), EPS);
        assertTrue(r.find(7).isEmpty());
    }

    @Test
    void noPositivesAnywhereGivesNanMap() {
        VocEvaluator ev = new VocEvaluator();
        ev.add("img", List.of(), List.of(det(0.5, 0, 0, 1, 1)));
        assertTrue(Double.isNaN(ev.evaluate().mapAllPoint()));
        assertEquals(1, ev.imageCount());
    }

    @Test
    void missedGroundTruthsLowerRecallAndAp() {
        // 2 GT, one detection on the first → precision 1, recall 1/2 → all-point 0.5; 11-point 6/11
        VocEvaluator ev = new VocEvaluator();
        ev.add("img", List.of(gt(0, 0, 10, 10), gt(20, 20, 30, 30)), List.of(det(0.3, 0, 0, 10, 10)));
        VocClassResult r = ev.evaluate().forClass(0);
        assertEquals(0.5, r.apAllPoint(), EPS);
        assertEquals(6 / 11.0, r.apElevenPoint(), EPS);
    }

    @Test
    void resultsAreImmutable() {
        VocClassResult r = threeGtFiveDetections().evaluate().forClass(0);
        r.precision()[0] = 42;
        r.recall()[0] = 42;
        r.scores()[0] = 42;
        assertEquals(1.0, r.precision()[0]);
        assertEquals(1 / 3.0, r.recall()[0], EPS);
        assertEquals(0.9, r.scores()[0]);
        VocResult all = threeGtFiveDetections().evaluate();
        assertThrows(UnsupportedOperationException.class, () -> all.classes().clear());
    }

    @Test
    void rejectsBadInput() {
        VocEvaluator ev = new VocEvaluator();
        ev.add("img", List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> ev.add("img", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ev.add("nan", List.of(), List.of(det(Double.NaN, 0, 0, 1, 1))));
        assertThrows(IllegalArgumentException.class, () -> VocConfig.defaults().withIouThreshold(0));
        assertThrows(IllegalArgumentException.class, () -> VocConfig.defaults().withIouThreshold(1.01));
        assertThrows(NullPointerException.class, () -> ev.add(null, List.of(), List.of()));
    }

    @Test
    void randomDataKeepsInvariants() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 30; trial++) {
            VocEvaluator ev = new VocEvaluator(VocConfig.defaults().withIouThreshold(0.1 + 0.8 * rnd.nextDouble()));
            int totalDets = 0;
            for (int img = 0; img < 5; img++) {
                List<GroundTruth> gts = new ArrayList<>();
                List<Detection> dets = new ArrayList<>();
                for (int k = rnd.nextInt(6); k > 0; k--) {
                    gts.add(new GroundTruth(randomBox(rnd), rnd.nextInt(3), rnd.nextInt(5) == 0));
                }
                for (int k = rnd.nextInt(10); k > 0; k--) {
                    dets.add(new Detection(randomBox(rnd), rnd.nextInt(3), Math.round(rnd.nextDouble() * 10) / 10.0));
                }
                totalDets += dets.size();
                ev.add("i" + img, gts, dets);
            }
            int seen = 0;
            for (VocClassResult c : ev.evaluate().classes()) {
                seen += c.truePositives() + c.falsePositives() + c.ignoredDetections();
                assertTrue(c.truePositives() <= c.npos());
                double[] p = c.precision(), rec = c.recall(), s = c.scores();
                for (int i = 0; i < p.length; i++) {
                    assertTrue(p[i] >= 0 && p[i] <= 1);
                    if (i > 0) {
                        assertTrue(s[i] <= s[i - 1]);
                        assertTrue(!c.hasPositives() || rec[i] >= rec[i - 1]);
                    }
                }
                if (c.hasPositives()) {
                    assertTrue(c.apAllPoint() >= 0 && c.apAllPoint() <= 1);
                    assertTrue(c.apElevenPoint() >= 0 && c.apElevenPoint() <= 1);
                }
            }
            assertEquals(totalDets, seen);
        }
    }

    private static Box randomBox(Random rnd) {
        double x = rnd.nextInt(40), y = rnd.nextInt(40);
        return Box.ofXywh(x, y, 5 + rnd.nextInt(20), 5 + rnd.nextInt(20));
    }
}
