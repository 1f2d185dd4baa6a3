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
 * <p>Why: on the DJL 0.35.1 / PyTorch 2.7.1 CPU build on this machine, a training step of the YOLO
 * model occasionally (at a random step, not reproducibly, with finite inputs and a finite loss)
 * produces non-finite gradients in some layers. Checking only the loss misses that, and one such
 * step turns Adam's moment estimates, and then every weight, into NaN for good. The remedy is to
 * check the gradients and skip the step:
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
     * Whether every trainable parameter's gradient is finite (also false when their sum
     * overflows, which only a diverging model reaches).
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
                sums.add(g.abs().sum());
            }
        }
        if (sums.isEmpty()) {
            return true;
        }
        return Float.isFinite(NDArrays.stack(sums).sum().getFloat());
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
