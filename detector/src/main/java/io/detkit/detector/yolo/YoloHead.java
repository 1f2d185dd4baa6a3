package io.detkit.detector.yolo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.nn.ConvBnAct;
import io.detkit.detector.nn.NdOps;

/**
 * Decoupled anchor-free head. Per level, two branches that share nothing:
 *
 * <ul>
 *   <li>box: two 3×3 {@link ConvBnAct} ({@code c2 = max(16, c_P3/4)} channels) and a 1×1
 *       convolution to 4 raw distances {@code (l, t, r, b)};
 *   <li>cls: two 3×3 {@link ConvBnAct} ({@code c3 = max(c_P3, min(numClasses, 100))} channels)
 *       and a 1×1 convolution to {@code numClasses} logits.
 * </ul>
 *
 * <p>Box regression is plain distances, not DFL bins: the distance from the anchor point to each
 * side is {@code softplus(raw) · stride} pixels (see {@link YoloOutputs}). Chosen for CPU
 * training speed: one number per side instead of 16 bins makes the last box layer 16× smaller,
 * needs no softmax over bins at decode and no DFL loss term; softplus keeps distances positive
 * with a gradient that neither explodes (as {@code exp} can) nor dies (as ReLU can). DFL was not
 * implemented, so the two were not compared here.
 *
 * <p>Initialisation: the last convolutions get weights N(0, 0.01); the cls bias of level
 * {@code l} is {@code log(p_l)} with {@code p_l = }{@value #OBJECTS_PRIOR}{@code  / C / (S/s_l)²} (as
 * Ultralytics: about five objects per image spread over the level's {@code (S/s_l)²} cells and
 * {@code C} classes; S the input size, s_l the stride), so every anchor starts as confident
 * background. With plain BCE this matters: a fixed prior of 0.01 (RetinaNet's, meant for focal
 * loss) leaves each of the {@code A·C} background terms with a gradient of 0.01, which at 320 px
 * (2,100 anchors) drowned the class signal of the few positive anchors — the classes were never
 * told apart although boxes were learned. The
 * box bias is {@code softplus⁻¹(}{@value #BOX_PRIOR_STRIDES}{@code )}, so every anchor starts by
 * predicting a box {@code 2·}{@value #BOX_PRIOR_STRIDES} strides wide (32, 64, 128 px at the three
 * levels).
 *
 * <p>Input {@code (N3, N4, N5)}; output one array per level, {@code N×(4 + numClasses)×H_l×W_l}:
 * channels 0–3 raw box distances, channels 4… class logits.
 */
public final class YoloHead extends AbstractBlock {
    /** Objects per image assumed by the class prior at initialisation. */
    public static final double OBJECTS_PRIOR = 5.0;
    /** Initial predicted distance from the anchor to each side, in strides. */
    public static final double BOX_PRIOR_STRIDES = 2.0;
    private static final byte VERSION = 1;

    private final int numClasses;
    private final Block[][] box;
    private final Block[][] cls;

    /**
     * @param numClasses classes
     * @param inChannels channels of the three input levels
     * @param act activation of the Conv-BN units
     * @param strides stride of each level (for the class prior)
     * @param inputSize input size in pixels (for the class prior)
     */
    public YoloHead(int numClasses, int[] inChannels, ActivationSpec act, int[] strides, int inputSize) {
        super(VERSION);
        this.numClasses = numClasses;
        int levels = inChannels.length;
        int c2 = Math.max(16, inChannels[0] / 4);
        int c3 = Math.max(inChannels[0], Math.min(numClasses, 100));
        float boxBias = (float) Math.log(Math.expm1(BOX_PRIOR_STRIDES));
        box = new Block[levels][];
        cls = new Block[levels][];
        for (int i = 0; i < levels; i++) {
            box[i] = new Block[] {
                addChildBlock("box" + i + "_0", new ConvBnAct(c2, 3, 1, act)),
                addChildBlock("box" + i + "_1", new ConvBnAct(c2, 3, 1, act)),
                addChildBlock("box" + i + "_out", predictor(4, boxBias))
            };
            cls[i] = new Block[] {
                addChildBlock("cls" + i + "_0", new ConvBnAct(c3, 3, 1, act)),
                addChildBlock("cls" + i + "_1", new ConvBnAct(c3, 3, 1, act)),
                addChildBlock("cls" + i + "_out", predictor(numClasses, clsBias(numClasses, strides[i], inputSize)))
            };
        }
    }

    /**
     * The initial class bias of a level, {@code log(OBJECTS_PRIOR / C / (S/s)²)}.
     *
     * @param numClasses C
     * @param stride s
     * @param inputSize S
     * @return the bias
     */
    public static float clsBias(int numClasses, int stride, int inputSize) {
        double cells = Math.pow(inputSize / (double) stride, 2);
        return (float) Math.log(Math.min(0.5, OBJECTS_PRIOR / numClasses / cells));
    }

    private static Conv2d predictor(int filters, float bias) {
        Conv2d conv = Conv2d.builder().setFilters(filters).setKernelShape(new Shape(1, 1)).optBias(true).build();
        conv.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
        conv.setInitializer(new ConstantInitializer(bias), Parameter.Type.BIAS);
        return conv;
    }

    /** @return number of classes */
    public int numClasses() {
        return numClasses;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList out = new NDList(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            NDList x = new NDList(inputs.get(i));
            NDArray b = chain(box[i], ps, x, training);
            NDArray c = chain(cls[i], ps, x, training);
            out.add(NdOps.concatChannels(b, c));
        }
        return out;
    }

    private static NDArray chain(Block[] blocks, ParameterStore ps, NDList x, boolean training) {
        NDList y = x;
        for (Block b : blocks) {
            y = b.forward(ps, y, training);
        }
        return y.singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[inputShapes.length];
        for (int i = 0; i < inputShapes.length; i++) {
            out[i] = NdOps.withChannels(inputShapes[i], 4L + numClasses);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length != box.length) {
            throw new IllegalArgumentException("YoloHead expects " + box.length + " levels, got " + inputShapes.length);
        }
        for (int i = 0; i < inputShapes.length; i++) {
            for (Block[] branch : new Block[][] {box[i], cls[i]}) {
                Shape s = inputShapes[i];
                for (Block b : branch) {
                    b.initialize(manager, dataType, s);
                    s = b.getOutputShapes(new Shape[] {s})[0];
                }
            }
        }
    }
}
