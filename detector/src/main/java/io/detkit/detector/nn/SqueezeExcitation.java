package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Squeeze-and-excitation (Hu et al. 2018), channel attention for an NCHW map:
 *
 * <pre>
 *   z = mean over H×W of x                      (N×C×1×1, "squeeze")
 *   s = σ(W₂·ReLU(W₁·z + b₁) + b₂)              (N×C×1×1, "excitation")
 *   y = x ⊙ s                                   (each channel scaled by its gate)
 * </pre>
 *
 * with {@code W₁: h×C}, {@code W₂: C×h}, {@code h = max(1, ⌊C/r⌋)} for reduction r (16 in the
 * paper). The two fully connected layers are 1×1 convolutions with bias ({@code fc1}, {@code fc2}),
 * as in torchvision's {@code SqueezeExcitation}.
 *
 * <p>Cost: {@code 2·C·h + h + C} parameters; {@code 2·C·h} MACs per image (the two 1×1
 * convolutions on a 1×1 map); other ops per image {@code C·H·W} (pooling) + {@code h} (ReLU) +
 * {@code C} (sigmoid) + {@code C·H·W} (scaling). The profiler counts the convolutions from the
 * children and the rest with the rule for this class ({@code io.detkit.profile.CountingRules}).
 */
public final class SqueezeExcitation extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int channels;
    private final int hidden;
    private final Conv2d fc1;
    private final Conv2d fc2;

    /**
     * Creates the block.
     *
     * @param channels C, input and output channels
     * @param reduction r ≥ 1; the hidden width is {@code max(1, C/r)}
     */
    public SqueezeExcitation(int channels, int reduction) {
        super(VERSION);
        if (channels < 1 || reduction < 1) {
            throw new IllegalArgumentException("SE needs channels ≥ 1 and reduction ≥ 1, got " + channels + ", " + reduction);
        }
        this.channels = channels;
        this.hidden = hiddenWidth(channels, reduction);
        fc1 = addChildBlock("fc1", Conv2d.builder().setFilters(hidden).setKernelShape(new Shape(1, 1)).build());
        fc2 = addChildBlock("fc2", Conv2d.builder().setFilters(channels).setKernelShape(new Shape(1, 1)).build());
    }

    /**
     * The bottleneck width of an attention MLP.
     *
     * @param channels C
     * @param reduction r
     * @return {@code max(1, ⌊C/r⌋)}
     */
    public static int hiddenWidth(int channels, int reduction) {
        return Math.max(1, channels / reduction);
    }

    /**
     * The channel count.
     *
     * @return C
     */
    public int getChannels() {
        return channels;
    }

    /**
     * The hidden width.
     *
     * @return h
     */
    public int getHidden() {
        return hidden;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray z = NdOps.spatialMean(x);
        NDArray h = Activation.relu(fc1.forward(ps, new NDList(z), training).singletonOrThrow());
        NDArray s = Activation.sigmoid(fc2.forward(ps, new NDList(h), training).singletonOrThrow());
        return new NDList(x.mul(s));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4 || in.get(1) != channels) {
            throw new IllegalArgumentException("SE built for N×" + channels + "×H×W, got " + in);
        }
        fc1.initialize(manager, dataType, new Shape(in.get(0), channels, 1, 1));
        fc2.initialize(manager, dataType, new Shape(in.get(0), hidden, 1, 1));
    }

    @Override
    public String toString() {
        return "SqueezeExcitation(" + channels + ", hidden=" + hidden + ")";
    }
}
