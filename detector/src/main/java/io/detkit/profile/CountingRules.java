package io.detkit.profile;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.core.Prelu;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.norm.LayerNorm;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.nn.ActivationType;
import io.detkit.detector.nn.AdaptiveAvgPool2d;
import io.detkit.detector.nn.Cbam;
import io.detkit.detector.nn.ConvBnAct;
import io.detkit.detector.nn.PRelu;
import io.detkit.detector.nn.SqueezeExcitation;
import io.detkit.detector.rcnn.FasterRcnnModel;
import io.detkit.detector.rcnn.RcnnConfig;
import io.detkit.detector.rcnn.RpnHead;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The counting rules of the profiler: how many multiply-accumulates (MACs) and other operations
 * each kind of layer performs, and how it moves the receptive field. <b>This class is the one place
 * where the rules are written down.</b>
 *
 * <h2>Units</h2>
 * <ul>
 *   <li><b>MACs</b>: one multiply-add = 1 MAC. Only contractions (convolution, fully connected,
 *       matrix products) have MACs. <b>FLOPs = 2 × MACs</b>, reported beside them and labelled as
 *       such. This is the headline figure, comparable with fvcore, thop and torchvision's published
 *       {@code _ops} (which torchvision calls "GFLOPS" but counts one multiply-add as one).</li>
 *   <li><b>Other ops</b>: pooling, normalization, activations and element-wise sums, counted
 *       separately and never added to MACs or FLOPs.</li>
 *   <li>Counts cover the whole input given to the profiler, batch dimension included: profile with
 *       batch 1 for per-image figures.</li>
 *   <li>Bias additions are not counted (as in fvcore and torchvision).</li>
 * </ul>
 *
 * <h2>Rules</h2>
 * <table>
 *   <caption>Default rules ({@link #defaults()})</caption>
 *   <tr><th>layer</th><th>MACs</th><th>other ops</th><th>receptive-field window</th></tr>
 *   <tr><td>convolution ({@code Conv1d/2d/3d}; K = kernel, g = groups)</td>
 *       <td>N · K_h·K_w · (C_in/g) · C_out · H_out·W_out (product over all kernel and output
 *       dimensions for 1-D and 3-D)</td><td>0</td><td>kernel, stride, dilation (2-D only)</td></tr>
 *   <tr><td>{@code Linear} (applied to the last axis)</td><td>in · out per row: in · (elements of the
 *       output)</td><td>0</td><td>none: the field ends here</td></tr>
 *   <tr><td>{@code BatchNorm}</td><td>0</td><td>2 per output element (scale and shift; running
 *       statistics folded, as at inference)</td><td>identity</td></tr>
 *   <tr><td>{@code LayerNorm}</td><td>0</td><td>5 per output element (mean, variance, normalize,
 *       scale, shift)</td><td>identity</td></tr>
 *   <tr><td>max / average / Lp pooling ({@code Pool.*PoolNdBlock}, kernel K)</td><td>0</td>
 *       <td>K_h·K_w per output element (every window element read once)</td>
 *       <td>kernel, stride</td></tr>
 *   <tr><td>global pooling</td><td>0</td><td>1 per input element</td><td>none</td></tr>
 *   <tr><td>{@link AdaptiveAvgPool2d}</td><td>0</td><td>1 per input element read by a bin (bins
 *       overlap when sizes do not divide)</td><td>identity when output = input size, kernel = stride
 *       = input/output when that divides, else none</td></tr>
 *   <tr><td>activations ({@code ReLU}, {@code ReLU6}, {@code LeakyReLU}, {@code sigmoid}, {@code Tanh},
 *       {@code Swish}/SiLU, {@code Mish}, {@code GELU}, {@code ELU}, {@code SELU}, {@code softPlus},
 *       {@code softSign}, {@code Prelu})</td><td>0</td><td>1 per output element</td><td>identity</td></tr>
 *   <tr><td>detkit's {@link PRelu}</td><td>0</td><td>1 per output element (its C slopes are its
 *       parameters)</td><td>identity</td></tr>
 *   <tr><td>detkit's {@link ConvBnAct}, own work after its conv and BatchNorm children</td><td>0</td>
 *       <td>its activation: 1 per output element; Maxout over k pieces: k − 1 comparisons per
 *       output element (the k-fold conv and BatchNorm are counted on their own rows); 0 for PReLU
 *       (its own row) and identity</td><td>kernel, stride of the conv</td></tr>
 *   <tr><td>detkit's {@link SqueezeExcitation}, own work (C channels, hidden h, H×W map)</td><td>0 (its
 *       two 1×1 convolutions, 2·C·h MACs per image, are counted on their own rows)</td><td>per image
 *       C·H·W (average pool) + h (ReLU) + C (sigmoid) + C·H·W (scaling)</td><td>none: the gate sees
 *       the whole map</td></tr>
 *   <tr><td>detkit's {@link Cbam}, own work (C, h, kernel k, H×W)</td><td>0 (MLP 2·2·C·h and spatial
 *       conv 2·k²·H·W MACs per image on their own rows)</td><td>per image 6·C·H·W + 2·h + 2·C + H·W
 *       (see {@link Cbam})</td><td>none</td></tr>
 *   <tr><td>{@code ParallelBlock} join</td><td>0</td><td>(branches − 1) per output element when every
 *       branch has the output's shape (a sum); 0 otherwise (a concatenation is a copy)</td>
 *       <td>the largest branch field, when the branch strides agree</td></tr>
 *   <tr><td>{@code Dropout}, {@code identity}</td><td>0</td><td>0</td><td>identity</td></tr>
 *   <tr><td>{@code batchFlatten}</td><td>0</td><td>0</td><td>none</td></tr>
 *   <tr><td>any other {@code LambdaBlock}</td><td>0</td><td>0 (reported as unknown, with a warning)
 *       </td><td>identity when its output has its input's shape, else none</td></tr>
 *   <tr><td>any other leaf block</td><td>0</td><td>0 (unknown, with a warning)</td><td>none</td></tr>
 * </table>
 *
 * <p>Output sizes follow ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1, which is ⌊(n + 2p − k)/s⌋ + 1 without
 * dilation ({@link #outputSize}); the profiler takes them from the blocks' own
 * {@code getOutputShapes}.
 *
 * <h2>Parameters</h2>
 * A parameter is <i>trainable</i> when it requires a gradient and <i>frozen</i> otherwise; the
 * headline parameter count is trainable + frozen, as {@code sum(p.numel() for p in
 * model.parameters())} in PyTorch. BatchNorm's running mean and variance ({@code RUNNING_MEAN},
 * {@code RUNNING_VAR}) are DJL parameters but PyTorch <i>buffers</i>: they are reported separately
 * as buffers and are not in the parameter count. A parameter shared by several blocks is counted
 * once in the totals.
 *
 * <h2>Containers</h2>
 * {@code SequentialBlock} children run in order and {@code ParallelBlock} children all see the
 * block's input; the profiler follows both, shapes and receptive field included. Any other block
 * with children is walked too (each child with the input shapes DJL recorded when the block was
 * initialized), but since the profiler cannot see how it wires its children, the receptive field is
 * not tracked inside or after it unless a rule says how: {@link #registerSequential} (children run
 * in order) or {@link #registerOwnOps} (with a window for the block as a whole).
 *
 * <h2>Extending</h2>
 * <ul>
 *   <li>{@link #register}: count a block type as one layer, children included (for example a fused
 *       attention block).</li>
 *   <li>{@link #registerLambda}: count a {@code LambdaBlock} by its name.</li>
 *   <li>{@link #registerSequential}: a container whose children run in order.</li>
 *   <li>{@link #registerOwnOps}: a container's own work besides its children (a residual sum, an
 *       attention gate), reported on a row of its own after the children.</li>
 * </ul>
 * A rule registered for a class applies to its subclasses; the most specific class wins, and a
 * counter may return {@code null} to hand the block to the rule of a super-class.
 */
public final class CountingRules {
    /** Names of DJL's activation blocks ({@code Activation.*Block}). */
    static final List<String> ACTIVATION_NAMES = List.of(
            "ReLU", "ReLU6", "sigmoid", "Tanh", "softPlus", "softSign", "LeakyReLU", "ELU", "SELU", "GELU", "Swish", "Mish");

    private final Map<Class<?>, LayerCounter> whole = new HashMap<>();
    private final Map<Class<?>, LayerCounter> ownOps = new HashMap<>();
    private final Set<Class<?>> sequential = new HashSet<>();
    private final Map<String, LayerCounter> lambdas = new LinkedHashMap<>();

    private CountingRules() {}

    /**
     * A rule set without any rule: every leaf is unknown.
     *
     * @return an empty rule set
     */
    public static CountingRules empty() {
        return new CountingRules();
    }

    /**
     * A new, modifiable copy of the default rules described above.
     *
     * @return the default rules
     */
    public static CountingRules defaults() {
        CountingRules r = new CountingRules();
        r.register(Convolution.class, (b, in, out) -> convolution((Convolution) b, in, out));
        r.register(Linear.class, (b, in, out) -> new LayerCount(LayerKind.LINEAR,
                Math.multiplyExact(numel(out), last(in[0])), 0, null));
        r.register(BatchNorm.class, (b, in, out) -> LayerCount.elementwise(LayerKind.NORM, 2 * numel(out)));
        r.register(LayerNorm.class, (b, in, out) -> LayerCount.elementwise(LayerKind.NORM, 5 * numel(out)));
        r.register(Dropout.class, (b, in, out) -> LayerCount.free(LayerKind.DROPOUT));
        r.register(Prelu.class, (b, in, out) -> LayerCount.elementwise(LayerKind.ACTIVATION, numel(out)));
        r.register(AdaptiveAvgPool2d.class, (b, in, out) -> adaptiveAvgPool((AdaptiveAvgPool2d) b, in, out));
        r.register(PRelu.class, (b, in, out) -> LayerCount.elementwise(LayerKind.ACTIVATION, numel(out)));
        r.registerOwnOps(ConvBnAct.class, (b, in, out) -> convBnActOwn((ConvBnAct) b, out));
        r.registerOwnOps(SqueezeExcitation.class, (b, in, out) -> squeezeExcitationOwn((SqueezeExcitation) b, in));
        r.registerOwnOps(Cbam.class, (b, in, out) -> cbamOwn((Cbam) b, in));
        r.register(RpnHead.class, (b, in, out) -> rpnHead(in, out));
        r.registerOwnOps(FasterRcnnModel.class, (b, in, out) -> roiAlignOwn((FasterRcnnModel) b, in));
        r.register(LambdaBlock.class, CountingRules::unknownLambda);
        for (String name : ACTIVATION_NAMES) {
            r.registerLambda(name, (b, in, out) -> LayerCount.elementwise(LayerKind.ACTIVATION, numel(out)));
        }
        r.registerLambda("identity", (b, in, out) -> LayerCount.free(LayerKind.RESHAPE));
        r.registerLambda("batchFlatten", (b, in, out) -> new LayerCount(LayerKind.RESHAPE, 0, 0, null));
        for (int d = 1; d <= 3; d++) {
            int dims = d;
            for (String kind : List.of("max", "avg", "lp")) {
                r.registerLambda(kind + "Pool" + d + "d", (b, in, out) -> pool((LambdaBlock) b, in, out, dims));
                r.registerLambda("global" + Character.toUpperCase(kind.charAt(0)) + kind.substring(1) + "Pool" + d + "d",
                        (b, in, out) -> new LayerCount(LayerKind.POOL, 0, numel(in), null));
            }
        }
        return r;
    }

    /**
     * A modifiable copy of these rules.
     *
     * @return the copy
     */
    public CountingRules copy() {
        CountingRules r = new CountingRules();
        r.whole.putAll(whole);
        r.ownOps.putAll(ownOps);
        r.sequential.addAll(sequential);
        r.lambdas.putAll(lambdas);
        return r;
    }

    /**
     * Counts blocks of this type (and its subclasses) as one layer each. If the type has children,
     * they are not listed: the layer's row holds all their parameters.
     *
     * @param type the block type
     * @param counter the counter
     * @return this
     */
    public CountingRules register(Class<? extends Block> type, LayerCounter counter) {
        whole.put(type, counter);
        return this;
    }

    /**
     * Counts {@code LambdaBlock}s with this name ({@code LambdaBlock.getName()}). Name rules come
     * before any rule registered for {@code LambdaBlock} itself.
     *
     * @param name the lambda block's name
     * @param counter the counter
     * @return this
     */
    public CountingRules registerLambda(String name, LayerCounter counter) {
        lambdas.put(name, counter);
        return this;
    }

    /**
     * Declares that blocks of this type run their children one after another, each on the
     * previous one's output, as {@code SequentialBlock} does; the receptive field is then followed
     * through them.
     *
     * @param type the container type
     * @return this
     */
    public CountingRules registerSequential(Class<? extends Block> type) {
        sequential.add(type);
        return this;
    }

    /**
     * Counts the work a container does itself, besides its children (which are profiled as usual):
     * for example the sum of a residual block or the product of an attention gate. It gets a row
     * of its own after its children. The count's window describes the container's effect on the
     * receptive field: applied after its children's for a sequential container, and to its input's
     * field for any other container.
     *
     * @param type the container type
     * @param counter the counter of the container's own operations
     * @return this
     */
    public CountingRules registerOwnOps(Class<? extends Block> type, LayerCounter counter) {
        ownOps.put(type, counter);
        return this;
    }

    boolean hasWholeRule(Block block) {
        return block instanceof LambdaBlock lb && lambdas.containsKey(lb.getName()) || find(whole, block.getClass()) != null;
    }

    boolean isSequential(Block block) {
        for (Class<?> c = block.getClass(); c != null; c = c.getSuperclass()) {
            if (sequential.contains(c)) {
                return true;
            }
        }
        return false;
    }

    /** Counts a block as a whole with the first rule that answers, or returns {@code null}. */
    LayerCount countWhole(Block block, Shape[] in, Shape[] out) {
        if (block instanceof LambdaBlock lb) {
            LayerCounter c = lambdas.get(lb.getName());
            if (c != null) {
                LayerCount n = c.count(block, in, out);
                if (n != null) {
                    return n;
                }
            }
        }
        return firstAnswer(whole, block, in, out);
    }

    /** Counts a container's own operations, or returns {@code null} when no rule answers. */
    LayerCount countOwnOps(Block block, Shape[] in, Shape[] out) {
        return firstAnswer(ownOps, block, in, out);
    }

    private static LayerCount firstAnswer(Map<Class<?>, LayerCounter> rules, Block block, Shape[] in, Shape[] out) {
        for (Class<?> c = block.getClass(); c != null; c = c.getSuperclass()) {
            LayerCounter counter = rules.get(c);
            if (counter != null) {
                LayerCount n = counter.count(block, in, out);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }

    private static LayerCounter find(Map<Class<?>, LayerCounter> rules, Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            LayerCounter counter = rules.get(c);
            if (counter != null) {
                return counter;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- helpers for counters

    /**
     * The RPN head: one 3×3 convolution (F → F, ReLU) shared by the levels and per level two 1×1
     * convolutions (F → A_l, F → 4·A_l): MACs Σ_l H_l·W_l·F·(9·F + 5·A_l), other ops the biases and
     * the ReLU, Σ_l H_l·W_l·(2·F + 5·A_l). DJL records only the first level's input shape in the
     * shared layer, so the head is counted as a whole from its own input and output shapes.
     */
    private static LayerCount rpnHead(Shape[] in, Shape[] out) {
        long macs = 0, other = 0;
        int levels = in.length;
        for (int l = 0; l < levels; l++) {
            long n = in[l].get(0), f = in[l].get(1), hw = in[l].get(2) * in[l].get(3);
            long a = out[l].get(1);
            macs += n * hw * f * (9 * f + 5 * a);
            other += n * hw * (2 * f + 5 * a);
        }
        return new LayerCount(LayerKind.CONV, macs, other, null, "RPN head: 3x3 conv shared by " + levels + " levels");
    }

    /**
     * The Faster R-CNN's own work besides its blocks: RoIAlign for the box head's R RoIs (the
     * inference proposals per image, the box head's recorded batch), each of the F·S² outputs
     * averaging s² bilinear samples of 4 taps: R·F·S²·s²·4 multiply-adds, counted as other ops
     * (as pooling). Proposal decoding, NMS and the matching are plain Java and not counted.
     */
    private static LayerCount roiAlignOwn(FasterRcnnModel m, Shape[] in) {
        RcnnConfig c = m.getConfig();
        long r = (long) c.rpn().postNmsTopKTest() * in[0].get(0);
        long s = c.roi().outputSize();
        long sr = Math.max(1, c.roi().samplingRatio());
        return new LayerCount(LayerKind.POOL, 0, r * c.fpnChannels() * s * s * sr * sr * 4, null,
                "RoIAlign, " + r + " RoIs");
    }

    /**
     * The number of elements of all the given shapes together.
     *
     * @param shapes shapes
     * @return the summed element counts
     */
    public static long numel(Shape... shapes) {
        long n = 0;
        for (Shape s : shapes) {
            n = Math.addExact(n, s.size());
        }
        return n;
    }

    /**
     * Output length of a sliding window along one axis: ⌊(n + 2p − d·(k − 1) − 1)/s⌋ + 1, which
     * is ⌊(n + 2p − k)/s⌋ + 1 for d = 1 (or the ceiling, in ceil mode).
     *
     * @param n input length
     * @param kernel kernel size
     * @param stride stride
     * @param padding padding on each side
     * @param dilation dilation
     * @param ceil round up instead of down
     * @return the output length
     */
    public static long outputSize(long n, long kernel, long stride, long padding, long dilation, boolean ceil) {
        long span = n + 2 * padding - dilation * (kernel - 1) - 1;
        return (ceil ? -Math.floorDiv(-span, stride) : Math.floorDiv(span, stride)) + 1;
    }

    /**
     * Convolution MACs: K_h·K_w·(C_in/groups)·C_out·H_out·W_out per image.
     *
     * @param kernelHeight K_h
     * @param kernelWidth K_w
     * @param inChannels C_in
     * @param outChannels C_out
     * @param groups groups
     * @param outHeight H_out
     * @param outWidth W_out
     * @return the MACs for one image
     */
    public static long convMacs(long kernelHeight, long kernelWidth, long inChannels, long outChannels, long groups,
            long outHeight, long outWidth) {
        return Math.multiplyExact(Math.multiplyExact(kernelHeight * kernelWidth, inChannels / groups),
                Math.multiplyExact(outChannels, outHeight * outWidth));
    }

    private static long last(Shape s) {
        return s.get(s.dimension() - 1);
    }

    private static LayerCount convolution(Convolution conv, Shape[] in, Shape[] out) {
        Shape k = conv.getKernelShape();
        long cin = in[0].get(1);
        long macs = Math.multiplyExact(Math.multiplyExact(numel(out[0]), k.size()), cin / conv.getGroups());
        Window w = null;
        if (k.dimension() == 2) {
            Shape s = conv.getStride() == null ? new Shape(1, 1) : conv.getStride();
            Shape d = conv.getDilation() == null ? new Shape(1, 1) : conv.getDilation();
            w = new Window(k.get(0), k.get(1), s.get(0), s.get(1), d.get(0), d.get(1));
        }
        return new LayerCount(LayerKind.CONV, macs, 0, w);
    }

    private static LayerCount pool(LambdaBlock block, Shape[] in, Shape[] out, int dims) {
        List<Shape> shapes = LambdaIntrospection.capturedShapes(block);
        Boolean ceil = LambdaIntrospection.firstCapturedBoolean(block);
        if (shapes.size() >= 3 && in.length == 1 && out.length == 1) {
            Shape k = shapes.get(0), s = shapes.get(1), p = shapes.get(2);
            if (k.dimension() == dims && s.dimension() == dims && p.dimension() == dims
                    && in[0].dimension() == dims + 2 && out[0].dimension() == dims + 2
                    && matches(in[0], out[0], k, s, p, ceil != null && ceil)) {
                Window w = dims == 2 ? Window.of(k.get(0), k.get(1), s.get(0), s.get(1)) : null;
                return new LayerCount(LayerKind.POOL, 0, Math.multiplyExact(numel(out), k.size()), w);
            }
        }
        return new LayerCount(LayerKind.POOL, 0, 0, null,
                "could not read the kernel of " + block.getName() + ": its other ops are not counted and the receptive field ends there");
    }

    private static boolean matches(Shape in, Shape out, Shape k, Shape s, Shape p, boolean ceil) {
        for (int i = 0; i < k.dimension(); i++) {
            if (outputSize(in.get(2 + i), k.get(i), s.get(i), p.get(i), 1, ceil) != out.get(2 + i)) {
                return false;
            }
        }
        return true;
    }

    private static LayerCount adaptiveAvgPool(AdaptiveAvgPool2d pool, Shape[] in, Shape[] out) {
        long h = in[0].get(2), w = in[0].get(3);
        long oh = pool.getOutputHeight(), ow = pool.getOutputWidth();
        long ops = Math.multiplyExact(in[0].get(0) * in[0].get(1), pool.binAreaSum(h, w));
        Window win = null;
        if (h == oh && w == ow) {
            win = Window.IDENTITY;
        } else if (h % oh == 0 && w % ow == 0) {
            win = Window.of(h / oh, w / ow, h / oh, w / ow);
        }
        return new LayerCount(LayerKind.POOL, 0, ops, win);
    }

    private static LayerCount convBnActOwn(ConvBnAct unit, Shape[] out) {
        ActivationSpec act = unit.getActivation();
        long n = numel(out);
        long ops = switch (act.type()) {
            case PRELU, IDENTITY -> 0;
            case MAXOUT -> Math.multiplyExact(n, (long) act.channelFactor() - 1);
            default -> n;
        };
        Window w = Window.of(unit.getKernel(), unit.getStride());
        return new LayerCount(act.type() == ActivationType.IDENTITY ? LayerKind.RESHAPE : LayerKind.ACTIVATION, 0, ops, w);
    }

    private static LayerCount squeezeExcitationOwn(SqueezeExcitation se, Shape[] in) {
        long n = in[0].get(0), chw = in[0].size() / n;
        long perImage = chw + se.getHidden() + se.getChannels() + chw;
        return new LayerCount(LayerKind.ELEMENTWISE, 0, Math.multiplyExact(n, perImage), null);
    }

    private static LayerCount cbamOwn(Cbam cbam, Shape[] in) {
        long n = in[0].get(0), chw = in[0].size() / n, hw = in[0].get(2) * in[0].get(3);
        long perImage = 6 * chw + 2L * cbam.getHidden() + 2L * cbam.getChannels() + hw;
        return new LayerCount(LayerKind.ELEMENTWISE, 0, Math.multiplyExact(n, perImage), null);
    }

    private static LayerCount unknownLambda(Block block, Shape[] in, Shape[] out) {
        boolean sameShape = in.length == 1 && out.length == 1 && in[0].equals(out[0]);
        return new LayerCount(LayerKind.UNKNOWN, 0, 0, sameShape ? Window.IDENTITY : null,
                "LambdaBlock \"" + ((LambdaBlock) block).getName() + "\" has no counting rule: 0 MACs"
                        + (sameShape ? " (shape-preserving, so the receptive field is assumed unchanged)" : ""));
    }
}
