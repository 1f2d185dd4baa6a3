package io.detkit.detector.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import io.detkit.detector.config.RunConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * Gradient clipping applied in place to the parameters' gradients, between the backward pass and
 * {@code trainer.step()} (DJL's {@code optClipGrad} clamps only from above on the PyTorch engine,
 * and DJL has no clipping by norm).
 *
 * <ul>
 *   <li>By value c: every gradient element clamped to [−c, c].
 *   <li>By global L2 norm c, as {@code torch.nn.utils.clip_grad_norm_}: with
 *       N = √(Σ over all parameters Σ g²), when c/(N + 1e-6) &lt; 1 every gradient is multiplied
 *       by c/(N + 1e-6).
 * </ul>
 * Both may be on: values are clamped first, then the norm of the clamped gradients is limited.
 *
 * <p>Every call returns N of the gradients as they came in (before any clipping), for logging. A
 * NaN or infinite N means a bad step: the gradients are then left untouched and the caller
 * should skip {@code trainer.step()} for this batch and call {@link #zeroGradients} (DJL does not
 * zero gradients between backward passes; the optimizer's update does, and it was skipped).
 *
 * <p>Gradients are read from {@link Parameter#getArray()}{@code .getGradient()}, which is where
 * DJL's trainer keeps them on a single device (its {@code ParameterStore} does not copy then).
 */
public final class GradientClipper {
    /** Added to the norm before dividing, as in PyTorch. */
    public static final double NORM_EPS = 1e-6;

    private final double maxNorm;
    private final double maxValue;

    /**
     * Creates a clipper.
     *
     * @param maxNorm clip by global L2 norm to this value; 0 turns it off
     * @param maxValue clamp each element to [−maxValue, maxValue]; 0 turns it off
     */
    public GradientClipper(double maxNorm, double maxValue) {
        if (!(maxNorm >= 0) || !(maxValue >= 0)) {
            throw new IllegalArgumentException("clip limits must be ≥ 0 (0 turns them off), got norm " + maxNorm
                    + ", value " + maxValue);
        }
        this.maxNorm = maxNorm;
        this.maxValue = maxValue;
    }

    /**
     * The clipper of a run config.
     *
     * @param cfg the {@code train.clip} section
     * @return the clipper (it still measures the norm when both limits are 0)
     */
    public static GradientClipper of(RunConfig.Clip cfg) {
        return new GradientClipper(cfg.norm, cfg.value);
    }

    /**
     * The norm limit.
     *
     * @return max norm, 0 when off
     */
    public double maxNorm() {
        return maxNorm;
    }

    /**
     * The value limit.
     *
     * @return max |value|, 0 when off
     */
    public double maxValue() {
        return maxValue;
    }

    /**
     * Clips the gradients of the trainer's model.
     *
     * @param trainer the trainer, after the backward pass and before {@code step()}
     * @return the global L2 norm before clipping
     */
    public double clip(Trainer trainer) {
        return clip(trainer.getModel().getBlock());
    }

    /**
     * Clips the gradients of a block's trainable parameters.
     *
     * @param block the model's block, after the backward pass
     * @return the global L2 norm before clipping; NaN or infinite for a bad step
     */
    public double clip(Block block) {
        List<NDArray> grads = new ArrayList<>();
        try {
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter param = p.getValue();
                if (param.requiresGradient() && param.isInitialized() && param.getArray().hasGradient()) {
                    grads.add(param.getArray().getGradient()); // a new wrapper of the same tensor
                }
            }
            return clip(grads);
        } finally {
            grads.forEach(NDArray::close); // closes the wrappers, not the gradients
        }
    }

    /**
     * Clips gradient arrays in place.
     *
     * @param grads the gradients
     * @return the global L2 norm before clipping; NaN or infinite for a bad step
     */
    public double clip(List<NDArray> grads) {
        double norm = globalNorm(grads);
        if (!Double.isFinite(norm)) {
            return norm;
        }
        if (maxValue > 0) {
            clipByValue(grads, maxValue);
        }
        if (maxNorm > 0) {
            scaleToNorm(grads, maxValue > 0 ? globalNorm(grads) : norm, maxNorm);
        }
        return norm;
    }

    /**
     * Sets the gradients of a block's trainable parameters to 0 (NaN and infinities included), as
     * after a skipped step.
     *
     * @param block the model's block
     */
    public static void zeroGradients(Block block) {
        NDIndex all = new NDIndex("...");
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (param.requiresGradient() && param.isInitialized() && param.getArray().hasGradient()) {
                try (NDArray g = param.getArray().getGradient()) {
                    g.set(all, 0);
                }
            }
        }
    }

    /**
     * The L2 norm of all arrays together, √(Σ Σ g²), each array's sum of squares taken in float64.
     *
     * <p>Why float64: PyTorch's CPU {@code norm} of a float32 array squares and sums in float32, so
     * any element above √(3.4e38) ≈ 1.8e19 made the norm ∞, and the training loop then skipped an
     * update whose gradient was finite ({@code GradientClipperTest}). The cast costs one copy per
     * parameter, a few milliseconds per step for a million parameters.
     *
     * @param grads arrays
     * @return the norm; 0 for none; NaN or ∞ only when an element is
     */
    public static double globalNorm(List<NDArray> grads) {
        if (grads.isEmpty()) {
            return 0;
        }
        double[] sums;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList list = new NDList(grads.size());
            for (NDArray g : grads) {
                NDArray d = g.getDataType() == DataType.FLOAT64 ? g : g.toType(DataType.FLOAT64, false);
                list.add(d.square().sum());
            }
            sums = NDArrays.stack(list).toDoubleArray(); // one host transfer for all parameters
        }
        double sum = 0;
        for (double s : sums) {
            sum += s;
        }
        return Math.sqrt(sum);
    }

    /**
     * Clamps every element to [−c, c], in place (NaN stays NaN).
     *
     * @param grads arrays, modified
     * @param c limit &gt; 0
     */
    public static void clipByValue(List<NDArray> grads, double c) {
        if (!(c > 0)) {
            throw new IllegalArgumentException("clip value must be > 0, got " + c);
        }
        NDIndex all = new NDIndex("...");
        for (NDArray g : grads) {
            try (NDArray clipped = g.clip(-c, c)) {
                g.set(all, clipped); // in place on the gradient tensor
            }
        }
    }

    /**
     * Clips by global L2 norm in place, as {@code torch.nn.utils.clip_grad_norm_}.
     *
     * @param grads arrays, modified
     * @param maxNorm limit &gt; 0
     * @return the norm before clipping (gradients untouched when it is not finite)
     */
    public static double clipByNorm(List<NDArray> grads, double maxNorm) {
        if (!(maxNorm > 0)) {
            throw new IllegalArgumentException("max norm must be > 0, got " + maxNorm);
        }
        double norm = globalNorm(grads);
        if (Double.isFinite(norm)) {
            scaleToNorm(grads, norm, maxNorm);
        }
        return norm;
    }

    private static void scaleToNorm(List<NDArray> grads, double norm, double maxNorm) {
        double coef = maxNorm / (norm + NORM_EPS);
        if (coef < 1) {
            for (NDArray g : grads) {
                g.muli(coef);
            }
        }
    }
}
