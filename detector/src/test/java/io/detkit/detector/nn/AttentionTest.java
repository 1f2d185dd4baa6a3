package io.detkit.detector.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.detkit.detector.testing.GradientCheck;
import java.nio.DoubleBuffer;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** SE and CBAM: outputs worked out by hand, parameter counts, gradients against central differences. */
class AttentionTest {
    private static final double TOL = 1e-6;

    /** Sets the parameter whose path ends in {@code name} (DJL prefixes child names with their position). */
    private static void set(Block b, String name, double... v) {
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getKey().endsWith(name)) {
                p.getValue().getArray().set(DoubleBuffer.wrap(v));
                return;
            }
        }
        throw new AssertionError("no parameter " + name + " in " + b.getParameters().keys());
    }

    /** x: 1×2×1×2, channel 0 = (1, 3), channel 1 = (0, 2). */
    private static NDArray input(NDManager m) {
        return m.create(new double[] {1, 3, 0, 2}, new Shape(1, 2, 1, 2));
    }

    @Test
    void squeezeExcitationHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            SqueezeExcitation se = new SqueezeExcitation(2, 2); // h = max(1, 2/2) = 1
            se.initialize(m, DataType.FLOAT64, new Shape(1, 2, 1, 2));
            assertEquals(1, se.getHidden());
            assertEquals(2 * 2 * 1 + 1 + 2, ActivationsTest.trainable(se)); // 2·C·h + h + C = 7
            set(se, "fc1_weight", 1, -1);
            set(se, "fc1_bias", 0);
            set(se, "fc2_weight", 2, -1);
            set(se, "fc2_bias", 0, 0.5);
            NDArray y = se.forward(new ParameterStore(m, false), new NDList(input(m)), false).singletonOrThrow();
            // z = channel means (2, 1); h = ReLU(1·2 − 1·1 + 0) = 1; s = σ(2·1 + 0, −1·1 + 0.5) = σ(2, −0.5)
            //   = (0.8807971, 0.3775407); y = x·s = (0.8807971, 3·0.8807971 = 2.6423912; 0, 2·0.3775407 = 0.7550813)
            assertArrayEquals(new double[] {0.8807971, 2.6423912, 0, 0.7550813}, y.toDoubleArray(), TOL);
        }
    }

    @Test
    void cbamHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            Cbam cbam = new Cbam(2, 2, 1); // h = 1, spatial kernel 1×1 to keep the arithmetic short
            cbam.initialize(m, DataType.FLOAT64, new Shape(1, 2, 1, 2));
            assertEquals(7 + 2 * 1 + 1, ActivationsTest.trainable(cbam)); // MLP 7 + spatial 2·k² + 1
            set(cbam, "mlp1_weight", 1, -1);
            set(cbam, "mlp1_bias", 0);
            set(cbam, "mlp2_weight", 2, -1);
            set(cbam, "mlp2_bias", 0, 0.5);
            set(cbam, "spatial_weight", 1, -0.5); // on (channel mean, channel max)
            set(cbam, "spatial_bias", 0.2);
            NDArray y = cbam.forward(new ParameterStore(m, false), new NDList(input(m)), false).singletonOrThrow();
            // channel: avg = (2, 1), max = (3, 2); MLP(avg): h = ReLU(2 − 1) = 1 → (2, −1 + 0.5) = (2, −0.5);
            //   MLP(max): h = ReLU(3 − 2) = 1 → (2, −0.5); M_c = σ(4, −1) = (0.9820138, 0.2689414)
            //   x' = channel 0 (0.9820138, 2.9460414), channel 1 (0, 0.5378828)
            // spatial, per position: mean_c = (0.4910069, 1.7419621), max_c = (0.9820138, 2.9460414);
            //   conv: 1·mean − 0.5·max + 0.2 = (0.2, 1.7419621 − 1.4730207 + 0.2 = 0.4689414);
            //   M_s = σ(0.2, 0.4689414) = (0.5498340, 0.6151332)
            // y = x'·M_s = (0.9820138·0.5498340 = 0.5399446, 2.9460414·0.6151332 = 1.8122078;
            //   0, 0.5378828·0.6151332 = 0.3308696)
            assertArrayEquals(new double[] {0.5399446, 1.8122078, 0, 0.3308696}, y.toDoubleArray(), TOL);
        }
    }

    @Test
    void gradients() {
        Random rnd = new Random(6);
        double[] v = new double[2 * 8 * 4 * 5];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(v, new Shape(2, 8, 4, 5));
            SqueezeExcitation se = new SqueezeExcitation(8, 4);
            se.initialize(m, DataType.FLOAT64, x.getShape());
            GradientCheck.create().checkBlock("se", se, true, new NDList(x)).assertPassed();
            Cbam cbam = new Cbam(8, 4, 3);
            cbam.initialize(m, DataType.FLOAT64, x.getShape());
            GradientCheck.create().checkBlock("cbam", cbam, true, new NDList(x)).assertPassed();
        }
    }

    @Test
    void rejectsBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> new SqueezeExcitation(8, 0));
        assertThrows(IllegalArgumentException.class, () -> new Cbam(8, 4, 6));
        assertEquals(1, SqueezeExcitation.hiddenWidth(8, 16));
        assertEquals(4, SqueezeExcitation.hiddenWidth(64, 16));
    }
}
