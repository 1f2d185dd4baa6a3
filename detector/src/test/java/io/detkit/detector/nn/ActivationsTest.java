package io.detkit.detector.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.detkit.detector.testing.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The activations added to {@link ActivationType}: values by hand, gradients against central differences. */
class ActivationsTest {
    private static final double TOL = 1e-6;

    private static double[] apply(NDManager m, ActivationSpec act, double... x) {
        return act.apply(m.create(x)).toDoubleArray();
    }

    @Test
    void pointwiseValuesHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            // ELU, α = 1: x > 0 → x; x = −1 → e^−1 − 1 = 0.3678794 − 1 = −0.6321206
            assertArrayEquals(new double[] {2, -0.6321206}, apply(m, ActivationSpec.of(ActivationType.ELU), 2, -1), TOL);
            // ELU, α = 0.5: x = −2 → 0.5·(e^−2 − 1) = 0.5·(0.1353353 − 1) = −0.4323324
            assertArrayEquals(new double[] {-0.4323324}, apply(m, ActivationSpec.elu(0.5f), -2), TOL);
            // SELU: λ = 1.0507010, λα = 1.0507010·1.6732632 = 1.7580993;
            //   x = 1 → 1.0507010; x = −1 → 1.7580993·(e^−1 − 1) = 1.7580993·(−0.6321206) = −1.1113307
            assertArrayEquals(new double[] {1.0507010, -1.1113307}, apply(m, ActivationSpec.of(ActivationType.SELU), 1, -1), TOL);
            // tanh 0.5 = (e^0.5 − e^−0.5)/(e^0.5 + e^−0.5) = (1.6487213 − 0.6065307)/(2.2552519) = 0.4621172
            assertArrayEquals(new double[] {0.4621172}, apply(m, ActivationSpec.of(ActivationType.TANH), 0.5), TOL);
            // σ(0.5) = 1/(1 + 0.6065307) = 0.6224593; σ(−2) = 1/(1 + 7.3890561) = 0.1192029
            assertArrayEquals(new double[] {0.6224593, 0.1192029}, apply(m, ActivationSpec.of(ActivationType.SIGMOID), 0.5, -2), TOL);
            // maxout, k = 2, channels on axis 1: (1×4) → (1×2): max(1, −3) = 1, max(0.5, 2) = 2
            NDArray x = m.create(new double[] {1, -3, 0.5, 2}, new Shape(1, 4));
            assertArrayEquals(new double[] {1, 2}, ActivationSpec.maxout(2).apply(x).toDoubleArray(), TOL);
            // k = 3 on N×C·k×H×W = 1×6×1×1: groups (4, 9, −1) and (0, −2, 7) → 9, 7
            NDArray y = m.create(new double[] {4, 9, -1, 0, -2, 7}, new Shape(1, 6, 1, 1));
            NDArray my = ActivationSpec.maxout(3).apply(y);
            assertEquals(new Shape(1, 2, 1, 1), my.getShape());
            assertArrayEquals(new double[] {9, 7}, my.toDoubleArray(), TOL);
            assertThrows(IllegalArgumentException.class, () -> ActivationSpec.maxout(4).apply(y), "6 channels, 4 pieces");
            assertThrows(UnsupportedOperationException.class, () -> ActivationSpec.prelu(0.25f).apply(x));
        }
    }

    @Test
    void preluHandComputedAndLearnable() {
        try (NDManager m = NDManager.newBaseManager()) {
            PRelu prelu = new PRelu(2, 0.25f);
            prelu.initialize(m, DataType.FLOAT64, new Shape(1, 2, 1, 2));
            Parameter alpha = prelu.getParameters().get("alpha");
            assertEquals(Parameter.Type.OTHER, alpha.getType());
            assertArrayEquals(new double[] {0.25, 0.25}, alpha.getArray().toDoubleArray(), 0);
            alpha.getArray().set(java.nio.DoubleBuffer.wrap(new double[] {0.25, -0.5}));
            NDArray x = m.create(new double[] {-2, 3, -1, 4}, new Shape(1, 2, 1, 2));
            // channel 0 (a = 0.25): −2 → 0.25·(−2) = −0.5, 3 → 3; channel 1 (a = −0.5): −1 → 0.5, 4 → 4
            NDArray y = prelu.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertArrayEquals(new double[] {-0.5, 3, 0.5, 4}, y.toDoubleArray(), TOL);
            // ∂(Σy)/∂a_c = Σ min(0, x_c): channel 0 → −2, channel 1 → −1; checked with autograd below
            GradientCheck.create().checkBlock("prelu", prelu, true, new NDList(x)).assertPassed();
        }
    }

    @Test
    void everyActivationGradient() {
        Random rnd = new Random(4);
        double[] v = new double[24];
        for (int i = 0; i < v.length; i++) {
            double r = rnd.nextGaussian() * 2;
            v[i] = Math.abs(r) < 0.01 ? r + 0.05 : r; // away from the kink at 0
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(v, new Shape(2, 4, 3));
            for (ActivationType t : ActivationType.values()) {
                if (t == ActivationType.PRELU) {
                    continue; // a block: see preluHandComputedAndLearnable
                }
                ActivationSpec spec = ActivationSpec.of(t);
                GradientCheck.Result r = GradientCheck.create().check(in -> spec.apply(in.get(0)), new NDList(x));
                r.assertPassed();
            }
            GradientCheck.create().check(in -> ActivationSpec.elu(0.3f).apply(in.get(0)), new NDList(x)).assertPassed();
            GradientCheck.create().check(in -> ActivationSpec.leakyRelu(0.2f).apply(in.get(0)), new NDList(x)).assertPassed();
            GradientCheck.create().check(in -> ActivationType.maxout(in.get(0), 4), new NDList(x)).assertPassed();
        }
    }

    @Test
    void convUnitsWithPreluAndMaxout() {
        Random rnd = new Random(5);
        try (NDManager m = NDManager.newBaseManager()) {
            double[] v = new double[2 * 3 * 5 * 5];
            for (int i = 0; i < v.length; i++) {
                v[i] = rnd.nextGaussian();
            }
            NDArray x = m.create(v, new Shape(2, 3, 5, 5));
            // PReLU: conv 3·4·3·3 = 108 weights, BN γ, β (4 + 4), 4 slopes → 120 trainable
            ConvBnAct p = new ConvBnAct(4, 3, 1, ActivationSpec.prelu(0.25f));
            p.initialize(m, DataType.FLOAT64, x.getShape());
            assertEquals(120, trainable(p));
            assertEquals(new Shape(2, 4, 5, 5), p.getOutputShapes(new Shape[] {x.getShape()})[0]);
            GradientCheck.create().checkBlock("conv-bn-prelu", p, true, new NDList(x)).assertPassed();
            // Maxout k = 3: conv to 4·3 = 12 channels: 3·12·3·3 = 324 weights, BN 12 + 12 → 348 trainable,
            // 3× the 3·4·9 + 8 = 116 of a plain unit; output 4 channels
            ConvBnAct mo = new ConvBnAct(4, 3, 2, ActivationSpec.maxout(3));
            mo.initialize(m, DataType.FLOAT64, x.getShape());
            assertEquals(348, trainable(mo));
            Shape out = mo.getOutputShapes(new Shape[] {x.getShape()})[0];
            assertEquals(new Shape(2, 4, 3, 3), out);
            NDArray y = mo.forward(new ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
            assertEquals(out, y.getShape());
            GradientCheck.create().checkBlock("conv-bn-maxout", mo, true, new NDList(x)).assertPassed();
        }
    }

    static long trainable(ai.djl.nn.Block b) {
        long n = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                n += p.getValue().getArray().getShape().size();
            }
        }
        return n;
    }

    @Test
    void configText() {
        assertEquals(ActivationSpec.elu(1f), ActivationSpec.parse("elu"));
        assertEquals(ActivationSpec.elu(0.5f), ActivationSpec.parse("ELU:0.5"));
        assertEquals(ActivationSpec.maxout(3), ActivationSpec.parse("maxout:3"));
        assertEquals("maxout:3", ActivationSpec.maxout(3).toString());
        assertEquals(ActivationSpec.maxout(2), ActivationSpec.parse("maxout"));
        assertEquals(ActivationSpec.prelu(0.25f), ActivationSpec.parse("prelu"));
        assertEquals(ActivationSpec.of(ActivationType.TANH), ActivationSpec.parse("tanh"));
        assertThrows(IllegalArgumentException.class, () -> ActivationSpec.parse("maxout:2.5"));
        assertThrows(IllegalArgumentException.class, () -> ActivationSpec.parse("maxout:1"));
        assertThrows(IllegalArgumentException.class, () -> ActivationSpec.parse("selu:1"));
        assertThrows(IllegalArgumentException.class, () -> ActivationSpec.elu(-1f));
        for (ActivationType t : ActivationType.values()) {
            ActivationSpec s = ActivationSpec.of(t);
            assertEquals(s, ActivationSpec.parse(s.toString()), t.name());
            assertTrue(s.channelFactor() >= 1);
        }
    }
}
