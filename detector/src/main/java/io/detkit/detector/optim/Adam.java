package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

/**
 * Adam as in PyTorch's {@code torch.optim.Adam} (bias-corrected, not AMSGrad): with
 * g = ∇ + wd·w (L2) and t the parameter's step,
 * <pre>
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * {@link AdamW} replaces the L2 term by decoupled decay.
 *
 * <p>The update is one fused engine call (see {@link #apply}), which takes the hyper-parameters as
 * floats: with β₂ = 0.999, {@code 1 − (float) β₂} is 1.3e-5 (relative) below {@code 1 − β₂}, so
 * steps are about 6.5e-6 (relative) larger than PyTorch's double-precision scalars give.
 */
public class Adam extends DetkitOptimizer {
    private final double beta1;
    private final double beta2;
    private final double eps;

    /**
     * Creates Adam.
     *
     * @param schedule learning rate schedule
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param eps ε
     * @param weightDecay L2 weight decay
     */
    public Adam(LrSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {
        this("adam", schedule, beta1, beta2, eps, weightDecay);
    }

    Adam(String kind, LrSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {
        super(kind, schedule, weightDecay, 2, 0);
        this.beta1 = Hyper.unit("Adam beta1 (momentum)", beta1);
        this.beta2 = Hyper.unit("Adam beta2", beta2);
        this.eps = Hyper.eps(eps);
    }

    /**
     * One fused engine call ({@code NDArrayEx.adamUpdate}: on PyTorch a single native call instead of
     * about twenty array operations, each with its JNI round trip) with the bias corrections folded
     * into its step size and ε: {@code lr/(1−β₁ᵗ)·m/(√v/√(1−β₂ᵗ) + ε) = lr'·m/(√v + ε')} with
     * {@code lr' = lr·√(1−β₂ᵗ)/(1−β₁ᵗ)} and {@code ε' = ε·√(1−β₂ᵗ)}. The decoupled decay of
     * {@link AdamW} is {@code w ← w − lr·wd·w} in the same call.
     */
    @Override
    protected void apply(NDArray weight, NDArray grad, State state, double lr, double weightDecay, long t) {
        double bc1 = 1 - Math.pow(beta1, t);
        double sqrtBc2 = Math.sqrt(1 - Math.pow(beta2, t));
        boolean decoupled = decoupledWeightDecay() && weightDecay != 0;
        weight.getNDArrayInternal().adamUpdate(new NDList(weight, grad, state.array(0), state.array(1)), new NDList(weight),
                (float) lr, (float) (lr * sqrtBc2 / bc1), decoupled ? (float) weightDecay : 0f, 1f, -1f, (float) beta1,
                (float) beta2, (float) (eps * sqrtBc2), false, decoupled);
    }
}
