package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/**
 * The activation functions a {@link ConvBnAct} unit can use. Each constant applies itself with
 * NDArray ops that the PyTorch engine supports (see {@code DJL-NOTES.md}); to add one, add a
 * constant and its {@link #apply(NDArray, float)}.
 *
 * <p>{@code alpha} is the one numeric parameter a kind may take (the negative slope of
 * {@link #LEAKY_RELU}); kinds without one ignore it.
 */
public enum ActivationType {
    /**
     * SiLU / swish, {@code x·sigmoid(x)} (the Ultralytics default). Not DJL's
     * {@code Activation.swish}: that multiplies by β through a scalar tensor it closes at once,
     * which autograd still reads in the backward pass (see {@link ScalarOps}).
     */
    SILU(false) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return x.mul(Activation.sigmoid(x));
        }
    },
    /** {@code max(x, 0)}. */
    RELU(false) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.relu(x);
        }
    },
    /** {@code x} for {@code x > 0}, {@code alpha·x} otherwise. */
    LEAKY_RELU(true) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.leakyRelu(x, alpha);
        }
    },
    /**
     * Mish, {@code x·tanh(softplus(x))}, {@code softplus(x) = ln(1 + eˣ)}. Not DJL's
     * {@code Activation.mish}, which takes {@code log2} instead of the natural logarithm.
     */
    MISH(false) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return x.mul(Activation.softPlus(x).tanh());
        }
    },
    /** GELU (erf form). */
    GELU(false) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.gelu(x);
        }
    },
    /** No activation. */
    IDENTITY(false) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return x;
        }
    };

    private final boolean takesAlpha;

    ActivationType(boolean takesAlpha) {
        this.takesAlpha = takesAlpha;
    }

    /** @return whether {@code alpha} means something for this kind */
    public boolean takesAlpha() {
        return takesAlpha;
    }

    /**
     * Applies the activation.
     *
     * @param x input of any shape
     * @param alpha the kind's parameter, ignored by kinds without one
     * @return the activated array, same shape
     */
    public abstract NDArray apply(NDArray x, float alpha);

    /** @return the lower-case name used in configs ({@code silu}, {@code leaky_relu}, ...) */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
