package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Proposals on a hand-made two-level case; image 100 wide, 80 high. σ(3) = 0.95257413,
 * σ(2.5) = 0.92414182, σ(1.5) = 0.81757448, σ(−1) = 0.26894142.
 */
class ProposalGeneratorTest {
    private static final float EPS = 1e-5f;
    private static final float LN2 = (float) Math.log(2);

    /** Level 0: five anchors with zero deltas. */
    private static final float[] ANCHORS0 = {
        0, 0, 10, 10, // a0, logit 3
        1, 0, 11, 10, // a1, logit 2: IoU with a0 = 90/110 = 0.82 > 0.7 → suppressed by a0
        30, 30, 40, 40, // a2, logit 1: 4th best, cut by preNmsTopK 3
        60, 60, 70, 70, // a3, logit 0.5: cut by preNmsTopK 3
        50, 0, 50.5f, 10, // a4, logit 4: best, but 0.5 wide < minSize 1 → dropped
    };
    private static final float[] LOGITS0 = {3, 2, 1, 0.5f, 4};

    /** Level 1: three anchors. */
    private static final float[] ANCHORS1 = {
        -2, -2, 10, 10, // b0, logit 2.5, zero deltas: clipped to (0, 0, 10, 10) = a0, but another level
        80, 60, 100, 80, // b1, logit 1.5, deltas (0.5, 0, ln 2, 0): centre 90 + 0.5·20 = 100, w 40 →
                          // (80, 60, 120, 80), clipped to (80, 60, 100, 80)
        0, 50, 10, 60, // b2, logit −1, zero deltas
    };
    private static final float[] LOGITS1 = {2.5f, 1.5f, -1};
    private static final float[] DELTAS1 = {0, 0, 0, 0, 0.5f, 0, LN2, 0, 0, 0, 0, 0};

    private static ProposalGenerator.Proposals run(int postNmsTopK, float scoreThreshold) {
        ProposalGenerator g = new ProposalGenerator(new BoxCoder(1, 1, 1, 1), 3, postNmsTopK, 0.7f, 1f,
                scoreThreshold);
        return g.propose(new float[][] {LOGITS0, LOGITS1}, new float[][] {new float[20], DELTAS1},
                new float[][] {ANCHORS0, ANCHORS1}, 80, 100);
    }

    @Test
    void topKDecodeClipMinSizeNmsPerLevelAndPostTopK() {
        ProposalGenerator.Proposals p = run(3, 0);
        // level 0: top 3 by logit = a4, a0, a1; a4 too thin, a1 suppressed → a0
        // level 1: b0, b1, b2 all survive; b0 = a0 after clipping but levels do not suppress each other
        // by score: a0 (σ(3)), b0 (σ(2.5)), b1 (σ(1.5)), b2 (σ(−1)) → post top 3 cuts b2
        assertEquals(3, p.count());
        assertArrayEquals(new float[] {0, 0, 10, 10, 0, 0, 10, 10, 80, 60, 100, 80}, p.boxes(), EPS);
        assertArrayEquals(new float[] {0.95257413f, 0.92414182f, 0.81757448f}, p.scores(), EPS);

        p = run(10, 0);
        assertEquals(4, p.count());
        assertArrayEquals(new float[] {0, 50, 10, 60}, java.util.Arrays.copyOfRange(p.boxes(), 12, 16), EPS);
        assertEquals(0.26894142f, p.scores()[3], EPS);
    }

    @Test
    void scoreThresholdDropsLowProbabilities() {
        // σ(−1) = 0.269 < 0.5 and σ(1.5) = 0.818 ≥ 0.5: only b2 goes
        ProposalGenerator.Proposals p = run(10, 0.5f);
        assertArrayEquals(new float[] {0.95257413f, 0.92414182f, 0.81757448f}, p.scores(), EPS);
        // 0.9 drops σ(1.5) too
        assertEquals(2, run(10, 0.9f).count());
    }

    @Test
    void oneLevelSuppressesWhatTwoLevelsKeep() {
        // a0 and b0 (clipped to a0) in one level: b0 is suppressed (IoU 1 > 0.7)
        float[] anchors = {0, 0, 10, 10, -2, -2, 10, 10};
        ProposalGenerator g = new ProposalGenerator(new BoxCoder(1, 1, 1, 1), 10, 10, 0.7f, 1e-3f, 0f);
        ProposalGenerator.Proposals one = g.propose(new float[][] {{3, 2.5f}}, new float[][] {new float[8]},
                new float[][] {anchors}, 80, 100);
        assertEquals(1, one.count());
        assertEquals(0.95257413f, one.scores()[0], EPS);
        ProposalGenerator.Proposals two = g.propose(new float[][] {{3}, {2.5f}},
                new float[][] {new float[4], new float[4]},
                new float[][] {{0, 0, 10, 10}, {-2, -2, 10, 10}}, 80, 100);
        assertEquals(2, two.count());
    }

    @Test
    void topKOrdersByValueThenIndex() {
        float[] v = {1, 3, 3, -0.0f, 0.0f, Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, -2.5f};
        assertArrayEquals(new int[] {6, 1, 2, 0, 3, 4, 7, 5}, ProposalGenerator.topK(v, 8));
        assertArrayEquals(new int[] {6, 1, 2}, ProposalGenerator.topK(v, 3));
        assertEquals(0, ProposalGenerator.topK(new float[0], 0).length);
    }

    @Test
    void randomFullSizeImage() {
        // 320×320 input, 6300 anchors, random logits and deltas
        AnchorGenerator ag = new AnchorGenerator(new int[] {8, 16, 32}, new float[][] {{32}, {64}, {128}},
                new float[] {0.5f, 1f, 2f});
        int[] hw = {40, 20, 10};
        Random r = new Random(4);
        float[][] logits = new float[3][], deltas = new float[3][], anchors = new float[3][];
        for (int l = 0; l < 3; l++) {
            anchors[l] = ag.anchors(l, hw[l], hw[l]);
            int n = anchors[l].length / 4;
            logits[l] = new float[n];
            deltas[l] = new float[4 * n];
            for (int i = 0; i < n; i++) {
                logits[l][i] = (float) (2 * r.nextGaussian());
            }
            for (int i = 0; i < 4 * n; i++) {
                deltas[l][i] = (float) (0.3 * r.nextGaussian());
            }
        }
        ProposalGenerator g = new ProposalGenerator(new BoxCoder(1, 1, 1, 1), 2000, 1000, 0.7f, 1e-3f, 0f);
        ProposalGenerator.Proposals p = g.propose(logits, deltas, anchors, 320, 320);
        assertEquals(1000, p.count());
        for (int k = 0; k < p.count(); k++) {
            if (k > 0) {
                assertTrue(p.scores()[k - 1] >= p.scores()[k], "descending at " + k);
            }
            float x1 = p.boxes()[4 * k], y1 = p.boxes()[4 * k + 1], x2 = p.boxes()[4 * k + 2], y2 = p.boxes()[4 * k + 3];
            assertTrue(x1 >= 0 && y1 >= 0 && x2 <= 320 && y2 <= 320, "clipped " + k);
            assertTrue(x2 - x1 >= 1e-3f && y2 - y1 >= 1e-3f, "size " + k);
        }
    }

    @Test
    void emptyAndBadInputs() {
        ProposalGenerator g = new ProposalGenerator(new BoxCoder(1, 1, 1, 1), 10, 10, 0.7f, 1e-3f, 0f);
        assertEquals(0, g.propose(new float[][] {{}}, new float[][] {{}}, new float[][] {{}}, 10, 10).count());
        assertEquals(0, g.propose(new float[0][], new float[0][], new float[0][], 10, 10).count());
        float[][] a = {{0, 0, 5, 5}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> g.propose(new float[][] {{Float.NaN}}, new float[][] {new float[4]}, a, 10, 10));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> g.propose(new float[][] {{1}}, new float[][] {{0, Float.NaN, 0, 0}}, a, 10, 10));
        assertThrows(IllegalArgumentException.class,
                () -> g.propose(new float[][] {{1, 2}}, new float[][] {new float[4]}, a, 10, 10));
        assertThrows(IllegalArgumentException.class,
                () -> g.propose(new float[][] {{1}}, new float[][] {new float[4]}, a, 0, 10));
        assertThrows(IllegalArgumentException.class,
                () -> new ProposalGenerator(new BoxCoder(1, 1, 1, 1), 0, 10, 0.7f, 1e-3f, 0f));
    }
}
