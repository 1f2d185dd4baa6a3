package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.training.optimizer.Optimizer;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Base of detkit's optimizers: PyTorch's update rules written with NDArray ops, so they run on
 * every DJL engine (DJL's own {@code nag}, {@code adagrad}, {@code rmsprop} and {@code adadelta}
 * throw on the PyTorch engine, and its SGD momentum is MXNet's).
 *
 * <p><b>Counting.</b> Each parameter has its own step count t (1 on its first update), used for
 * bias corrections as in PyTorch. The optimizer's update count is the largest of them (DJL's
 * {@code Optimizer.updateCount} rule); the learning rate of an update is
 * {@code schedule.lr(count − 1)}, so the first update uses {@code lr(0)}.
 *
 * <p><b>Weight decay</b> is L2, {@code g ← g + wd·w} before the rule, except for {@link AdamW}
 * (decoupled). {@link #setNoDecay} exempts parameters (biases, BatchNorm γ/β, say).
 *
 * <p><b>L1 penalty</b> ({@link #setL1}) λ adds {@code λ·sign(w)} to the gradient of every
 * parameter that gets weight decay (not the {@link #setNoDecay} ones), before weight decay and the
 * rule, for every optimizer (AdamW included: L1 is never decoupled). It is the gradient of the
 * penalty {@code λ·Σ|w|} (with sign(0) = 0), added here instead of to the loss so that it costs no
 * autograd graph; like L2 weight decay it comes after gradient clipping.
 *
 * <p><b>Gradients</b> are zeroed after the update when the weight carries one, as DJL's PyTorch
 * optimizers do ({@code trainer.step()} relies on it; DJL's gradient collector does not zero,
 * so without it gradients would add up over steps).
 *
 * <p><b>State</b> lives per parameter id: arrays created in the weight's own manager on the
 * weight's device, updated in place; every temporary of an update is closed before
 * {@code update} returns (an {@link NDScope} around the rule). One device per parameter: DJL's
 * multi-device mirroring (one {@code update} call per device copy) is not supported.
 *
 * <p><b>Checkpoint format</b> ({@link #saveState}), big-endian {@link DataOutputStream}:
 * <pre>
 * int    0x444B4F53 ("DKOS")      magic
 * int    1                       version
 * UTF    kind                    "sgd", "adam", ... (must match on load)
 * long   update count            the optimizer's count (schedule position)
 * int    n                       parameters with state, sorted by name
 * n × {  UTF name; long t (the parameter's step count);
 *        int s; s × double       scalar state (NAdam's μ-product)
 *        int a; a × { int len; len bytes of NDArray.encode() } }   array state, exact bits
 * int    0x444B4F45 ("DKOE")      end marker: a truncated stream fails here
 * </pre>
 * Parameters are named by {@link ParamRef}: the model's parameter path, stable across processes,
 * while DJL's parameter ids are not.
 */
public abstract class DetkitOptimizer extends Optimizer {
    /** Magic number at the start of a saved state. */
    public static final int MAGIC = 0x444B4F53;
    /** Marker at the end of a saved state. */
    public static final int END = 0x444B4F45;
    /** Format version written by {@link #saveState}. */
    public static final int VERSION = 1;

    private static final NDIndex ALL = new NDIndex("...");

    private final String kind;
    private final LrSchedule schedule;
    private final double weightDecay;
    private final int arrayCount;
    private final int scalarCount;
    private final Map<String, State> states = new HashMap<>();
    private Set<String> noDecay = Set.of();
    private double l1;
    private long numUpdate;
    private double currentLr;

    /**
     * Creates an optimizer.
     *
     * @param kind short name, written into checkpoints
     * @param schedule learning rate schedule
     * @param weightDecay weight decay ≥ 0
     * @param arrayCount state arrays per parameter
     * @param scalarCount scalar states per parameter
     */
    protected DetkitOptimizer(String kind, LrSchedule schedule, double weightDecay, int arrayCount, int scalarCount) {
        super(new NoOptions());
        if (schedule == null) {
            throw new IllegalArgumentException("schedule is null");
        }
        if (!(weightDecay >= 0) || Double.isInfinite(weightDecay)) {
            throw new IllegalArgumentException("weight decay must be ≥ 0, got " + weightDecay);
        }
        this.kind = kind;
        this.schedule = schedule;
        this.weightDecay = weightDecay;
        this.arrayCount = arrayCount;
        this.scalarCount = scalarCount;
        this.currentLr = schedule.lr(0);
    }

    /**
     * Short name ({@code sgd}, {@code adam}, ...).
     *
     * @return the kind
     */
    public final String kind() {
        return kind;
    }

    /**
     * The learning-rate schedule.
     *
     * @return the schedule
     */
    public final LrSchedule schedule() {
        return schedule;
    }

    /**
     * Weight decay.
     *
     * @return weight decay
     */
    public final double weightDecay() {
        return weightDecay;
    }

    /**
     * Parameters (by id) that get no weight decay; replaces the previous set.
     *
     * @param parameterIds ids as passed to {@link #update}
     */
    public final synchronized void setNoDecay(Collection<String> parameterIds) {
        noDecay = Set.copyOf(parameterIds);
    }

    /**
     * Sets the L1 penalty λ (0: off, the default); see the class comment.
     *
     * @param lambda λ ≥ 0
     */
    public final synchronized void setL1(double lambda) {
        if (!(lambda >= 0) || Double.isInfinite(lambda)) {
            throw new IllegalArgumentException("L1 penalty must be ≥ 0, got " + lambda);
        }
        l1 = lambda;
    }

    /**
     * The L1 penalty λ.
     *
     * @return λ
     */
    public final synchronized double l1() {
        return l1;
    }

    private long scheduleIteration = -1;

    /** @return the LR of the last update */
    public final synchronized double getCurrentLr() {
        return currentLr;
    }

    /**
     * Optimizer updates done (the largest per-parameter step count).
     *
     * @return update count
     */
    public final synchronized long getUpdateCount() {
        return numUpdate;
    }

    /**
     * Step count of one parameter.
     *
     * @param parameterId parameter id
     * @return its updates so far, 0 if none
     */
    public final synchronized long stepsOf(String parameterId) {
        State s = states.get(parameterId);
        return s == null ? 0 : s.step;
    }

    /**
     * Applies one update rule step to {@code weight}, in place.
     *
     * @param weight the weight, updated in place
     * @param grad the gradient, L2 decay already added unless {@link #decoupledWeightDecay()};
     *     must not be modified
     * @param state this parameter's state, updated in place
     * @param lr learning rate of this update
     * @param weightDecay this parameter's weight decay (0 when exempt)
     * @param t this parameter's step count, 1 on its first update
     */
    protected abstract void apply(NDArray weight, NDArray grad, State state, double lr, double weightDecay, long t);

    /**
     * Whether the subclass applies weight decay itself (AdamW) instead of the L2 gradient term.
     *
     * @return true for decoupled decay
     */
    protected boolean decoupledWeightDecay() {
        return false;
    }

    /**
     * Initial scalar state of a parameter (zeros unless overridden).
     *
     * @return {@code scalarCount} values
     */
    protected double[] initialScalars() {
        return new double[scalarCount];
    }

    /** {@inheritDoc} */
    @Override
    public final synchronized void update(String parameterId, NDArray weight, NDArray grad) {
        if (!weight.getShape().equals(grad.getShape())) {
            throw new IllegalArgumentException("gradient shape " + grad.getShape() + " differs from weight shape "
                    + weight.getShape() + " for parameter " + parameterId);
        }
        State s = states.get(parameterId);
        if (s == null) {
            s = newState(weight);
            states.put(parameterId, s);
        } else if (s.arrays.length > 0 && !s.arrays[0].getDevice().equals(weight.getDevice())) {
            throw new IllegalStateException("parameter " + parameterId + " is updated on " + weight.getDevice()
                    + " but its optimizer state is on " + s.arrays[0].getDevice() + " (one device per parameter)");
        }
        long t = s.step + 1;
        long count = Math.max(numUpdate, t);
        double lr = schedule.lr(scheduleIteration >= 0 ? scheduleIteration : count - 1);
        if (!Double.isFinite(lr) || lr < 0) {
            throw new IllegalStateException("learning rate at iteration " + (count - 1) + " is " + lr);
        }
        boolean exempt = noDecay.contains(parameterId);
        double wd = exempt ? 0 : weightDecay;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDArray g = grad;
            if (l1 != 0 && !exempt) {
                g = g.add(weight.sign().mul(l1)); // ∂(λ·Σ|w|)/∂w = λ·sign(w)
            }
            if (wd != 0 && !decoupledWeightDecay()) {
                g = g.add(weight.mul(wd)); // PyTorch: grad = grad.add(param, alpha=weight_decay)
            }
            apply(weight, g, s, lr, wd, t);
            if (weight.hasGradient()) {
                // DJL's PyTorch optimizers zero the weight's gradient after updating it (the
                // gradient collector does not), and LocalParameterServer hands us a copy of it
                weight.getGradient().set(ALL, 0);
            }
        }
        s.step = t;
        numUpdate = count;
        currentLr = lr;
    }

    private State newState(NDArray weight) {
        NDArray[] arrays = new NDArray[arrayCount];
        for (int i = 0; i < arrayCount; i++) {
            arrays[i] = weight.zerosLike();
            NDScope.unregister(arrays[i]); // belongs to the weight's manager, not to a caller's scope
        }
        return new State(arrays, initialScalars());
    }

    /**
     * Ties the learning rate to a training iteration instead of the update count, so that an
     * update skipped by the training loop (e.g. a non-finite gradient) does not shift the schedule.
     * The update count, which drives bias corrections, is unaffected.
     *
     * @param iteration 0-based iteration whose LR the next updates use; −1 returns to the update count
     */
    public final synchronized void setScheduleIteration(long iteration) {
        this.scheduleIteration = iteration;
    }

    /** Closes all state arrays and resets the update count. */
    public final synchronized void clearState() {
        for (State s : states.values()) {
            for (NDArray a : s.arrays) {
                a.close();
            }
        }
        states.clear();
        numUpdate = 0;
        currentLr = schedule.lr(0);
    }

    /**
     * Writes the state of every updated parameter of a block (format in the class comment).
     *
     * @param out stream
     * @param block the model's block, naming its parameters
     * @throws IOException on write errors
     */
    public final void saveState(DataOutputStream out, Block block) throws IOException {
        saveState(out, ParamRef.of(block));
    }

    /**
     * Writes the state of every updated parameter (format in the class comment).
     *
     * @param out stream
     * @param params the parameters, naming the ids this optimizer has state for
     * @throws IOException on write errors
     * @throws IllegalStateException when a parameter with state is not in {@code params}
     */
    public final synchronized void saveState(DataOutputStream out, List<ParamRef> params) throws IOException {
        Map<String, String> idToName = new HashMap<>();
        Set<String> names = new HashSet<>();
        for (ParamRef p : params) {
            if (!names.add(p.name())) {
                throw new IllegalArgumentException("duplicate parameter name '" + p.name() + "'");
            }
            idToName.put(p.id(), p.name());
        }
        TreeMap<String, State> byName = new TreeMap<>();
        for (Map.Entry<String, State> e : states.entrySet()) {
            String name = idToName.get(e.getKey());
            if (name == null) {
                throw new IllegalStateException("optimizer has state for parameter id " + e.getKey()
                        + ", which is not among the given parameters");
            }
            byName.put(name, e.getValue());
        }
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeUTF(kind);
        out.writeLong(numUpdate);
        out.writeInt(byName.size());
        for (Map.Entry<String, State> e : byName.entrySet()) {
            State s = e.getValue();
            out.writeUTF(e.getKey());
            out.writeLong(s.step);
            out.writeInt(s.scalars.length);
            for (double d : s.scalars) {
                out.writeDouble(d);
            }
            out.writeInt(s.arrays.length);
            for (NDArray a : s.arrays) {
                byte[] b = a.encode();
                out.writeInt(b.length);
                out.write(b);
            }
        }
        out.writeInt(END);
    }

    /**
     * Replaces this optimizer's state with a saved one, for the parameters of a block.
     *
     * @param in stream positioned at a state written by {@link #saveState}
     * @param block the model's block (same architecture as when saved)
     * @throws IOException when the state is corrupt, truncated, of another optimizer kind, or does
     *     not fit the parameters; the current state is then left as it was
     */
    public final void loadState(DataInputStream in, Block block) throws IOException {
        loadState(in, ParamRef.of(block));
    }

    /**
     * Replaces this optimizer's state with a saved one. State arrays are decoded into each
     * weight's manager. Parameters the saved state does not mention start fresh.
     *
     * @param in stream positioned at a state written by {@link #saveState}
     * @param params the parameters: names as saved, ids and weights of this process
     * @throws IOException when the state is corrupt, truncated, of another optimizer kind, or does
     *     not fit the parameters; the current state is then left as it was
     */
    public final synchronized void loadState(DataInputStream in, List<ParamRef> params) throws IOException {
        Map<String, ParamRef> byName = new HashMap<>();
        for (ParamRef p : params) {
            byName.put(p.name(), p);
        }
        int magic = in.readInt();
        if (magic != MAGIC) {
            throw new IOException(String.format("not a detkit optimizer state (magic 0x%08X)", magic));
        }
        int version = in.readInt();
        if (version != VERSION) {
            throw new IOException("optimizer state version " + version + " is not supported (this build reads " + VERSION + ")");
        }
        String savedKind = in.readUTF();
        if (!savedKind.equals(kind)) {
            throw new IOException("optimizer state is for '" + savedKind + "' but this run's optimizer is '" + kind + "'");
        }
        long count = in.readLong();
        int n = in.readInt();
        if (count < 0 || n < 0 || n > (1 << 24)) {
            throw new IOException("corrupt optimizer state: update count " + count + ", " + n + " parameters");
        }
        Map<String, State> loaded = new LinkedHashMap<>();
        List<NDArray> decoded = new ArrayList<>();
        boolean ok = false;
        try {
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                ParamRef ref = byName.get(name);
                if (ref == null) {
                    throw new IOException("optimizer state has parameter '" + name + "', which the model does not have");
                }
                if (loaded.containsKey(ref.id())) {
                    throw new IOException("optimizer state lists parameter '" + name + "' twice");
                }
                long step = in.readLong();
                int ns = in.readInt();
                if (ns != scalarCount || step < 0 || step > count) {
                    throw new IOException("corrupt optimizer state for '" + name + "' (step " + step + ", " + ns + " scalars)");
                }
                double[] scalars = new double[ns];
                for (int k = 0; k < ns; k++) {
                    scalars[k] = in.readDouble();
                }
                int na = in.readInt();
                if (na != arrayCount) {
                    throw new IOException("corrupt optimizer state for '" + name + "': " + na + " arrays, expected " + arrayCount);
                }
                NDArray[] arrays = new NDArray[na];
                for (int k = 0; k < na; k++) {
                    arrays[k] = readArray(in, ref, name, decoded);
                }
                loaded.put(ref.id(), new State(arrays, scalars, step));
            }
            int end = in.readInt();
            if (end != END) {
                throw new IOException(String.format("corrupt optimizer state: end marker 0x%08X", end));
            }
            ok = true;
        } finally {
            if (!ok) {
                decoded.forEach(NDArray::close);
            }
        }
        clearState();
        states.putAll(loaded);
        numUpdate = count;
        currentLr = schedule.lr(Math.max(0, count - 1));
    }

    private static NDArray readArray(DataInputStream in, ParamRef ref, String name, List<NDArray> decoded) throws IOException {
        int len = in.readInt();
        if (len <= 0 || len > (1 << 30)) {
            throw new IOException("corrupt optimizer state for '" + name + "': array of " + len + " bytes");
        }
        byte[] b = new byte[len];
        in.readFully(b);
        NDArray w = ref.weight();
        NDArray a;
        try {
            a = NDArray.decode(w.getManager(), b);
        } catch (RuntimeException e) {
            throw new IOException("corrupt optimizer state for '" + name + "': " + e.getMessage(), e);
        }
        NDScope.unregister(a);
        decoded.add(a);
        if (!a.getShape().equals(w.getShape()) || a.getDataType() != w.getDataType()) {
            throw new IOException("optimizer state for '" + name + "' is " + a.getDataType() + a.getShape()
                    + " but the parameter is " + w.getDataType() + w.getShape());
        }
        if (!a.getDevice().equals(w.getDevice())) {
            NDArray moved = a.toDevice(w.getDevice(), false);
            NDScope.unregister(moved);
            decoded.add(moved);
            a = moved;
        }
        return a;
    }

    /** Per-parameter state: arrays updated in place, scalars, and the step count. */
    protected static final class State {
        private final NDArray[] arrays;
        private final double[] scalars;
        private long step;

        State(NDArray[] arrays, double[] scalars) {
            this(arrays, scalars, 0);
        }

        State(NDArray[] arrays, double[] scalars, long step) {
            this.arrays = arrays;
            this.scalars = scalars;
            this.step = step;
        }

        /**
         * A state array.
         *
         * @param i index
         * @return the array, updated in place by the rule
         */
        public NDArray array(int i) {
            return arrays[i];
        }

        /**
         * A scalar state.
         *
         * @param i index
         * @return value
         */
        public double scalar(int i) {
            return scalars[i];
        }

        /**
         * Sets a scalar state.
         *
         * @param i index
         * @param v value
         */
        public void setScalar(int i, double v) {
            scalars[i] = v;
        }
    }

    /** DJL's builder options are not used: clipping is {@code GradientClipper}'s, decay is ours. */
    private static final class NoOptions extends OptimizerBuilder<NoOptions> {
        @Override
        protected NoOptions self() {
            return this;
        }
    }
}
