package io.detkit.metrics.nms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hand-worked cases; the arithmetic is in the comments. */
class NmsTest {
    private static final double EPS = 1e-12;

    // A = [0,0,10,10] and B = [5,0,15,10]: overlap 5·10 = 50, union 100 + 100 − 50 = 150, IoU = 1/3
    private static final double[] A_B = {0, 0, 10, 10, 5, 0, 15, 10};

    private static NmsConfig.Builder cfg() {
        return NmsConfig.builder();
    }

    @Test
    void suppressesWhenIouIsAboveThreshold() {
        assertArrayEquals(new int[] {0}, Nms.greedy(A_B, new double[] {0.9, 0.8}, 0.33)); // 1/3 > 0.33
        assertArrayEquals(new int[] {0, 1}, Nms.greedy(A_B, new double[] {0.9, 0.8}, 0.34)); // 1/3 < 0.34
    }

    @Test
    void thresholdIsStrictlyGreater() {
        // B' = [0,0,10,5] inside A: overlap 50, union 100 → IoU exactly 0.5
        double[] boxes = {0, 0, 10, 10, 0, 0, 10, 5};
        double[] scores = {0.9, 0.8};
        assertArrayEquals(new int[] {0, 1}, Nms.greedy(boxes, scores, 0.5)); // 0.5 > 0.5 is false
        assertArrayEquals(new int[] {0}, Nms.greedy(boxes, scores, Math.nextDown(0.5)));
        // the same for a threshold of exactly 1/3 with the IoU 50/150 of A and B
        assertArrayEquals(new int[] {0, 1}, Nms.greedy(A_B, new double[] {0.9, 0.8}, 1.0 / 3));
    }

    @Test
    void higherScoreWinsRegardlessOfInputOrder() {
        assertArrayEquals(new int[] {1}, Nms.greedy(A_B, new double[] {0.2, 0.7}, 0.3));
    }

    @Test
    void equalScoresKeepInputOrder() {
        // A and B tie at 0.5: the earlier one (input order) is processed first and suppresses the other
        assertArrayEquals(new int[] {0}, Nms.greedy(A_B, new double[] {0.5, 0.5}, 0.3));
        double[] swapped = {5, 0, 15, 10, 0, 0, 10, 10};
        assertArrayEquals(new int[] {0}, Nms.greedy(swapped, new double[] {0.5, 0.5}, 0.3));
        // disjoint boxes with equal scores come out in input order
        double[] disjoint = {0, 0, 1, 1, 10, 10, 11, 11, 20, 20, 21, 21, 30, 30, 31, 31};
        assertArrayEquals(new int[] {1, 2, 0, 3}, Nms.greedy(disjoint, new double[] {0.5, 0.7, 0.7, 0.5}, 0.5));
    }

    @Test
    void minusZeroAndZeroScoresTie() {
        assertArrayEquals(new int[] {0}, Nms.greedy(A_B, new double[] {-0.0, 0.0}, 0.3));
    }

    @Test
    void suppressedBoxDoesNotSuppressOthers() {
        // A (0.9) removes B (0.8, IoU 1/3 > 0.3). C = [10,0,20,10] overlaps B by 5·10 = 50 (IoU 1/3)
        // but not A (they only touch), so C survives: a suppressed box has no say.
        double[] boxes = {0, 0, 10, 10, 5, 0, 15, 10, 10, 0, 20, 10};
        assertArrayEquals(new int[] {0, 2}, Nms.greedy(boxes, new double[] {0.9, 0.8, 0.7}, 0.3));
    }

    @Test
    void batchedNeverSuppressesAcrossClasses() {
        double[] same = {0, 0, 10, 10, 0, 0, 10, 10}; // identical boxes, IoU 1
        double[] scores = {0.9, 0.8};
        assertArrayEquals(new int[] {0, 1}, Nms.batched(same, scores, new int[] {1, 2}, 0.5));
        assertArrayEquals(new int[] {0}, Nms.batched(same, scores, new int[] {1, 1}, 0.5));
        assertArrayEquals(new int[] {0}, Nms.greedy(same, scores, 0.5));
    }

    @Test
    void batchedOutputIsInGlobalScoreOrder() {
        // class 7: A 0.6, B 0.9 (B suppresses A); class 3: two copies of C 0.8 and 0.7
        double[] boxes = {0, 0, 10, 10, 1, 0, 11, 10, 50, 50, 60, 60, 50, 50, 60, 60};
        int[] classes = {7, 7, 3, 3};
        assertArrayEquals(new int[] {1, 2}, Nms.batched(boxes, new double[] {0.6, 0.9, 0.8, 0.7}, classes, 0.5));
    }

    @Test
    void classAgnosticConfigIgnoresClasses() {
        double[] same = {0, 0, 10, 10, 0, 0, 10, 10};
        NmsResult r = Nms.apply(same, new double[] {0.9, 0.8}, new int[] {1, 2}, cfg().optClassAware(false).build());
        assertArrayEquals(new int[] {0}, r.indices());
    }

    @Test
    void scoreThresholdDropsBeforeNmsAndKeepsEqualScores() {
        // A 0.9, B 0.8 (IoU 1/3 with A), D = [100,100,110,110] 0.3, E = [200,...] exactly 0.4
        double[] boxes = {0, 0, 10, 10, 5, 0, 15, 10, 100, 100, 110, 110, 200, 200, 210, 210};
        double[] scores = {0.9, 0.8, 0.3, 0.4};
        NmsResult r = Nms.apply(boxes, scores, null, cfg().optIouThreshold(0.3).optScoreThreshold(0.4).build());
        assertArrayEquals(new int[] {0, 3}, r.indices());
        assertArrayEquals(new double[] {0.9, 0.4}, r.scores());
    }

    @Test
    void maxDetectionsCutsAfterSuppression() {
        // A 0.9 suppresses B 0.8; C disjoint 0.7. Top 2 after NMS = A, C (cutting before NMS would give A only).
        double[] boxes = {0, 0, 10, 10, 5, 0, 15, 10, 50, 50, 60, 60};
        NmsConfig c = cfg().optIouThreshold(0.3).optMaxDetections(2).build();
        assertArrayEquals(new int[] {0, 2}, Nms.apply(boxes, new double[] {0.9, 0.8, 0.7}, null, c).indices());
        assertEquals(0, Nms.apply(boxes, new double[] {0.9, 0.8, 0.7}, null, c.toBuilder().optMaxDetections(0).build()).size());
        // with classes: the cut is global, over the merged classes
        int[] classes = {0, 1, 2};
        assertArrayEquals(new int[] {0, 1}, Nms.apply(boxes, new double[] {0.9, 0.8, 0.7}, classes, c).indices());
    }

    @Test
    void plusOnePixelIouChangesTheDecision() {
        // [0,0,9,9] and [5,0,14,9]: exact IoU 36/126 = 2/7 ≈ 0.2857; "+1" IoU 50/150 = 1/3
        double[] boxes = {0, 0, 9, 9, 5, 0, 14, 9};
        double[] scores = {0.9, 0.8};
        NmsConfig exact = cfg().optIouThreshold(0.3).build();
        assertArrayEquals(new int[] {0, 1}, Nms.apply(boxes, scores, null, exact).indices());
        assertArrayEquals(new int[] {0}, Nms.apply(boxes, scores, null, exact.toBuilder().optPlusOne(true).build()).indices());
    }

    @Test
    void diouKeepsABoxThatPlainNmsSuppresses() {
        // A = [0,0,10,10], B = [4,0,14,10]: IoU = 60/140 = 0.428571
        // centres (5,5), (9,5): ρ² = 16; enclosing [0,0,14,10]: c² = 196 + 100 = 296
        // DIoU = 0.428571 − 16/296 = 0.374517
        double[] boxes = {0, 0, 10, 10, 4, 0, 14, 10};
        double[] scores = {0.9, 0.8};
        NmsConfig at04 = cfg().optIouThreshold(0.4).build();
        assertArrayEquals(new int[] {0}, Nms.apply(boxes, scores, null, at04).indices()); // 0.4286 > 0.4
        NmsConfig diou = at04.toBuilder().optMethod(NmsMethod.DIOU).build();
        assertArrayEquals(new int[] {0, 1}, Nms.apply(boxes, scores, null, diou).indices()); // 0.3745 ≤ 0.4
        NmsConfig diou037 = diou.toBuilder().optIouThreshold(0.37).build();
        assertArrayEquals(new int[] {0}, Nms.apply(boxes, scores, null, diou037).indices()); // 0.3745 > 0.37
    }

    // Soft-NMS: A 0.9, B 0.8 (IoU 1/3 with A), C = [100,100,110,110] 0.6 far away
    private static final double[] SOFT_BOXES = {0, 0, 10, 10, 5, 0, 15, 10, 100, 100, 110, 110};
    private static final double[] SOFT_SCORES = {0.9, 0.8, 0.6};

    @Test
    void softLinearDecaysAndReorders() {
        // A selected (0.9). IoU(A,B) = 1/3 > Nt = 0.3 → s_B = 0.8·(1 − 1/3) = 0.53333…; C untouched (IoU 0).
        // Next C (0.6 > 0.5333), then B.
        NmsResult r = Nms.apply(SOFT_BOXES, SOFT_SCORES, null,
                cfg().optMethod(NmsMethod.SOFT_LINEAR).optIouThreshold(0.3).build());
        assertArrayEquals(new int[] {0, 2, 1}, r.indices());
        assertArrayEquals(new double[] {0.9, 0.6, 0.8 * 2 / 3}, r.scores(), EPS);
        assertEquals(0.5333333333, r.score(2), 1e-10);
    }

    @Test
    void softLinearLeavesOverlapsBelowNtAlone() {
        // IoU 1/3 is not > Nt = 0.5 → B keeps 0.8 and stays ahead of C
        NmsResult r = Nms.apply(SOFT_BOXES, SOFT_SCORES, null,
                cfg().optMethod(NmsMethod.SOFT_LINEAR).optIouThreshold(0.5).build());
        assertArrayEquals(new int[] {0, 1, 2}, r.indices());
        assertArrayEquals(SOFT_SCORES, r.scores());
    }

    @Test
    void softGaussianDecay() {
        // s_B = 0.8·exp(−(1/3)²/0.5) = 0.8·exp(−2/9) = 0.8·0.8007374029 = 0.6405899223 > 0.6 → order A, B, C
        NmsResult r = Nms.apply(SOFT_BOXES, SOFT_SCORES, null,
                cfg().optMethod(NmsMethod.SOFT_GAUSSIAN).optSigma(0.5).build());
        assertArrayEquals(new int[] {0, 1, 2}, r.indices());
        assertArrayEquals(new double[] {0.9, 0.8 * Math.exp(-2.0 / 9), 0.6}, r.scores(), EPS);
        assertEquals(0.6405899223, r.score(1), 1e-10);
        // σ = 0.1: s_B = 0.8·exp(−(1/9)/0.1) = 0.8·exp(−10/9) = 0.8·0.3291929878 = 0.2633543902 → B last
        NmsResult narrow = Nms.apply(SOFT_BOXES, SOFT_SCORES, null,
                cfg().optMethod(NmsMethod.SOFT_GAUSSIAN).optSigma(0.1).build());
        assertArrayEquals(new int[] {0, 2, 1}, narrow.indices());
        assertEquals(0.2633543902, narrow.score(2), 1e-10);
    }

    @Test
    void softDecaysCompound() {
        // A = [0,0,10,10] 0.9, B = [0,0,10,5] 0.8 (IoU(A,B) = 0.5), D = [0,0,10,10] 0.7 (IoU(A,D) = 1, IoU(B,D) = 0.5)
        // Linear, Nt = 0.3. Select A: s_B = 0.8·0.5 = 0.4; s_D = 0.7·(1 − 1) = 0.
        // Select B (0.4): IoU(B,D) = 0.5 > 0.3 → s_D = 0·0.5 = 0. Select D (0).
        double[] boxes = {0, 0, 10, 10, 0, 0, 10, 5, 0, 0, 10, 10};
        NmsResult r = Nms.apply(boxes, new double[] {0.9, 0.8, 0.7}, null,
                cfg().optMethod(NmsMethod.SOFT_LINEAR).optIouThreshold(0.3).build());
        assertArrayEquals(new int[] {0, 1, 2}, r.indices());
        assertArrayEquals(new double[] {0.9, 0.4, 0.0}, r.scores(), EPS);
        // a score threshold of 0.001 drops D once decayed to 0
        NmsResult dropped = Nms.apply(boxes, new double[] {0.9, 0.8, 0.7}, null,
                cfg().optMethod(NmsMethod.SOFT_LINEAR).optIouThreshold(0.3).optScoreThreshold(0.001).build());
        assertArrayEquals(new int[] {0, 1}, dropped.indices());
    }

    @Test
    void softScoreThresholdDropsDecayedBoxes() {
        // linear, Nt 0.3: s_B decays to 0.5333 < 0.55 → dropped; C (0.6) stays
        NmsResult r = Nms.apply(SOFT_BOXES, SOFT_SCORES, null,
                cfg().optMethod(NmsMethod.SOFT_LINEAR).optIouThreshold(0.3).optScoreThreshold(0.55).build());
        assertArrayEquals(new int[] {0, 2}, r.indices());
    }

    @Test
    void softIsClassAware() {
        // B in another class than A: no decay
        NmsResult r = Nms.apply(SOFT_BOXES, SOFT_SCORES, new int[] {0, 1, 0},
                cfg().optMethod(NmsMethod.SOFT_LINEAR).optIouThreshold(0.3).build());
        assertArrayEquals(new int[] {0, 1, 2}, r.indices());
        assertArrayEquals(SOFT_SCORES, r.scores());
    }

    @Test
    void detectionListApi() {
        Detection a = new Detection(new Box(0, 0, 10, 10), 1, 0.9);
        Detection b = new Detection(new Box(5, 0, 15, 10), 1, 0.8); // IoU 1/3 with a
        Detection c = new Detection(new Box(5, 0, 15, 10), 2, 0.7); // same box as b, other class
        List<Detection> in = List.of(c, b, a);
        List<Detection> greedy = Nms.apply(in, cfg().optIouThreshold(0.3).build());
        assertEquals(List.of(a, c), greedy);
        assertSame(a, greedy.get(0));
        List<Detection> agnostic = Nms.apply(in, cfg().optIouThreshold(0.3).optClassAware(false).build());
        assertEquals(List.of(a), agnostic); // c overlaps a by 1/3 too
        List<Detection> soft = Nms.apply(in, cfg().optMethod(NmsMethod.SOFT_LINEAR).optIouThreshold(0.3).build());
        // b decays to 0.8·2/3 = 0.5333 and falls behind c (0.7, other class, untouched)
        assertEquals(3, soft.size());
        assertSame(a, soft.get(0));
        assertSame(c, soft.get(1));
        assertNotSame(b, soft.get(2));
        assertEquals(b.box(), soft.get(2).box());
        assertEquals(0.8 * 2 / 3, soft.get(2).score(), EPS);
        assertEquals(List.of(), Nms.apply(List.of(), NmsConfig.defaults()));
    }

    @Test
    void emptyInput() {
        assertArrayEquals(new int[0], Nms.greedy(new double[0], new double[0], 0.5));
        assertArrayEquals(new int[0], Nms.batched(new double[0], new double[0], new int[0], 0.5));
    }

    @Test
    void negativeThresholdSuppressesEverythingAfterTheBest() {
        // IoU ≥ 0 > −0.1 for every pair, even disjoint ones
        double[] boxes = {0, 0, 1, 1, 10, 10, 11, 11, 20, 20, 21, 21};
        assertArrayEquals(new int[] {1}, Nms.greedy(boxes, new double[] {0.1, 0.9, 0.5}, -0.1));
    }

    @Test
    void rejectsBadInput() {
        double[] one = {0, 0, 1, 1};
        assertThrows(IllegalArgumentException.class, () -> Nms.greedy(new double[5], new double[1], 0.5));
        assertThrows(IllegalArgumentException.class, () -> Nms.greedy(one, new double[] {Double.NaN}, 0.5));
        assertThrows(IllegalArgumentException.class,
                () -> Nms.greedy(new double[] {0, 0, Double.POSITIVE_INFINITY, 1}, new double[] {1}, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Nms.batched(one, new double[] {1}, new int[2], 0.5));
        assertThrows(NullPointerException.class, () -> Nms.batched(one, new double[] {1}, null, 0.5));
        NmsConfig soft = cfg().optMethod(NmsMethod.SOFT_GAUSSIAN).build();
        assertThrows(IllegalArgumentException.class,
                () -> Nms.apply(one, new double[] {Double.POSITIVE_INFINITY}, null, soft));
        // greedy accepts infinite scores: they only order the boxes
        assertArrayEquals(new int[] {0}, Nms.greedy(one, new double[] {Double.NEGATIVE_INFINITY}, 0.5));
    }

    @Test
    void inputsAreNotModified() {
        double[] boxes = A_B.clone();
        double[] scores = {0.9, 0.8};
        Nms.apply(boxes, scores, null, cfg().optMethod(NmsMethod.SOFT_GAUSSIAN).build());
        assertArrayEquals(A_B, boxes);
        assertArrayEquals(new double[] {0.9, 0.8}, scores);
    }
}
