package io.detkit.detector.optim;

import ai.djl.ndarray.NDArray;

/**
 * SGD as in PyTorch's {@code torch.optim.SGD} with dampening 0: with g = ∇ + wd·w,
 * <pre>
 * plain:     w ← w − lr·g
 * momentum:  b ← μ·b + g   (b = g on the first step)
 *            w ← w − lr·b
 * Nesterov:  b ← μ·b + g;  w ← w − lr·(g + μ·b)
 * </pre>
 * DJL's own {@code sgd} momentum is MXNet's v ← μ·v + lr·g, which differs whenever the LR changes.
 */
public final class Sgd extends DetkitOptimizer {
    private final double momentum;
    private final boolean nesterov;

    /**
     * Creates SGD.
     *
     * @param schedule learning rate schedule
     * @param momentum μ in [0, 1); 0 for plain SGD
     * @param nesterov Nesterov momentum (needs μ &gt; 0)
     * @param weightDecay L2 weight decay
     */
    public Sgd(LrSchedule schedule, double momentum, boolean nesterov, double weightDecay) {
        super("sgd", schedule, weightDecay, momentum > 0 ? 1 : 0, 0);
        if (!(momentum >= 0 && momentum < 1)) {
            throw new IllegalArgumentException("SGD momentum must be in [0, 1), got " + momentum);
        }
        if (nesterov && momentum == 0) {
            throw new IllegalArgumentException("Nesterov momentum needs momentum > 0");
        }
        this.momentum = momentum;
        this.nesterov = nesterov;
    }

    /**
     * Momentum μ.
     *
     * @return μ
     */
    public double momentum() {
        return momentum;
    }

    /**
     * Whether Nesterov momentum is on.
     *
     * @return true for Nesterov
     */
    public boolean nesterov() {
        return nesterov;
    }

    @Override
    protected void apply(NDArray weight, NDArray grad, State state, double lr, double weightDecay, long t) {
        if (momentum == 0) {
            weight.subi(grad.mul(lr));
            return;
        }
        NDArray buf = state.array(0);
        buf.muli(momentum).addi(grad); // zeros at first: 0·μ + g = g exactly
        NDArray d = nesterov ? grad.add(buf.mul(momentum)) : buf;
        weight.subi(d.mul(lr));
    }
}
