package io.detkit.profile;

/**
 * Totals of a {@link ProfileReport}. Shared parameters are counted once.
 *
 * @param trainableParams elements of parameters that require a gradient
 * @param frozenParams elements of parameters that do not (buffers excluded)
 * @param buffers elements of BatchNorm running statistics (not parameters)
 * @param macs multiply-accumulates of convolution, fully connected and other contractions
 * @param otherOps pool, normalization, activation and element-wise operations (not in {@code macs})
 * @param activationBytes bytes of all layer outputs at the profiled input (batch included), except
 *     shape-only layers (identity, flatten), whose outputs are views of their inputs
 * @param inputBytes bytes of the input
 * @param bytesPerElement bytes per element of the profiled data type
 */
public record ProfileTotals(long trainableParams, long frozenParams, long buffers, long macs, long otherOps,
        long activationBytes, long inputBytes, int bytesPerElement) {

    /**
     * The parameter count: trainable + frozen, buffers excluded (PyTorch's
     * {@code sum(p.numel() for p in model.parameters())}).
     *
     * @return the parameter count
     */
    public long params() {
        return trainableParams + frozenParams;
    }

    /**
     * FLOPs = 2 × MACs.
     *
     * @return 2 × {@link #macs()}
     */
    public long flops() {
        return 2 * macs;
    }

    /**
     * Bytes of all parameters and buffers at the profiled data type.
     *
     * @return weight bytes
     */
    public long weightBytes() {
        return (params() + buffers) * bytesPerElement;
    }
}
