package io.detkit.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfilerTest {

    // ------------------------------------------------------------------ the hand-checked net

    /**
     * A small net that touches every default rule: conv with bias, batch norm, ReLU, max pool,
     * grouped strided conv without bias, a residual ParallelBlock (3×3 conv + identity, summed),
     * average pool, flatten, linear. Input 1×3×16×16.
     */
    static SequentialBlock smallNet() {
        ParallelBlock residual = new ParallelBlock(
                list -> new NDList(list.get(0).singletonOrThrow().add(list.get(1).singletonOrThrow())),
                List.of(conv(16, 3, 1, 1, 1, true), Blocks.identityBlock()));
        return new SequentialBlock()
                .add(conv(8, 3, 1, 1, 1, true))
                .add(BatchNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(conv(16, 3, 2, 1, 2, false))
                .add(residual)
                .add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    /*
     * Worked out by hand. Output size ⌊(n + 2p − k)/s⌋ + 1; conv MACs K·K·(C_in/g)·C_out·H_out·W_out;
     * RF r' = r + (k − 1)·j, stride j' = j·s; bytes = output elements × 4.
     *
     * 01 conv 3→8, k3 p1: 16×16 out; params 8·3·9 + 8 = 224; MACs 9·3·8·256 = 55,296; RF 3, j 1
     * 02 BN(8): gamma+beta 16 params, running mean+var 16 buffers; ops 2 × 2,048 = 4,096
     * 03 ReLU: 2,048 ops
     * 04 max pool k2 s2: 8×8 out (512 elements); ops 4 × 512 = 2,048; RF 3 + 1·1 = 4, j 2
     * 05 conv 8→16, k3 s2 p1, groups 2, no bias: ⌊(8 + 2 − 3)/2⌋ + 1 = 4 → 16×4×4 (256 elements);
     *    params 16·(8/2)·9 = 576; MACs 9·4·16·16 = 9,216; RF 4 + 2·2 = 8, j 4
     * 06.01 conv 16→16, k3 p1 (branch 1): params 16·16·9 + 16 = 2,320; MACs 9·16·16·16 = 36,864;
     *    RF 8 + 2·4 = 16, j 4
     * 06.02 identity (branch 2): RF 8, j 4
     * 06.join sum: (2 − 1) × 256 = 256 ops; RF max(16, 8) = 16, j 4
     * 07 avg pool k2 s2: 16×2×2 (64 elements); ops 4 × 64 = 256; RF 16 + 1·4 = 20, j 8
     * 08 flatten: 64 features; no RF
     * 09 linear 64→10: params 650; MACs 640
     * totals: params 224 + 16 + 576 + 2,320 + 650 = 3,786; MACs 55,296 + 9,216 + 36,864 + 640
     *    = 102,016; other ops 4,096 + 2,048 + 2,048 + 256 + 256 = 8,704; activation bytes, without
     *    the identity and flatten rows (views of their inputs): 3 × 8,192 + 2,048 + 3 × 1,024 + 256
     *    + 40 = 29,992
     */
    private static final String SMALL_NET_TABLE = """
            01      | Conv2d             | 1x3x16x16          | 1x8x16x16 |  224 |  0 | 55296 |    0 | 8192 |  3 | 1
            02      | BatchNorm          | 1x8x16x16          | 1x8x16x16 |   16 | 16 |     0 | 4096 | 8192 |  3 | 1
            03      | ReLU               | 1x8x16x16          | 1x8x16x16 |    0 |  0 |     0 | 2048 | 8192 |  3 | 1
            04      | maxPool2d          | 1x8x16x16          | 1x8x8x8   |    0 |  0 |     0 | 2048 | 2048 |  4 | 2
            05      | Conv2d             | 1x8x8x8            | 1x16x4x4  |  576 |  0 |  9216 |    0 | 1024 |  8 | 4
            06.01   | Conv2d             | 1x16x4x4           | 1x16x4x4  | 2320 |  0 | 36864 |    0 | 1024 | 16 | 4
            06.02   | identity           | 1x16x4x4           | 1x16x4x4  |    0 |  0 |     0 |    0 | 1024 |  8 | 4
            06.join | ParallelBlock join | 1x16x4x4, 1x16x4x4 | 1x16x4x4  |    0 |  0 |     0 |  256 | 1024 | 16 | 4
            07      | avgPool2d          | 1x16x4x4           | 1x16x2x2  |    0 |  0 |     0 |  256 |  256 | 20 | 8
            08      | batchFlatten       | 1x16x2x2           | 1x64      |    0 |  0 |     0 |    0 |  256 |  - | -
            09      | Linear             | 1x64               | 1x10      |  650 |  0 |   640 |    0 |   40 |  - | -
            """;

    @Test
    void smallNetMatchesTheHandCheckedTable() {
        ProfileReport r = Profiler.profile(smallNet(), new Shape(1, 3, 16, 16));
        List<String> expected = SMALL_NET_TABLE.lines().toList();
        assertEquals(expected.size(), r.layers().size(), r.text());
        for (int i = 0; i < expected.size(); i++) {
            String[] c = expected.get(i).split("\\|");
            LayerProfile l = r.layers().get(i);
            String where = "row " + (i + 1) + " " + l + "\n" + r.text();
            assertEquals(i + 1, l.index());
            assertEquals(c[0].trim(), l.name(), where);
            assertEquals(c[1].trim(), l.type(), where);
            assertEquals(c[2].trim(), shapes(l.inputShapes()), where);
            assertEquals(c[3].trim(), shapes(l.outputShapes()), where);
            assertEquals(Long.parseLong(c[4].trim()), l.params(), where);
            assertEquals(Long.parseLong(c[5].trim()), l.buffers(), where);
            assertEquals(Long.parseLong(c[6].trim()), l.macs(), where);
            assertEquals(2 * Long.parseLong(c[6].trim()), l.flops(), where);
            assertEquals(Long.parseLong(c[7].trim()), l.otherOps(), where);
            assertEquals(Long.parseLong(c[8].trim()), l.activationBytes(), where);
            ReceptiveField rf = l.receptiveField();
            if (c[9].trim().equals("-")) {
                assertNull(rf, where);
            } else {
                assertNotNull(rf, where);
                assertEquals(Long.parseLong(c[9].trim()), rf.height(), where);
                assertEquals(rf.height(), rf.width(), where);
                assertEquals(Long.parseLong(c[10].trim()), rf.strideHeight(), where);
                assertEquals(rf.strideHeight(), rf.strideWidth(), where);
            }
        }
        ProfileTotals t = r.total();
        assertEquals(3_786, t.params());
        assertEquals(3_786, t.trainableParams());
        assertEquals(0, t.frozenParams());
        assertEquals(16, t.buffers());
        assertEquals(102_016, t.macs());
        assertEquals(204_032, t.flops());
        assertEquals(8_704, t.otherOps());
        assertEquals(29_992, t.activationBytes());
        assertEquals(3 * 16 * 16 * 4, t.inputBytes());
        assertEquals(List.of(), r.warnings());
        assertEquals(LayerKind.MERGE, r.layers().get(7).kind());
        assertEquals(LayerKind.POOL, r.layers().get(3).kind());
    }

    private static String shapes(List<Shape> shapes) {
        return Profiler.shapesText(shapes.toArray(new Shape[0]));
    }

    @Test
    void trainingMemoryAddsWeightsGradientsOptimizerStateAndActivations() {
        ProfileReport r = Profiler.builder().optTrainingBatch(8).optOptimizer(OptimizerKind.ADAM).build()
                .analyze(smallNet(), new Shape(1, 3, 16, 16));
        TrainingMemory m = r.trainingMemory();
        assertEquals(8, m.batchSize());
        assertEquals((3_786 + 16) * 4, m.weightBytes());
        assertEquals(3_786 * 4, m.gradientBytes());
        assertEquals(2 * 3_786 * 4, m.optimizerBytes());
        assertEquals((29_992 + 3_072) * 8, m.activationBytes()); // (layer outputs + input) × batch
        assertEquals(m.weightBytes() + m.gradientBytes() + m.optimizerBytes() + m.activationBytes(), m.totalBytes());
        assertEquals(0, r.trainingMemory(1, OptimizerKind.NONE).optimizerBytes());
        assertEquals(3_786 * 4, r.trainingMemory(1, OptimizerKind.SGD).optimizerBytes());
        // profiling at batch 2 gives the same per-image activation memory
        ProfileReport r2 = Profiler.profile(smallNet(), new Shape(2, 3, 16, 16));
        assertEquals(2 * 102_016, r2.total().macs());
        assertEquals(m.activationBytes(), r2.trainingMemory(8, OptimizerKind.ADAM).activationBytes());
    }

    @Test
    void frozenParametersAreCountedApartAndGetNoGradientOrOptimizerState() {
        SequentialBlock net = smallNet();
        Block linear = net.getChildren().get(8).getValue();
        linear.freezeParameters(true);
        ProfileReport r = Profiler.profile(net, new Shape(1, 3, 16, 16));
        assertEquals(3_786, r.total().params());
        assertEquals(650, r.total().frozenParams());
        assertEquals(3_136, r.total().trainableParams());
        assertEquals(650, r.layers().get(10).frozenParams());
        assertEquals(3_136 * 4, r.trainingMemory().gradientBytes());
        assertTrue(r.text().contains("frozen"), r.text());
    }

    // ------------------------------------------------------------------ block state

    @Test
    void anUninitializedBlockStaysUninitializedAndStillInitializesNormally() {
        SequentialBlock net = smallNet();
        Profiler.profile(net, new Shape(1, 3, 16, 16));
        assertFalse(net.isInitialized());
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            NDArray w = net.getChildren().get(0).getValue().getParameters().get("weight").getArray();
            assertEquals(new Shape(8, 3, 3, 3), w.getShape());
            assertTrue(w.abs().sum().getFloat() > 0, "real initializer, not the placeholder");
            NDList y = net.forward(new ParameterStore(manager, false), new NDList(manager.ones(new Shape(1, 3, 16, 16))), false);
            assertEquals(new Shape(1, 10), y.singletonOrThrow().getShape());
        }
    }

    @Test
    void anInitializedBlockKeepsItsParameters() {
        SequentialBlock net = smallNet();
        try (NDManager manager = NDManager.newBaseManager()) {
            net.initialize(manager, DataType.FLOAT32, new Shape(1, 3, 16, 16));
            Parameter weight = net.getChildren().get(0).getValue().getParameters().get("weight");
            NDArray before = weight.getArray();
            float[] values = before.toFloatArray();
            ProfileReport r = Profiler.profile(net, new Shape(1, 3, 16, 16));
            assertEquals(3_786, r.total().params());
            assertSame(before, weight.getArray());
            assertEquals(values[0], weight.getArray().toFloatArray()[0]);
            assertTrue(net.isInitialized());
        }
    }

    @Test
    void sharedBlocksAreListedTwiceButCountedOnce() {
        Conv2d shared = conv(8, 3, 1, 1, 1, true);
        SequentialBlock net = new SequentialBlock().add(shared).add(shared);
        ProfileReport r = Profiler.profile(net, new Shape(1, 8, 8, 8));
        assertEquals(2, r.layers().size());
        assertEquals(584, r.layers().get(0).params());
        assertEquals(584, r.layers().get(1).params());
        assertEquals(584, r.total().params()); // 8·8·9 + 8, once
        assertEquals(2 * 9 * 8 * 8 * 64, r.total().macs());
        assertEquals(5, r.layers().get(1).receptiveField().height());
    }

    // ------------------------------------------------------------------ rules

    @Test
    void aLeafProfiledAloneIsTheRootRow() {
        ProfileReport r = Profiler.profile(Linear.builder().setUnits(3).build(), new Shape(2, 5));
        assertEquals(1, r.layers().size());
        assertEquals("root", r.layers().get(0).name());
        assertEquals(2 * 5 * 3, r.total().macs()); // batch 2 × in 5 × out 3
        assertEquals(18, r.total().params());
        assertNull(r.layers().get(0).receptiveField());
    }

    @Test
    void dilationWidensTheReceptiveField() {
        Conv2d dilated = Conv2d.builder().setFilters(4).setKernelShape(new Shape(3, 3)).optDilation(new Shape(2, 2)).build();
        ProfileReport r = Profiler.profile(new SequentialBlock().add(dilated), new Shape(1, 1, 9, 9));
        LayerProfile l = r.layers().get(0);
        assertEquals(new Shape(1, 4, 5, 5), l.outputShapes().get(0)); // ⌊(9 − 2·2 − 1)/1⌋ + 1 = 5
        assertEquals(5, l.receptiveField().height()); // 1 + 2·(3 − 1)
        assertEquals(9 * 4 * 25, l.macs());
    }

    @Test
    void ceilModePoolIsRead() {
        Block pool = Pool.maxPool2dBlock(new Shape(3, 3), new Shape(2, 2), new Shape(0, 0), true);
        ProfileReport r = Profiler.profile(new SequentialBlock().add(pool), new Shape(1, 2, 8, 8));
        LayerProfile l = r.layers().get(0);
        assertEquals(new Shape(1, 2, 4, 4), l.outputShapes().get(0)); // ⌈(8 − 3)/2⌉ + 1 = 4
        assertEquals(9 * 32, l.otherOps());
        assertEquals(3, l.receptiveField().height());
        assertEquals(2, l.receptiveField().strideHeight());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void outputSizeFormula() {
        assertEquals(112, CountingRules.outputSize(224, 7, 2, 3, 1, false));
        assertEquals(55, CountingRules.outputSize(224, 11, 4, 2, 1, false));
        assertEquals(3, CountingRules.outputSize(8, 3, 2, 0, 1, false));
        assertEquals(4, CountingRules.outputSize(8, 3, 2, 0, 1, true));
        assertEquals(5, CountingRules.outputSize(9, 3, 1, 0, 2, false));
        assertEquals(118_013_952L, CountingRules.convMacs(7, 7, 3, 64, 1, 112, 112));
    }

    @Test
    void concatenatingParallelBlockHasNoSumOps() {
        ParallelBlock concat = new ParallelBlock(
                list -> new NDList(NDArrays.concat(new NDList(list.get(0).singletonOrThrow(), list.get(1).singletonOrThrow()), 1)),
                List.of(conv(4, 1, 1, 0, 1, false), conv(4, 3, 1, 1, 1, false)));
        ProfileReport r = Profiler.profile(concat, new Shape(1, 2, 6, 6));
        LayerProfile join = r.layers().get(2);
        assertEquals("join", join.name());
        assertEquals(new Shape(1, 8, 6, 6), join.outputShapes().get(0));
        assertEquals(0, join.otherOps());
        assertEquals(3, join.receptiveField().height());
    }

    @Test
    void unknownLambdaHasZeroCountsAndAWarning() {
        SequentialBlock net = new SequentialBlock()
                .add(LambdaBlock.singleton(x -> x.mul(2), "double"))
                .add(conv(2, 3, 1, 1, 1, false))
                .add(LambdaBlock.singleton(x -> x.get(":, :, 1:, 1:"), "crop"));
        ProfileReport r = Profiler.profile(net, new Shape(1, 2, 6, 6));
        assertEquals(LayerKind.UNKNOWN, r.layers().get(0).kind());
        assertEquals(0, r.layers().get(0).macs());
        assertEquals(3, r.layers().get(1).receptiveField().height(), "shape-preserving lambda keeps the field");
        assertEquals(new Shape(1, 2, 5, 5), r.layers().get(2).outputShapes().get(0));
        assertNull(r.layers().get(2).receptiveField(), "shape-changing lambda ends the field");
        assertEquals(2, r.warnings().size(), r.warnings().toString());
        assertTrue(r.warnings().get(0).contains("\"double\""), r.warnings().toString());
    }

    /** A custom container: x · sigmoid(conv(x)), its children run in order and it multiplies itself. */
    static final class Gate extends AbstractBlock {
        private final Block conv;
        private final Block sigmoid;

        Gate(int channels) {
            conv = addChildBlock("conv", conv(channels, 3, 1, 1, 1, true));
            sigmoid = addChildBlock("sigmoid", Activation.sigmoidBlock());
        }

        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            NDList g = sigmoid.forward(ps, conv.forward(ps, inputs, training), training);
            return new NDList(inputs.singletonOrThrow().mul(g.singletonOrThrow()));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }

        @Override
        protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
            conv.initialize(manager, dataType, inputShapes);
            sigmoid.initialize(manager, dataType, conv.getOutputShapes(inputShapes));
        }
    }

    /** A leaf no rule knows. */
    static final class Doubler extends AbstractBlock {
        @Override
        protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
            return new NDList(inputs.singletonOrThrow().mul(2));
        }

        @Override
        public Shape[] getOutputShapes(Shape[] inputShapes) {
            return inputShapes;
        }
    }

    private static SequentialBlock gated() {
        return new SequentialBlock().add(conv(4, 3, 1, 1, 1, false)).add(new Gate(4)).add(conv(4, 3, 1, 1, 1, false));
    }

    @Test
    void anUnknownContainerIsWalkedButTheFieldStopsThere() {
        ProfileReport r = Profiler.profile(gated(), new Shape(1, 4, 8, 8));
        assertEquals(List.of("01", "02.01conv", "02.02sigmoid", "03"), r.layers().stream().map(LayerProfile::name).toList());
        assertEquals(9 * 4 * 4 * 64, r.layers().get(1).macs(), "children still counted, with their recorded shapes");
        assertEquals(4 * 4 * 9 + 4, r.layers().get(1).params());
        assertNull(r.layers().get(1).receptiveField());
        assertNull(r.layers().get(3).receptiveField());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).startsWith("Gate has children"), r.warnings().toString());
    }

    @Test
    void registeredSequentialContainerWithOwnOps() {
        CountingRules rules = CountingRules.defaults()
                .registerSequential(Gate.class)
                .registerOwnOps(Gate.class, (b, in, out) -> LayerCount.elementwise(LayerKind.ELEMENTWISE, CountingRules.numel(out)));
        ProfileReport r = Profiler.builder().optRules(rules).build().analyze(gated(), new Shape(1, 4, 8, 8));
        assertEquals(List.of("01", "02.01conv", "02.02sigmoid", "02", "03"), r.layers().stream().map(LayerProfile::name).toList());
        assertEquals(5, r.layers().get(1).receptiveField().height());
        LayerProfile own = r.layers().get(3);
        assertEquals("Gate", own.type());
        assertEquals(256, own.otherOps());
        assertEquals(0, own.params(), "the conv's parameters are on the conv's row");
        assertEquals(7, r.layers().get(4).receptiveField().height());
        assertEquals(List.of(), r.warnings());
    }

    @Test
    void registeredWholeBlockCounterAndUnknownLeaf() {
        CountingRules rules = CountingRules.defaults()
                .register(Gate.class, (b, in, out) -> new LayerCount(LayerKind.COMPOSITE, 9 * 4 * 4 * 64, 3 * 256, Window.of(3, 1)));
        SequentialBlock net = gated().add(new Doubler());
        ProfileReport r = Profiler.builder().optRules(rules).build().analyze(net, new Shape(1, 4, 8, 8));
        assertEquals(List.of("01", "02", "03", "04"), r.layers().stream().map(LayerProfile::name).toList());
        LayerProfile gate = r.layers().get(1);
        assertEquals(LayerKind.COMPOSITE, gate.kind());
        assertEquals(148, gate.params(), "the whole block's parameters");
        assertEquals(5, gate.receptiveField().height());
        assertEquals(LayerKind.UNKNOWN, r.layers().get(3).kind());
        assertNull(r.layers().get(3).receptiveField());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("no counting rule for Doubler"), r.warnings().toString());
        // a rule for Doubler removes the warning
        rules.register(Doubler.class, (b, in, out) -> LayerCount.elementwise(LayerKind.ELEMENTWISE, CountingRules.numel(out)));
        ProfileReport r2 = Profiler.builder().optRules(rules).build().analyze(gated().add(new Doubler()), new Shape(1, 4, 8, 8));
        assertEquals(List.of(), r2.warnings());
        assertEquals(256, r2.layers().get(3).otherOps());
    }

    @Test
    void inputTooSmallNamesTheLayer() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Profiler.profile(smallNet(), new Shape(1, 3, 1, 1)));
        // conv 3×3 p1 keeps 1×1; the 2×2 max pool cannot
        assertTrue(e.getMessage().startsWith("layer 04 (maxPool2d) cannot take input 1x8x1x1: "), e.getMessage());
        IllegalArgumentException conv = assertThrows(IllegalArgumentException.class,
                () -> Profiler.profile(new SequentialBlock().add(conv(2, 5, 1, 0, 1, false)), new Shape(1, 1, 3, 3)));
        assertEquals("layer 01 (Conv2d) cannot take input 1x1x3x3: its output would be 1x2x-1x-1 (the kernel is larger than"
                + " the padded input)", conv.getMessage());
    }

    // ------------------------------------------------------------------ rendering

    @Test
    void jsonHasIntegerTotalsAndOneObjectPerLayer() throws Exception {
        ProfileReport r = Profiler.profile(smallNet(), new Shape(1, 3, 16, 16)).withName("small");
        JsonNode j = new ObjectMapper().readTree(r.json());
        assertEquals("small", j.get("model").asText());
        assertTrue(j.get("total").get("params").isIntegralNumber());
        assertTrue(j.get("total").get("macs").isIntegralNumber());
        assertEquals(3_786, j.get("total").get("params").asLong());
        assertEquals(102_016, j.get("total").get("macs").asLong());
        assertEquals(204_032, j.get("total").get("flops").asLong());
        assertEquals(16, j.get("total").get("buffers").asLong());
        assertEquals(11, j.get("layers").size());
        JsonNode first = j.get("layers").get(0);
        assertEquals("Conv2d", first.get("type").asText());
        assertEquals("conv", first.get("kind").asText());
        assertEquals(8, first.get("output").get(0).get(1).asLong()); // 1x8x16x16
        assertEquals(3, first.get("receptive_field").get(0).asLong());
        assertTrue(j.get("layers").get(10).get("receptive_field").isNull());
        assertEquals(1, j.get("input").size());
        assertTrue(j.get("training_memory").get("total_bytes").isIntegralNumber());
        assertTrue(j.get("warnings").isArray());
    }

    @Test
    void textAndMarkdownShowTheTableAndTotals() {
        ProfileReport r = Profiler.profile(smallNet(), new Shape(1, 3, 16, 16)).withName("small");
        String text = r.text();
        assertTrue(text.startsWith("small: input 1x3x16x16, float32, 11 layers."), text);
        assertTrue(text.contains("06.join  ParallelBlock join  1x16x4x4, 1x16x4x4 -> 1x16x4x4"), text);
        assertTrue(text.contains("102,016"), text);
        assertTrue(text.contains("(= 2 x MACs)"), text);
        assertFalse(r.text(false).contains("06.join"));
        String md = r.markdown();
        assertTrue(md.contains("| # | layer | type | input → output | params | MACs | FLOPs | other ops | activations | RF | stride |"), md);
        assertTrue(md.contains("|---:|---|---|---|---:|"), md);
        assertTrue(md.contains("| MACs | 102,016 |"), md);
    }

    static Conv2d conv(int filters, int kernel, int stride, int padding, int groups, boolean bias) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride)).optPadding(new Shape(padding, padding))
                .optGroups(groups).optBias(bias).build();
    }
}
