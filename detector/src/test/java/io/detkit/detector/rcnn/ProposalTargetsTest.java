package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Box-head samples; default settings Matcher(0.5, 0.5, false), 512 rois, 25 % foreground, weights (10, 10, 5, 5). */
class ProposalTargetsTest {
    private static final float EPS = 1e-5f;

    @Test
    void handCase() {
        float[] gt = {0, 0, 10, 10};
        float[] proposals = {
            0, 0, 10, 8, // IoU 0.8 → foreground
            0, 0, 10, 4, // 0.4 → background
            50, 50, 60, 60, // 0 → background
        };
        ProposalTargets.Sample s = new ProposalTargets().sample(proposals, gt, new int[] {2}, new Random(1));
        // candidates: the 3 proposals, then the GT (index 3); foreground 0 and 3 first, then background 1, 2
        assertEquals(4, s.count());
        assertEquals(2, s.foreground());
        assertArrayEquals(new float[] {0, 0, 10, 8, 0, 0, 10, 10, 0, 0, 10, 4, 50, 50, 60, 60}, s.rois());
        // class 2 → label 3
        assertArrayEquals(new int[] {3, 3, 0, 0}, s.labels());
        // roi 0: p_w 10, p_h 8, centre (5, 4); GT centre (5, 5): dx = 0, dy = 10·(5 − 4)/8 = 1.25,
        // dw = 5·ln 1 = 0, dh = 5·ln(10/8) = 1.1157178; roi 1 is the GT matched to itself: 0
        float[] want = new float[16];
        want[1] = 1.25f;
        want[3] = 1.1157178f;
        assertArrayEquals(want, s.regression(), EPS);
    }

    @Test
    void gtAloneWhenThereAreNoProposals() {
        float[] gt = {0, 0, 10, 10, 20, 30, 50, 40};
        ProposalTargets.Sample s = new ProposalTargets().sample(new float[0], gt, new int[] {3, 0}, new Random(1));
        assertEquals(2, s.count());
        assertEquals(2, s.foreground());
        assertArrayEquals(gt, s.rois());
        assertArrayEquals(new int[] {4, 1}, s.labels());
        assertArrayEquals(new float[8], s.regression());
    }

    @Test
    void noGtMeansAllBackgroundAndNothingMeansEmpty() {
        float[] proposals = {0, 0, 10, 10, 5, 5, 20, 20, 1, 1, 1, 1};
        ProposalTargets.Sample s = new ProposalTargets().sample(proposals, new float[0], new int[0], new Random(1));
        assertEquals(3, s.count());
        assertEquals(0, s.foreground());
        assertArrayEquals(proposals, s.rois());
        assertArrayEquals(new int[3], s.labels());
        assertArrayEquals(new float[12], s.regression());

        s = new ProposalTargets().sample(new float[0], new float[0], new int[0], new Random(1));
        assertEquals(0, s.count());
        assertEquals(0, s.rois().length);
        assertEquals(0, s.regression().length);
    }

    @Test
    void foregroundIsCappedAtAQuarter() {
        // 1000 proposals jittered around GT 0 (IoU ≥ 0.81) and 1000 far away; GT 0 class 5, GT 1 class 0
        float[] gt = {100, 100, 200, 200, 300, 300, 310, 310};
        Random r = new Random(8);
        float[] proposals = new float[4 * 2000];
        for (int i = 0; i < 1000; i++) {
            // shift by at most 5 in x: IoU ≥ 95·100/(105·100) = 0.905
            float d = 10 * r.nextFloat() - 5;
            proposals[4 * i] = 100 + d;
            proposals[4 * i + 1] = 100;
            proposals[4 * i + 2] = 200 + d;
            proposals[4 * i + 3] = 200;
        }
        for (int i = 1000; i < 2000; i++) {
            proposals[4 * i] = 400 + i % 50;
            proposals[4 * i + 1] = 400;
            proposals[4 * i + 2] = 450 + i % 50;
            proposals[4 * i + 3] = 450;
        }
        ProposalTargets.Sample s = new ProposalTargets().sample(proposals, gt, new int[] {5, 0}, new Random(2));
        // ⌊512·0.25⌋ = 128 foreground of 1002, then 384 background of 1000
        assertEquals(512, s.count());
        assertEquals(128, s.foreground());
        for (int k = 0; k < 512; k++) {
            if (k < 128) {
                assertTrue(s.labels()[k] == 6 || s.labels()[k] == 1, "foreground label " + s.labels()[k]);
                // dy = dh = 0 for the x-shifted proposals and for the GT themselves; |dx| ≤ 10·5/100 = 0.5
                assertEquals(0f, s.regression()[4 * k + 1], EPS);
                assertTrue(Math.abs(s.regression()[4 * k]) <= 0.5f + EPS);
            } else {
                assertEquals(0, s.labels()[k]);
                assertTrue(s.rois()[4 * k] >= 400, "background roi " + k);
                for (int q = 0; q < 4; q++) {
                    assertEquals(0f, s.regression()[4 * k + q]);
                }
            }
        }
        ProposalTargets.Sample again = new ProposalTargets().sample(proposals, gt, new int[] {5, 0}, new Random(2));
        assertArrayEquals(s.rois(), again.rois());
    }

    @Test
    void badInputsAreRejected() {
        ProposalTargets t = new ProposalTargets();
        float[] p = {0, 0, 10, 10};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.sample(p, new float[] {0, 0, 10, 10, 4, 4, 2, 9}, new int[] {0, 0}, new Random(1)));
        assertTrue(e.getMessage().contains("box 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> t.sample(p, p, new int[] {0, 1}, new Random(1)));
        e = assertThrows(IllegalArgumentException.class, () -> t.sample(p, p, new int[] {-1}, new Random(1)));
        assertTrue(e.getMessage().contains("GT 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> t.sample(new float[] {0, Float.NaN, 1, 1}, p, new int[] {0}, new Random(1)));
    }
}
