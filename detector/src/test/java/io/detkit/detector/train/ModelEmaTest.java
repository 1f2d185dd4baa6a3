package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.util.Pair;
import io.detkit.detector.config.RunConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelEmaTest {
    private static final double DECAY = 0.9;
    private static final double TAU = 2;

    /** Linear(2) → BatchNorm: weight, bias, gamma, beta (averaged) and running mean/var (copied). */
    private static Block model(NDManager m) {
        Block b = new SequentialBlock().add(Linear.builder().setUnits(2).build()).add(BatchNorm.builder().build());
        b.initialize(m, DataType.FLOAT32, new Shape(4, 3));
        setAll(b, 0);
        return b;
    }

    /** Every parameter element i of parameter j at "time" k: sin(i + 3j) + 0.1·k·(j + 1). */
    private static double value(int i, int j, int k) {
        return Math.sin(i + 3 * j) + 0.1 * k * (j + 1);
    }

    private static void setAll(Block b, int k) {
        int j = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            NDArray a = p.getValue().getArray();
            float[] v = new float[(int) a.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) value(i, j, k);
            }
            a.set(v);
            j++;
        }
    }

    private static Map<String, float[]> snapshot(Block b) {
        Map<String, float[]> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            out.put(p.getKey(), p.getValue().getArray().toFloatArray());
        }
        return out;
    }

    @Test
    void afterNUpdatesEqualsTheClosedForm() {
        int n = 5;
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m);
            try (ModelEma ema = new ModelEma(b, DECAY, TAU)) {
                for (int k = 1; k <= n; k++) {
                    setAll(b, k); // the "trained" weights after step k
                    ema.update(b);
                }
                assertEquals(n, ema.updates());
                int j = 0;
                for (Pair<String, Parameter> p : b.getParameters()) {
                    float[] got = ema.get(p.getKey()).toFloatArray();
                    boolean running = p.getValue().getType() == Parameter.Type.RUNNING_MEAN
                            || p.getValue().getType() == Parameter.Type.RUNNING_VAR;
                    for (int i = 0; i < got.length; i++) {
                        // e₀ = w₀; e_k = d_k·e_{k−1} + (1 − d_k)·w_k, d_k = 0.9·(1 − exp(−k/2));
                        // running statistics: e_n = w_n
                        double e = value(i, j, 0);
                        for (int k = 1; k <= n; k++) {
                            double d = DECAY * (1 - Math.exp(-k / TAU));
                            e = d * e + (1 - d) * value(i, j, k);
                        }
                        double expected = running ? (float) value(i, j, n) : e;
                        assertEquals(expected, got[i], 1e-6, p.getKey() + "[" + i + "]");
                    }
                    j++;
                }
            }
        }
    }

    @Test
    void decayRamp() {
        try (NDManager m = NDManager.newBaseManager()) {
            RunConfig.Ema c = new RunConfig.Ema(); // decay 0.9999, tau 2000
            try (ModelEma ema = ModelEma.of(c, model(m))) {
                // d_1 = 0.9999·(1 − e^(−1/2000)) ≈ 0.9999·4.99875e-4
                assertEquals(0.9999 * (1 - Math.exp(-1 / 2000.0)), ema.decayAt(1), 1e-15);
                assertEquals(0.9999 * (1 - Math.exp(-1.0)), ema.decayAt(2000), 1e-15);
                assertEquals(0.9999, ema.decayAt(1_000_000), 1e-12);
            }
        }
    }

    @Test
    void swapInAndBackIsExact() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m);
            try (ModelEma ema = new ModelEma(b, DECAY, TAU)) {
                setAll(b, 3);
                ema.update(b);
                setAll(b, 7);
                Map<String, float[]> own = snapshot(b);
                try (ModelEma.Swap s = ema.swapInto(b)) {
                    for (Map.Entry<String, float[]> e : snapshot(b).entrySet()) {
                        assertArrayEquals(ema.get(e.getKey()).toFloatArray(), e.getValue(), e.getKey());
                    }
                    assertThrows(IllegalStateException.class, () -> ema.update(b));
                }
                Map<String, float[]> back = snapshot(b);
                for (String k : own.keySet()) {
                    assertArrayEquals(own.get(k), back.get(k), k);
                }
                ema.update(b); // allowed again
            }
        }
    }

    @Test
    void applyToAnotherCopyOfTheModel() {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m);
            Block eval = model(m);
            try (ModelEma ema = new ModelEma(b, DECAY, TAU)) {
                setAll(b, 2);
                ema.update(b);
                ema.applyTo(eval);
                for (Map.Entry<String, float[]> e : snapshot(eval).entrySet()) {
                    assertArrayEquals(ema.get(e.getKey()).toFloatArray(), e.getValue(), e.getKey());
                }
            }
        }
    }

    @Test
    void saveLoadContinuesExactly() throws IOException {
        try (NDManager m = NDManager.newBaseManager()) {
            Block b = model(m);
            Map<String, float[]> straight;
            try (ModelEma ema = new ModelEma(b, DECAY, TAU)) {
                for (int k = 1; k <= 4; k++) {
                    setAll(b, k);
                    ema.update(b);
                }
                straight = new LinkedHashMap<>();
                for (String k : snapshot(b).keySet()) {
                    straight.put(k, ema.get(k).toFloatArray());
                }
            }
            byte[] saved;
            setAll(b, 0);
            try (ModelEma ema = new ModelEma(b, DECAY, TAU)) {
                for (int k = 1; k <= 2; k++) {
                    setAll(b, k);
                    ema.update(b);
                }
                ByteArrayOutputStream bytes = new ByteArrayOutputStream();
                ema.save(new DataOutputStream(bytes));
                saved = bytes.toByteArray();
            }
            Block fresh = model(m); // another instance, same names
            try (ModelEma ema = new ModelEma(fresh, DECAY, TAU)) {
                byte[] cut = Arrays.copyOf(saved, saved.length - 3);
                assertThrows(IOException.class, () -> ema.load(new DataInputStream(new ByteArrayInputStream(cut))));
                assertEquals(0, ema.updates());
                ema.load(new DataInputStream(new ByteArrayInputStream(saved)));
                assertEquals(2, ema.updates());
                for (int k = 3; k <= 4; k++) {
                    setAll(fresh, k);
                    ema.update(fresh);
                }
                for (Map.Entry<String, float[]> e : straight.entrySet()) {
                    assertArrayEquals(e.getValue(), ema.get(e.getKey()).toFloatArray(), e.getKey());
                }
            }
        }
    }
}
