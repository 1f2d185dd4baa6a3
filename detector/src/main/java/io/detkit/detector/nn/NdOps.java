package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;

/** Small NDArray helpers shared by the network blocks. */
public final class NdOps {
    /** PyTorch {@code interpolate} mode code for nearest neighbour on the DJL PyTorch engine. */
    private static final int MODE_NEAREST = 0;

    private NdOps() {}

    /**
     * The same N×C×H×W values stored channels-last (NHWC strides, PyTorch's
     * {@code torch.channels_last}); gradients flow. The shape and every value stay the same, only
     * the memory order changes, so this is invisible to the math. What it buys: a convolution whose
     * input is channels-last runs oneDNN's NHWC kernels and writes a channels-last output, and
     * batch norm, activations, concatenation, pooling and upsampling keep that order, so the
     * network no longer converts every activation to and from oneDNN's blocked layout around each
     * convolution (measured on the t model, batch 16 at 320 px: 8,300 reorders per 13 training
     * steps before, 2,800 after). DJL has no memory-format call; this uses the fact that a
     * reshape that cannot be a view copies into row-major order: the NHWC view is copied to a
     * contiguous {@code (N·H·W)×C} matrix and viewed back as N×C×H×W. An array that is already
     * channels-last is returned as a view, without a copy.
     *
     * @param x N×C×H×W
     * @return the same values, channels-last
     */
    public static NDArray toChannelsLast(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0), c = s.get(1), h = s.get(2), w = s.get(3);
        return x.transpose(0, 2, 3, 1).reshape(n * h * w, c).reshape(n, h, w, c).transpose(0, 3, 1, 2);
    }

    /**
     * Nearest-neighbour ×2 upsampling of an NCHW array (what {@code nn.Upsample(scale_factor=2)}
     * does); gradients flow. DJL has no upsample block, so this goes through the engine's
     * {@code interpolation}.
     *
     * @param x N×C×H×W
     * @return N×C×2H×2W
     */
    public static NDArray upsampleNearest2x(NDArray x) {
        Shape s = x.getShape();
        long h = s.get(s.dimension() - 2), w = s.get(s.dimension() - 1);
        return x.getNDArrayInternal().interpolation(new long[] {2 * h, 2 * w}, MODE_NEAREST, false);
    }

    /**
     * Concatenation along the channel axis (1).
     *
     * @param arrays arrays that agree on every other axis
     * @return the concatenation
     */
    public static NDArray concatChannels(NDArray... arrays) {
        return NDArrays.concat(new NDList(arrays), 1);
    }

    /**
     * Shape of a channel concatenation.
     *
     * @param shapes NCHW shapes that agree on N, H, W
     * @return the concatenated shape
     */
    public static Shape concatChannelsShape(Shape... shapes) {
        long c = 0;
        for (Shape s : shapes) {
            c += s.get(1);
        }
        Shape first = shapes[0];
        return new Shape(first.get(0), c, first.get(2), first.get(3));
    }

    /**
     * @param s NCHW shape
     * @param channels new channel count
     * @return the shape with its channel count replaced
     */
    public static Shape withChannels(Shape s, long channels) {
        return new Shape(s.get(0), channels, s.get(2), s.get(3));
    }

    /**
     * @param s NCHW shape
     * @return the shape after nearest ×2 upsampling
     */
    public static Shape upsampled2x(Shape s) {
        return new Shape(s.get(0), s.get(1), 2 * s.get(2), 2 * s.get(3));
    }

    /**
     * Global average over H×W, keeping the axes: {@code N×C×H×W → N×C×1×1}. (A reduction over
     * two axes at once is missing on the PyTorch engine; this reduces a reshaped view.)
     *
     * @param x NCHW
     * @return the per-channel means
     */
    public static NDArray spatialMean(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).mean(new int[] {2}).reshape(s.get(0), s.get(1), 1, 1);
    }

    /**
     * Global maximum over H×W, keeping the axes: {@code N×C×H×W → N×C×1×1}.
     *
     * @param x NCHW
     * @return the per-channel maxima
     */
    public static NDArray spatialMax(NDArray x) {
        Shape s = x.getShape();
        return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).max(new int[] {2}).reshape(s.get(0), s.get(1), 1, 1);
    }
}
