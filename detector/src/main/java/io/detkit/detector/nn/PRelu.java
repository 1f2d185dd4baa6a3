package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * PReLU (He et al. 2015) with one learnable slope per channel, as PyTorch's
 * {@code nn.PReLU(num_parameters=C, init=a₀)}:
 *
 * <pre>  f(x)_c = max(0, x_c) + a_c · min(0, x_c)</pre>
 *
 * so {@code ∂f/∂x = 1} for {@code x > 0} and {@code a_c} otherwise, and
 * {@code ∂f/∂a_c = Σ min(0, x_c)} over the elements of channel c. Written with NDArray ops because
 * DJL's {@code Prelu} block throws on the PyTorch engine.
 *
 * <p>Input: channels on axis 1 ({@code N×C}, {@code N×C×H×W}, …); output the same shape. The
 * slope parameter has type {@link Parameter.Type#OTHER} and shape {@code (C)}; detkit's optimizers
 * give it no weight decay and no L1 penalty (the PReLU paper does not decay it either).
 */
public final class PRelu extends AbstractBlock {
    /** PyTorch's default initial slope. */
    public static final float DEFAULT_INIT = 0.25f;
    private static final byte VERSION = 1;

    private final int channels;
    private final float init;
    private final Parameter alpha;

    /**
     * Creates the block.
     *
     * @param channels C, the size of axis 1 of the input
     * @param init initial slope of every channel
     */
    public PRelu(int channels, float init) {
        super(VERSION);
        if (channels < 1 || !Float.isFinite(init)) {
            throw new IllegalArgumentException("PReLU needs channels ≥ 1 and a finite initial slope, got " + channels + ", " + init);
        }
        this.channels = channels;
        this.init = init;
        alpha = addParameter(Parameter.builder().setName("alpha").setType(Parameter.Type.OTHER)
                .optShape(new Shape(channels)).optInitializer(new ConstantInitializer(init)).build());
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
     * The initial slope.
     *
     * @return a₀
     */
    public float getInit() {
        return init;
    }

    /**
     * PReLU with given slopes, differentiable in both arguments.
     *
     * @param x input, channels on axis 1
     * @param slopes {@code (C)}
     * @return {@code max(0, x) + a·min(0, x)}, a broadcast along axis 1
     */
    public static NDArray prelu(NDArray x, NDArray slopes) {
        Shape s = x.getShape();
        long[] b = new long[s.dimension()];
        java.util.Arrays.fill(b, 1);
        b[1] = slopes.getShape().size();
        // max(0, x) = relu(x), min(0, x) = x − relu(x): no Number operand (see ScalarOps)
        NDArray pos = Activation.relu(x);
        return pos.add(x.sub(pos).mul(slopes.reshape(new Shape(b))));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        if (x.getShape().dimension() < 2 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("PReLU built for " + channels + " channels (axis 1), got input " + x.getShape());
        }
        NDArray a = ps.getValue(alpha, x.getDevice(), training);
        return new NDList(prelu(x, a));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "PRelu(" + channels + ", init=" + init + ")";
    }
}
