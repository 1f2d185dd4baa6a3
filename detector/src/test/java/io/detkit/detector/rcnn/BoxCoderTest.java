package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Box encoding worked by hand, round trips on random boxes, and the clamp. */
class BoxCoderTest {

    @Test
    void handWorkedEncodeWithWeights10_10_5_5() {
        BoxCoder c = new BoxCoder(10, 10, 5, 5);
        // ref (0, 0, 10, 20): p_w = 10, p_h = 20, centre (5, 10)
        // gt (2, 4, 22, 24): g_w = 20, g_h = 20, centre (12, 14)
        float[] ref = {0, 0, 10, 20};
        float[] gt = {2, 4, 22, 24};
        float[] d = new float[4];
        c.encode(ref, 0, gt, 0, d, 0);
        // dx = 10·(12 − 5)/10 = 7, dy = 10·(14 − 10)/20 = 2, dw = 5·ln(20/10) = 3.4657359, dh = 5·ln(1) = 0
        assertArrayEquals(new float[] {7, 2, 3.4657359f, 0}, d, 1e-6f);
        float[] back = new float[4];
        c.decode(ref, 0, d, 0, back, 0);
        assertArrayEquals(gt, back, 1e-5f);
    }

    @Test
    void offsetsAreHonoured() {
        BoxCoder c = new BoxCoder(1, 1, 1, 1);
        // ref (0, 0, 10, 8) at offset 4, gt (0, 0, 10, 10) at offset 8, out at offset 2:
        // dx = 0, dy = (5 − 4)/8 = 0.125, dw = ln 1 = 0, dh = ln(10/8) = 0.22314355
        float[] ref = {9, 9, 9, 9, 0, 0, 10, 8};
        float[] gt = {7, 7, 7, 7, 7, 7, 7, 7, 0, 0, 10, 10};
        float[] out = new float[6];
        c.encode(ref, 4, gt, 8, out, 2);
        assertArrayEquals(new float[] {0, 0, 0, 0.125f, 0, 0.22314355f}, out, 1e-6f);
    }

    @Test
    void roundTripOnRandomBoxes() {
        Random r = new Random(7);
        int n = 2000;
        float[] refs = randomBoxes(r, n);
        float[] gts = randomBoxes(r, n);
        for (BoxCoder c : new BoxCoder[] {new BoxCoder(1, 1, 1, 1), new BoxCoder(10, 10, 5, 5)}) {
            float[] back = c.decodeAll(refs, c.encodeAll(refs, gts));
            assertArrayEquals(gts, back, 1e-4f, c.toString());
        }
    }

    /** Boxes in [0, 512]² with sides in [8, 256]: side ratios stay below 62.5, inside the clamp. */
    private static float[] randomBoxes(Random r, int n) {
        float[] b = new float[4 * n];
        for (int i = 0; i < n; i++) {
            float w = 8 + 248 * r.nextFloat(), h = 8 + 248 * r.nextFloat();
            float x = (512 - w) * r.nextFloat(), y = (512 - h) * r.nextFloat();
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + w;
            b[4 * i + 3] = y + h;
        }
        return b;
    }

    @Test
    void decodeClampsLargeLogSizes() {
        assertEquals(Math.log(1000.0 / 16), BoxCoder.DEFAULT_CLAMP, 1e-6);
        assertEquals(4.1351666f, BoxCoder.DEFAULT_CLAMP, 1e-6f);
        float[] ref = {0, 0, 16, 16};
        float[] out = new float[4];
        // weights 1: dw = dh = 10 > ln 62.5 → w = h = 16·62.5 = 1000 around the centre (8, 8)
        new BoxCoder(1, 1, 1, 1).decode(ref, 0, new float[] {0, 0, 10, 10}, 0, out, 0);
        assertArrayEquals(new float[] {-492, -492, 508, 508}, out, 1e-2f);
        // weights (10, 10, 5, 5): the clamp applies to dw/ww = 50/5 = 10, the same box
        new BoxCoder(10, 10, 5, 5).decode(ref, 0, new float[] {0, 0, 50, 50}, 0, out, 0);
        assertArrayEquals(new float[] {-492, -492, 508, 508}, out, 1e-2f);
        // below the clamp: dw = ln 2 → w = 32, 8 ∓ 16; the clamp is one-sided: dh = −10 → h = 16·e^−10
        new BoxCoder(1, 1, 1, 1).decode(ref, 0, new float[] {0, 0, (float) Math.log(2), -10}, 0, out, 0);
        double h = 16 * Math.exp(-10);
        assertArrayEquals(new float[] {-8, (float) (8 - h / 2), 24, (float) (8 + h / 2)}, out, 1e-5f);
    }

    @Test
    void badInputsAreRejected() {
        BoxCoder c = new BoxCoder(1, 1, 1, 1);
        float[] out = new float[4];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.encode(new float[] {0, 0, 10, 10}, 0, new float[] {5, 5, 5, 9}, 0, out, 0));
        assertTrue(e.getMessage().contains("target box"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> c.decode(new float[] {0, 0, 10, 10}, 0, new float[] {0, Float.NaN, 0, 0}, 0, out, 0));
        assertThrows(IllegalArgumentException.class, () -> c.encodeAll(new float[4], new float[8]));
        assertThrows(IllegalArgumentException.class, () -> c.decodeAll(new float[3], new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new BoxCoder(1, 0, 1, 1));
        assertEquals(0, c.encodeAll(new float[0], new float[0]).length);
    }
}
