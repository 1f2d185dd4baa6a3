package io.detkit.detector.yolo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.nn.ActivationType;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class YoloModelTest {

    static long countParameters(Block block) {
        long total = 0;
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter.Type t = p.getValue().getType();
            if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                total += p.getValue().getArray().getShape().size();
            }
        }
        return total;
    }

    private static long[][] shapes(Shape[] s) {
        long[][] out = new long[s.length][];
        for (int i = 0; i < s.length; i++) {
            out[i] = s[i].getShape();
        }
        return out;
    }

    @Test
    void outputShapesPerLevelAt320() {
        for (YoloSize size : new YoloSize[] {YoloSize.N, YoloSize.S}) {
            YoloModel model = YoloModel.create(new YoloConfig(80, size, ActivationSpec.silu(), 320));
            Shape[] out = model.getOutputShapes(new Shape[] {model.inputShape(2)});
            assertArrayEquals(new long[][] {{2, 84, 40, 40}, {2, 84, 20, 20}, {2, 84, 10, 10}}, shapes(out), size.name());
        }
    }

    @Test
    void parameterCountsScaleWithWidth() {
        long[] counts = new long[YoloSize.values().length];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (YoloSize size : new YoloSize[] {YoloSize.T, YoloSize.N, YoloSize.S}) {
                YoloModel model = YoloModel.create(new YoloConfig(80, size, ActivationSpec.silu(), 320));
                model.initialize(manager, DataType.FLOAT32, model.inputShape(1));
                counts[size.ordinal()] = countParameters(model);
            }
        }
        long t = counts[YoloSize.T.ordinal()], n = counts[YoloSize.N.ordinal()], s = counts[YoloSize.S.ordinal()];
        System.out.printf("YOLO parameters (80 classes): t=%d n=%d s=%d, s/n=%.2f n/t=%.2f%n", t, n, s, (double) s / n,
                (double) n / t);
        // width doubles from n to s, so weights grow by about 2² (less where the 80-class head's
        // fixed width dominates)
        double ratio = (double) s / n;
        assertTrue(ratio > 3.0 && ratio < 4.2, "s/n parameter ratio " + ratio);
        assertTrue(n > t, "n must be larger than t");
    }

    @Test
    void channelsLastStartsAtTheFirstStageWithSixteenChannels() {
        // t: stem 8, stage 2 16 with an 8-channel C2f half, stage 3 32 with a 16-channel half →
        // from layer 3 (down3); n: stem 16, stage 2 32 (half 16) → from the input
        assertEquals(3, new YoloBackbone(YoloSize.T, ActivationSpec.silu()).channelsLastFrom());
        assertEquals(0, new YoloBackbone(YoloSize.N, ActivationSpec.silu()).channelsLastFrom());
        // with attention, att2 after stage 2 shifts down3 to layer 4
        assertEquals(4, new YoloBackbone(YoloSize.T, ActivationSpec.silu(), YoloAttention.of(YoloAttention.Kind.SE)).channelsLastFrom());
    }

    /**
     * Channels-last changes the memory order only: a training-mode forward and backward pass of
     * the whole model gives the same outputs and the same gradient for every parameter as the
     * all-NCHW network. In float64, so that the different summation orders of the two kernels stay
     * far below the tolerance (1e-9 of each array's largest magnitude).
     */
    @Test
    void channelsLastGivesTheSameOutputsAndGradientsAsNchw() {
        double[][][] runs = new double[2][][];
        for (int run = 0; run < 2; run++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                manager.getEngine().setRandomSeed(7);
                YoloModel model = YoloModel.create(new YoloConfig(3, YoloSize.N, ActivationSpec.silu(), 64));
                if (run == 1) {
                    model.getBackbone().keepNchw();
                }
                Shape in = new Shape(2, 3, 64, 64);
                model.initialize(manager, DataType.FLOAT64, in);
                java.util.List<NDArray> params = new java.util.ArrayList<>();
                for (Pair<String, Parameter> p : model.getParameters()) {
                    if (p.getValue().requiresGradient()) {
                        NDArray a = p.getValue().getArray();
                        a.setRequiresGradient(true);
                        params.add(a);
                    }
                }
                NDArray x = manager.randomUniform(0, 1, in, DataType.FLOAT64);
                java.util.List<double[]> values = new java.util.ArrayList<>();
                try (ai.djl.training.GradientCollector gc = manager.getEngine().newGradientCollector()) {
                    NDList out = model.forward(new ParameterStore(manager, false), new NDList(x), true);
                    NDArray loss = out.get(0).square().sum().add(out.get(1).mul(out.get(1).sin()).sum()).add(out.get(2).sum());
                    gc.backward(loss);
                    for (NDArray o : out) {
                        values.add(o.toDoubleArray());
                    }
                }
                for (NDArray p : params) {
                    values.add(p.getGradient().toDoubleArray());
                }
                runs[run] = values.toArray(new double[0][]);
            }
        }
        assertEquals(runs[1].length, runs[0].length);
        for (int i = 0; i < runs[0].length; i++) {
            double scale = 0;
            for (double v : runs[1][i]) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertArrayEquals(runs[1][i], runs[0][i], 1e-9 * Math.max(scale, 1e-6), "array " + i);
        }
    }

    @Test
    void forwardMatchesDeclaredShapesForEveryActivation() {
        try (NDManager manager = NDManager.newBaseManager()) {
            for (ActivationSpec act : new ActivationSpec[] {ActivationSpec.silu(), ActivationSpec.relu(),
                ActivationSpec.leakyRelu(0.1f), ActivationSpec.of(ActivationType.MISH)}) {
                YoloModel model = YoloModel.create(new YoloConfig(3, YoloSize.T, act, 64));
                Shape in = new Shape(2, 3, 64, 96);
                model.initialize(manager, DataType.FLOAT32, in);
                NDList out = model.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1, in)),
                        false);
                assertEquals(3, out.size());
                Shape[] declared = model.getOutputShapes(new Shape[] {in});
                for (int i = 0; i < 3; i++) {
                    assertEquals(declared[i], out.get(i).getShape(), act + " level " + i);
                    assertTrue(Float.isFinite(out.get(i).abs().max().getFloat()));
                }
                assertEquals(new Shape(2, 7, 8, 12), out.get(0).getShape());
            }
        }
    }

    @Test
    void headStartsAtTheClassPriorAndBoxPrior() {
        try (NDManager manager = NDManager.newBaseManager()) {
            YoloModel model = YoloModel.create(new YoloConfig(2, YoloSize.T, ActivationSpec.silu(), 64));
            model.initialize(manager, DataType.FLOAT32, model.inputShape(1));
            NDList out = model.forward(new ParameterStore(manager, false), new NDList(manager.randomUniform(0, 1,
                    model.inputShape(1))), false);
            NDArray flat = YoloOutputs.flatten(out);
            float meanRaw = YoloOutputs.rawBoxes(flat).mean().getFloat();
            // level biases log(5 / C / cells): 64 px, C = 2 → stride 8: 64 cells → log(5/2/64) = −3.243;
            // stride 16: 16 cells → log(5/2/16) = −1.856; stride 32: 4 cells → log(min(0.5, 0.625)) = −0.693.
            // Weights N(0, 0.01) add little.
            double[] want = {Math.log(5.0 / 2 / 64), Math.log(5.0 / 2 / 16), Math.log(0.5)};
            for (int l = 0; l < 3; l++) {
                assertEquals(want[l], YoloHead.clsBias(2, 8 << l, 64), 1e-6);
                NDArray logits = out.get(l).get(":, 4:, :, :");
                assertEquals(want[l], logits.mean().getFloat(), 0.2, "level " + l);
            }
            assertEquals(YoloOutputs.rawForDistance(YoloHead.BOX_PRIOR_STRIDES), meanRaw, 0.2);
        }
    }

    @Test
    void rejectsInputsThatAreNotMultiplesOf32() {
        YoloModel model = YoloModel.create(new YoloConfig(1, YoloSize.T, ActivationSpec.silu(), 64));
        assertThrows(IllegalArgumentException.class, () -> model.getOutputShapes(new Shape[] {new Shape(1, 3, 48, 64)}));
        assertThrows(IllegalArgumentException.class, () -> new YoloConfig(1, YoloSize.T, ActivationSpec.silu(), 100));
    }

    @Test
    void activationConfigText() {
        assertEquals(ActivationSpec.leakyRelu(0.2f), ActivationSpec.parse("Leaky-ReLU:0.2"));
        assertEquals(ActivationSpec.silu(), ActivationSpec.parse("swish"));
        assertEquals(ActivationSpec.relu(), ActivationSpec.parse(ActivationSpec.relu().toString()));
        assertEquals("leaky_relu:0.1", ActivationSpec.leakyRelu().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ActivationSpec.parse("tanhh"));
        assertTrue(e.getMessage().contains("silu"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ActivationSpec.parse("relu:0.3"));
        assertEquals(YoloSize.S, YoloSize.parse(" s "));
    }

    @Test
    void saveAndLoadGiveTheSameOutput() throws Exception {
        Path dir = Files.createTempDirectory("yolo-model");
        YoloConfig config = new YoloConfig(2, YoloSize.T, ActivationSpec.silu(), 64);
        try (Model a = Model.newInstance("yolo"); Model b = Model.newInstance("yolo")) {
            a.setBlock(YoloModel.create(config));
            a.getBlock().initialize(a.getNDManager(), DataType.FLOAT32, new Shape(1, 3, 64, 64));
            a.save(dir, "yolo");
            b.setBlock(YoloModel.create(config));
            b.load(dir, "yolo");
            NDArray x = a.getNDManager().randomUniform(0, 1, new Shape(1, 3, 64, 64));
            NDList ya = a.getBlock().forward(new ParameterStore(a.getNDManager(), false), new NDList(x), false);
            NDList yb = b.getBlock().forward(new ParameterStore(b.getNDManager(), false), new NDList(x), false);
            for (int i = 0; i < 3; i++) {
                assertArrayEquals(ya.get(i).toFloatArray(), yb.get(i).toFloatArray(), 0f);
            }
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
