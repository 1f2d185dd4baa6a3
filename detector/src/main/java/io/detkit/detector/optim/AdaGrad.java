package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;

/**
 * AdaGrad as in PyTorch's {@code torch.optim.Adagrad} (lr_decay 0, initial accumulator 0): with
 * g = ∇ + wd·w,
 * <pre>
 * s ← s + g²
 * w ← w − lr·g / (√s + ε)
 * </pre>
 */
public final class AdaGrad extends DetkitOptimizer {
    private final double eps;

    /**
     * Creates AdaGrad.
     *
     * @param schedule learning rate schedule
     * @param eps ε (PyTorch's default is 1e-10)
     * @param weightDecay L2 weight decay
     */
    public AdaGrad(LrSchedule schedule, double eps, double weightDecay) {
        super("adagrad", schedule, weightDecay, 1, 0);
        this.eps = Hyper.eps(eps);
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, State state, double lr, double weightDecay, long t) {
        NDArray sum = state.array(0);
        sum.addi(grad.mul(grad));
        weight.subi(grad.div(sum.sqrt().addi(eps)).muli(lr));
    }
}
