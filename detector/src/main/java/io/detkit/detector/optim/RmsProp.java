package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;

/**
 * RMSProp as in PyTorch's {@code torch.optim.RMSprop} (not centred, no momentum): with
 * g = ∇ + wd·w,
 * <pre>
 * v ← α·v + (1 − α)·g²
 * w ← w − lr·g / (√v + ε)
 * </pre>
 * α is {@code train.optimizer.rho} (PyTorch's default is 0.99).
 */
public final class RmsProp extends DetkitOptimizer {
    private final double alpha;
    private final double eps;

    /**
     * Creates RMSProp.
     *
     * @param schedule learning rate schedule
     * @param alpha smoothing constant α in [0, 1)
     * @param eps ε
     * @param weightDecay L2 weight decay
     */
    public RmsProp(LrSchedule schedule, double alpha, double eps, double weightDecay) {
        super("rmsprop", schedule, weightDecay, 1, 0);
        this.alpha = Hyper.unit("RMSProp alpha (rho)", alpha);
        this.eps = Hyper.eps(eps);
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, State state, double lr, double weightDecay, long t) {
        NDArray v = state.array(0);
        v.muli(alpha).addi(grad.mul(grad).muli(1 - alpha));
        weight.subi(grad.div(v.sqrt().addi(eps)).muli(lr));
    }
}
