package io.detkit.profile;

import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * One row of a {@link ProfileReport}: a layer (a leaf block, a block counted as a whole, the join of
 * a {@code ParallelBlock}, or a container's own operations) with its shapes, parameters and
 * counts. See {@link CountingRules} for how each figure is counted.
 *
 * @param index 1-based position in the report, in execution order
 * @param name the layer's path in the block tree: DJL child names joined by dots, where a name of
 *     the form NN + the block's class name (DJL's default) is shortened to NN; a
 *     {@code ParallelBlock}'s join is {@code <path>.join}; the profiled block itself, when it has a
 *     row (a leaf, or a container with its own operations), is {@code root}
 * @param type the block's class name, or a {@code LambdaBlock}'s name ({@code ReLU},
 *     {@code maxPool2d}, ...)
 * @param kind what the layer does
 * @param inputShapes input shapes, batch dimension included (empty when DJL recorded none)
 * @param outputShapes output shapes (empty when unknown)
 * @param trainableParams elements of the parameters that require a gradient
 * @param frozenParams elements of the other parameters, except buffers
 * @param buffers elements of BatchNorm's running mean and variance (PyTorch buffers, not parameters)
 * @param macs multiply-accumulates (one multiply-add = 1)
 * @param otherOps pool, normalization, activation and element-wise operations (not in {@code macs})
 * @param activationBytes bytes of the layer's outputs at the profiled data type
 * @param receptiveField receptive field and cumulative stride of the output, or {@code null} where
 *     not defined (outside conv/pool chains, after flatten or fully connected layers)
 */
public record LayerProfile(int index, String name, String type, LayerKind kind, List<Shape> inputShapes,
        List<Shape> outputShapes, long trainableParams, long frozenParams, long buffers, long macs, long otherOps,
        long activationBytes, ReceptiveField receptiveField) {

    /** Makes the shape lists unmodifiable. */
    public LayerProfile {
        inputShapes = List.copyOf(inputShapes);
        outputShapes = List.copyOf(outputShapes);
    }

    /**
     * Parameters, trainable and frozen (buffers excluded).
     *
     * @return trainable + frozen parameter elements
     */
    public long params() {
        return trainableParams + frozenParams;
    }

    /**
     * FLOPs, defined as 2 × MACs (a multiply and an add).
     *
     * @return 2 × {@link #macs()}
     */
    public long flops() {
        return 2 * macs;
    }
}
