package io.detkit.detector.optim;

/**
 * A learning rate as a function of the training iteration.
 *
 * <p>{@code iteration} is 0-based and counts optimizer updates already done: the first update of a
 * run uses {@code lr(0)}, the k-th update uses {@code lr(k - 1)}. {@link DetkitOptimizer} counts
 * updates the way DJL's optimizers do (per parameter; the optimizer's count is the largest) and
 * evaluates its schedule at {@code count - 1}, so a schedule plotted over {@code 0 … T-1} shows
 * exactly the learning rates a run of {@code T} updates uses.
 */
@FunctionalInterface
public interface LrSchedule {
    /**
     * The learning rate of the update that follows {@code iteration} completed updates.
     *
     * @param iteration 0-based iteration, ≥ 0
     * @return the learning rate
     */
    double lr(long iteration);
}
