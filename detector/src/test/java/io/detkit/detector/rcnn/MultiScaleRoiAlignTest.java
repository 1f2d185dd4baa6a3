package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.detkit.detector.testing.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link MultiScaleRoiAlign}: the FPN level rule by hand, and pooling equal to per-level {@link RoiAlign}. */
class MultiScaleRoiAlignTest {

    private static float[] square(float x, float y, float side) {
        return new float[] {x, y, x + side, y + side};
    }

    private static float[] concat(float[]... boxes) {
        float[] out = new float[4 * boxes.length];
        for (int i = 0; i < boxes.length; i++) {
            System.arraycopy(boxes[i], 0, out, 4 * i, 4);
        }
        return out;
    }

    @Test
    void levelRuleByHand() {
        // strides 4, 8, 16, 32 = levels 2, 3, 4, 5 (indices 0..3); k = ⌊4 + log2(√(w·h)/224) + 1e-6⌋
        MultiScaleRoiAlign p = new MultiScaleRoiAlign(new int[] {4, 8, 16, 32}, 7, 2, 224, 4);
        float[] rois = concat(
                square(10, 20, 224), // log2(1) = 0 → k 4 → index 2
                square(0, 0, 112), // log2(1/2) = −1 → k 3 → index 1
                square(5, 5, 448), // log2(2) = 1 → k 5 → index 3
                square(0, 0, 223), // log2(223/224) = −0.0065 → k 3 → index 1
                square(0, 0, 56), // log2(1/4) = −2 → k 2 → index 0
                square(3, 3, 4), // log2(4/224) = −5.8 → k −1 → clamped to 2 → index 0
                square(0, 0, 3000), // log2(3000/224) = 3.74 → k 7 → clamped to 5 → index 3
                new float[] {0, 0, 112, 448}, // √(112·448) = 224 → k 4 → index 2
                new float[] {50, 50, 50, 90}, // area 0 → the finest level
                new float[] {60, 60, 40, 90}); // inverted (negative area) → the finest level
        assertArrayEquals(new int[] {2, 1, 3, 1, 0, 0, 3, 2, 0, 0}, p.levels(rois));
        // strides 8, 16, 32 = levels 3..5: 224 → k 4 → index 1; 112 → 3 → 0; 448 → 5 → 2; 56 → 2 → clamped to 3 → 0
        MultiScaleRoiAlign q = new MultiScaleRoiAlign(new int[] {8, 16, 32}, 7, 2, 224, 4);
        assertArrayEquals(new int[] {1, 0, 2, 0}, q.levels(concat(square(0, 0, 224), square(0, 0, 112), square(0, 0, 448), square(0, 0, 56))));
        // canonical 112 at level 3 moves every box one level up: 224 → k 4 → index 1 with strides 8..32
        MultiScaleRoiAlign c = new MultiScaleRoiAlign(new int[] {8, 16, 32}, 7, 2, 112, 3);
        assertArrayEquals(new int[] {1, 2, 0}, c.levels(concat(square(0, 0, 224), square(0, 0, 448), square(0, 0, 112))));
    }

    private static void equalsPerLevel(DataType type, double tolerance) {
        Random rnd = new Random(21);
        int[] strides = {8, 16, 32};
        int n = 2, c = 3, imgH = 128, imgW = 160;
        try (NDManager m = NDManager.newBaseManager()) {
            NDList levels = new NDList();
            for (int s : strides) {
                long[] shape = {n, c, imgH / s, imgW / s};
                levels.add(m.create(RoiAlignTest.gaussian(rnd, (int) new Shape(shape).size()), new Shape(shape)).toType(type, false));
            }
            // boxes of 10 to 800 px so that every level gets some, plus a few outside and degenerate ones
            int count = 36;
            float[] rois = new float[4 * count];
            int[] batch = new int[count];
            for (int k = 0; k < count; k++) {
                float side = (float) Math.exp(Math.log(10) + rnd.nextDouble() * Math.log(80));
                float x = rnd.nextFloat() * imgW - side / 4, y = rnd.nextFloat() * imgH - side / 4;
                float aspect = 0.5f + rnd.nextFloat();
                rois[4 * k] = x;
                rois[4 * k + 1] = y;
                rois[4 * k + 2] = k % 12 == 11 ? x : x + side * aspect;
                rois[4 * k + 3] = y + side / aspect;
                batch[k] = rnd.nextInt(n);
            }
            MultiScaleRoiAlign multi = new MultiScaleRoiAlign(strides, 7, 2, 224, 4);
            int[] level = multi.levels(rois);
            int[] used = new int[strides.length];
            for (int l : level) {
                used[l]++;
            }
            for (int u : used) {
                assertTrue(u > 0, "every level should be used: " + java.util.Arrays.toString(used));
            }
            NDArray y = multi.apply(levels, rois, batch);
            assertEquals(new Shape(count, c, 7, 7), y.getShape());
            assertEquals(type, y.getDataType());
            double[] actual = y.toType(DataType.FLOAT64, false).toDoubleArray();
            RoiAlign single = new RoiAlign(7, 2, true);
            int cell = c * 7 * 7;
            for (int k = 0; k < count; k++) {
                int l = level[k];
                float[] roi = {rois[4 * k], rois[4 * k + 1], rois[4 * k + 2], rois[4 * k + 3]};
                double[] expected = single.apply(levels.get(l), roi, new int[] {batch[k]}, 1f / strides[l])
                        .toType(DataType.FLOAT64, false).toDoubleArray();
                double[] got = java.util.Arrays.copyOfRange(actual, k * cell, (k + 1) * cell);
                assertArrayEquals(expected, got, tolerance, "roi " + k + " on level " + l);
            }
        }
    }

    @Test
    void equalsPerLevelRoiAlignFloat32() {
        equalsPerLevel(DataType.FLOAT32, 1e-6);
    }

    @Test
    void equalsPerLevelRoiAlignFloat64() {
        equalsPerLevel(DataType.FLOAT64, 1e-12);
    }

    @Test
    void gradientWithRespectToEveryLevel() {
        Random rnd = new Random(4);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p3 = m.create(RoiAlignTest.gaussian(rnd, 2 * 2 * 6 * 6), new Shape(2, 2, 6, 6));
            NDArray p4 = m.create(RoiAlignTest.gaussian(rnd, 2 * 2 * 3 * 3), new Shape(2, 2, 3, 3));
            MultiScaleRoiAlign multi = new MultiScaleRoiAlign(new int[] {8, 16}, 2, 0, 224, 4);
            float[] rois = concat(square(4, 4, 20), square(10, 2, 30), square(-5, 8, 40), square(2, 3, 240), square(0, 0, 48));
            int[] batch = {1, 0, 1, 0, 1};
            assertArrayEquals(new int[] {0, 0, 0, 1, 0}, multi.levels(rois));
            GradientCheck.create().check(in -> multi.apply(in, rois, batch), new NDList(p3, p4)).assertPassed();
        }
    }

    @Test
    void emptyAndInvalid() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDList levels = new NDList(m.zeros(new Shape(2, 4, 8, 8)), m.zeros(new Shape(2, 4, 4, 4)));
            MultiScaleRoiAlign multi = new MultiScaleRoiAlign(new int[] {8, 16}, 7, 2, 224, 4);
            assertEquals(new Shape(0, 4, 7, 7), multi.apply(levels, new float[0], new int[0]).getShape());
            float[] one = square(0, 0, 32);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> multi.apply(levels, one, new int[] {2}));
            assertTrue(e.getMessage().contains("batchIndex"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> multi.apply(new NDList(levels.get(0)), one, new int[] {0}));
            NDList otherC = new NDList(levels.get(0), m.zeros(new Shape(2, 3, 4, 4)));
            assertThrows(IllegalArgumentException.class, () -> multi.apply(otherC, one, new int[] {0}));
            assertThrows(IllegalArgumentException.class, () -> new MultiScaleRoiAlign(new int[] {8, 32}, 7, 2, 224, 4));
            assertThrows(IllegalArgumentException.class, () -> new MultiScaleRoiAlign(new int[] {16, 8}, 7, 2, 224, 4));
            assertThrows(IllegalArgumentException.class, () -> new MultiScaleRoiAlign(new int[] {12}, 7, 2, 224, 4));
            assertThrows(IllegalArgumentException.class, () -> new MultiScaleRoiAlign(new int[0], 7, 2, 224, 4));
        }
    }
}
