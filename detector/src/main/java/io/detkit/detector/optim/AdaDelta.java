package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;

/**
 * AdaDelta as in PyTorch's {@code torch.optim.Adadelta}: with g = ∇ + wd·w,
 * <pre>
 * v ← ρ·v + (1 − ρ)·g²
 * Δ ← √(u + ε) / √(v + ε) · g
 * u ← ρ·u + (1 − ρ)·Δ²
 * w ← w − lr·Δ
 * </pre>
 * PyTorch's defaults are lr 1.0, ρ 0.9, ε 1e-6.
 */
public final class AdaDelta extends DetkitOptimizer {
    private final double rho;
    private final double eps;

    /**
     * Creates AdaDelta.
     *
     * @param schedule learning rate schedule
     * @param rho ρ in [0, 1)
     * @param eps ε
     * @param weightDecay L2 weight decay
     */
    public AdaDelta(LrSchedule schedule, double rho, double eps, double weightDecay) {
        super("adadelta", schedule, weightDecay, 2, 0);
        this.rho = Hyper.unit("AdaDelta rho", rho);
        this.eps = Hyper.eps(eps);
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, State state, double lr, double weightDecay, long t) {
        NDArray v = state.array(0);
        NDArray u = state.array(1);
        v.muli(rho).addi(grad.mul(grad).muli(1 - rho));
        NDArray delta = u.add(eps).sqrt().divi(v.add(eps).sqrt()).muli(grad);
        u.muli(rho).addi(delta.mul(delta).muli(1 - rho));
        weight.subi(delta.muli(lr));
    }
}
