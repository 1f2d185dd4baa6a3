package io.detkit.detector.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.detkit.detector.testing.GradientCheck;
import io.detkit.metrics.box.IouKind;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every loss of {@link Losses} and {@link ClassificationLoss} against values worked out by hand
 * (the arithmetic is in the comments), and its autograd gradient against central differences.
 */
class LossesTest {
    private static final double TOL = 1e-6;

    private static double[] values(NDArray a) {
        return a.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).toDoubleArray();
    }

    @Test
    void varifocalHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {1, -0.5, 2, 0});
            NDArray q = m.create(new double[] {0.8, 0, 1, 0.5});
            double[] l = values(Losses.varifocalWithLogits(x, q, 0.75f, 2f));
            // x=1, q=0.8 (positive): p = σ(1) = 0.7310586, log p = −0.3132617, log(1 − p) = −1.3132617;
            //   −q(q·log p + (1 − q)·log(1 − p)) = −0.8·(0.8·(−0.3132617) + 0.2·(−1.3132617))
            //   = −0.8·(−0.2506093 − 0.2626523) = 0.8·0.5132617 = 0.4106093
            assertEquals(0.4106094, l[0], TOL);
            // x=−0.5, q=0 (negative): p = σ(−0.5) = 0.3775407, p² = 0.1425370, −log(1 − p) = 0.4740770;
            //   α·p^γ·(−log(1 − p)) = 0.75·0.1425370·0.4740770 = 0.0506801
            assertEquals(0.0506801, l[1], TOL);
            // x=2, q=1: −1·(1·log σ(2)) = log(1 + e^−2) = 0.1269280
            assertEquals(0.1269280, l[2], TOL);
            // x=0, q=0.5: p = 0.5: −0.5·(0.5·log 0.5 + 0.5·log 0.5) = 0.5·0.6931472 = 0.3465736
            assertEquals(0.3465736, l[3], TOL);
        }
    }

    @Test
    void softmaxCrossEntropyWithLabelSmoothingHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray logits = m.create(new double[] {2, 1, 0.1, 0.5, -1, 3}, new Shape(2, 3));
            NDArray labels = m.create(new long[] {0, 2});
            // row 0: logsumexp(2, 1, 0.1) = log(7.3890561 + 2.7182818 + 1.1051709) = log 11.2125088 = 2.4170300,
            //   log-softmax = (−0.4170300, −1.4170300, −2.3170300); ε = 0: −log softmax_0 = 0.4170300
            // row 1: logsumexp(0.5, −1, 3) = log(1.6487213 + 0.3678794 + 20.0855369) = log 22.1021376 = 3.0956743,
            //   log-softmax = (−2.5956743, −4.0956743, −0.0956743); ε = 0: 0.0956743
            assertArrayEquals(new double[] {0.4170300, 0.0956743}, values(Losses.softmaxCrossEntropy(logits, labels, 0f)), TOL);
            // ε = 0.1, K = 3: q = (1 − ε)·onehot + ε/3, q_true = 0.9333333, q_other = 0.0333333
            // row 0: 0.9333333·0.4170300 + 0.0333333·(1.4170300 + 2.3170300) = 0.3892280 + 0.1244687 = 0.5136967
            // row 1: 0.9333333·0.0956743 + 0.0333333·(2.5956743 + 4.0956743) = 0.0892960 + 0.2230450 = 0.3123410
            assertArrayEquals(new double[] {0.5136967, 0.3123410}, values(Losses.softmaxCrossEntropy(logits, labels, 0.1f)), TOL);
        }
    }

    @Test
    void regressionLossesHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {1.5, -1, 0.3, 4});
            NDArray y = m.create(new double[] {1, 1, 0, 1});
            // d = x − y = (0.5, −2, 0.3, 3)
            assertArrayEquals(new double[] {0.5, 2, 0.3, 3}, values(Losses.l1(x, y)), TOL);
            assertArrayEquals(new double[] {0.25, 4, 0.09, 9}, values(Losses.mse(x, y)), TOL);
            // smooth L1, β = 1: |d| < 1 → 0.5·d²: 0.5·0.25 = 0.125, 0.5·0.09 = 0.045;
            //   |d| ≥ 1 → |d| − 0.5: 2 − 0.5 = 1.5, 3 − 0.5 = 2.5
            assertArrayEquals(new double[] {0.125, 1.5, 0.045, 2.5}, values(Losses.smoothL1(x, y, 1f)), TOL);
            // β = 0.4: 0.5 ≥ 0.4 → 0.5 − 0.2 = 0.3; 2 − 0.2 = 1.8; 0.3 < 0.4 → 0.5·0.09/0.4 = 0.1125; 3 − 0.2 = 2.8
            assertArrayEquals(new double[] {0.3, 1.8, 0.1125, 2.8}, values(Losses.smoothL1(x, y, 0.4f)), TOL);
            // β = 0 is the L1 error
            assertArrayEquals(new double[] {0.5, 2, 0.3, 3}, values(Losses.smoothL1(x, y, 0f)), TOL);
            // Huber, δ = 1.5: |d| ≤ 1.5 → 0.5·d²: 0.125, 0.045; else δ·(|d| − δ/2): 1.5·(2 − 0.75) = 1.875,
            //   1.5·(3 − 0.75) = 3.375
            assertArrayEquals(new double[] {0.125, 1.875, 0.045, 3.375}, values(Losses.huber(x, y, 1.5f)), TOL);
            assertThrows(IllegalArgumentException.class, () -> Losses.huber(x, y, 0f));
            assertThrows(IllegalArgumentException.class, () -> Losses.smoothL1(x, y, -1f));
        }
    }

    @Test
    void klDivergenceHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray p = m.create(new double[] {0.5, 0.5, 0});
            NDArray logQ = m.create(new double[] {0.25, 0.25, 0.5}).log();
            // p·(log p − log q): 0.5·log(0.5/0.25) = 0.5·log 2 = 0.3465736 twice; p = 0 → 0
            double[] terms = values(Losses.klDivergence(logQ, p));
            assertArrayEquals(new double[] {0.3465736, 0.3465736, 0}, terms, TOL);
            // KL(p ‖ q) = log 2 = 0.6931472; KL(p ‖ p) = 0
            assertEquals(0.6931472, terms[0] + terms[1] + terms[2], TOL);
            assertEquals(0, Losses.klDivergence(p.add(1e-300).log(), p).sum().getDouble(), 1e-12);
        }
    }

    @Test
    void labelSmoothingOfBinaryTargets() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray t = m.create(new double[] {1, 0, 0.6});
            // t·(1 − ε) + ε/2 with ε = 0.1: 1 → 0.95, 0 → 0.05, 0.6 → 0.54 + 0.05 = 0.59
            assertArrayEquals(new double[] {0.95, 0.05, 0.59}, values(Losses.smoothBinaryTargets(t, 0.1f)), TOL);
            // BCE against the smoothed target, x = 2, ε = 0.1, t = 1 → z = 0.95:
            //   max(2, 0) − 2·0.95 + log(1 + e^−2) = 0.1 + 0.1269280 = 0.2269280
            NDArray x = m.create(new double[] {2});
            assertEquals(0.2269280, values(ClassificationLoss.bce().withLabelSmoothing(0.1f).elementwise(x, m.create(new double[] {1})))[0],
                    TOL);
            assertThrows(IllegalArgumentException.class, () -> ClassificationLoss.varifocal(0.75f, 2f).withLabelSmoothing(0.1f));
            assertThrows(IllegalArgumentException.class, () -> ClassificationLoss.bce().withLabelSmoothing(1f));
        }
    }

    // ---------------------------------------------------------------- gradients

    private static NDArray random(NDManager m, Random rnd, double scale, long... shape) {
        Shape s = new Shape(shape);
        double[] v = new double[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian() * scale;
        }
        return m.create(v, s);
    }

    private static NDArray uniform(NDManager m, Random rnd, double lo, double hi, long... shape) {
        Shape s = new Shape(shape);
        double[] v = new double[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * rnd.nextDouble();
        }
        return m.create(v, s);
    }

    @Test
    void classificationLossGradients() {
        Random rnd = new Random(1);
        GradientCheck gc = GradientCheck.create();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, rnd, 2, 3, 5);
            NDArray soft = uniform(m, rnd, 0, 1, 3, 5);
            // targets with exact zeros (varifocal negatives) and positives of several scores
            NDArray q = soft.mul(soft.gt(0.5).toType(soft.getDataType(), false));
            NDList in = new NDList(x, soft);
            gc.check(a -> Losses.bceWithLogits(a.get(0), a.get(1)), in, 0, 1).assertPassed();
            gc.check(a -> Losses.focalWithLogits(a.get(0), a.get(1), 2f, 0.25f), in, 0, 1).assertPassed();
            gc.check(a -> Losses.focalWithLogits(a.get(0), a.get(1), 1.5f, -1f), in, 0).assertPassed();
            gc.check(a -> Losses.varifocalWithLogits(a.get(0), a.get(1), 0.75f, 2f), new NDList(x, q), 0).assertPassed();
            gc.check(a -> ClassificationLoss.bce().withLabelSmoothing(0.1f).elementwise(a.get(0), a.get(1)), in, 0).assertPassed();
            gc.check(a -> ClassificationLoss.focal(2f, 0.25f).withLabelSmoothing(0.2f).elementwise(a.get(0), a.get(1)), in, 0)
                    .assertPassed();
            NDArray labels = m.create(new long[] {0, 4, 2});
            gc.check(a -> Losses.softmaxCrossEntropy(a.get(0), labels, 0.1f), new NDList(x), 0).assertPassed();
            NDArray probs = soft.div(soft.sum(new int[] {1}, true));
            gc.check(a -> Losses.softmaxCrossEntropyProbs(a.get(0), a.get(1)), new NDList(x, probs), 0, 1).assertPassed();
            gc.check(a -> Losses.klDivergence(a.get(0).logSoftmax(1), a.get(1)), new NDList(x, probs), 0, 1).assertPassed();
        }
    }

    @Test
    void regressionLossGradients() {
        Random rnd = new Random(2);
        GradientCheck gc = GradientCheck.create();
        try (NDManager m = NDManager.newBaseManager()) {
            // differences spread over both sides of β and δ, none within 1e-3 of a kink (0, ±β, ±δ)
            NDArray x = m.create(new double[] {0.31, -0.27, 1.73, -2.41, 0.05, 0.92, -0.66, 3.3});
            NDArray y = m.create(new double[] {0.0, 0.0, 0.2, 0.1, -0.4, 0.0, 0.3, 0.0});
            NDList in = new NDList(x, y);
            gc.check(a -> Losses.l1(a.get(0), a.get(1)), in).assertPassed();
            gc.check(a -> Losses.mse(a.get(0), a.get(1)), in).assertPassed();
            gc.check(a -> Losses.smoothL1(a.get(0), a.get(1), 1f), in).assertPassed();
            gc.check(a -> Losses.smoothL1(a.get(0), a.get(1), 0.5f), in).assertPassed();
            gc.check(a -> Losses.huber(a.get(0), a.get(1), 0.8f), in).assertPassed();
            gc.check(a -> Losses.huber(a.get(0), a.get(1), 2f), in).assertPassed();
            // random data too
            NDArray u = random(m, rnd, 1.5, 4, 6), v = random(m, rnd, 1.5, 4, 6);
            gc.check(a -> Losses.smoothL1(a.get(0), a.get(1), 1f / 9), new NDList(u, v)).assertPassed();
            gc.check(a -> Losses.huber(a.get(0), a.get(1), 1f), new NDList(u, v)).assertPassed();
        }
    }

    /** Overlapping boxes of varied aspect ratios, no two coordinates equal. */
    private static NDArray boxes(NDManager m, Random rnd, int n, double shift) {
        double[] b = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double x = 10 * i + rnd.nextDouble() * 3 + shift, y = 5 * i + rnd.nextDouble() * 3 + shift;
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + 4 + rnd.nextDouble() * 6;
            b[4 * i + 3] = y + 4 + rnd.nextDouble() * 6;
        }
        return m.create(b, new Shape(n, 4));
    }

    @Test
    void iouFamilyGradients() {
        Random rnd = new Random(3);
        GradientCheck gc = GradientCheck.create();
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = boxes(m, rnd, 6, 0), b = boxes(m, rnd, 6, 1.7);
            NDList in = new NDList(a, b);
            for (IouKind kind : new IouKind[] {IouKind.IOU, IouKind.GIOU, IouKind.DIOU}) {
                gc.check(x -> BoxOps.iou(kind, x.get(0), x.get(1)), in).assertPassed();
            }
            gc.check(x -> BoxOps.pairwise(IouKind.GIOU, x.get(0), x.get(1)), new NDList(a.get("0:3"), b.get("0:4"))).assertPassed();
            // CIoU = DIoU − α·v with α = v/(v − IoU + 1 + ε) held constant for the gradient (the CIoU
            // paper's choice). The numeric side differentiates DIoU − α₀·v with α₀ frozen at the
            // base point; v is recovered from BoxOps' own values: c = DIoU − CIoU = α·v = v²/(v − IoU + 1 + ε)
            // gives v = (c + √(c² + 4c(1 + ε − IoU)))/2.
            // central differences of the CIoU value itself include α's own change, so they must disagree
            assertFalse(gc.check(x -> BoxOps.iou(IouKind.CIOU, x.get(0), x.get(1)), in).passed());
            float onePlusEps = 1f + BoxOps.EPS;
            double[] alpha0 = alpha(v(a, b, onePlusEps), BoxOps.iou(IouKind.IOU, a, b), onePlusEps);
            NDArray frozen = m.create(alpha0);
            gc.check(x -> BoxOps.iou(IouKind.CIOU, x.get(0), x.get(1)),
                    x -> BoxOps.iou(IouKind.DIOU, x.get(0), x.get(1)).sub(frozen.mul(vOf(x.get(0), x.get(1), onePlusEps))), in)
                    .assertPassed();
        }
    }

    /** CIoU's aspect term v, recovered from BoxOps' IoU, DIoU and CIoU values (see the test). */
    private static NDArray vOf(NDArray a, NDArray b, float onePlusEps) {
        NDArray c = BoxOps.iou(IouKind.DIOU, a, b).sub(BoxOps.iou(IouKind.CIOU, a, b));
        NDArray iou = BoxOps.iou(IouKind.IOU, a, b);
        return c.add(c.square().add(c.mul(iou.neg().add(onePlusEps)).mul(4)).sqrt()).div(2);
    }

    private static double[] v(NDArray a, NDArray b, float onePlusEps) {
        return vOf(a, b, onePlusEps).toDoubleArray();
    }

    private static double[] alpha(double[] v, NDArray iou, float onePlusEps) {
        double[] i = iou.toDoubleArray();
        double[] out = new double[v.length];
        for (int k = 0; k < v.length; k++) {
            out[k] = v[k] / (v[k] - i[k] + onePlusEps);
        }
        return out;
    }
}
