package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.detkit.detector.testing.GradientCheck;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link RoiAlign} against hand-computed values, against a per-sample-point reference written
 * here in plain loops (a direct transcription of torchvision's {@code roi_align} CPU kernel's
 * semantics, not of the separable matrices the class uses), and its gradient against central
 * differences.
 */
class RoiAlignTest {

    /** 1×1×4×4 map with F[h, w] = 10h + w. */
    private static NDArray ramp(NDManager m) {
        float[] v = new float[16];
        for (int h = 0; h < 4; h++) {
            for (int w = 0; w < 4; w++) {
                v[4 * h + w] = 10 * h + w;
            }
        }
        return m.create(v, new Shape(1, 1, 4, 4));
    }

    private static float[] align(NDArray f, int sampling, boolean aligned, float scale, float... roi) {
        return new RoiAlign(2, sampling, aligned).apply(f, roi, new int[roi.length / 4], scale).toFloatArray();
    }

    /*
     * On the ramp, bilinear interpolation inside [0, 3]² is exact: b(y, x) = 10y + x. Outside, a
     * coordinate in [-1, 0] reads as 0, one in [3, 4] as 3, and a sample with a coordinate < -1 or
     * > 4 contributes 0 (but still counts in the average). Since the validity and the value split
     * per axis, for a bin with per-axis sample sets Y, X (s_y, s_x samples):
     *   out = (1/(s_y·s_x)) Σ_y Σ_x v(y) v(x) (10·ŷ + x̂)
     *       = (10·(Σ v(y)ŷ)(Σ v(x)) + (Σ v(y))(Σ v(x)x̂)) / (s_y·s_x)
     * with v = 1 for a valid coordinate, ŷ the clamped one.
     */

    @Test
    void handComputedAligned() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = ramp(m);
            // (0.5, 0.5, 2.5, 2.5): start 0.5 − 0.5 = 0, size 2, bin 1.
            // sampling 1: samples at 0.5 and 1.5 → 10y + x = 5.5, 6.5 / 15.5, 16.5
            assertArrayEquals(new float[] {5.5f, 6.5f, 15.5f, 16.5f}, align(f, 1, true, 1f, 0.5f, 0.5f, 2.5f, 2.5f), 1e-6f);
            // sampling 2: samples 0.25, 0.75 (mean 0.5) and 1.25, 1.75 (mean 1.5): the same, as the map is linear
            assertArrayEquals(new float[] {5.5f, 6.5f, 15.5f, 16.5f}, align(f, 2, true, 1f, 0.5f, 0.5f, 2.5f, 2.5f), 1e-6f);

            // (2, 2, 6, 6): start 1.5, size 4, bin 2.
            // sampling 1: samples 2.5, 4.5; 4.5 > H = 4 contributes 0 → only cell (0,0): 25 + 2.5 = 27.5
            assertArrayEquals(new float[] {27.5f, 0, 0, 0}, align(f, 1, true, 1f, 2, 2, 6, 6), 1e-6f);
            // sampling 2: bin 0 samples 2.0, 3.0 → valid, clamped 2, 3: Σv = 2, Σvŷ = 5;
            //             bin 1 samples 4.0 (valid, ≥ H−1 → row 3), 5.0 (> 4, invalid): Σv = 1, Σvŷ = 3
            // (0,0) = (10·5·2 + 2·5)/4 = 27.5   (0,1) = (10·5·1 + 2·3)/4 = 14
            // (1,0) = (10·3·2 + 1·5)/4 = 16.25  (1,1) = (10·3·1 + 1·3)/4 = 8.25
            float[] s2 = {27.5f, 14f, 16.25f, 8.25f};
            assertArrayEquals(s2, align(f, 2, true, 1f, 2, 2, 6, 6), 1e-6f);
            // adaptive: ⌈size / out⌉ = ⌈4 / 2⌉ = 2 samples per side, as sampling 2
            assertArrayEquals(s2, align(f, 0, true, 1f, 2, 2, 6, 6), 1e-6f);

            // (-1.5, -1.5, 2.5, 2.5): start −2, size 4, bin 2.
            // sampling 1: samples −1.0 (valid, reads 0) and 1.0 → 0, 1 / 10, 11
            assertArrayEquals(new float[] {0, 1, 10, 11}, align(f, 1, true, 1f, -1.5f, -1.5f, 2.5f, 2.5f), 1e-6f);
            // sampling 2: bin 0 samples −1.5 (invalid), −0.5 (reads 0): Σv = 1, Σvŷ = 0;
            //             bin 1 samples 0.5, 1.5: Σv = 2, Σvŷ = 2
            // (0,0) = 0   (0,1) = (0 + 1·2)/4 = 0.5   (1,0) = (10·2·1 + 0)/4 = 5   (1,1) = (10·2·2 + 2·2)/4 = 11
            assertArrayEquals(new float[] {0, 0.5f, 5, 11}, align(f, 2, true, 1f, -1.5f, -1.5f, 2.5f, 2.5f), 1e-6f);

            // tiny (1, 1, 1.5, 1.5): start 0.5, size 0.5 (not forced to 1 when aligned), bin 0.25;
            // samples 0.625, 0.875 → 6.25 + 0.625 = 6.875, 7.125 / 9.375, 9.625
            assertArrayEquals(new float[] {6.875f, 7.125f, 9.375f, 9.625f}, align(f, 1, true, 1f, 1, 1, 1.5f, 1.5f), 1e-6f);

            // spatial scale 0.5: (3, 3, 7, 7) → start 1.5 − 0.5 = 1, size 2, bin 1, samples 1.5, 2.5
            assertArrayEquals(new float[] {16.5f, 17.5f, 26.5f, 27.5f}, align(f, 1, true, 0.5f, 3, 3, 7, 7), 1e-6f);
        }
    }

    @Test
    void handComputedNotAligned() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = ramp(m);
            // (1, 1, 3, 3): start 1 (no offset), size 2, bin 1; samples 1.5, 2.5
            assertArrayEquals(new float[] {16.5f, 17.5f, 26.5f, 27.5f}, align(f, 1, false, 1f, 1, 1, 3, 3), 1e-6f);
            // tiny (1, 1, 1.5, 1.5): size 0.5 forced to 1, bin 0.5; samples 1.25, 1.75
            // → 12.5 + 1.25 = 13.75, 14.25 / 18.75, 19.25
            assertArrayEquals(new float[] {13.75f, 14.25f, 18.75f, 19.25f}, align(f, 1, false, 1f, 1, 1, 1.5f, 1.5f), 1e-6f);
            // scale 0.5, (2, 2, 6, 6) → start 1, size 2, bin 1; sampling 2: samples 1.25, 1.75 (mean 1.5),
            // 2.25, 2.75 (mean 2.5)
            assertArrayEquals(new float[] {16.5f, 17.5f, 26.5f, 27.5f}, align(f, 2, false, 0.5f, 2, 2, 6, 6), 1e-6f);
            // (2, 2, 6, 6), scale 1: start 2, size 4, bin 2; sampling 2:
            // bin 0 samples 2.5, 3.5 (≥ H−1 → row 3): Σv = 2, Σvŷ = 5.5; bin 1 samples 4.5, 5.5 > 4: Σv = 0
            // (0,0) = (10·5.5·2 + 2·5.5)/4 = 30.25, every other cell 0
            assertArrayEquals(new float[] {30.25f, 0, 0, 0}, align(f, 2, false, 1f, 2, 2, 6, 6), 1e-6f);
        }
    }

    @Test
    void handComputedSeveralRoisAndChannels() {
        try (NDManager m = NDManager.newBaseManager()) {
            // two images, two channels: image 1 channel 0 = ramp, channel 1 = 2·ramp; image 0 = −ramp
            NDArray r = ramp(m);
            NDArray f = r.neg().concat(r.neg(), 1).concat(r.concat(r.mul(2), 1), 0);
            NDArray out = new RoiAlign(2, 1, true).apply(f, new float[] {0.5f, 0.5f, 2.5f, 2.5f, 2, 2, 6, 6}, new int[] {1, 0}, 1f);
            assertEquals(new Shape(2, 2, 2, 2), out.getShape());
            assertArrayEquals(new float[] {5.5f, 6.5f, 15.5f, 16.5f, 11, 13, 31, 33, -27.5f, 0, 0, 0, -27.5f, 0, 0, 0},
                    out.toFloatArray(), 1e-6f);
        }
    }

    /** torchvision's bilinear_interpolate, one sample of one channel plane. */
    private static double bilinear(double[] f, int plane, int h, int w, double y, double x) {
        if (y < -1.0 || y > h || x < -1.0 || x > w) {
            return 0;
        }
        if (y <= 0) {
            y = 0;
        }
        if (x <= 0) {
            x = 0;
        }
        int yLow = (int) y, xLow = (int) x, yHigh, xHigh;
        if (yLow >= h - 1) {
            yHigh = yLow = h - 1;
            y = yLow;
        } else {
            yHigh = yLow + 1;
        }
        if (xLow >= w - 1) {
            xHigh = xLow = w - 1;
            x = xLow;
        } else {
            xHigh = xLow + 1;
        }
        double ly = y - yLow, lx = x - xLow, hy = 1 - ly, hx = 1 - lx;
        return hy * hx * f[plane + yLow * w + xLow] + hy * lx * f[plane + yLow * w + xHigh] + ly * hx * f[plane + yHigh * w + xLow]
                + ly * lx * f[plane + yHigh * w + xHigh];
    }

    /** roi_align per output cell and sample point, in double. */
    static double[] reference(double[] f, long[] shape, float[] rois, int[] batchIndex, float scale, int out, int sampling,
            boolean aligned) {
        int c = (int) shape[1], h = (int) shape[2], w = (int) shape[3];
        int r = batchIndex.length;
        double[] result = new double[r * c * out * out];
        double offset = aligned ? 0.5 : 0;
        for (int k = 0; k < r; k++) {
            double x0 = rois[4 * k] * (double) scale - offset, y0 = rois[4 * k + 1] * (double) scale - offset;
            double rw = rois[4 * k + 2] * (double) scale - offset - x0, rh = rois[4 * k + 3] * (double) scale - offset - y0;
            if (!aligned) {
                rw = Math.max(rw, 1);
                rh = Math.max(rh, 1);
            }
            double binH = rh / out, binW = rw / out;
            int gh = sampling > 0 ? sampling : (int) Math.ceil(rh / out);
            int gw = sampling > 0 ? sampling : (int) Math.ceil(rw / out);
            double count = Math.max(gh * gw, 1);
            for (int ch = 0; ch < c; ch++) {
                int plane = (batchIndex[k] * c + ch) * h * w;
                for (int i = 0; i < out; i++) {
                    for (int j = 0; j < out; j++) {
                        double sum = 0;
                        for (int iy = 0; iy < gh; iy++) {
                            double y = y0 + i * binH + (iy + 0.5) * binH / gh;
                            for (int ix = 0; ix < gw; ix++) {
                                double x = x0 + j * binW + (ix + 0.5) * binW / gw;
                                sum += bilinear(f, plane, h, w, y, x);
                            }
                        }
                        result[((k * c + ch) * out + i) * out + j] = sum / count;
                    }
                }
            }
        }
        return result;
    }

    /**
     * Random RoIs on an image of {@code imgW × imgH} pixels: inside, partly and fully outside,
     * tiny (down to 0.01 px), empty, inverted, and larger than the image.
     */
    static float[] randomRois(Random rnd, int count, float imgW, float imgH) {
        float[] rois = new float[4 * count];
        for (int k = 0; k < count; k++) {
            float x1, y1, bw, bh;
            switch (k % 7) {
                case 0, 1 -> { // inside
                    x1 = rnd.nextFloat() * imgW * 0.7f;
                    y1 = rnd.nextFloat() * imgH * 0.7f;
                    bw = 1 + rnd.nextFloat() * (imgW - x1 - 1);
                    bh = 1 + rnd.nextFloat() * (imgH - y1 - 1);
                }
                case 2 -> { // partly outside on any side
                    x1 = (rnd.nextFloat() - 0.5f) * imgW * 1.2f;
                    y1 = (rnd.nextFloat() - 0.5f) * imgH * 1.2f;
                    bw = imgW * (0.3f + rnd.nextFloat());
                    bh = imgH * (0.3f + rnd.nextFloat());
                }
                case 3 -> { // fully outside (right/below or left/above)
                    boolean after = rnd.nextBoolean();
                    x1 = after ? imgW * (1.1f + rnd.nextFloat()) : -imgW * (0.6f + rnd.nextFloat());
                    y1 = rnd.nextFloat() * imgH;
                    bw = imgW * 0.4f * rnd.nextFloat() + 0.5f;
                    bh = imgH * 0.4f * rnd.nextFloat() + 0.5f;
                }
                case 4 -> { // tiny
                    x1 = rnd.nextFloat() * imgW;
                    y1 = rnd.nextFloat() * imgH;
                    bw = 0.01f + rnd.nextFloat();
                    bh = 0.01f + rnd.nextFloat();
                }
                case 5 -> { // larger than the image (many adaptive samples)
                    x1 = -imgW * 0.3f * rnd.nextFloat();
                    y1 = -imgH * 0.3f * rnd.nextFloat();
                    bw = imgW * (1.2f + rnd.nextFloat());
                    bh = imgH * (1.2f + rnd.nextFloat());
                }
                default -> { // empty in one axis, or inverted
                    x1 = rnd.nextFloat() * imgW;
                    y1 = rnd.nextFloat() * imgH;
                    bw = rnd.nextBoolean() ? 0 : -2 * rnd.nextFloat();
                    bh = 1 + rnd.nextFloat() * imgH / 2;
                }
            }
            rois[4 * k] = x1;
            rois[4 * k + 1] = y1;
            rois[4 * k + 2] = x1 + bw;
            rois[4 * k + 3] = y1 + bh;
        }
        return rois;
    }

    static double[] gaussian(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return v;
    }

    private static void compareWithReference(DataType type, double tolerance, long chunkElements) {
        Random rnd = new Random(7);
        long[] shape = {3, 4, 7, 9};
        float scale = 0.5f; // image 18 × 14 px
        try (NDManager m = NDManager.newBaseManager()) {
            double[] fv = gaussian(rnd, 3 * 4 * 7 * 9);
            NDArray f = m.create(fv, new Shape(shape)).toType(type, false);
            if (type == DataType.FLOAT32) { // the reference reads the same rounded values
                float[] rounded = f.toFloatArray();
                for (int i = 0; i < fv.length; i++) {
                    fv[i] = rounded[i];
                }
            }
            int count = 40;
            float[] rois = randomRois(rnd, count, 18, 14);
            float[] copy = rois.clone();
            int[] batch = new int[count];
            for (int k = 0; k < count; k++) {
                batch[k] = rnd.nextInt(3);
            }
            for (int out : new int[] {1, 2, 3, 7}) {
                for (int sampling : new int[] {0, 1, 2, 3}) {
                    for (boolean aligned : new boolean[] {true, false}) {
                        NDArray y = new RoiAlign(out, sampling, aligned, chunkElements).apply(f, rois, batch, scale);
                        String what = type + " out " + out + " sampling " + sampling + " aligned " + aligned;
                        assertEquals(new Shape(count, 4, out, out), y.getShape(), what);
                        assertEquals(type, y.getDataType(), what);
                        double[] expected = reference(fv, shape, rois, batch, scale, out, sampling, aligned);
                        double[] actual = y.toType(DataType.FLOAT64, false).toDoubleArray();
                        assertArrayEquals(expected, actual, tolerance, what);
                    }
                }
            }
            assertArrayEquals(copy, rois, "rois must not be modified");
        }
    }

    @Test
    void equalsPerSampleReferenceFloat32() {
        compareWithReference(DataType.FLOAT32, 1e-5, RoiAlign.CHUNK_ELEMENTS);
    }

    @Test
    void equalsPerSampleReferenceFloat64() {
        compareWithReference(DataType.FLOAT64, 1e-10, RoiAlign.CHUNK_ELEMENTS);
    }

    /** Chunks of one, and of a few RoIs per image, give the same values as one product per image. */
    @Test
    void chunkedEqualsReference() {
        compareWithReference(DataType.FLOAT64, 1e-10, 1);
        compareWithReference(DataType.FLOAT64, 1e-10, 4 * 9 * 7 * 3);
    }

    @Test
    void adaptiveSamplingOfLargeRoisOnALargerMap() {
        Random rnd = new Random(11);
        long[] shape = {2, 3, 20, 16};
        try (NDManager m = NDManager.newBaseManager()) {
            double[] fv = gaussian(rnd, 2 * 3 * 20 * 16);
            NDArray f = m.create(fv, new Shape(shape));
            float[] rois = randomRois(rnd, 30, 128, 160);
            int[] batch = new int[30];
            for (int k = 0; k < batch.length; k++) {
                batch[k] = (k * 7) % 2;
            }
            NDArray y = new RoiAlign(7, 0, true).apply(f, rois, batch, 0.125f);
            assertArrayEquals(reference(fv, shape, rois, batch, 0.125f, 7, 0, true), y.toDoubleArray(), 1e-10);
        }
    }

    @Test
    void gradientWithRespectToFeatures() {
        Random rnd = new Random(3);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.create(gaussian(rnd, 2 * 2 * 5 * 6), new Shape(2, 2, 5, 6));
            float[] rois = {1, 1, 7, 9, -3, -2, 5, 4, 8, 6, 13, 11, 2.2f, 3.1f, 2.6f, 3.3f, 10, 10, 30, 30, 0, 0, 12, 10};
            int[] batch = {0, 1, 1, 0, 0, 1};
            for (int sampling : new int[] {2, 0}) {
                for (boolean aligned : new boolean[] {true, false}) {
                    RoiAlign op = new RoiAlign(3, sampling, aligned);
                    GradientCheck.create().check(in -> op.apply(in.get(0), rois, batch, 0.5f), new NDList(f)).assertPassed();
                }
            }
        }
    }

    @Test
    void emptyRoiList() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.randomNormal(new Shape(2, 5, 6, 6));
            NDArray y = new RoiAlign(7, 2, true).apply(f, new float[0], new int[0], 0.25f);
            assertEquals(new Shape(0, 5, 7, 7), y.getShape());
            assertEquals(DataType.FLOAT32, y.getDataType());
            assertEquals(m, y.getManager());
        }
    }

    @Test
    void invalidArguments() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.zeros(new Shape(2, 3, 4, 4));
            RoiAlign op = new RoiAlign(2, 2, true);
            float[] one = {0, 0, 2, 2};
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.apply(f, one, new int[] {2}, 1f));
            assertTrue(e.getMessage().contains("batchIndex[0] = 2"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> op.apply(f, one, new int[] {-1}, 1f));
            assertThrows(IllegalArgumentException.class, () -> op.apply(f, one, new int[] {0, 1}, 1f));
            assertThrows(IllegalArgumentException.class, () -> op.apply(f, new float[] {0, 0, Float.NaN, 2}, new int[] {0}, 1f));
            assertThrows(IllegalArgumentException.class, () -> op.apply(f, one, new int[] {0}, 0f));
            assertThrows(IllegalArgumentException.class, () -> op.apply(f.reshape(6, 4, 4), one, new int[] {0}, 1f));
            assertThrows(IllegalArgumentException.class, () -> op.apply(f.toType(DataType.INT32, false), one, new int[] {0}, 1f));
            assertThrows(IllegalArgumentException.class, () -> new RoiAlign(0, 2, true));
        }
    }

    /** The result and the constants autograd keeps belong to the features' manager. */
    @Test
    void resultBelongsToTheFeaturesManager() {
        try (NDManager base = NDManager.newBaseManager()) {
            NDArray f = base.randomNormal(new Shape(2, 3, 5, 5));
            try (NDManager step = base.newSubManager()) {
                NDArray local = f.duplicate();
                local.attach(step);
                NDArray y = new RoiAlign(2, 2, true).apply(local, new float[] {0, 0, 4, 4, 1, 1, 3, 3}, new int[] {1, 0}, 1f);
                assertEquals(step, y.getManager());
            }
        }
    }

    /**
     * The interpolation matrices are created from Java memory and used again by the backward pass:
     * collecting garbage and reusing freed memory between forward and backward must not change
     * the gradient (see ScalarOps for the failure this guards against).
     */
    @Test
    void gradientDoesNotDependOnGarbageCollection() {
        float[] clean = gradient(false);
        float[] disturbed = gradient(true);
        assertArrayEquals(clean, disturbed);
        for (float g : clean) {
            assertTrue(Float.isFinite(g));
        }
    }

    private static float[] gradient(boolean disturb) {
        Random rnd = new Random(5);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray f = m.create(gaussian(rnd, 3 * 4 * 8 * 8), new Shape(3, 4, 8, 8)).toType(DataType.FLOAT32, false);
            f.setRequiresGradient(true);
            float[] rois = randomRois(rnd, 20, 32, 32);
            int[] batch = new int[20];
            for (int k = 0; k < batch.length; k++) {
                batch[k] = k % 3;
            }
            List<Object> hold = new ArrayList<>();
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = new RoiAlign(3, 2, true).apply(f, rois, batch, 0.25f);
                NDArray loss = y.mul(y).sum();
                if (disturb) {
                    for (int round = 0; round < 3; round++) {
                        System.gc();
                        try {
                            Thread.sleep(30);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                    for (int i = 0; i < 5_000; i++) { // sizes of the matrices here: up to 8·7·3 floats
                        ByteBuffer b = ByteBuffer.allocateDirect(4 * (1 + i % 200)).order(ByteOrder.nativeOrder());
                        while (b.remaining() >= 4) {
                            b.putFloat(Float.NaN);
                        }
                        hold.add(b);
                    }
                }
                gc.backward(loss);
            }
            float[] g = f.getGradient().toFloatArray();
            hold.clear();
            return g;
        }
    }
}
