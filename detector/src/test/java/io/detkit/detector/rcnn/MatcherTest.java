package io.detkit.detector.rcnn;

import static io.detkit.detector.rcnn.Matcher.BELOW_LOW;
import static io.detkit.detector.rcnn.Matcher.BETWEEN;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Matching on hand-made boxes. The GT (0, 0, 10, 10) has area 100, and a box (0, 0, 10, h) inside
 * it has IoU 10·h/100 = h/10.
 */
class MatcherTest {
    private static final float[] GT = {0, 0, 10, 10};

    @Test
    void thresholdsSplitMatchedBetweenAndBelow() {
        float[] boxes = {
            0, 0, 10, 10, // IoU 1 → matched
            0, 0, 10, 8, // 0.8 → matched
            0, 0, 10, 7, // 0.7 = high → matched (≥ high)
            0, 0, 10, 5, // 0.5 → between
            0, 0, 10, 3, // 0.3 = low → between (not < low)
            0, 0, 10, 2, // 0.2 → below
            20, 20, 30, 30, // 0 → below
        };
        int[] m = new Matcher(0.7f, 0.3f, false).match(boxes, GT);
        assertArrayEquals(new int[] {0, 0, 0, BETWEEN, BETWEEN, BELOW_LOW, BELOW_LOW}, m);
    }

    @Test
    void eachBoxTakesItsBestGtAndTiesTheLowerIndex() {
        float[] gt = {0, 0, 10, 10, 5, 0, 15, 10, 0, 0, 10, 10};
        float[] boxes = {
            4, 0, 14, 10, // GT 0: 60/140 = 0.43, GT 1: 90/110 = 0.82 → 1
            0, 0, 10, 10, // GT 0 and GT 2 both 1 → 0
        };
        assertArrayEquals(new int[] {1, 0}, new Matcher(0.7f, 0.3f, false).match(boxes, gt));
    }

    @Test
    void lowQualityMatchesEveryTieOfAGtsBestOverlap() {
        float[] boxes = {
            0, 0, 10, 5, // 0.5, the GT's best
            0, 5, 10, 10, // 0.5, a tie of the best
            0, 0, 10, 4, // 0.4
            0, 0, 10, 1, // 0.1
        };
        assertArrayEquals(new int[] {BETWEEN, BETWEEN, BETWEEN, BELOW_LOW},
                new Matcher(0.7f, 0.3f, false).match(boxes, GT));
        assertArrayEquals(new int[] {0, 0, BETWEEN, BELOW_LOW}, new Matcher(0.7f, 0.3f, true).match(boxes, GT));
    }

    @Test
    void lowQualityMatchKeepsTheBoxsOwnBestGt() {
        // GT 0 = (0, 0, 10, 10), GT 1 = (0, 0, 10, 5)
        // box 0 = (0, 0, 10, 3): GT 0 30/100 = 0.3, GT 1 30/50 = 0.6 → the best box of both GTs, own best GT 1
        // box 1 far away: 0 with both
        float[] gt = {0, 0, 10, 10, 0, 0, 10, 5};
        float[] boxes = {0, 0, 10, 3, 50, 50, 60, 60};
        assertArrayEquals(new int[] {BETWEEN, BELOW_LOW}, new Matcher(0.7f, 0.3f, false).match(boxes, gt));
        assertArrayEquals(new int[] {1, BELOW_LOW}, new Matcher(0.7f, 0.3f, true).match(boxes, gt));
    }

    @Test
    void lowQualitySkipsAGtThatOverlapsNothing() {
        // GT 1 overlaps no box: its best IoU is 0, and the zero-IoU boxes stay BELOW_LOW
        float[] gt = {0, 0, 10, 10, 100, 100, 110, 110};
        float[] boxes = {0, 0, 10, 2, 50, 50, 60, 60};
        // box 0: IoU 0.2 with GT 0, GT 0's best → 0
        assertArrayEquals(new int[] {0, BELOW_LOW}, new Matcher(0.7f, 0.3f, true).match(boxes, gt));
    }

    @Test
    void emptyInputs() {
        float[] boxes = {0, 0, 10, 10, 1, 1, 5, 5};
        assertArrayEquals(new int[] {BELOW_LOW, BELOW_LOW}, new Matcher(0.7f, 0.3f, true).match(boxes, new float[0]));
        assertEquals(0, new Matcher(0.7f, 0.3f, true).match(new float[0], GT).length);
    }

    @Test
    void highEqualsLowHasNoBetween() {
        // Fast R-CNN's Matcher(0.5, 0.5, false): 0.5 → matched, 0.4 → below
        float[] boxes = {0, 0, 10, 5, 0, 0, 10, 4};
        assertArrayEquals(new int[] {0, BELOW_LOW}, new Matcher(0.5f, 0.5f, false).match(boxes, GT));
    }

    @Test
    void badInputsAreRejected() {
        Matcher m = new Matcher(0.7f, 0.3f, true);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> m.match(GT, new float[] {0, 0, 10, 10, 5, 5, 5, 8}));
        assertTrue(e.getMessage().contains("box 1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> m.match(new float[] {0, 0, Float.NaN, 1}, GT));
        assertTrue(e.getMessage().contains("non-finite"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> m.match(new float[3], GT));
        assertThrows(IllegalArgumentException.class, () -> new Matcher(0.3f, 0.7f, false));
    }

    @Test
    void largeCaseAgreesWithABruteForceReference() {
        java.util.Random r = new java.util.Random(3);
        float[] anchors = new AnchorGenerator(new int[] {8, 16, 32}, new float[][] {{32}, {64}, {128}},
                new float[] {0.5f, 1f, 2f}).allAnchors(new int[] {40, 20, 10}, new int[] {40, 20, 10});
        int m = 20;
        float[] gt = new float[4 * m];
        for (int j = 0; j < m; j++) {
            float w = 10 + 200 * r.nextFloat(), h = 10 + 200 * r.nextFloat();
            gt[4 * j] = (320 - w) * r.nextFloat();
            gt[4 * j + 1] = (320 - h) * r.nextFloat();
            gt[4 * j + 2] = gt[4 * j] + w;
            gt[4 * j + 3] = gt[4 * j + 1] + h;
        }
        int[] got = new Matcher(0.7f, 0.3f, true).match(anchors, gt);
        int n = anchors.length / 4;
        double[][] iou = new double[n][m];
        double[] gtBest = new double[m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                iou[i][j] = io.detkit.metrics.box.Iou.compute(io.detkit.metrics.box.IouKind.IOU, toDouble(anchors, i),
                        toDouble(gt, j), false);
                gtBest[j] = Math.max(gtBest[j], iou[i][j]);
            }
        }
        int lowQuality = 0;
        for (int i = 0; i < n; i++) {
            int arg = 0;
            for (int j = 1; j < m; j++) {
                if (iou[i][j] > iou[i][arg]) {
                    arg = j;
                }
            }
            double v = iou[i][arg];
            int want = v >= 0.7 ? arg : v < 0.3 ? BELOW_LOW : BETWEEN;
            for (int j = 0; j < m; j++) {
                if (want < 0 && gtBest[j] > 0 && Math.abs(iou[i][j] - gtBest[j]) < 1e-12) {
                    want = arg;
                    lowQuality++;
                }
            }
            assertEquals(want, got[i], "anchor " + i);
        }
        assertTrue(lowQuality > 0, "the case has low-quality matches");
    }

    private static double[] toDouble(float[] boxes, int i) {
        return new double[] {boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]};
    }
}
