package io.detkit.detector.yolo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * The YOLO-style detector as one DJL block: {@link YoloBackbone} → {@link YoloNeck} →
 * {@link YoloHead}.
 *
 * <p><b>Input</b>: one array {@code N×3×H×W}, float32 RGB scaled to [0, 1] (the block does no
 * normalisation), {@code H} and {@code W} multiples of 32 (letterboxed images).
 *
 * <p><b>Output</b>: three arrays, one per level with strides 8, 16, 32:
 * {@code N×(4 + numClasses)×(H/s)×(W/s)}; channels 0–3 are raw box distances (l, t, r, b before
 * {@code softplus}), channels 4… class logits (before sigmoid). The same in training and
 * inference; {@link YoloLoss} and {@link YoloDecoder} read it, {@link YoloOutputs} flattens it.
 *
 * <p>Weights initialise through DJL's usual {@code initialize}/{@code Trainer}: conv weights with
 * DJL's default for {@code WEIGHT} (He-normal), BatchNorm γ = 1, β = 0, and the head's last
 * convolutions with their own initialisers (see {@link YoloHead}). A training config that sets an
 * initialiser for all {@code BIAS} parameters would overwrite the head's priors; set one for
 * {@code WEIGHT} only, or none.
 */
public final class YoloModel extends AbstractBlock {
    private static final byte VERSION = 1;

    private final YoloConfig config;
    private final YoloBackbone backbone;
    private final YoloNeck neck;
    private final YoloHead head;

    private YoloModel(YoloConfig config) {
        super(VERSION);
        this.config = config;
        backbone = addChildBlock("backbone", new YoloBackbone(config.size(), config.activation(), config.attention()));
        neck = addChildBlock("neck", new YoloNeck(config.size(), config.activation()));
        head = addChildBlock("head", new YoloHead(config.numClasses(), neck.outChannels(), config.activation(), config.strides(), config.inputSize()));
    }

    /**
     * Builds the (uninitialised) block.
     *
     * @param config the config
     * @return the model block
     */
    public static YoloModel create(YoloConfig config) {
        return new YoloModel(config);
    }

    /** @return the config it was built from */
    public YoloConfig getConfig() {
        return config;
    }

    /** @return the backbone */
    public YoloBackbone getBackbone() {
        return backbone;
    }

    /** @return the neck */
    public YoloNeck getNeck() {
        return neck;
    }

    /** @return the head */
    public YoloHead getHead() {
        return head;
    }

    /** @return input shape for a batch of {@code batch} images at the config's input size */
    public Shape inputShape(int batch) {
        return new Shape(batch, 3, config.inputSize(), config.inputSize());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        checkInput(x.getShape());
        NDList features = backbone.forward(ps, new NDList(x), training);
        return head.forward(ps, neck.forward(ps, features, training), training);
    }

    private static void checkInput(Shape s) {
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) % 32 != 0 || s.get(3) % 32 != 0 || s.get(2) == 0 || s.get(3) == 0) {
            throw new IllegalArgumentException("YOLO input must be N×3×H×W with H and W positive multiples of 32, got " + s);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInput(inputShapes[0]);
        return head.getOutputShapes(neck.getOutputShapes(backbone.getOutputShapes(inputShapes)));
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInput(inputShapes[0]);
        backbone.initialize(manager, dataType, inputShapes);
        Shape[] f = backbone.getOutputShapes(inputShapes);
        neck.initialize(manager, dataType, f);
        head.initialize(manager, dataType, neck.getOutputShapes(f));
    }

    @Override
    public String toString() {
        return "YoloModel(" + config + ")";
    }
}
