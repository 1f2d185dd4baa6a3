package io.detkit.detector.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Decoding a crafted head output for a 64×64 input (levels 8×8, 4×4, 2×2), 2 classes, batch 2. */
class YoloDecoderTest {
    private static final int C = 2;
    private static final int[] HW = {8, 4, 2};

    private final float[][] levels = new float[3][];

    YoloDecoderTest() {
        for (int l = 0; l < 3; l++) {
            levels[l] = new float[2 * (4 + C) * HW[l] * HW[l]];
            for (int n = 0; n < 2; n++) {
                for (int y = 0; y < HW[l]; y++) {
                    for (int x = 0; x < HW[l]; x++) {
                        set(l, n, y, x, -10f, -10f, 1, 1, 1, 1);
                    }
                }
            }
        }
    }

    /** Sets one anchor: two class logits and the four distances in strides. */
    private void set(int l, int n, int y, int x, float logit0, float logit1, double dl, double dt, double dr, double db) {
        float[] v = {raw(dl), raw(dt), raw(dr), raw(db), logit0, logit1};
        int hw = HW[l];
        for (int ch = 0; ch < 4 + C; ch++) {
            levels[l][((n * (4 + C) + ch) * hw + y) * hw + x] = v[ch];
        }
    }

    private static float raw(double strides) {
        return (float) YoloOutputs.rawForDistance(strides);
    }

    private NDList preds(NDManager m) {
        NDList out = new NDList();
        for (int l = 0; l < 3; l++) {
            out.add(m.create(levels[l], new Shape(2, 4 + C, HW[l], HW[l])));
        }
        return out;
    }

    private static void assertBox(Box want, Box got) {
        double[] w = want.toXyxy(), g = got.toXyxy();
        for (int i = 0; i < 4; i++) {
            assertEquals(w[i], g[i], 1e-4, "box " + Arrays.toString(g));
        }
    }

    @Test
    void decodesTheCraftedBoxesAndSuppressesDuplicates() {
        // level 0 (stride 8), cell (y=2, x=3), centre (28, 20); distances (1, 2, 1, 2) strides
        // = (8, 16, 8, 16) px → box (20, 4, 36, 36), class 1, score σ(5)
        set(0, 0, 2, 3, -10f, 5f, 1, 2, 1, 2);
        // neighbour (y=2, x=4), centre (36, 20), distances (2, 2, 1, 2) → (20, 4, 44, 36), class 1,
        // score σ(3): IoU with the first = 512/768 = 0.67 > 0.5 → suppressed
        set(0, 0, 2, 4, -10f, 3f, 2, 2, 1, 2);
        // level 1 (stride 16), cell (y=1, x=1), centre (24, 24), distances (1, 1, 1, 1) = 16 px
        // → (8, 8, 40, 40), class 0, score σ(4): other class, kept
        set(1, 0, 1, 1, 4f, -10f, 1, 1, 1, 1);
        // level 2 (stride 32), cell (1, 1), centre (48, 48), distances 1 stride = 32 px →
        // (16, 16, 80, 80) clipped to (16, 16, 64, 64), class 0, score σ(0.5) = 0.62
        set(2, 0, 1, 1, 0.5f, -10f, 1, 1, 1, 1);
        try (NDManager m = NDManager.newBaseManager()) {
            YoloDecoder decoder = YoloDecoder.builder().build();
            List<List<Detection>> out = decoder.decode(preds(m), 0.25f, 0.5f, 100);
            assertEquals(2, out.size());
            List<Detection> d = out.get(0);
            assertEquals(3, d.size(), d.toString());
            assertEquals(1, d.get(0).classId());
            assertEquals(1 / (1 + Math.exp(-5)), d.get(0).score(), 1e-6);
            assertBox(new Box(20, 4, 36, 36), d.get(0).box());
            assertEquals(0, d.get(1).classId());
            assertEquals(1 / (1 + Math.exp(-4)), d.get(1).score(), 1e-6);
            assertBox(new Box(8, 8, 40, 40), d.get(1).box());
            assertBox(new Box(16, 16, 64, 64), d.get(2).box());
            assertTrue(out.get(1).isEmpty(), "image 1 has nothing above the threshold");

            // confidence threshold and maxDet
            assertEquals(2, decoder.decode(preds(m), 0.7f, 0.5f, 100).get(0).size());
            assertEquals(1, decoder.decode(preds(m), 0.25f, 0.5f, 1).get(0).size());
            // a looser IoU threshold keeps the duplicate
            assertEquals(4, decoder.decode(preds(m), 0.25f, 0.7f, 100).get(0).size());
            // multi-label: the cell with both classes high proposes both
            set(0, 1, 0, 0, 3f, 3f, 1, 1, 1, 1);
            assertEquals(1, decoder.decode(preds(m), 0.25f, 0.5f, 100).get(1).size());
            List<Detection> multi = YoloDecoder.builder().optMultiLabel(true).build().decode(preds(m), 0.25f, 0.5f, 100)
                    .get(1);
            assertEquals(2, multi.size());
            assertEquals(Set.of(0, 1), new HashSet<>(List.of(multi.get(0).classId(), multi.get(1).classId())));
        }
    }

    @Test
    void greedyNmsIsClassAwareAndOrderedByScore() {
        double[] boxes = {0, 0, 10, 10, 1, 1, 11, 11, 0, 0, 10, 10, 50, 50, 60, 60};
        double[] scores = {0.5, 0.9, 0.8, 0.5};
        int[] classes = {0, 0, 1, 0};
        int[] keep = GreedyClassAwareNms.INSTANCE.select(boxes, scores, classes, 0.5);
        // 1 (0.9) suppresses 0 (IoU 81/119 = 0.68); 2 is another class; 3 does not overlap; tie 0/3 irrelevant
        assertEquals("[1, 2, 3]", Arrays.toString(keep));
    }
}
