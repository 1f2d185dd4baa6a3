package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Adaptive average pooling of an NCHW tensor to a fixed output size, as PyTorch's
 * {@code nn.AdaptiveAvgPool2d} (DJL has no adaptive pooling).
 *
 * <p>Output cell {@code (i, j)} is the mean of input rows {@code ⌊i·H/h⌋ … ⌈(i+1)·H/h⌉ − 1} and
 * columns {@code ⌊j·W/w⌋ … ⌈(j+1)·W/w⌉ − 1}. When the input already has the output size this is
 * the identity; when the sizes divide evenly it is an average pool with kernel = stride = H/h.
 */
public final class AdaptiveAvgPool2d extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outputHeight;
    private final int outputWidth;

    /**
     * Creates the block.
     *
     * @param outputHeight output height, at least 1
     * @param outputWidth output width, at least 1
     */
    public AdaptiveAvgPool2d(int outputHeight, int outputWidth) {
        super(VERSION);
        if (outputHeight < 1 || outputWidth < 1) {
            throw new IllegalArgumentException("output size must be positive: " + outputHeight + "x" + outputWidth);
        }
        this.outputHeight = outputHeight;
        this.outputWidth = outputWidth;
    }

    /**
     * A square output.
     *
     * @param size output height and width
     * @return the block
     */
    public static AdaptiveAvgPool2d of(int size) {
        return new AdaptiveAvgPool2d(size, size);
    }

    /**
     * The output height.
     *
     * @return output height
     */
    public int getOutputHeight() {
        return outputHeight;
    }

    /**
     * The output width.
     *
     * @return output width
     */
    public int getOutputWidth() {
        return outputWidth;
    }

    /**
     * First input index of output bin {@code i}.
     *
     * @param i output index
     * @param in input size
     * @param out output size
     * @return ⌊i·in/out⌋
     */
    public static long binStart(long i, long in, long out) {
        return Math.floorDiv(i * in, out);
    }

    /**
     * One past the last input index of output bin {@code i}.
     *
     * @param i output index
     * @param in input size
     * @param out output size
     * @return ⌈(i+1)·in/out⌉
     */
    public static long binEnd(long i, long in, long out) {
        return -Math.floorDiv(-(i + 1) * in, out);
    }

    /**
     * How many input cells all output bins of one channel read together (the bins overlap when the
     * sizes do not divide).
     *
     * @param inHeight input height
     * @param inWidth input width
     * @return the summed bin areas
     */
    public long binAreaSum(long inHeight, long inWidth) {
        return binLengthSum(inHeight, outputHeight) * binLengthSum(inWidth, outputWidth);
    }

    private static long binLengthSum(long in, long out) {
        long s = 0;
        for (long i = 0; i < out; i++) {
            s += binEnd(i, in, out) - binStart(i, in, out);
        }
        return s;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = checkInput(x.getShape());
        long h = s.get(2), w = s.get(3);
        if (h == outputHeight && w == outputWidth) {
            return new NDList(x);
        }
        if (h % outputHeight == 0 && w % outputWidth == 0) {
            Shape k = new Shape(h / outputHeight, w / outputWidth);
            return new NDList(Pool.avgPool2d(x, k, k, new Shape(0, 0), false, true));
        }
        NDArray rows = reduce(x, 2, h, outputHeight);
        return new NDList(reduce(rows, 3, w, outputWidth));
    }

    private static NDArray reduce(NDArray x, int axis, long in, long out) {
        if (in == out) {
            return x;
        }
        NDList parts = new NDList((int) out);
        for (long i = 0; i < out; i++) {
            String slice = binStart(i, in, out) + ":" + binEnd(i, in, out);
            NDIndex idx = axis == 2 ? new NDIndex(":, :, " + slice + ", :") : new NDIndex(":, :, :, " + slice);
            parts.add(x.get(idx).mean(new int[] {axis}, true));
        }
        return NDArrays.concat(parts, axis);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape s = checkInput(inputShapes[0]);
        return new Shape[] {new Shape(s.get(0), s.get(1), outputHeight, outputWidth)};
    }

    private static Shape checkInput(Shape s) {
        if (s.dimension() != 4) {
            throw new IllegalArgumentException("AdaptiveAvgPool2d expects an NCHW input, got " + s);
        }
        return s;
    }

    @Override
    public String toString() {
        return "AdaptiveAvgPool2d(" + outputHeight + "x" + outputWidth + ")";
    }
}
