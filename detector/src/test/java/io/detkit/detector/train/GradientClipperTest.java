package io.detkit.detector.train;

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
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.detkit.detector.config.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class GradientClipperTest {

    @Test
    void byValueClampsBothSigns() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(new float[] {10, -5, 0.5f, -0.25f});
            double norm = new GradientClipper(0, 1).clip(List.of(g));
            assertArrayEquals(new float[] {1, -1, 0.5f, -0.25f}, g.toFloatArray());
            // pre-clip norm √(100 + 25 + 0.25 + 0.0625)
            assertEquals(Math.sqrt(125.3125), norm, 1e-5);
        }
    }

    @Test
    void byNormScalesLikeClipGradNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(new float[] {3, 4});
            double norm = new GradientClipper(1, 0).clip(List.of(g));
            assertEquals(5, norm, 1e-6);
            // ×1/(5 + 1e-6): [0.6, 0.8] to within 2e-7
            float[] c = g.toFloatArray();
            assertEquals(0.6, c[0], 1e-6);
            assertEquals(0.8, c[1], 1e-6);
        }
    }

    @Test
    void normIsGlobalOverAllArrays() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {3});
            NDArray b = m.create(new float[][] {{0, 4}});
            assertEquals(5, GradientClipper.clipByNorm(List.of(a, b), 2.5), 1e-6);
            assertEquals(1.5, a.getFloat(0), 1e-6); // ×2.5/5
            assertEquals(2.0, b.getFloat(0, 1), 1e-6);
        }
    }

    @Test
    void belowTheLimitNothingChanges() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(new float[] {0.3f, -0.4f});
            assertEquals(0.5, new GradientClipper(1, 1).clip(List.of(g)), 1e-6);
            assertArrayEquals(new float[] {0.3f, -0.4f}, g.toFloatArray());
        }
    }

    @Test
    void valueThenNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(new float[] {30, -40});
            // clamp to ±4 → [4, −4], norm 4√2 > 2 → scaled by 2/(4√2 + 1e-6)
            double norm = new GradientClipper(2, 4).clip(List.of(g));
            assertEquals(50, norm, 1e-5); // the norm as it came in
            double s = 2 / (4 * Math.sqrt(2) + 1e-6);
            assertEquals(4 * s, g.getFloat(0), 1e-6);
            assertEquals(-4 * s, g.getFloat(1), 1e-6);
        }
    }

    /**
     * A large but finite gradient has a finite norm: each element squared (1e40, 4e40) overflows
     * float32, so a norm summed in float32 would report ∞ and make the loop skip a good update.
     * √(1e40 + 4e40 + 9e40 + 16e40) = √(3e41) = 5.4772e20.
     */
    @Test
    void largeFiniteGradientsDoNotOverflowTheNorm() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray a = m.create(new float[] {1e20f, -2e20f});
            NDArray b = m.create(new float[] {3e20f, 4e20f});
            double n = GradientClipper.globalNorm(List.of(a, b));
            assertTrue(Double.isFinite(n), "norm " + n);
            assertEquals(Math.sqrt(30e40), n, 1e-6 * Math.sqrt(30e40));
            new GradientClipper(10, 0).clip(List.of(a, b));
            assertEquals(10, GradientClipper.globalNorm(List.of(a, b)), 1e-4);
        }
    }

    @Test
    void nonFiniteNormIsReportedAndGradientsAreLeftAlone() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray g = m.create(new float[] {Float.NaN, 2});
            NDArray h = m.create(new float[] {Float.POSITIVE_INFINITY});
            GradientClipper c = new GradientClipper(1, 1);
            assertTrue(Double.isNaN(c.clip(List.of(g))));
            assertEquals(2f, g.getFloat(1));
            assertTrue(Double.isInfinite(c.clip(List.of(h))));
            assertEquals(Float.POSITIVE_INFINITY, h.getFloat(0));
        }
    }

    @Test
    void clipsTheParametersGradientsOfABlockInPlace() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block block = Linear.builder().setUnits(1).build();
            block.initialize(m, DataType.FLOAT32, new Shape(1, 2));
            for (Pair<String, Parameter> p : block.getParameters()) {
                p.getValue().getArray().set(new float[(int) p.getValue().getArray().size()]);
            }
            ParameterStore ps = new ParameterStore(m, false);
            NDArray x = m.create(new float[][] {{30, -40}});
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(ps, new NDList(x), true).singletonOrThrow();
                gc.backward(y.sum()); // d/dW = x = [30, −40], d/db = 1
            }
            int before = m.getManagedArrays().size();
            double norm = new GradientClipper(1, 0).clip(block);
            assertEquals(m.getManagedArrays().size(), before, "gradient wrappers are closed");
            assertEquals(Math.sqrt(2500 + 1), norm, 1e-4);
            double s = 1 / (Math.sqrt(2501) + 1e-6);
            NDArray w = block.getParameters().get("weight").getArray();
            NDArray b = block.getParameters().get("bias").getArray();
            float[] gw = w.getGradient().toFloatArray();
            assertEquals(30 * s, gw[0], 1e-6);
            assertEquals(-40 * s, gw[1], 1e-6);
            assertEquals(s, b.getGradient().getFloat(0), 1e-6);

            w.getGradient().set(new float[] {Float.NaN, Float.POSITIVE_INFINITY});
            assertTrue(Double.isNaN(new GradientClipper(1, 0).clip(block)));
            GradientClipper.zeroGradients(block);
            assertArrayEquals(new float[] {0, 0}, w.getGradient().toFloatArray());
            assertEquals(0, b.getGradient().getFloat(0));
        }
    }

    @Test
    void fromConfig() {
        RunConfig.Clip c = new RunConfig.Clip();
        GradientClipper g = GradientClipper.of(c);
        assertEquals(10, g.maxNorm(), 0);
        assertEquals(0, g.maxValue(), 0);
        assertThrows(IllegalArgumentException.class, () -> new GradientClipper(-1, 0));
    }
}
