package io.detkit.metrics.errors;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.metrics.coco.CategoryMetrics;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ErrorAnalyzerTest {
    private static final double EPS = 1e-12;

    /**
     * One image, categories cat (1) and dog (2), boxes xywh:
     *
     * <pre>
     * GT  A  cat [0,0,10,10]     B  dog [20,0,10,10]     C  cat [40,0,10,10]     D  dog [200,200,10,10]
     * det d0 cat [0,0,10,10]   0.90  IoU(A)=1                                  -> TP (takes A)
     *     d1 cat [0,0,10,10]   0.80  IoU(A)=1 but A taken                      -> Dupe
     *     d2 cat [20,0,10,10]  0.70  IoU(B)=1, B is a dog; no cat overlap      -> Cls (target B)
     *     d3 cat [45,0,10,10]  0.60  IoU(C)=5·10/(100+100−50)=1/3 ∈ [0.1,0.5)  -> Loc (target C)
     *     d4 cat [100,100,10,10] 0.95 overlaps nothing                         -> Bkg
     *     d5 dog [0,5,10,10]   0.40  IoU(A)=50/150=1/3 with a cat, 0 with dogs -> Both
     * D: unmatched, no Cls/Loc error points at it -> Miss. B and C are targets of d2/d3 -> not missed.
     * </pre>
     */
    private static CocoGroundTruth gt() {
        return CocoGroundTruth.builder().addCategory(1, "cat").addCategory(2, "dog")
                .addImage(new CocoImage(7, "a.jpg", 300, 300))
                .addAnnotation(1, 7, 1, 0, 0, 10, 10, 100, false)
                .addAnnotation(2, 7, 2, 20, 0, 10, 10, 100, false)
                .addAnnotation(3, 7, 1, 40, 0, 10, 10, 100, false)
                .addAnnotation(4, 7, 2, 200, 200, 10, 10, 100, false)
                .build();
    }

    private static CocoDetections dets() {
        CocoDetections d = new CocoDetections();
        d.add(7, 1, 0, 0, 10, 10, 0.90);
        d.add(7, 1, 0, 0, 10, 10, 0.80);
        d.add(7, 1, 20, 0, 10, 10, 0.70);
        d.add(7, 1, 45, 0, 10, 10, 0.60);
        d.add(7, 1, 100, 100, 10, 10, 0.95);
        d.add(7, 2, 0, 5, 10, 10, 0.40);
        return d;
    }

    @Test
    void classifiesEveryErrorType() {
        ErrorAnalysis a = new ErrorAnalyzer(gt()).analyze(dets());
        assertTrue(a.isTruePositive(0));
        assertEquals(0, a.matchedAnnotation(0));
        assertEquals(ErrorType.DUPE, a.errorOf(1));
        assertEquals(0, a.targetAnnotation(1));
        assertEquals(ErrorType.CLS, a.errorOf(2));
        assertEquals(1, a.targetAnnotation(2));
        assertEquals(ErrorType.LOC, a.errorOf(3));
        assertEquals(2, a.targetAnnotation(3));
        assertEquals(ErrorType.BKG, a.errorOf(4));
        assertEquals(ErrorType.BOTH, a.errorOf(5));
        assertNull(a.errorOf(0));
        assertFalse(a.isMissed(0));
        assertFalse(a.isMissed(1), "B is the target of a Cls error");
        assertFalse(a.isMissed(2), "C is the target of a Loc error");
        assertTrue(a.isMissed(3));
        for (ErrorType t : ErrorType.values()) {
            assertEquals(1, a.count(t), t.name());
        }
        // per category slot (0 = cat, 1 = dog): false positives by the detection's class, Miss by the GT's
        assertArrayEquals(new int[] {1, 0}, a.counts(ErrorType.CLS));
        assertArrayEquals(new int[] {0, 1}, a.counts(ErrorType.BOTH));
        assertArrayEquals(new int[] {0, 1}, a.counts(ErrorType.MISS));
        assertArrayEquals(new int[] {1, 0}, a.truePositives());
        assertArrayEquals(new int[] {2, 2}, a.positives());
    }

    /*
     * Base. cat (n_pos 2), score order d4 F, d0 T, d1 F, d2 F, d3 F:
     *   recall 0, .5, .5, .5, .5; precision 0, 1/2, 1/3, 1/4, 1/5; envelope .5, .5, 1/3, 1/4, 1/5.
     *   Recall levels 0..0.50 (51 of 101) read .5, the rest 0: AP_cat = 25.5/101 = 51/202.
     * dog (n_pos 2): d5 F only: AP_dog = 0.  mAP = 51/404.
     * Cls fixed: d2 becomes a dog TP at .70. cat loses an FP after its TP: still 51/202.
     *   dog: d2 T (recall .5, precision 1), d5 F: 51 levels read 1: 51/101.  mAP = 153/404, ΔAP = 102/404.
     * Loc fixed: d3 becomes a cat TP at .60: recall 0,.5,.5,.5,1; precision 0,.5,1/3,1/4,2/5;
     *   envelope .5,.5,.4,.4,.4: 51 levels read .5, 50 read .4: AP_cat = 45.5/101 = 91/202; ΔAP = 40/404.
     * Dupe fixed (d1 removed, after the TP): unchanged, ΔAP = 0.
     * Bkg fixed (d4 removed): cat d0 first, precision 1 up to recall .5: 51/101; mAP 51/202; ΔAP = 51/404.
     * Both fixed (d5 removed): dog still has no TP: ΔAP = 0.  Miss fixed (dog n_pos 1): still 0: ΔAP = 0.
     * FP oracle: cat d0 alone: 51/101, dog 0: ΔAP = 51/404.
     * FN oracle: n_pos = TPs: cat 1: d4 F (0, 0), d0 T (1, .5): envelope .5,.5: AP .5; dog has no TP left,
     *   counts 0: mAP = .25, ΔAP = .25 − 51/404 = 50/404.
     */
    @Test
    void deltaApOfEachFixMatchesHandWorkedValues() {
        ErrorAnalysis a = new ErrorAnalyzer(gt()).analyze(dets());
        assertEquals(51.0 / 404, a.baseMap(), EPS);
        assertArrayEquals(new double[] {51.0 / 202, 0}, a.baseAp(), EPS);
        assertEquals(102.0 / 404, a.deltaMap(ErrorType.CLS), EPS);
        assertEquals(40.0 / 404, a.deltaMap(ErrorType.LOC), EPS);
        assertEquals(0, a.deltaMap(ErrorType.DUPE), EPS);
        assertEquals(51.0 / 404, a.deltaMap(ErrorType.BKG), EPS);
        assertEquals(0, a.deltaMap(ErrorType.BOTH), EPS);
        assertEquals(0, a.deltaMap(ErrorType.MISS), EPS);
        assertEquals(51.0 / 404, a.falsePositiveDeltaMap(), EPS);
        assertEquals(50.0 / 404, a.falseNegativeDeltaMap(), EPS);
        assertArrayEquals(new double[] {51.0 / 202, 51.0 / 101}, a.fixedAp(ErrorType.CLS), EPS);
        assertTrue(a.summaryText().contains("Cls"));
    }

    @Test
    void baseApEqualsCocoAp50() {
        CocoGroundTruth g = gt();
        CocoEvaluator ev = new CocoEvaluator(g);
        ev.addAll(dets());
        CocoEvaluation e = ev.evaluate();
        ErrorAnalysis a = new ErrorAnalyzer(g).analyze(dets());
        assertEquals(e.stat("AP50"), a.baseMap(), EPS);
    }

    /**
     * Two Cls errors aim at the same free dog GT: the higher-scoring one becomes the TP, the other is
     * removed. A third Cls error aims at a dog GT that a dog detection already found: removed too.
     *
     * <pre>
     * GT  B dog [0,0,10,10], E dog [50,0,10,10]
     * det c1 cat [0,0,10,10] .9 -> Cls(B);  c2 cat [0,0,10,10] .8 -> Cls(B);  t dog [50,0,10,10] .7 -> TP(E)
     *     c3 cat [50,0,10,10] .6 -> Cls(E), E is used
     * cat has no GT: its AP is undefined (−1) and stays out of the mean.
     * dog base (n_pos 2): t T at .7: recall .5 precision 1: AP = 51/101.
     * Cls fixed: dog gets c1 (T, .9), then t (T, .7): recall .5, 1 at precision 1: AP = 1.
     * </pre>
     */
    @Test
    void oneGtIsClaimedByTheHighestScoringErrorOnly() {
        CocoGroundTruth g = CocoGroundTruth.builder().addCategory(1, "cat").addCategory(2, "dog")
                .addAnnotation(1, 3, 2, 0, 0, 10, 10, 100, false)
                .addAnnotation(2, 3, 2, 50, 0, 10, 10, 100, false)
                .build();
        CocoDetections d = new CocoDetections();
        d.add(3, 1, 0, 0, 10, 10, 0.9);
        d.add(3, 1, 0, 0, 10, 10, 0.8);
        d.add(3, 2, 50, 0, 10, 10, 0.7);
        d.add(3, 1, 50, 0, 10, 10, 0.6);
        ErrorAnalysis a = new ErrorAnalyzer(g).analyze(d);
        assertEquals(ErrorType.CLS, a.errorOf(0));
        assertEquals(ErrorType.CLS, a.errorOf(1));
        assertTrue(a.isTruePositive(2));
        assertEquals(ErrorType.CLS, a.errorOf(3));
        assertArrayEquals(new double[] {-1, 51.0 / 101}, a.baseAp(), EPS);
        assertEquals(51.0 / 101, a.baseMap(), EPS);
        assertEquals(1.0, a.fixedMap(ErrorType.CLS), EPS);
        assertEquals(0, a.count(ErrorType.MISS), "B is the target of a Cls error");
    }

    /**
     * Crowd GT: a detection on a crowd region of its class is ignored (neither TP nor error); an
     * image without regular GT makes every false positive a background error; an image without
     * detections makes every regular GT a miss.
     */
    @Test
    void crowdRegionsEmptyImagesAndMisses() {
        CocoGroundTruth g = CocoGroundTruth.builder().addCategory(1, "person")
                .addAnnotation(1, 1, 1, 0, 0, 100, 100, 10000, true) // crowd
                .addAnnotation(2, 2, 1, 0, 0, 20, 20, 400, false)
                .addImage(3)
                .build();
        CocoDetections d = new CocoDetections();
        d.add(1, 1, 10, 10, 20, 20, 0.9); // inside the crowd box: intersection / det area = 1
        d.add(3, 1, 10, 10, 20, 20, 0.8); // image 3 has no GT
        ErrorAnalysis a = new ErrorAnalyzer(g).analyze(d);
        assertTrue(a.isIgnored(0));
        assertNull(a.errorOf(0));
        assertEquals(ErrorType.BKG, a.errorOf(1));
        assertTrue(a.isMissed(1));
        assertFalse(a.isMissed(0), "crowd GT are never missed");
        assertFalse(a.isRegular(0));
        // one FP (score .8) and one GT never found: precision 0 everywhere
        assertEquals(0, a.baseMap(), EPS);
        // Miss fixed: the category's only GT is removed; the category keeps AP 0 in the mean
        assertEquals(0, a.fixedMap(ErrorType.MISS), EPS);
        int[][] perImage = a.imageErrors(0.85); // only scores ≥ .85 count as detections
        assertArrayEquals(new long[] {1, 2, 3}, a.imageIds());
        assertArrayEquals(new int[] {0, 0, 0}, perImage[0], "the .8 background error is below .85");
        assertArrayEquals(new int[] {0, 1, 0}, perImage[1]);
        assertArrayEquals(new int[] {0, 0, 1}, a.imageErrors(0.5)[0]);
    }

    @Test
    void detectionsBeyondMaxDetsAreNotEvaluated() {
        CocoGroundTruth g = CocoGroundTruth.builder().addCategory(1, "a")
                .addAnnotation(1, 1, 1, 0, 0, 10, 10, 100, false).build();
        CocoDetections d = new CocoDetections();
        d.add(1, 1, 0, 0, 10, 10, 0.5);
        d.add(1, 1, 50, 50, 10, 10, 0.9);
        ErrorAnalysis a = new ErrorAnalyzer(g, 0.5, 0.1, 1).analyze(d);
        assertFalse(a.isEvaluated(0), "only the best-scoring detection of the image and class counts");
        assertEquals(ErrorType.BKG, a.errorOf(1));
        assertEquals(1, a.count(ErrorType.MISS));
    }

    @Test
    void rejectsBadThresholds() {
        CocoGroundTruth g = gt();
        assertThrows(IllegalArgumentException.class, () -> new ErrorAnalyzer(g, 0.5, 0.5, 100));
        assertThrows(IllegalArgumentException.class, () -> new ErrorAnalyzer(g, 0, 0.1, 100));
        assertThrows(IllegalArgumentException.class, () -> new ErrorAnalyzer(g, 0.5, 0.1, 0));
    }

    /** Random crowded cases with score ties: the base AP of each category equals COCO's AP50. */
    @Test
    void baseApEqualsCocoAp50OnRandomCases() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            CocoGroundTruth.Builder b = CocoGroundTruth.builder();
            for (int c = 1; c <= 4; c++) {
                b.addCategory(c * 3, "c" + c);
            }
            CocoDetections d = new CocoDetections();
            long ann = 1;
            for (int i = 0; i < 15; i++) {
                long img = 10 + 3L * i;
                b.addImage(img);
                int n = r.nextInt(6);
                for (int k = 0; k < n; k++) {
                    double x = r.nextInt(80), y = r.nextInt(80), w = 5 + r.nextInt(40), h = 5 + r.nextInt(40);
                    int cat = 3 * (1 + r.nextInt(4));
                    b.addAnnotation(ann++, img, cat, x, y, w, h, w * h * 0.8, r.nextDouble() < 0.1);
                    for (int j = r.nextInt(3); j > 0; j--) {
                        int dc = r.nextDouble() < 0.8 ? cat : 3 * (1 + r.nextInt(4));
                        d.add(img, dc, x + r.nextInt(11) - 5, y + r.nextInt(11) - 5, w + r.nextInt(7) - 3,
                                h + r.nextInt(7) - 3, Math.round(r.nextDouble() * 10) / 10.0);
                    }
                }
                for (int j = r.nextInt(4); j > 0; j--) {
                    d.add(img, 3 * (1 + r.nextInt(4)), r.nextInt(90), r.nextInt(90), 5 + r.nextInt(30), 5 + r.nextInt(30),
                            Math.round(r.nextDouble() * 10) / 10.0);
                }
            }
            CocoGroundTruth g = b.build();
            CocoEvaluator ev = new CocoEvaluator(g);
            ev.addAll(d);
            CocoEvaluation e = ev.evaluate();
            ErrorAnalysis a = new ErrorAnalyzer(g).analyze(d);
            assertEquals(e.stat("AP50"), a.baseMap(), EPS, "seed " + seed);
            double[] base = a.baseAp();
            int k = 0;
            for (CategoryMetrics m : e.categoryMetrics()) {
                assertEquals(m.ap50(), base[k++], EPS, "seed " + seed + " category " + m.categoryId());
            }
            for (ErrorType t : ErrorType.values()) {
                assertTrue(a.deltaMap(t) >= -EPS, "seed " + seed + " " + t + " " + a.deltaMap(t));
            }
        }
    }
}
