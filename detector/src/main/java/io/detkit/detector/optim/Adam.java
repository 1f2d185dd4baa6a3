package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;

/**
 * Adam as in PyTorch's {@code torch.optim.Adam} (bias-corrected, not AMSGrad): with
 * g = ∇ + wd·w (L2) and t the parameter's step,
 * <pre>
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * w ← w − lr/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
 * </pre>
 * {@link AdamW} replaces the L2 term by decoupled decay.
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

    @Override
    protected void apply(NDArray weight, NDArray grad, State state, double lr, double weightDecay, long t) {
        if (decoupledWeightDecay() && weightDecay != 0) {
            weight.muli(1 - lr * weightDecay);
        }
        NDArray m = state.array(0);
        NDArray v = state.array(1);
        m.muli(beta1).addi(grad.mul(1 - beta1));
        v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));
        double bc1 = 1 - Math.pow(beta1, t);
        double bc2 = 1 - Math.pow(beta2, t);
        NDArray denom = v.sqrt().divi(Math.sqrt(bc2)).addi(eps);
        weight.subi(m.div(denom).muli(lr / bc1));
    }
}
