package io.detkit.profile;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Profiles any DJL {@link Block}: parameters, multiply-accumulates, other operations, activation
 * sizes, receptive field and cumulative stride, layer by layer, without running the network.
 *
 * <pre>{@code
 * ProfileReport r = Profiler.profile(block, new Shape(1, 3, 224, 224));
 * System.out.print(r.text());
 * long params = r.total().params(), macs = r.total().macs();
 * }</pre>
 *
 * <p>How it works: the block is initialized for the input shape (as DJL's {@code initialize} does,
 * which records every child's input shape), then its tree is walked and each layer is counted by
 * the {@link CountingRules}. Shapes come from the blocks' own {@code getOutputShapes}; nothing runs
 * forward (DJL's {@code LambdaBlock}s compute their output shape by running their function once on
 * zeros). Parameters that were not initialized get placeholder arrays that take no memory (a
 * broadcast scalar) for the duration of the call, and are released and given their own
 * initializers back afterwards, so an uninitialized block stays uninitialized. Parameters that
 * were initialized are only read. As with any {@code initialize} call, DJL records the profiled
 * input shapes in the blocks.
 *
 * <p>Counting rules, units and the treatment of containers are described in {@link CountingRules}.
 */
public final class Profiler {
    /** A zero-cost parameter array: a scalar zero broadcast to the parameter's shape. */
    private static final Initializer PLACEHOLDER = (manager, shape, dataType) ->
            manager.zeros(new Shape(), dataType).broadcast(shape);

    private final CountingRules rules;
    private final DataType dataType;
    private final int trainingBatch;
    private final OptimizerKind optimizer;

    private Profiler(Builder b) {
        this.rules = b.rules.copy();
        this.dataType = b.dataType;
        this.trainingBatch = b.trainingBatch;
        this.optimizer = b.optimizer;
    }

    /**
     * Profiles a block with the default rules, float32, and a training-memory estimate for batch 16
     * with SGD (momentum).
     *
     * @param block the block
     * @param inputShapes its input shapes, batch dimension included (use batch 1 for per-image
     *     figures)
     * @return the report
     */
    public static ProfileReport profile(Block block, Shape... inputShapes) {
        return builder().build().analyze(block, inputShapes);
    }

    /**
     * A builder.
     *
     * @return a builder with the defaults
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Profiles a block.
     *
     * @param block the block
     * @param inputShapes its input shapes, batch dimension included
     * @return the report
     * @throws IllegalArgumentException when the block cannot take these input shapes
     */
    public ProfileReport analyze(Block block, Shape... inputShapes) {
        Objects.requireNonNull(block, "block");
        if (inputShapes == null || inputShapes.length == 0) {
            throw new IllegalArgumentException("at least one input shape is required");
        }
        Set<Parameter> initializedBefore = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<Parameter, Initializer> replaced = new IdentityHashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.isInitialized()) {
                initializedBefore.add(param);
            } else {
                replaced.put(param, param.getInitializer());
                param.setInitializer(PLACEHOLDER);
            }
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            try {
                block.initialize(manager, dataType, inputShapes);
            } catch (RuntimeException e) {
                String where = firstFailingLayer(block, "", inputShapes);
                throw new IllegalArgumentException((where != null ? where : "the block cannot take input "
                        + shapesText(inputShapes) + ": " + e.getMessage()), e);
            }
            Walk walk = new Walk(rules, dataType.getNumOfBytes());
            ReceptiveField rf0 = inputShapes.length == 1 && inputShapes[0].dimension() == 4 ? ReceptiveField.INPUT : null;
            walk.walk(block, "", inputShapes, rf0);
            walk.countUnattributed(block);
            long inputBytes = CountingRules.numel(inputShapes) * dataType.getNumOfBytes();
            ProfileTotals totals = walk.totals(inputBytes);
            return new ProfileReport(block.getClass().getSimpleName(), List.of(inputShapes), dataType, walk.rows,
                    totals, trainingMemory(totals, inputShapes, trainingBatch, optimizer), walk.warnings());
        } finally {
            // release what this call initialized and give those parameters their initializers back
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter param = p.getValue();
                if (!initializedBefore.contains(param)) {
                    param.close();
                }
            }
            replaced.forEach(Parameter::setInitializer);
        }
    }

    /**
     * After a failed {@code initialize}: follows the shapes through sequential and parallel
     * containers to the first layer that cannot take its input (DJL's own message does not say
     * which). Returns {@code null} when it finds none.
     */
    private static String firstFailingLayer(Block block, String path, Shape[] in) {
        String name = path.isEmpty() ? "the block" : "layer " + path;
        if (block instanceof SequentialBlock || block instanceof ParallelBlock) {
            Shape[] cur = in;
            for (Pair<String, Block> child : block.getChildren()) {
                String childPath = Walk.childPath(path, child);
                String failure = firstFailingLayer(child.getValue(), childPath, block instanceof SequentialBlock ? cur : in);
                if (failure != null) {
                    return failure;
                }
                if (block instanceof SequentialBlock) {
                    cur = child.getValue().getOutputShapes(cur);
                }
            }
            return null;
        }
        try {
            return emptyOutput(block, name, in, block.getOutputShapes(in));
        } catch (RuntimeException e) {
            String why = e.getMessage();
            if (block instanceof Convolution conv && in.length == 1 && in[0].dimension() == conv.getKernelShape().dimension() + 2) {
                StringBuilder size = new StringBuilder().append(in[0].get(0)).append('x').append(conv.getFilters());
                for (int i = 0; i < conv.getKernelShape().dimension(); i++) {
                    size.append('x').append(CountingRules.outputSize(in[0].get(2 + i), conv.getKernelShape().get(i),
                            conv.getStride().get(i), conv.getPadding().get(i), conv.getDilation().get(i), false));
                }
                why = "its output would be " + size + " (the kernel is larger than the padded input)";
            }
            return name + " (" + Walk.typeName(block) + ") cannot take input " + shapesText(in) + ": " + why;
        }
    }

    /** A message when an output has a dimension below 1 (the input is too small), else {@code null}. */
    static String emptyOutput(Block block, String name, Shape[] in, Shape[] out) {
        for (Shape s : out) {
            for (long d : s.getShape()) {
                if (d <= 0) {
                    return name + " (" + Walk.typeName(block) + ") cannot take input " + shapesText(in)
                            + ": its output would be " + shapesText(out)
                            + (block instanceof Convolution ? " (the kernel is larger than the padded input)" : "");
                }
            }
        }
        return null;
    }

    static TrainingMemory trainingMemory(ProfileTotals t, List<Shape> inputShapes, int batch, OptimizerKind optimizer) {
        return trainingMemory(t, inputShapes.toArray(new Shape[0]), batch, optimizer);
    }

    private static TrainingMemory trainingMemory(ProfileTotals t, Shape[] inputShapes, int batch, OptimizerKind optimizer) {
        long profiledBatch = inputShapes[0].dimension() > 0 && inputShapes[0].get(0) > 0 ? inputShapes[0].get(0) : 1;
        long bytes = t.bytesPerElement();
        long perImage = (t.activationBytes() + t.inputBytes()) / profiledBatch;
        return new TrainingMemory(batch, optimizer, t.weightBytes(), t.trainableParams() * bytes,
                t.trainableParams() * optimizer.statesPerParameter() * bytes, Math.multiplyExact(perImage, (long) batch));
    }

    static String shapesText(Shape... shapes) {
        StringBuilder sb = new StringBuilder();
        for (Shape s : shapes) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(shapeText(s));
        }
        return sb.toString();
    }

    static String shapeText(Shape s) {
        if (s.dimension() == 0) {
            return "scalar";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.dimension(); i++) {
            if (i > 0) {
                sb.append('x');
            }
            sb.append(s.get(i));
        }
        return sb.toString();
    }

    /** The tree walk; one per {@link #analyze} call. */
    private static final class Walk {
        private final CountingRules rules;
        private final int bytesPerElement;
        final List<LayerProfile> rows = new ArrayList<>();
        private final Map<String, Integer> warnings = new LinkedHashMap<>();
        private final Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        private long trainable, frozen, buffers;

        Walk(CountingRules rules, int bytesPerElement) {
            this.rules = rules;
            this.bytesPerElement = bytesPerElement;
        }

        private record Flow(Shape[] shapes, ReceptiveField rf) {}

        Flow walk(Block block, String path, Shape[] in, ReceptiveField rf) {
            boolean leaf = block.getChildren().isEmpty();
            if (leaf || rules.hasWholeRule(block)) {
                Shape[] out = outputShapes(block, path, in);
                LayerCount c = rules.countWhole(block, in, out);
                if (c == null) {
                    c = new LayerCount(LayerKind.UNKNOWN, 0, 0, null, "no counting rule for " + typeName(block)
                            + ": 0 MACs, receptive field ends there (CountingRules.register adds one)");
                }
                ReceptiveField after = after(rf, c.window(), out);
                emit(path.isEmpty() ? "root" : path, typeName(block), c, in, out,
                        leaf ? block.getDirectParameters().values() : block.getParameters().values(), after);
                return new Flow(out, after);
            }
            if (block instanceof SequentialBlock || rules.isSequential(block)) {
                Shape[] cur = in;
                ReceptiveField r = rf;
                for (Pair<String, Block> child : block.getChildren()) {
                    Flow f = walk(child.getValue(), childPath(path, child), cur, r);
                    cur = f.shapes();
                    r = f.rf();
                }
                return ownOps(block, path, in, cur, r);
            }
            if (block instanceof ParallelBlock) {
                List<Flow> branches = new ArrayList<>();
                for (Pair<String, Block> child : block.getChildren()) {
                    branches.add(walk(child.getValue(), childPath(path, child), in, rf));
                }
                Shape[] out = outputShapes(block, path, in);
                boolean sum = out.length == 1;
                List<ReceptiveField> fields = new ArrayList<>();
                for (Flow f : branches) {
                    sum &= f.shapes().length == 1 && f.shapes()[0].equals(out[0]);
                    fields.add(f.rf());
                }
                long ops = sum ? Math.multiplyExact(CountingRules.numel(out), (long) branches.size() - 1) : 0;
                ReceptiveField merged = isImage(out) ? ReceptiveField.merge(fields) : null;
                Shape[] joined = branches.stream().flatMap(f -> Arrays.stream(f.shapes())).toArray(Shape[]::new);
                emit(path.isEmpty() ? "join" : path + ".join", "ParallelBlock join", new LayerCount(LayerKind.MERGE, 0, ops, null),
                        joined, out, List.of(), merged);
                return ownOps(block, path, in, out, merged);
            }
            // a container whose wiring is not known: walk its children with the shapes DJL recorded
            for (Pair<String, Block> child : block.getChildren()) {
                Shape[] childIn = recordedInputShapes(child.getValue());
                String childPath = childPath(path, child);
                if (childIn == null) {
                    warn("no input shape recorded for a child of " + typeName(block)
                            + " (it was not initialized through its parent): its MACs are not counted");
                    emit(childPath, typeName(child.getValue()), new LayerCount(LayerKind.UNKNOWN, 0, 0, null), new Shape[0],
                            new Shape[0], child.getValue().getParameters().values(), null);
                } else {
                    walk(child.getValue(), childPath, childIn, null);
                }
            }
            Shape[] out = outputShapes(block, path, in);
            LayerCount own = rules.countOwnOps(block, in, out);
            if (own == null && rf != null) {
                warn(typeName(block) + " has children whose wiring the profiler cannot see: the receptive field is not"
                        + " followed through it (CountingRules.registerSequential or registerOwnOps adds a rule)");
            }
            return ownOps(block, path, in, out, rf, own);
        }

        /** Emits the container's own-operations row, if it has a rule or parameters of its own. */
        private Flow ownOps(Block block, String path, Shape[] in, Shape[] out, ReceptiveField rf) {
            return ownOps(block, path, in, out, rf, rules.countOwnOps(block, in, out));
        }

        private Flow ownOps(Block block, String path, Shape[] in, Shape[] out, ReceptiveField rf, LayerCount own) {
            List<Parameter> direct = block.getDirectParameters().values();
            boolean opaque = !(block instanceof SequentialBlock || block instanceof ParallelBlock || rules.isSequential(block));
            if (own == null && direct.isEmpty()) {
                return new Flow(out, opaque ? null : rf);
            }
            LayerCount c = own != null ? own : new LayerCount(LayerKind.UNKNOWN, 0, 0, opaque ? null : Window.IDENTITY);
            ReceptiveField after = after(rf, c.window(), out);
            emit(path.isEmpty() ? "root" : path, typeName(block), c, in, out, direct, after);
            return new Flow(out, after);
        }

        private Shape[] outputShapes(Block block, String path, Shape[] in) {
            String name = "layer " + (path.isEmpty() ? "root" : path);
            Shape[] out;
            try {
                out = block.getOutputShapes(in);
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(name + " (" + typeName(block) + ") cannot take input " + shapesText(in)
                        + ": " + e.getMessage(), e);
            }
            String empty = emptyOutput(block, name, in, out);
            if (empty != null) {
                throw new IllegalArgumentException(empty);
            }
            return out;
        }

        private static Shape[] recordedInputShapes(Block block) {
            try {
                return block.getInputShapes();
            } catch (RuntimeException e) {
                return null;
            }
        }

        private static ReceptiveField after(ReceptiveField rf, Window w, Shape[] out) {
            return rf == null || w == null || !isImage(out) ? null : rf.apply(w);
        }

        private static boolean isImage(Shape[] shapes) {
            return shapes.length == 1 && shapes[0].dimension() == 4;
        }

        private void emit(String name, String type, LayerCount c, Shape[] in, Shape[] out, List<Parameter> params,
                ReceptiveField rf) {
            long t = 0, f = 0, b = 0;
            for (Parameter p : params) {
                long n = elements(p);
                if (isBuffer(p)) {
                    b += n;
                } else if (p.requiresGradient()) {
                    t += n;
                } else {
                    f += n;
                }
                if (seen.add(p)) {
                    if (isBuffer(p)) {
                        buffers += n;
                    } else if (p.requiresGradient()) {
                        trainable += n;
                    } else {
                        frozen += n;
                    }
                }
            }
            if (c.note() != null) {
                warn(c.note());
            }
            long act = Math.multiplyExact(CountingRules.numel(out), (long) bytesPerElement);
            rows.add(new LayerProfile(rows.size() + 1, name, type, c.kind(), List.of(in), List.of(out), t, f, b,
                    c.macs(), c.otherOps(), act, rf));
        }

        /** Counts parameters no row claimed (none, for blocks whose children are all reachable). */
        void countUnattributed(Block root) {
            List<Parameter> missed = new ArrayList<>();
            for (Pair<String, Parameter> p : root.getParameters()) {
                if (!seen.contains(p.getValue())) {
                    missed.add(p.getValue());
                }
            }
            if (!missed.isEmpty()) {
                warn(missed.size() + " parameter(s) belong to no profiled layer; they are in the totals only");
                for (Parameter p : missed) {
                    long n = elements(p);
                    seen.add(p);
                    if (isBuffer(p)) {
                        buffers += n;
                    } else if (p.requiresGradient()) {
                        trainable += n;
                    } else {
                        frozen += n;
                    }
                }
            }
        }

        ProfileTotals totals(long inputBytes) {
            long macs = 0, other = 0, act = 0;
            for (LayerProfile r : rows) {
                macs = Math.addExact(macs, r.macs());
                other = Math.addExact(other, r.otherOps());
                if (r.kind() != LayerKind.RESHAPE) { // identity and flatten outputs are views of their inputs
                    act = Math.addExact(act, r.activationBytes());
                }
            }
            return new ProfileTotals(trainable, frozen, buffers, macs, other, act, inputBytes, bytesPerElement);
        }

        List<String> warnings() {
            List<String> out = new ArrayList<>();
            warnings.forEach((msg, n) -> out.add(n > 1 ? msg + " [" + n + " layers]" : msg));
            return out;
        }

        private void warn(String message) {
            warnings.merge(message, 1, Integer::sum);
        }

        private static long elements(Parameter p) {
            if (p.getShape() != null) {
                return p.getShape().size();
            }
            return p.isInitialized() ? p.getArray().getShape().size() : 0;
        }

        private static boolean isBuffer(Parameter p) {
            return p.getType() == Parameter.Type.RUNNING_MEAN || p.getType() == Parameter.Type.RUNNING_VAR;
        }

        private static String childPath(String path, Pair<String, Block> child) {
            String key = child.getKey();
            String simple = child.getValue().getClass().getSimpleName();
            String shortName = key;
            if (!simple.isEmpty() && key.endsWith(simple) && key.length() > simple.length()
                    && key.substring(0, key.length() - simple.length()).chars().allMatch(Character::isDigit)) {
                shortName = key.substring(0, key.length() - simple.length());
            }
            return path.isEmpty() ? shortName : path + "." + shortName;
        }

        private static String typeName(Block block) {
            if (block instanceof LambdaBlock lb) {
                return lb.getName();
            }
            String s = block.getClass().getSimpleName();
            return s.isEmpty() ? block.getClass().getName() : s;
        }
    }

    /** Builder for {@link Profiler}. */
    public static final class Builder {
        private CountingRules rules = CountingRules.defaults();
        private DataType dataType = DataType.FLOAT32;
        private int trainingBatch = 16;
        private OptimizerKind optimizer = OptimizerKind.SGD;

        private Builder() {}

        /**
         * Sets the counting rules (default {@link CountingRules#defaults()}); the profiler keeps a copy.
         *
         * @param rules the rules
         * @return this
         */
        public Builder optRules(CountingRules rules) {
            this.rules = Objects.requireNonNull(rules);
            return this;
        }

        /**
         * Sets the data type for parameter and activation bytes (default float32).
         *
         * @param dataType the data type
         * @return this
         */
        public Builder optDataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType);
            return this;
        }

        /**
         * Sets the batch size of the training-memory estimate (default 16).
         *
         * @param batch images per step, at least 1
         * @return this
         */
        public Builder optTrainingBatch(int batch) {
            if (batch < 1) {
                throw new IllegalArgumentException("training batch must be at least 1, got " + batch);
            }
            this.trainingBatch = batch;
            return this;
        }

        /**
         * Sets the optimizer of the training-memory estimate (default SGD with momentum).
         *
         * @param optimizer the optimizer
         * @return this
         */
        public Builder optOptimizer(OptimizerKind optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer);
            return this;
        }

        /**
         * Builds the profiler.
         *
         * @return the profiler
         */
        public Profiler build() {
            return new Profiler(this);
        }
    }
}
