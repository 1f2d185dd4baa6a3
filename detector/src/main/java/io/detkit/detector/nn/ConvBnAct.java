package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Convolution (no bias, "same" padding {@code k/2}) → BatchNorm → activation, the basic unit of
 * YOLO-style networks. Input and output NCHW.
 *
 * <p>Activations that are more than a function ({@link ActivationType}): with {@code prelu} the
 * unit gets a {@link PRelu} child {@code act} (C slopes, C more parameters); with
 * {@code maxout:k} the convolution has {@code k·C} filters and the BatchNorm {@code k·C} channels,
 * and the activation keeps the largest of each group of k adjacent channels — the unit's conv
 * weights, conv MACs and BatchNorm parameters are k times those of a plain unit, its output still
 * has C channels. Every other activation adds no parameter.
 *
 * <p>BatchNorm uses ε = 1e-3 and momentum {@value #BN_MOMENTUM} in DJL's MXNet convention
 * ({@code running = m·running + (1 − m)·batch}), which is PyTorch's momentum 0.03, the values
 * Ultralytics uses.
 */
public final class ConvBnAct extends AbstractBlock {
    /** BatchNorm momentum, MXNet convention (= PyTorch 0.03). */
    public static final float BN_MOMENTUM = 0.97f;
    /** BatchNorm ε. */
    public static final float BN_EPSILON = 1e-3f;
    private static final byte VERSION = 1;

    private final int outChannels;
    private final int kernel;
    private final int stride;
    private final ActivationSpec activation;
    private final Conv2d conv;
    private final BatchNorm bn;
    private final PRelu prelu;

    /**
     * @param outChannels output channels
     * @param kernel square kernel size (odd)
     * @param stride stride
     * @param activation activation after the BatchNorm
     */
    public ConvBnAct(int outChannels, int kernel, int stride, ActivationSpec activation) {
        super(VERSION);
        if (outChannels <= 0 || kernel <= 0 || stride <= 0) {
            throw new IllegalArgumentException("ConvBnAct: channels, kernel and stride must be positive");
        }
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.stride = stride;
        this.activation = activation;
        int pad = kernel / 2;
        conv = addChildBlock("conv", Conv2d.builder()
                .setFilters(outChannels * activation.channelFactor())
                .setKernelShape(new Shape(kernel, kernel))
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(pad, pad))
                .optBias(false)
                .build());
        bn = addChildBlock("bn", BatchNorm.builder()
                .optMomentum(BN_MOMENTUM)
                .optEpsilon(BN_EPSILON)
                .build());
        prelu = activation.type() == ActivationType.PRELU ? addChildBlock("act", new PRelu(outChannels, activation.alpha())) : null;
    }

    /** @return output channels */
    public int getOutChannels() {
        return outChannels;
    }

    /** @return kernel size */
    public int getKernel() {
        return kernel;
    }

    /** @return stride */
    public int getStride() {
        return stride;
    }

    /** @return the activation */
    public ActivationSpec getActivation() {
        return activation;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = conv.forward(ps, inputs, training).singletonOrThrow();
        x = bn.forward(ps, new NDList(x), training).singletonOrThrow();
        if (prelu != null) {
            return prelu.forward(ps, new NDList(x), training);
        }
        return new NDList(activation.apply(x));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {NdOps.withChannels(conv.getOutputShapes(inputShapes)[0], outChannels)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        conv.initialize(manager, dataType, inputShapes);
        Shape[] convOut = conv.getOutputShapes(inputShapes);
        bn.initialize(manager, dataType, convOut);
        if (prelu != null) {
            prelu.initialize(manager, dataType, convOut);
        }
    }

    @Override
    public String toString() {
        return "ConvBnAct(" + outChannels + ", k=" + kernel + ", s=" + stride + ", " + activation + ")";
    }
}
