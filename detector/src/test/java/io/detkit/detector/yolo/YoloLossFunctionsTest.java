package io.detkit.detector.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.detkit.detector.nn.BoxOps;
import io.detkit.detector.nn.Losses;
import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** BCE, focal and the NDArray IoU family against hand-computed and metrics-module values. */
class YoloLossFunctionsTest {

    @Test
    void bceWithLogitsHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {2f, -1f, 0f, 100f, -100f});
            NDArray z = m.create(new float[] {1f, 0f, 0.5f, 0f, 1f});
            float[] l = Losses.bceWithLogits(x, z).toFloatArray();
            // x=2,  z=1:   max(2,0) − 2·1 + log(1 + e^−2) = log(1.1353353) = 0.1269280
            assertEquals(0.1269280, l[0], 1e-6);
            // x=−1, z=0:   0 − 0 + log(1 + e^−1) = log(1.3678794) = 0.3132617
            assertEquals(0.3132617, l[1], 1e-6);
            // x=0,  z=0.5: 0 − 0 + log(1 + 1) = log 2 = 0.6931472
            assertEquals(0.6931472, l[2], 1e-6);
            // no overflow at large |x|: 100 − 0 + log(1 + e^−100) = 100; 0 + 100 + ~0 = 100
            assertEquals(100.0, l[3], 1e-4);
            assertEquals(100.0, l[4], 1e-4);
        }
    }

    @Test
    void focalLossHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {2f, -1f, 0f});
            NDArray z = m.create(new float[] {1f, 0f, 0.5f});
            float[] l = Losses.focalWithLogits(x, z, 2f, 0.25f).toFloatArray();
            // x=2, z=1: p = σ(2) = 0.8807971, p_t = p, (1 − p_t)² = 0.1192029² = 0.0142093,
            //   α_t = 0.25 → 0.1269280 · 0.0142093 · 0.25 = 4.50891e−4
            assertEquals(4.50891e-4, l[0], 1e-8);
            // x=−1, z=0: p = σ(−1) = 0.2689414, p_t = 1 − p, (1 − p_t)² = 0.2689414² = 0.0723295,
            //   α_t = 0.75 → 0.3132617 · 0.0723295 · 0.75 = 0.0169935
            assertEquals(0.0169935, l[1], 1e-7);
            // x=0, z=0.5: p = 0.5, 1 − p_t = p + z − 2zp = 0.5, (0.5)² = 0.25,
            //   α_t = 0.5·0.25 + 0.5·0.75 = 0.5 → 0.6931472 · 0.25 · 0.5 = 0.0866434
            assertEquals(0.0866434, l[2], 1e-7);
            // γ = 0 and no α is the BCE
            float[] plain = Losses.focalWithLogits(x, z, 0f, -1f).toFloatArray();
            assertEquals(0.1269280, plain[0], 1e-6);
            assertEquals(0.6931472, plain[2], 1e-6);
        }
    }

    private static double[] randomBoxes(Random rnd, int n) {
        double[] b = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double x = rnd.nextDouble() * 100, y = rnd.nextDouble() * 100;
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + 0.5 + rnd.nextDouble() * 60;
            b[4 * i + 3] = y + 0.5 + rnd.nextDouble() * 60;
        }
        return b;
    }

    @Test
    void iouFamilyMatchesMetricsModule() {
        Random rnd = new Random(7);
        int n = 300;
        double[] a = randomBoxes(rnd, n), b = randomBoxes(rnd, n);
        // a few identical and nested pairs
        System.arraycopy(a, 0, b, 0, 8);
        b[8] = a[8] + 1;
        b[9] = a[9] + 1;
        b[10] = a[10] - 1;
        b[11] = a[11] - 1;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray na = m.create(toFloat(a), new Shape(n, 4)), nb = m.create(toFloat(b), new Shape(n, 4));
            for (IouKind kind : IouKind.values()) {
                float[] got = BoxOps.iou(kind, na, nb).toFloatArray();
                double maxErr = 0;
                for (int i = 0; i < n; i++) {
                    double want = Iou.compute(kind, toDouble(toFloat(a), 4 * i), toDouble(toFloat(b), 4 * i), false);
                    maxErr = Math.max(maxErr, Math.abs(got[i] - want));
                }
                assertTrue(maxErr < 1e-5, kind + " max error " + maxErr);
            }
            // pairwise version: (n, 4) × (n, 4) → n×n, entry [i][j] = kind(a_i, b_j)
            float[] pw = BoxOps.pairwise(IouKind.GIOU, na.get("0:5"), nb.get("0:7")).toFloatArray();
            assertEquals(35, pw.length);
            double want = Iou.compute(IouKind.GIOU, toDouble(toFloat(a), 4 * 3), toDouble(toFloat(b), 4 * 6), false);
            assertEquals(want, pw[3 * 7 + 6], 1e-5);
        }
    }

    @Test
    void iouLossGradientsAreFinite() {
        Random rnd = new Random(11);
        int n = 64;
        double[] a = randomBoxes(rnd, n), b = randomBoxes(rnd, n);
        System.arraycopy(a, 0, b, 0, 4); // identical pair (v = 0)
        b[4] = b[6] = 10;
        b[5] = b[7] = 20; // zero-size target
        System.arraycopy(a, 8, a, 12, 4);
        a[14] = a[12]; // zero-width prediction
        for (IouKind kind : new IouKind[] {IouKind.CIOU, IouKind.GIOU, IouKind.DIOU, IouKind.IOU}) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray pred = m.create(toFloat(a), new Shape(n, 4));
                NDArray target = m.create(toFloat(b), new Shape(n, 4));
                pred.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = BoxOps.iou(kind, pred, target).neg().add(1f).sum();
                    assertTrue(Float.isFinite(loss.getFloat()));
                    gc.backward(loss);
                }
                float[] g = pred.getGradient().toFloatArray();
                double norm = 0;
                for (float v : g) {
                    assertTrue(Float.isFinite(v), kind + " gradient not finite");
                    norm += v * v;
                }
                assertTrue(norm > 0, kind + " gradient is zero");
            }
        }
    }

    /**
     * Issue 19's first candidate, ruled out: at degenerate pairs in float32 (the training type)
     * every IoU-family loss has finite gradients, and none larger than 1e7 (the skipped updates held
     * NaN or values near 1e31; an element above 1.8e19 also overflowed the old float32 norm).
     * Pairs: identical; zero-width, zero-height and point predictions; inverted corners; 1e-6-pixel
     * boxes; a prediction 1e4 px away from the unit box that background anchors get as a dummy
     * target; a 1e4-px box around a 1-px one; boxes touching at an edge.
     */
    @Test
    void iouLossGradientsStayFiniteAndBoundedAtDegenerateBoxes() {
        float[][][] pairs = {
            {{10, 10, 30, 40}, {10, 10, 30, 40}},
            {{10, 10, 10, 40}, {12, 8, 33, 37}},
            {{10, 10, 30, 10}, {12, 8, 33, 37}},
            {{20, 20, 20, 20}, {12, 8, 33, 37}},
            {{30, 40, 10, 10}, {12, 8, 33, 37}},
            {{5, 5, 5.000001f, 5.000001f}, {5, 5, 5.000001f, 5.000001f}},
            {{5, 5, 5.000001f, 5.000001f}, {0, 0, 1, 1}},
            {{10000, 10000, 10020, 10030}, {0, 0, 1, 1}},
            {{0, 0, 10000, 10000}, {500, 500, 501, 501}},
            {{0, 0, 10, 10}, {10, 0, 20, 10}},
            {{0, 0, 0, 0}, {0, 0, 0, 0}},
        };
        float[] a = new float[pairs.length * 4], b = new float[pairs.length * 4];
        for (int k = 0; k < pairs.length; k++) {
            System.arraycopy(pairs[k][0], 0, a, 4 * k, 4);
            System.arraycopy(pairs[k][1], 0, b, 4 * k, 4);
        }
        for (IouKind kind : new IouKind[] {IouKind.CIOU, IouKind.GIOU, IouKind.DIOU, IouKind.IOU}) {
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray pred = m.create(a, new Shape(pairs.length, 4));
                NDArray target = m.create(b, new Shape(pairs.length, 4));
                pred.setRequiresGradient(true);
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = BoxOps.iou(kind, pred, target).neg().add(1f).sum();
                    assertTrue(Float.isFinite(loss.getFloat()), kind + " loss " + loss.getFloat());
                    gc.backward(loss);
                }
                float[] g = pred.getGradient().toFloatArray();
                for (int i = 0; i < g.length; i++) {
                    assertTrue(Float.isFinite(g[i]) && Math.abs(g[i]) < 1e7, kind + " pair " + i / 4 + " coordinate " + i % 4
                            + ": gradient " + g[i]);
                }
            }
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double[] toDouble(float[] f, int off) {
        return new double[] {f[off], f[off + 1], f[off + 2], f[off + 3]};
    }
}
