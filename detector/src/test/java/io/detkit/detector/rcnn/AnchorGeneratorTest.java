package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Anchor coordinates worked by hand. With size s = 32 and ratio r = h/w: w = 32/√r, h = 32·√r, so
 * r = 0.5 → 45.254834 × 22.627417, r = 1 → 32 × 32, r = 2 → 22.627417 × 45.254834.
 */
class AnchorGeneratorTest {
    private static final float EPS = 1e-4f;

    private static AnchorGenerator fpn() {
        return new AnchorGenerator(new int[] {8, 16, 32}, new float[][] {{32}, {64}, {128}},
                new float[] {0.5f, 1f, 2f});
    }

    private static float[] box(float[] anchors, int index) {
        return Arrays.copyOfRange(anchors, 4 * index, 4 * index + 4);
    }

    @Test
    void stride8Size32ThreeRatiosAtTwoCells() {
        AnchorGenerator g = fpn();
        // 2×3 feature map, A = 3: 4·2·3·3 = 72 numbers
        float[] a = g.anchors(0, 2, 3);
        assertEquals(72, a.length);
        // cell (y=0, x=0): centre ((0 + 0.5)·8, (0 + 0.5)·8) = (4, 4), anchors 0..2
        // r = 0.5: 4 ∓ 45.254834/2 = 4 ∓ 22.627417, 4 ∓ 22.627417/2 = 4 ∓ 11.313708
        assertArrayEquals(new float[] {-18.627417f, -7.313708f, 26.627417f, 15.313708f}, box(a, 0), EPS);
        // r = 1: 4 ∓ 16
        assertArrayEquals(new float[] {-12, -12, 20, 20}, box(a, 1), EPS);
        // r = 2: 4 ∓ 11.313708, 4 ∓ 22.627417
        assertArrayEquals(new float[] {-7.313708f, -18.627417f, 15.313708f, 26.627417f}, box(a, 2), EPS);
        // cell (y=1, x=2): centre (2.5·8, 1.5·8) = (20, 12); index (1·3 + 2)·3 + a = 15 + a
        // r = 0.5: 20 ∓ 22.627417, 12 ∓ 11.313708
        assertArrayEquals(new float[] {-2.627417f, 0.686292f, 42.627417f, 23.313708f}, box(a, 15), EPS);
        // r = 1: 20 ∓ 16, 12 ∓ 16
        assertArrayEquals(new float[] {4, -4, 36, 28}, box(a, 16), EPS);
        // r = 2: 20 ∓ 11.313708, 12 ∓ 22.627417
        assertArrayEquals(new float[] {8.686292f, -10.627417f, 31.313708f, 34.627417f}, box(a, 17), EPS);
    }

    @Test
    void orderIsRowMajorCellsThenShapesWithSizesOuterRatiosInner() {
        // sizes {32, 64}, ratios {1, 4}: shapes a = 0: (32, 1) → 32×32, 1: (32, 4) → 16×64,
        // 2: (64, 1) → 64×64, 3: (64, 4) → 32×128
        AnchorGenerator g = new AnchorGenerator(new int[] {16}, new float[][] {{32, 64}}, new float[] {1, 4});
        assertEquals(4, g.anchorsPerLocation(0));
        int h = 3, w = 5;
        float[] a = g.anchors(0, h, w);
        assertEquals(4 * h * w * 4, a.length);
        float[][] wh = {{32, 32}, {16, 64}, {64, 64}, {32, 128}};
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int s = 0; s < 4; s++) {
                    int o = ((y * w + x) * 4 + s) * 4;
                    float cx = (x + 0.5f) * 16, cy = (y + 0.5f) * 16;
                    String at = "(y, x, a) = (" + y + ", " + x + ", " + s + ")";
                    assertEquals(cx, (a[o] + a[o + 2]) / 2, EPS, at);
                    assertEquals(cy, (a[o + 1] + a[o + 3]) / 2, EPS, at);
                    assertEquals(wh[s][0], a[o + 2] - a[o], EPS, at);
                    assertEquals(wh[s][1], a[o + 3] - a[o + 1], EPS, at);
                }
            }
        }
    }

    @Test
    void everyAnchorHasAreaSizeSquaredAndRatioHOverW() {
        AnchorGenerator g = fpn();
        float[] ratios = {0.5f, 1f, 2f};
        for (int l = 0; l < 3; l++) {
            float size = 32 << l;
            float[] a = g.anchors(l, 4, 6);
            assertEquals(4 * 4 * 6 * 3, a.length);
            for (int i = 0; i < a.length / 4; i++) {
                double bw = a[4 * i + 2] - a[4 * i], bh = a[4 * i + 3] - a[4 * i + 1];
                assertEquals(size * size, bw * bh, 1e-2, "level " + l + " anchor " + i);
                assertEquals(ratios[i % 3], bh / bw, 1e-5, "level " + l + " anchor " + i);
            }
        }
    }

    @Test
    void levelsCountsAndConcatenation() {
        AnchorGenerator g = fpn();
        assertEquals(3, g.levels());
        assertEquals(16, g.stride(1));
        for (int l = 0; l < 3; l++) {
            assertEquals(3, g.anchorsPerLocation(l));
        }
        // a 320×320 input: 40² + 20² + 10² = 2100 cells, 3 anchors each = 6300 anchors
        float[] all = g.allAnchors(new int[] {40, 20, 10}, new int[] {40, 20, 10});
        assertEquals(4 * 6300, all.length);
        float[] l1 = g.anchors(1, 20, 20);
        // level 1 starts after 40·40·3 = 4800 anchors
        assertArrayEquals(l1, Arrays.copyOfRange(all, 4 * 4800, 4 * 4800 + l1.length));
        // its first r = 1 anchor: centre (8, 8), size 64 → (8 ∓ 32)
        assertArrayEquals(new float[] {-24, -24, 40, 40}, box(l1, 1), EPS);
        assertEquals(0, g.anchors(2, 0, 7).length);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> new AnchorGenerator(new int[] {8, 16}, new float[][] {{32}}, new float[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new AnchorGenerator(new int[] {8}, new float[][] {{32}}, new float[] {}));
        assertThrows(IllegalArgumentException.class,
                () -> new AnchorGenerator(new int[] {8}, new float[][] {{32}}, new float[] {-1}));
        assertThrows(IllegalArgumentException.class,
                () -> new AnchorGenerator(new int[] {8}, new float[][] {{Float.NaN}}, new float[] {1}));
        assertThrows(IllegalArgumentException.class,
                () -> new AnchorGenerator(new int[] {0}, new float[][] {{32}}, new float[] {1}));
        AnchorGenerator g = fpn();
        assertThrows(IllegalArgumentException.class, () -> g.anchors(3, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> g.anchors(0, -1, 1));
    }
}
