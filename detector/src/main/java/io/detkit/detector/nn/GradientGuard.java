package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * Checks and clears parameter gradients between {@code backward} and {@code Trainer.step()}.
 *
 * <p>A safety net, not a fix: one step with a NaN gradient turns Adam's moment estimates, and
 * then every weight, into NaN for good, and checking only the loss misses it. A training loop
 * checks the gradients and skips such a step, and counts and records it
 * ({@code io.detkit.detector.train.AnomalyRecorder}) so that its cause can be found:
 *
 * <pre>{@code
 * gc.backward(loss);
 * if (GradientGuard.allFinite(model.getBlock(), stepManager)) {
 *     trainer.step();
 * } else {
 *     GradientGuard.zero(model.getBlock()); // skip this batch
 * }
 * }</pre>
 *
 * <p>{@link #zero} fills the gradients in place; DJL's own {@code zeroGradients()} subtracts the
 * gradient from itself, which leaves NaN where there was NaN or ∞.
 */
public final class GradientGuard {
    private GradientGuard() {}

    /**
     * Whether every trainable parameter's gradient is finite. Tested as {@code Σ (g − g) = 0},
     * which is NaN exactly when an element is NaN or ∞ and cannot overflow (a sum of |g| did for
     * large finite gradients).
     *
     * @param block the model
     * @param scope a per-step manager; the temporary arrays are created there
     * @return true when all gradients are finite
     */
    public static boolean allFinite(Block block, NDManager scope) {
        NDList sums = new NDList();
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (p.getValue().requiresGradient() && w.hasGradient()) {
                NDArray g = w.getGradient();
                g.attach(scope);
                sums.add(g.sub(g).sum());
            }
        }
        if (sums.isEmpty()) {
            return true;
        }
        return NDArrays.stack(sums).sum().getFloat() == 0f;
    }

    /**
     * Sets every trainable parameter's gradient to 0 in place, whatever it holds.
     *
     * @param block the model
     */
    public static void zero(Block block) {
        NDIndex all = new NDIndex("...");
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (p.getValue().requiresGradient() && w.hasGradient()) {
                try (NDArray g = w.getGradient()) {
                    g.set(all, 0f);
                }
            }
        }
    }
}
