package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;

/**
 * NAdam as in PyTorch's {@code torch.optim.NAdam} (L2 decay, momentum_decay ψ = 4e-3): with
 * g = ∇ + wd·w and t the parameter's step,
 * <pre>
 * μₜ = β₁·(1 − ½·0.96^(t·ψ)),   μₜ₊₁ = β₁·(1 − ½·0.96^((t+1)·ψ)),   Π ← Π·μₜ  (Π starts at 1)
 * m ← β₁·m + (1 − β₁)·g
 * v ← β₂·v + (1 − β₂)·g²
 * d = √(v / (1 − β₂ᵗ)) + ε
 * w ← w − lr·(1 − μₜ)/(1 − Π) · g/d − lr·μₜ₊₁/(1 − Π·μₜ₊₁) · m/d
 * </pre>
 * Π is kept per parameter as a double (PyTorch keeps a float32 scalar tensor).
 */
public final class NAdam extends DetkitOptimizer {
    /** PyTorch's default momentum decay ψ. */
    public static final double MOMENTUM_DECAY = 4e-3;

    private final double beta1;
    private final double beta2;
    private final double eps;
    private final double momentumDecay;

    /**
     * Creates NAdam with PyTorch's momentum decay 4e-3.
     *
     * @param schedule learning rate schedule
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param eps ε
     * @param weightDecay L2 weight decay
     */
    public NAdam(LrSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {
        this(schedule, beta1, beta2, eps, weightDecay, MOMENTUM_DECAY);
    }

    /**
     * Creates NAdam.
     *
     * @param schedule learning rate schedule
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param eps ε
     * @param weightDecay L2 weight decay
     * @param momentumDecay ψ ≥ 0
     */
    public NAdam(LrSchedule schedule, double beta1, double beta2, double eps, double weightDecay, double momentumDecay) {
        super("nadam", schedule, weightDecay, 2, 1);
        this.beta1 = Hyper.unit("NAdam beta1 (momentum)", beta1);
        this.beta2 = Hyper.unit("NAdam beta2", beta2);
        this.eps = Hyper.eps(eps);
        if (!(momentumDecay >= 0) || Double.isInfinite(momentumDecay)) {
            throw new IllegalArgumentException("NAdam momentum decay must be ≥ 0, got " + momentumDecay);
        }
        this.momentumDecay = momentumDecay;
    }

    @Override
    protected double[] initialScalars() {
        return new double[] {1.0};
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, State state, double lr, double weightDecay, long t) {
        NDArray m = state.array(0);
        NDArray v = state.array(1);
        double mu = beta1 * (1 - 0.5 * Math.pow(0.96, t * momentumDecay));
        double muNext = beta1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * momentumDecay));
        double muProduct = state.scalar(0) * mu;
        m.muli(beta1).addi(grad.mul(1 - beta1));
        v.muli(beta2).addi(grad.mul(grad).muli(1 - beta2));
        double bc2 = 1 - Math.pow(beta2, t);
        NDArray denom = v.div(bc2).sqrt().addi(eps);
        weight.subi(grad.div(denom).muli(lr * (1 - mu) / (1 - muProduct)));
        weight.subi(m.div(denom).muli(lr * muNext / (1 - muProduct * muNext)));
        state.setScalar(0, muProduct);
    }
}
