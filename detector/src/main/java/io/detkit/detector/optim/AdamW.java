package io.detkit.detector.optim;

/**
 * AdamW as in PyTorch's {@code torch.optim.AdamW}: decoupled weight decay
 * {@code w ← w·(1 − lr·wd)} first, then the {@link Adam} step on the raw gradient.
 */
public final class AdamW extends Adam {
    /**
     * Creates AdamW.
     *
     * @param schedule learning rate schedule
     * @param beta1 β₁ in [0, 1)
     * @param beta2 β₂ in [0, 1)
     * @param eps ε
     * @param weightDecay decoupled weight decay
     */
    public AdamW(LrSchedule schedule, double beta1, double beta2, double eps, double weightDecay) {
        super("adamw", schedule, beta1, beta2, eps, weightDecay);
    }

    @Override
    protected boolean decoupledWeightDecay() {
        return true;
    }
}
