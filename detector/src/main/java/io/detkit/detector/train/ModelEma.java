package io.detkit.detector.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.detkit.detector.config.RunConfig;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exponential moving average of a model's weights, Ultralytics-style: after the t-th
 * {@link #update}, with d_t = decay·(1 − exp(−t/τ)),
 * <pre>
 * ema ← d_t·ema + (1 − d_t)·w    for floating-point parameters
 * ema ← w                        for BatchNorm running mean/variance and non-float arrays
 * </pre>
 * The average starts as a copy of the model (t = 0). The ramp keeps early averages close to the
 * fast-moving weights; d_t tends to {@code decay}. Validate with the averaged weights through
 * {@link #swapInto} (and back) or {@link #applyTo} on a second copy of the model.
 *
 * <p>Entries are keyed by the block's parameter names, so a model built again in another
 * process (new parameter ids) matches. Arrays live in a sub-manager of the model's parameters'
 * manager, on their device; {@link #close} frees them.
 *
 * <p><b>Checkpoint format</b> ({@link #save}), big-endian {@link DataOutputStream}:
 * <pre>
 * int 0x444B454D ("DKEM"); int 1 (version); long updates; double decay; double tau; int n;
 * n × { UTF name; boolean averaged; int len; len bytes of NDArray.encode() };
 * int 0x444B4545 ("DKEE") end marker
 * </pre>
 */
public final class ModelEma implements AutoCloseable {
    /** Magic number at the start of a saved EMA. */
    public static final int MAGIC = 0x444B454D;
    /** Marker at the end of a saved EMA. */
    public static final int END = 0x444B4545;
    /** Format version. */
    public static final int VERSION = 1;

    private static final NDIndex ALL = new NDIndex("...");

    private final double decay;
    private final double tau;
    private final NDManager manager;
    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private long updates;
    private Swap swapped;

    /**
     * Starts an average as a copy of the model's current weights.
     *
     * @param model an initialized block
     * @param decay final decay in (0, 1)
     * @param tau ramp length τ &gt; 0, in updates
     */
    public ModelEma(Block model, double decay, double tau) {
        if (!(decay > 0 && decay < 1)) {
            throw new IllegalArgumentException("EMA decay must be in (0, 1), got " + decay);
        }
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("EMA tau must be > 0, got " + tau);
        }
        this.decay = decay;
        this.tau = tau;
        List<Pair<String, Parameter>> params = parameters(model);
        if (params.isEmpty()) {
            throw new IllegalArgumentException("the model has no initialized parameters");
        }
        this.manager = params.get(0).getValue().getArray().getManager().newSubManager();
        for (Pair<String, Parameter> p : params) {
            Parameter param = p.getValue();
            NDArray w = param.getArray();
            boolean averaged = w.getDataType().isFloating()
                    && param.getType() != Parameter.Type.RUNNING_MEAN
                    && param.getType() != Parameter.Type.RUNNING_VAR;
            entries.put(p.getKey(), new Entry(copyOf(w), averaged));
        }
    }

    /**
     * The average of a run config ({@code train.ema}); check {@code cfg.enabled} first.
     *
     * @param cfg the {@code train.ema} section
     * @param model an initialized block
     * @return the average
     */
    public static ModelEma of(RunConfig.Ema cfg, Block model) {
        return new ModelEma(model, cfg.decay, cfg.tau);
    }

    /**
     * d_t = decay·(1 − exp(−t/τ)).
     *
     * @param t update number, 1 for the first
     * @return the decay used by the t-th update
     */
    public double decayAt(long t) {
        return decay * (1 - Math.exp(-t / tau));
    }

    /**
     * Updates done so far.
     *
     * @return count
     */
    public synchronized long updates() {
        return updates;
    }

    /**
     * Folds the model's current weights into the average (call after each optimizer step).
     *
     * @param model the trained block (same architecture)
     */
    public synchronized void update(Block model) {
        if (swapped != null) {
            throw new IllegalStateException("the EMA weights are swapped into a model; close the swap first");
        }
        Map<String, NDArray> current = arrays(model);
        long t = updates + 1;
        double d = decayAt(t);
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                NDArray w = current.get(e.getKey());
                NDArray ema = e.getValue().array;
                if (e.getValue().averaged) {
                    ema.muli(d).addi(w.mul(1 - d));
                } else {
                    ema.set(ALL, w);
                }
            }
        }
        updates = t;
    }

    /**
     * Copies the averaged weights into a model (e.g. a second copy used for validation).
     *
     * @param target a block of the same architecture
     */
    public synchronized void applyTo(Block target) {
        Map<String, NDArray> current = arrays(target);
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            current.get(e.getKey()).set(ALL, e.getValue().array);
        }
    }

    /**
     * Puts the averaged weights into the model until the returned handle is closed, which puts
     * the model's own weights back exactly:
     * {@code try (ModelEma.Swap s = ema.swapInto(model)) { validate(model); }}.
     *
     * @param model the trained block
     * @return the handle that restores the model's weights
     */
    public synchronized Swap swapInto(Block model) {
        if (swapped != null) {
            throw new IllegalStateException("the EMA weights are already swapped into a model");
        }
        Map<String, NDArray> current = arrays(model);
        Map<String, NDArray> backup = new LinkedHashMap<>();
        for (String name : entries.keySet()) {
            backup.put(name, copyOf(current.get(name)));
        }
        applyTo(model);
        swapped = new Swap(current, backup);
        return swapped;
    }

    /**
     * The averaged array of a parameter (owned by this object; do not close).
     *
     * @param name parameter name as in {@code block.getParameters()}
     * @return the array
     * @throws IllegalArgumentException for an unknown name
     */
    public synchronized NDArray get(String name) {
        Entry e = entries.get(name);
        if (e == null) {
            throw new IllegalArgumentException("no EMA entry for parameter '" + name + "'");
        }
        return e.array;
    }

    /**
     * Writes the average (format in the class comment).
     *
     * @param out stream
     * @throws IOException on write errors
     */
    public synchronized void save(DataOutputStream out) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeLong(updates);
        out.writeDouble(decay);
        out.writeDouble(tau);
        out.writeInt(entries.size());
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeBoolean(e.getValue().averaged);
            byte[] b = e.getValue().array.encode();
            out.writeInt(b.length);
            out.write(b);
        }
        out.writeInt(END);
    }

    /**
     * Replaces the average and the update count with saved ones. The saved entries must be exactly
     * this model's parameters; decay and τ stay this object's.
     *
     * @param in stream positioned at a saved average
     * @throws IOException when the data is corrupt, truncated or of another model; the current
     *     average is then left as it was
     */
    public synchronized void load(DataInputStream in) throws IOException {
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format("not a detkit EMA state (magic 0x%08X)", magic));
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("EMA state version " + version + " is not supported (this build reads " + VERSION + ")");
        }
        long u = in.readLong();
        in.readDouble();
        in.readDouble();
        int n = in.readInt();
        if (u < 0 || n != entries.size()) {
            throw new IOException("EMA state has " + n + " entries (updates " + u + "), the model has " + entries.size());
        }
        Map<String, NDArray> loaded = new LinkedHashMap<>();
        boolean ok = false;
        try (NDManager tmp = manager.newSubManager()) {
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                Entry e = entries.get(name);
                boolean averaged = in.readBoolean();
                if (e == null || loaded.containsKey(name)) {
                    throw new IOException("EMA state has parameter '" + name + "', which the model does not have");
                }
                int len = in.readInt();
                if (len <= 0 || len > (1 << 30)) {
                    throw new IOException("corrupt EMA state for '" + name + "': array of " + len + " bytes");
                }
                byte[] b = new byte[len];
                in.readFully(b);
                NDArray a;
                try {
                    a = NDArray.decode(tmp, b);
                } catch (RuntimeException ex) {
                    throw new IOException("corrupt EMA state for '" + name + "': " + ex.getMessage(), ex);
                }
                if (!a.getShape().equals(e.array.getShape()) || a.getDataType() != e.array.getDataType() || averaged != e.averaged) {
                    throw new IOException("EMA state for '" + name + "' is " + a.getDataType() + a.getShape()
                            + " but the model's is " + e.array.getDataType() + e.array.getShape());
                }
                loaded.put(name, a);
            }
            int end = in.readInt();
            if (end != END) {
                throw new IOException(String.format("corrupt EMA state: end marker 0x%08X", end));
            }
            for (Map.Entry<String, NDArray> l : loaded.entrySet()) {
                entries.get(l.getKey()).array.set(ALL, l.getValue());
            }
            ok = true;
        }
        if (ok) {
            updates = u;
        }
    }

    /** Frees the averaged arrays. */
    @Override
    public synchronized void close() {
        manager.close();
    }

    private NDArray copyOf(NDArray w) {
        NDArray c = manager.create(w.getShape(), w.getDataType(), w.getDevice());
        NDScope.unregister(c);
        c.set(ALL, w);
        return c;
    }

    private static List<Pair<String, Parameter>> parameters(Block model) {
        List<Pair<String, Parameter>> out = new ArrayList<>();
        for (Pair<String, Parameter> p : model.getParameters()) {
            if (p.getValue().isInitialized()) {
                out.add(p);
            }
        }
        return out;
    }

    private Map<String, NDArray> arrays(Block model) {
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Pair<String, Parameter> p : parameters(model)) {
            out.put(p.getKey(), p.getValue().getArray());
        }
        for (Map.Entry<String, Entry> e : entries.entrySet()) {
            NDArray w = out.get(e.getKey());
            if (w == null) {
                throw new IllegalArgumentException("the model has no parameter '" + e.getKey() + "'");
            }
            if (!w.getShape().equals(e.getValue().array.getShape())) {
                throw new IllegalArgumentException("parameter '" + e.getKey() + "' is " + w.getShape()
                        + " but its EMA is " + e.getValue().array.getShape());
            }
        }
        return out;
    }

    /** One averaged array and how it is updated. */
    private record Entry(NDArray array, boolean averaged) {}

    /** The model's own weights, put back by {@link #close()}. */
    public final class Swap implements AutoCloseable {
        private final Map<String, NDArray> targets;
        private final Map<String, NDArray> backup;
        private boolean closed;

        private Swap(Map<String, NDArray> targets, Map<String, NDArray> backup) {
            this.targets = targets;
            this.backup = backup;
        }

        /** Restores the model's own weights exactly. */
        @Override
        public void close() {
            synchronized (ModelEma.this) {
                if (closed) {
                    return;
                }
                for (Map.Entry<String, NDArray> b : backup.entrySet()) {
                    targets.get(b.getKey()).set(ALL, b.getValue());
                    b.getValue().close();
                }
                closed = true;
                swapped = null;
            }
        }
    }
}
