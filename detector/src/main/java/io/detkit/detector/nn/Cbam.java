package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * CBAM, the convolutional block attention module (Woo et al. 2018): channel attention, then
 * spatial attention, on an NCHW map.
 *
 * <pre>
 *   M_c = σ(MLP(avgpool(x)) + MLP(maxpool(x)))            N×C×1×1; one MLP C → h → C, ReLU inside
 *   x'  = x ⊙ M_c
 *   M_s = σ(conv_k×k([mean_c(x'); max_c(x')]))            N×1×H×W; 2 → 1 channels, padding k/2
 *   y   = x' ⊙ M_s
 * </pre>
 *
 * with {@code h = max(1, ⌊C/r⌋)} for reduction r (16 in the paper) and k = 7. The MLP is two 1×1
 * convolutions with bias ({@code mlp1}, {@code mlp2}); it runs once on the average- and the
 * max-pooled vectors stacked along the batch axis ({@code 2N×C×1×1}), which is the shared MLP of
 * the paper. The spatial convolution has a bias and no BatchNorm, as the paper's formula (the
 * authors' code puts a BatchNorm after it).
 *
 * <p>Cost: {@code 2·C·h + h + C} (MLP) + {@code 2·k² + 1} (spatial conv) parameters; MACs per
 * image {@code 2·(2·C·h)} (the MLP on two vectors) + {@code 2·k²·H·W} (spatial conv); other ops per
 * image {@code 2·C·H·W} (avg and max pooling) + {@code 2·h} (ReLU) + {@code C} (sum) + {@code C}
 * (sigmoid) + {@code C·H·W} (channel scaling) + {@code 2·C·H·W} (mean and max over channels) +
 * {@code H·W} (sigmoid) + {@code C·H·W} (spatial scaling) = {@code 6·C·H·W + 2h + 2C + H·W}. The
 * profiler counts the convolutions from the children and the rest with the rule for this class.
 */
public final class Cbam extends AbstractBlock {
    /** The paper's spatial kernel. */
    public static final int DEFAULT_KERNEL = 7;
    private static final byte VERSION = 1;

    private final int channels;
    private final int hidden;
    private final int kernel;
    private final Conv2d mlp1;
    private final Conv2d mlp2;
    private final Conv2d spatial;

    /**
     * Creates the block.
     *
     * @param channels C
     * @param reduction r ≥ 1 of the channel MLP
     * @param kernel odd spatial kernel k (7 in the paper)
     */
    public Cbam(int channels, int reduction, int kernel) {
        super(VERSION);
        if (channels < 1 || reduction < 1 || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("CBAM needs channels ≥ 1, reduction ≥ 1 and an odd kernel, got " + channels + ", "
                    + reduction + ", " + kernel);
        }
        this.channels = channels;
        this.hidden = SqueezeExcitation.hiddenWidth(channels, reduction);
        this.kernel = kernel;
        mlp1 = addChildBlock("mlp1", Conv2d.builder().setFilters(hidden).setKernelShape(new Shape(1, 1)).build());
        mlp2 = addChildBlock("mlp2", Conv2d.builder().setFilters(channels).setKernelShape(new Shape(1, 1)).build());
        spatial = addChildBlock("spatial", Conv2d.builder().setFilters(1).setKernelShape(new Shape(kernel, kernel))
                .optPadding(new Shape(kernel / 2, kernel / 2)).build());
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
     * The hidden width of the channel MLP.
     *
     * @return h
     */
    public int getHidden() {
        return hidden;
    }

    /**
     * The spatial kernel.
     *
     * @return k
     */
    public int getKernel() {
        return kernel;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        long n = x.getShape().get(0);
        // channel attention: one MLP pass over [avg; max] stacked on the batch axis
        NDArray pooled = NDArrays.concat(new NDList(NdOps.spatialMean(x), NdOps.spatialMax(x)), 0);
        NDArray h = Activation.relu(mlp1.forward(ps, new NDList(pooled), training).singletonOrThrow());
        NDArray m = mlp2.forward(ps, new NDList(h), training).singletonOrThrow();
        NDArray mc = Activation.sigmoid(m.get(new NDIndex("0:{}", n)).add(m.get(new NDIndex("{}:", n))));
        NDArray xc = x.mul(mc);
        // spatial attention
        NDArray desc = NDArrays.concat(new NDList(xc.mean(new int[] {1}, true), xc.max(new int[] {1}, true)), 1);
        NDArray ms = Activation.sigmoid(spatial.forward(ps, new NDList(desc), training).singletonOrThrow());
        return new NDList(xc.mul(ms));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        if (in.dimension() != 4 || in.get(1) != channels) {
            throw new IllegalArgumentException("CBAM built for N×" + channels + "×H×W, got " + in);
        }
        long n = in.get(0);
        mlp1.initialize(manager, dataType, new Shape(2 * n, channels, 1, 1));
        mlp2.initialize(manager, dataType, new Shape(2 * n, hidden, 1, 1));
        spatial.initialize(manager, dataType, new Shape(n, 2, in.get(2), in.get(3)));
    }

    @Override
    public String toString() {
        return "Cbam(" + channels + ", hidden=" + hidden + ", k=" + kernel + ")";
    }
}
