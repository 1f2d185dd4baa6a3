package io.detkit.detector.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import io.detkit.detector.config.RunConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Optimizer state: save → load → continue equals an uninterrupted run, bit for bit; no leaks. */
class OptimizerStateTest {
    private static final int ITERS_PER_EPOCH = 2;
    private static final int EPOCHS = 4;

    private static DetkitOptimizer optimizer(String name) {
        RunConfig.Optimizer o = new RunConfig.Optimizer();
        o.name = name;
        o.lr = 0.05;
        o.weightDecay = 0.01;
        o.nesterov = name.equals("sgd");
        RunConfig.Schedule s = new RunConfig.Schedule(); // cosine with 1 warm-up epoch: the LR moves every step
        return Optimizers.create(o, LrSchedules.create(s, o.lr, ITERS_PER_EPOCH, EPOCHS));
    }

    /** Two linear layers with fixed weights (DJL's initializers are random). */
    private static Block model(NDManager m) {
        SequentialBlock b = new SequentialBlock().add(Linear.builder().setUnits(3).build()).add(Linear.builder().setUnits(2).build());
        b.initialize(m, DataType.FLOAT32, new Shape(1, 4));
        int k = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) Math.sin(1.3 * (k + i) + 0.2);
            }
            a.set(v);
            k += 7;
        }
        return b;
    }

    /** One update of every parameter with the pseudo-gradient 0.7·w + 0.05·(index + 1). */
    private static void step(DetkitOptimizer opt, Block b) {
        int i = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            NDArray w = p.getValue().getArray();
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                opt.update(p.getValue().getId(), w, w.mul(0.7).add(0.05 * (i + 1)));
            }
            i++;
        }
    }

    private static Map<String, float[]> weights(Block b) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    private static void assertBitwiseEqual(Map<String, float[]> expected, Map<String, float[]> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        for (String k : expected.keySet()) {
            int[] e = bits(expected.get(k));
            int[] a = bits(actual.get(k));
            assertArrayEquals(e, a, k);
        }
    }

    private static int[] bits(float[] f) {
        int[] b = new int[f.length];
        for (int i = 0; i < f.length; i++) {
            b[i] = Float.floatToRawIntBits(f[i]);
        }
        return b;
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "adamw", "nadam", "rmsprop", "adagrad", "adadelta"})
    void resumeIsBitForBit(String name) throws IOException {
        int total = ITERS_PER_EPOCH * EPOCHS;
        int cut = 3;
        Map<String, float[]> straight;
        double straightLr;
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m);
            DetkitOptimizer opt = optimizer(name);
            for (int k = 0; k < total; k++) {
                step(opt, b);
            }
            straight = weights(b);
            straightLr = opt.getCurrentLr();
            assertEquals(total, opt.getUpdateCount());
        }

        byte[] saved;
        Map<String, float[]> atCut;
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m);
            DetkitOptimizer opt = optimizer(name);
            for (int k = 0; k < cut; k++) {
                step(opt, b);
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            opt.saveState(new DataOutputStream(bytes), b);
            saved = bytes.toByteArray();
            atCut = weights(b);
        }

        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m); // a new process: new parameter ids, same names
            for (Pair<String, Parameter> p : b.getParameters()) {
                p.getValue().getArray().set(atCut.get(p.getKey()));
            }
            DetkitOptimizer opt = optimizer(name);
            opt.loadState(new DataInputStream(new ByteArrayInputStream(saved)), b);
            assertEquals(cut, opt.getUpdateCount());
            String firstId = b.getParameters().get(0).getValue().getId();
            assertEquals(cut, opt.stepsOf(firstId));
            for (int k = cut; k < total; k++) {
                step(opt, b);
            }
            assertBitwiseEqual(straight, weights(b));
            assertEquals(straightLr, opt.getCurrentLr(), 0);
            assertEquals(total, opt.getUpdateCount());
        }
    }

    @Test
    void stateLivesInTheWeightsManagerAndStepsDoNotLeak() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m);
            for (Pair<String, Parameter> p : b.getParameters()) {
                assertTrue(p.getValue().getArray().hasGradient(), "covers the gradient-zeroing path too");
            }
            DetkitOptimizer opt = optimizer("nadam");
            step(opt, b);
            NDManager owner = b.getParameters().get(0).getValue().getArray().getManager();
            int after1 = owner.getManagedArrays().size();
            int all1 = m.getManagedArrays().size();
            for (int k = 0; k < 20; k++) {
                step(opt, b);
            }
            assertEquals(after1, owner.getManagedArrays().size());
            assertEquals(all1, m.getManagedArrays().size());
            opt.clearState();
            assertEquals(0, opt.getUpdateCount());
            assertTrue(owner.getManagedArrays().size() < after1, "clearState closes the state arrays");
        }
    }

    @Test
    void loadRejectsBadStateAndKeepsTheCurrentOne() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m);
            DetkitOptimizer adam = optimizer("adam");
            step(adam, b);
            step(adam, b);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            adam.saveState(new DataOutputStream(bytes), b);
            byte[] ok = bytes.toByteArray();

            // another optimizer kind
            DetkitOptimizer sgd = optimizer("sgd");
            IOException e = assertThrows(IOException.class, () -> sgd.loadState(in(ok), b));
            assertTrue(e.getMessage().contains("'adam'"), e.getMessage());

            // truncated, at several places; the optimizer keeps its state
            DetkitOptimizer other = optimizer("adam");
            step(other, b);
            for (int cut : new int[] {3, 20, ok.length / 2, ok.length - 1}) {
                byte[] part = Arrays.copyOf(ok, cut);
                assertThrows(IOException.class, () -> other.loadState(in(part), b), "cut at " + cut);
                assertEquals(1, other.getUpdateCount());
            }

            // not a state at all
            byte[] junk = ok.clone();
            junk[0] ^= 0x55;
            assertTrue(assertThrows(IOException.class, () -> other.loadState(in(junk), b)).getMessage().contains("magic"));

            // a model without one of the saved parameters
            List<ParamRef> fewer = ParamRef.of(b).subList(1, ParamRef.of(b).size());
            assertTrue(assertThrows(IOException.class, () -> other.loadState(in(ok), fewer)).getMessage()
                    .contains("does not have"));

            // and the good one loads
            other.loadState(in(ok), b);
            assertEquals(2, other.getUpdateCount());
        }
    }

    @Test
    void arraysByIdRoundTrip() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(new float[] {1, -2, 0.5f});
            DetkitOptimizer a = new Adam(t -> 0.01, 0.9, 0.999, 1e-8, 0);
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                a.update("w", w, w.mul(2));
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            a.saveState(new DataOutputStream(bytes), ParamRef.byId(Map.of("w", w)));
            DetkitOptimizer b = new Adam(t -> 0.01, 0.9, 0.999, 1e-8, 0);
            b.loadState(in(bytes.toByteArray()), ParamRef.byId(Map.of("w", w)));
            assertEquals(1, b.stepsOf("w"));
            // a parameter with state that is not named cannot be saved
            assertThrows(IllegalStateException.class, () -> a.saveState(new DataOutputStream(new ByteArrayOutputStream()), List.of()));
            assertNotEquals(0, bytes.size());
        }
    }

    private static DataInputStream in(byte[] b) {
        return new DataInputStream(new ByteArrayInputStream(b));
    }
}
