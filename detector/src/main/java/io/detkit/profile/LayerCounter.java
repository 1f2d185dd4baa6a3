package io.detkit.profile;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

/**
 * Counts one kind of block. Register one with {@link CountingRules#register} (a block type) or
 * {@link CountingRules#registerLambda} (a {@code LambdaBlock} by name).
 *
 * <p>Example, a squeeze-and-excitation gate that multiplies its input by a per-channel weight:
 * <pre>{@code
 * rules.registerOwnOps(SeBlock.class, (block, in, out) ->
 *         LayerCount.elementwise(LayerKind.ELEMENTWISE, CountingRules.numel(out)));
 * }</pre>
 */
@FunctionalInterface
public interface LayerCounter {
    /**
     * Counts the block for the given input and output shapes (batch dimension included).
     *
     * @param block the block
     * @param inputs the block's input shapes
     * @param outputs the block's output shapes
     * @return the count, or {@code null} to leave the block to the next rule (a super-type's)
     */
    LayerCount count(Block block, Shape[] inputs, Shape[] outputs);
}
