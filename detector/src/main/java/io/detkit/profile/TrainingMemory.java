package io.detkit.profile;

/**
 * An estimate of the memory one training step needs: weights, their gradients, the optimizer's
 * state and the activations kept for the backward pass. It leaves out the framework's workspace,
 * temporaries inside fused blocks and allocator overhead, so treat it as a lower bound.
 *
 * <ul>
 *   <li>weights: (parameters + buffers) × bytes per element;</li>
 *   <li>gradients: trainable parameters × bytes per element;</li>
 *   <li>optimizer: trainable parameters × {@link OptimizerKind#statesPerParameter()} × bytes;</li>
 *   <li>activations: (input + every layer's output, shape-only layers excepted) per image × batch
 *       size.</li>
 * </ul>
 *
 * @param batchSize images per step
 * @param optimizer the optimizer
 * @param weightBytes parameters and buffers
 * @param gradientBytes gradients of the trainable parameters
 * @param optimizerBytes optimizer state
 * @param activationBytes activations at this batch size
 */
public record TrainingMemory(int batchSize, OptimizerKind optimizer, long weightBytes, long gradientBytes,
        long optimizerBytes, long activationBytes) {

    /**
     * The sum of the four parts.
     *
     * @return total bytes
     */
    public long totalBytes() {
        return weightBytes + gradientBytes + optimizerBytes + activationBytes;
    }
}
