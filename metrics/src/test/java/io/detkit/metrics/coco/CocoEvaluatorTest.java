package io.detkit.metrics.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CocoEvaluatorTest {
    private static final double EPS = Math.ulp(1.0);
    private static final int AP = 0, AP50 = 1, AP75 = 2, APS = 3, APM = 4, APL = 5, AR1 = 6, AR10 = 7, AR100 = 8;

    /** 1 image, category 1 "a", category 2 "b"; GT added by the caller. */
    private static CocoGroundTruth.Builder base() {
        return CocoGroundTruth.builder().addCategory(1, "a").addCategory(2, "b").addImage(10);
    }

    @Test
    void perfectDetectionGivesOne() {
        CocoGroundTruth gt = base().addAnnotation(10, 1, 10, 10, 50, 50, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 10, 10, 50, 50, 0.9);
        double[] s = ev.evaluate().stats();
        // one TP: precision 1/(1 + eps) at every recall point, recall 1; area 2500 is "medium"
        // (the mean of 101 equal values may round one ulp away from them)
        double p = 1 / (1 + EPS);
        assertEquals(p, s[AP], 2e-16);
        assertEquals(p, s[AP50], 2e-16);
        assertEquals(-1, s[APS]);
        assertEquals(p, s[APM], 2e-16);
        assertEquals(-1, s[APL]);
        assertEquals(1, s[AR1]);
        assertEquals(1, s[AR100]);
    }

    @Test
    void handWorkedPrecisionRecallCurve() {
        // 2 GT, 3 detections sorted by score: TP (0.9), FP (0.8), TP (0.7), exact boxes so every IoU threshold agrees.
        // cumulative tp = 1,1,2  fp = 0,1,1  -> recall 0.5, 0.5, 1.0; precision 1/(1+eps), 1/(2+eps), 2/(3+eps)
        // monotone from the right: [1/(1+eps), 2/(3+eps), 2/(3+eps)]
        // recall points 0.00..0.50 (51 of them) find index 0; 0.51..1.00 (50) find index 2
        // AP = (51·1/(1+eps) + 50·2/(3+eps)) / 101 = 0.8349834983498348 (numpy gives the same digits)
        CocoGroundTruth gt = base().addAnnotation(10, 1, 0, 0, 40, 40, false).addAnnotation(10, 1, 100, 100, 40, 40, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 0, 0, 40, 40, 0.9);
        ev.add(10, 1, 200, 200, 40, 40, 0.8);
        ev.add(10, 1, 100, 100, 40, 40, 0.7);
        CocoEvaluation e = ev.evaluate();
        assertEquals(0.8349834983498348, e.stats()[AP], 1e-16);
        assertEquals(1.0, e.recall(0, 0, 0, 2));
        // maxDets = 1 keeps only the first detection: recall 0.5
        assertEquals(0.5, e.stats()[AR1]);
        assertEquals(2 / (3 + EPS), e.precision(0, 100, 0, 0, 2), 2e-16);
        assertEquals(0.7, e.score(0, 100, 0, 0, 2));
        // category 2 has no GT: -1 everywhere, left out of the mean
        assertEquals(-1, e.precision(0, 0, 1, 0, 2));
        assertEquals(-1, e.categoryMetrics().get(1).ap());
    }

    @Test
    void scoreTiesKeepArrivalOrder() {
        // one GT; two detections with the same score, one FP and one TP
        CocoGroundTruth gt = base().addAnnotation(10, 1, 0, 0, 40, 40, false).build();
        // FP first: tp 0,1 fp 1,1 -> recall 0,1 precision 0, 1/(2+eps) -> envelope [1/(2+eps)]*2 -> AP = 1/(2+eps)
        CocoEvaluator fpFirst = new CocoEvaluator(gt);
        fpFirst.add(10, 1, 300, 300, 40, 40, 0.5);
        fpFirst.add(10, 1, 0, 0, 40, 40, 0.5);
        assertEquals(1 / (2 + EPS), fpFirst.evaluate().stats()[AP50], 2e-16);
        // TP first: recall reaches 1 at the first detection with precision 1/(1+eps)
        CocoEvaluator tpFirst = new CocoEvaluator(gt);
        tpFirst.add(10, 1, 0, 0, 40, 40, 0.5);
        tpFirst.add(10, 1, 300, 300, 40, 40, 0.5);
        assertEquals(1 / (1 + EPS), tpFirst.evaluate().stats()[AP50], 2e-16);
    }

    @Test
    void iouThresholdsDecideMatches() {
        // GT [0,0,100,100]; detection [0,0,100,70]: IoU = 7000 / 10000 = 0.7
        // thresholds .50 .55 .60 .65 .70 match (0.7 >= 0.7), .75 .. .95 do not -> AP = 5/10 · 1/(1+eps)
        CocoGroundTruth gt = base().addAnnotation(10, 1, 0, 0, 100, 100, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 0, 0, 100, 70, 0.9);
        double[] s = ev.evaluate().stats();
        assertEquals(0.5 / (1 + EPS), s[AP], 1e-16);
        assertEquals(1 / (1 + EPS), s[AP50], 2e-16);
        assertEquals(0, s[AP75]);
        assertEquals(0.5, s[AR100]);
    }

    @Test
    void crowdRegionsAreIgnoredAndMatchManyDetections() {
        // a regular GT and a crowd GT; one TP on the regular GT, two detections inside the crowd box
        CocoGroundTruth gt = base().addAnnotation(10, 1, 0, 0, 40, 40, false)
                .addAnnotation(10, 1, 200, 200, 200, 200, true).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 210, 210, 50, 50, 0.95); // IoU with crowd = inter / det area = 1 -> ignored
        ev.add(10, 1, 300, 300, 50, 50, 0.9); // same crowd matched again -> ignored
        ev.add(10, 1, 0, 0, 40, 40, 0.5);
        double[] s = ev.evaluate().stats();
        // only the TP counts: AP = 1/(1+eps); without crowd handling it would be 1/3
        assertEquals(1 / (1 + EPS), s[AP], 2e-16);
        assertEquals(1, s[AR100]);
    }

    @Test
    void areaRangesAreInclusiveAtBothEnds() {
        // GT area exactly 32² = 1024 lies in "small" [0, 1024] and in "medium" [1024, 9216]
        CocoGroundTruth gt = base().addAnnotation(1, 10, 1, 0, 0, 32, 32, 1024, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 0, 0, 32, 32, 0.9);
        double[] s = ev.evaluate().stats();
        assertEquals(1 / (1 + EPS), s[APS], 2e-16);
        assertEquals(1 / (1 + EPS), s[APM], 2e-16);
        assertEquals(-1, s[APL]);
    }

    @Test
    void unmatchedDetectionOutsideAreaRangeIsIgnored() {
        // small GT (area 100) found by a TP (0.8); a large FP (area 10000) scores higher (0.9)
        // "all": FP then TP -> precision 0, 1/(2+eps), recall 0, 1 -> AP = 1/(2+eps)
        // "small": the large unmatched detection is ignored -> AP = 1/(1+eps)
        CocoGroundTruth gt = base().addAnnotation(10, 1, 0, 0, 10, 10, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 200, 200, 100, 100, 0.9);
        ev.add(10, 1, 0, 0, 10, 10, 0.8);
        double[] s = ev.evaluate().stats();
        assertEquals(1 / (2 + EPS), s[AP], 1e-16);
        assertEquals(1 / (1 + EPS), s[APS], 2e-16);
    }

    @Test
    void regularMatchStopsAtIgnoredGt() {
        // detection overlaps a regular GT with IoU 0.6 and an area-ignored GT (in "small" range) with IoU 1.
        // In range "all" neither is ignored: the better (IoU 1) GT wins. The 'ignored last' rule is
        // exercised in range "small": the big GT (area 1600 > 1024) is ignored and ordered last.
        CocoGroundTruth gt = base()
                .addAnnotation(1, 10, 1, 0, 0, 30, 20, 600, false) // small, regular
                .addAnnotation(2, 10, 1, 0, 0, 30, 30, 1600, false) // not small -> ignored in "small"
                .build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 0, 0, 30, 30, 0.9); // IoU 600/900 = 0.667 with GT1, 1.0 with GT2
        CocoEvaluation e = ev.evaluate();
        // small, t = .5: the regular GT1 is taken first (IoU .667 >= .5); it then stops at ignored GT2 -> TP
        assertEquals(1 / (1 + EPS), e.precision(0, 0, 0, 1, 2), 2e-16);
        // small, t = .7: GT1 fails (0.667 < 0.7), GT2 (ignored) matches -> detection ignored, no TP -> precision 0
        assertEquals(0, e.precision(4, 0, 0, 1, 2));
        assertEquals(0, e.recall(4, 0, 1, 2));
    }

    @Test
    void maxDetsCutsPerImageBeforeMatching() {
        // highest score is an FP, the TP is second: AR@1 = 0, AR@10 = 1
        CocoGroundTruth gt = base().addAnnotation(10, 1, 0, 0, 40, 40, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 300, 300, 40, 40, 0.9);
        ev.add(10, 1, 0, 0, 40, 40, 0.8);
        double[] s = ev.evaluate().stats();
        assertEquals(0, s[AR1]);
        assertEquals(1, s[AR10]);
    }

    @Test
    void classAgnosticModeIgnoresCategories() {
        CocoGroundTruth gt = base().addAnnotation(10, 1, 0, 0, 40, 40, false).build();
        CocoEvaluator perClass = new CocoEvaluator(gt);
        perClass.add(10, 2, 0, 0, 40, 40, 0.9);
        // category 1: GT never found -> AP 0; category 2: no GT -> -1, excluded -> mean 0
        assertEquals(0, perClass.evaluate().stats()[AP]);
        CocoEvaluator agnostic = new CocoEvaluator(gt, CocoParams.builder().optUseCategories(false).build());
        agnostic.add(10, 2, 0, 0, 40, 40, 0.9);
        CocoEvaluation e = agnostic.evaluate();
        assertEquals(1 / (1 + EPS), e.stats()[AP], 2e-16);
        assertArrayEquals(new int[] {-1}, e.categorySlots());
    }

    @Test
    void categoryAndImageSubsets() {
        CocoGroundTruth gt = base().addImage(11).addAnnotation(10, 1, 0, 0, 40, 40, false)
                .addAnnotation(11, 2, 0, 0, 40, 40, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt, CocoParams.builder().optCategoryIds(2).build());
        ev.add(11, 2, 0, 0, 40, 40, 0.9);
        CocoEvaluation e = ev.evaluate();
        assertEquals(1, e.dims()[2]);
        assertEquals(1 / (1 + EPS), e.stats()[AP], 2e-16);
        CocoEvaluator img = new CocoEvaluator(gt, CocoParams.builder().optImageIds(10).build());
        img.add(11, 2, 0, 0, 40, 40, 0.9); // image 11 is outside the subset: ignored
        assertEquals(0, img.evaluate().stats()[AP]);
    }

    @Test
    void gtIdZeroQuirkOfPycocotools() {
        // pycocotools records a match by the GT's id; id 0 reads as "unmatched", so the detection is an FP
        CocoGroundTruth gt = base().addAnnotation(0, 10, 1, 0, 0, 40, 40, 1600, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 0, 0, 40, 40, 0.9);
        assertEquals(0, ev.evaluate().stats()[AP]);
    }

    @Test
    void incrementalAddAndMergeEqualOneShot() {
        CocoGroundTruth.Builder b = CocoGroundTruth.builder().addCategory(1, "a").addCategory(3, "c").addCategory(7, "g");
        SplittableRandom r = new SplittableRandom(42);
        int[] cats = {1, 3, 7};
        for (int i = 0; i < 30; i++) {
            b.addImage(i);
            int n = r.nextInt(6);
            for (int g = 0; g < n; g++) {
                b.addAnnotation(i, cats[r.nextInt(3)], r.nextInt(200), r.nextInt(200), 5 + r.nextInt(120), 5 + r.nextInt(120),
                        r.nextDouble() < 0.05);
            }
        }
        CocoGroundTruth gt = b.build();
        CocoEvaluator all = new CocoEvaluator(gt);
        CocoEvaluator left = new CocoEvaluator(gt, all.params());
        CocoEvaluator right = new CocoEvaluator(gt, all.params());
        CocoEvaluator lists = new CocoEvaluator(gt, all.params());
        for (int i = 0; i < 30; i++) {
            int n = r.nextInt(12);
            List<Detection> dets = new java.util.ArrayList<>();
            for (int d = 0; d < n; d++) {
                double x = r.nextInt(200), y = r.nextInt(200), w = 5 + r.nextInt(120), h = 5 + r.nextInt(120);
                int c = cats[r.nextInt(3)];
                double s = Math.round(r.nextDouble() * 10) / 10.0; // many ties
                all.add(i, c, x, y, w, h, s);
                (i < 15 ? left : right).add(i, c, x, y, w, h, s);
                dets.add(new Detection(new Box(x, y, x + w, y + h), c, s));
            }
            lists.add(i, dets);
        }
        double[] expected = all.evaluate().precision();
        assertArrayEquals(expected, left.merge(right).evaluate().precision());
        assertArrayEquals(expected, lists.evaluate().precision());
        double[] stats = all.evaluate().stats();
        for (double v : stats) {
            org.junit.jupiter.api.Assertions.assertTrue(v == -1 || (v >= 0 && v <= 1), "stat in [0,1] or -1: " + v);
        }
    }

    @Test
    void badDetectionsAreRejected() {
        CocoGroundTruth gt = base().addAnnotation(10, 1, 0, 0, 40, 40, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        assertThrows(IllegalArgumentException.class, () -> ev.add(99, 1, 0, 0, 1, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> ev.add(10, 5, 0, 0, 1, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> ev.add(10, 1, 0, 0, -1, 1, 0.5));
        assertThrows(IllegalArgumentException.class, () -> ev.add(10, 1, 0, 0, 1, 1, Double.NaN));
        CocoEvaluator other = new CocoEvaluator(gt);
        assertThrows(IllegalArgumentException.class, () -> ev.merge(other)); // different params objects
    }

    @Test
    void summaryTextHasPycocotoolsLayout() {
        CocoGroundTruth gt = base().addAnnotation(10, 1, 10, 10, 50, 50, false).build();
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.add(10, 1, 10, 10, 50, 50, 0.9);
        String[] lines = ev.evaluate().summaryText().split("\\R");
        assertEquals(12, lines.length);
        assertEquals(" Average Precision (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 1.000", lines[0]);
        assertEquals(" Average Recall    (AR) @[ IoU=0.50:0.95 | area= small | maxDets=100 ] = -1.000", lines[9]);
    }
}
