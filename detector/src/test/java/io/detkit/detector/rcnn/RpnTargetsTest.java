package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** RPN labels and regression targets; the GT (0, 0, 10, 10) has area 100. */
class RpnTargetsTest {
    private static final float[] GT = {0, 0, 10, 10};
    private static final float[] ANCHORS = {
        0, 0, 10, 10, // IoU 1 → positive
        0, 0, 10, 8, // 0.8 → positive
        0, 0, 10, 5, // 0.5 → ignored
        20, 20, 30, 30, // 0 → negative
        40, 40, 50, 50, // 0 → negative
    };

    @Test
    void smallHandCase() {
        RpnTargets.Result r = new RpnTargets().compute(ANCHORS, GT, new Random(1));
        // 2 positives ≤ 128, both negatives fit in 256 − 2
        assertArrayEquals(new float[] {1, 1, -1, 0, 0}, r.labels());
        assertEquals(2, r.positives());
        assertEquals(2, r.negatives());
        assertEquals(4, r.sampled());
        // anchor 0 is the GT: all 0. Anchor 1 (0, 0, 10, 8): p_w = 10, p_h = 8, centre (5, 4); GT centre (5, 5):
        // dx = 0, dy = (5 − 4)/8 = 0.125, dw = ln(10/10) = 0, dh = ln(10/8) = 0.22314355
        float[] want = new float[20];
        want[5] = 0.125f;
        want[7] = 0.22314355f;
        assertArrayEquals(want, r.regression(), 1e-6f);
    }

    @Test
    void unsampledAnchorsGetLabelMinusOneAndNoRegression() {
        // batch 2, half positive: 1 of the 2 positives, 1 of the 2 negatives
        RpnTargets t = new RpnTargets(new Matcher(0.7f, 0.3f, true), new BalancedSampler(2, 0.5f),
                new BoxCoder(1, 1, 1, 1));
        for (int seed = 0; seed < 20; seed++) {
            RpnTargets.Result r = t.compute(ANCHORS, GT, new Random(seed));
            assertEquals(1, r.positives());
            assertEquals(1, r.negatives());
            int ones = 0, zeros = 0;
            for (int i = 0; i < 5; i++) {
                float l = r.labels()[i];
                ones += l == 1 ? 1 : 0;
                zeros += l == 0 ? 1 : 0;
                assertTrue(l == -1 || (l == 1 && i < 2) || (l == 0 && i >= 3), "anchor " + i + " label " + l);
                if (l != 1) {
                    for (int q = 0; q < 4; q++) {
                        assertEquals(0f, r.regression()[4 * i + q], "anchor " + i);
                    }
                }
            }
            assertEquals(1, ones);
            assertEquals(1, zeros);
            assertEquals(-1f, r.labels()[2]);
            // anchor 1 sampled → its dh = ln(10/8)
            assertEquals(r.labels()[1] == 1 ? 0.22314355f : 0f, r.regression()[7], 1e-6f);
        }
    }

    @Test
    void noGtMakesEverythingNegative() {
        RpnTargets.Result r = new RpnTargets().compute(ANCHORS, new float[0], new Random(1));
        assertArrayEquals(new float[] {0, 0, 0, 0, 0}, r.labels());
        assertArrayEquals(new float[20], r.regression());
        assertEquals(0, r.positives());
        assertEquals(5, r.negatives());
    }

    @Test
    void lowQualityMatchMakesAPositive() {
        // GT (0, 0, 10, 10) against anchors (0, 0, 10, 2) (IoU 0.2, the GT's best) and (50, 50, 60, 60)
        float[] anchors = {0, 0, 10, 2, 50, 50, 60, 60};
        RpnTargets.Result r = new RpnTargets().compute(anchors, GT, new Random(1));
        assertArrayEquals(new float[] {1, 0}, r.labels());
        // p_h = 2, centre y 1 → dy = (5 − 1)/2 = 2, dh = ln(10/2) = 1.6094379
        assertArrayEquals(new float[] {0, 2, 0, 1.6094379f, 0, 0, 0, 0}, r.regression(), 1e-6f);
    }

    @Test
    void fullSizeImage() {
        // 320×320 input, 6300 anchors, 20 GT boxes
        float[] anchors = new AnchorGenerator(new int[] {8, 16, 32}, new float[][] {{32}, {64}, {128}},
                new float[] {0.5f, 1f, 2f}).allAnchors(new int[] {40, 20, 10}, new int[] {40, 20, 10});
        Random g = new Random(2);
        float[] gt = new float[80];
        for (int j = 0; j < 20; j++) {
            float w = 16 + 150 * g.nextFloat(), h = 16 + 150 * g.nextFloat();
            gt[4 * j] = (320 - w) * g.nextFloat();
            gt[4 * j + 1] = (320 - h) * g.nextFloat();
            gt[4 * j + 2] = gt[4 * j] + w;
            gt[4 * j + 3] = gt[4 * j + 1] + h;
        }
        RpnTargets t = new RpnTargets();
        RpnTargets.Result r = t.compute(anchors, gt, new Random(3));
        assertEquals(6300, r.labels().length);
        assertEquals(4 * 6300, r.regression().length);
        assertTrue(r.positives() >= 20 && r.positives() <= 128, "positives " + r.positives());
        assertEquals(256, r.sampled());
        int[] matches = new Matcher(0.7f, 0.3f, true).match(anchors, gt);
        BoxCoder coder = new BoxCoder(1, 1, 1, 1);
        float[] want = new float[4];
        int pos = 0, neg = 0;
        for (int i = 0; i < 6300; i++) {
            float l = r.labels()[i];
            if (l == 1) {
                pos++;
                assertTrue(matches[i] >= 0);
                coder.encode(anchors, 4 * i, gt, 4 * matches[i], want, 0);
                for (int q = 0; q < 4; q++) {
                    assertEquals(want[q], r.regression()[4 * i + q], 0f);
                }
            } else {
                neg += l == 0 ? 1 : 0;
                assertTrue(l == -1 || matches[i] == Matcher.BELOW_LOW);
            }
        }
        assertEquals(r.positives(), pos);
        assertEquals(r.negatives(), neg);
        // same seed, same result
        assertArrayEquals(r.labels(), t.compute(anchors, gt, new Random(3)).labels());
    }

    @Test
    void degenerateGtIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RpnTargets().compute(ANCHORS, new float[] {0, 0, 10, 10, 3, 3, 3, 9}, new Random(1)));
        assertTrue(e.getMessage().contains("box 1"), e.getMessage());
    }
}
