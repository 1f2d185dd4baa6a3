package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;

/**
 * The activation functions a {@link ConvBnAct} unit can use. Each constant applies itself with
 * NDArray ops that the PyTorch engine supports (see {@code DJL-NOTES.md}); to add one, add a
 * constant and its {@link #apply(NDArray, float)}.
 *
 * <p>{@code alpha} is the one numeric parameter a kind may take: the negative slope of
 * {@link #LEAKY_RELU}, the α of {@link #ELU}, the initial slope of {@link #PRELU} and the number
 * of pieces k of {@link #MAXOUT}; kinds without one ignore it.
 *
 * <p>Two kinds are more than a pointwise function:
 * <ul>
 *   <li>{@link #PRELU} has a learnable slope per channel. It lives in a {@link PRelu} block, which
 *       {@link ConvBnAct} adds as a child; {@link #apply} cannot compute it (DJL's own
 *       {@code Prelu} block throws on the PyTorch engine).
 *   <li>{@link #MAXOUT} reduces channels: its input has {@code k·C} channels and its output
 *       {@code C}. {@link ConvBnAct} gives its convolution {@code k·C} filters for it, which
 *       multiplies that convolution's weights and MACs (and its BatchNorm's parameters) by k.
 * </ul>
 */
public enum ActivationType {
    /**
     * SiLU / swish, {@code x·sigmoid(x)} (the Ultralytics default). Not DJL's
     * {@code Activation.swish}: that multiplies by β through a scalar tensor it closes at once,
     * which autograd still reads in the backward pass (see {@link ScalarOps}).
     */
    SILU(false, 0f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return x.mul(Activation.sigmoid(x));
        }
    },
    /** {@code max(x, 0)}. */
    RELU(false, 0f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.relu(x);
        }
    },
    /** {@code x} for {@code x > 0}, {@code alpha·x} otherwise. */
    LEAKY_RELU(true, 0.1f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.leakyRelu(x, alpha);
        }
    },
    /**
     * PReLU (He et al. 2015): {@code max(0, x) + a_c·min(0, x)} with a learnable slope {@code a_c}
     * per channel, initialised to {@code alpha} (0.25). Needs its parameter: use a {@link PRelu}
     * block; {@link #apply} throws.
     */
    PRELU(true, 0.25f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            throw new UnsupportedOperationException("prelu has a learnable slope per channel: apply it with a PRelu block");
        }
    },
    /** ELU (Clevert et al. 2016): {@code x} for {@code x > 0}, {@code alpha·(exp(x) − 1)} otherwise. */
    ELU(true, 1f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.elu(x, alpha);
        }
    },
    /**
     * SELU (Klambauer et al. 2017): {@code λ·x} for {@code x > 0}, {@code λ·α·(exp(x) − 1)}
     * otherwise, with λ = {@value #SELU_LAMBDA} and α = {@value #SELU_ALPHA}.
     */
    SELU(false, 0f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.selu(x);
        }
    },
    /**
     * Mish, {@code x·tanh(softplus(x))}, {@code softplus(x) = ln(1 + eˣ)}. Not DJL's
     * {@code Activation.mish}, which takes {@code log2} instead of the natural logarithm.
     */
    MISH(false, 0f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return x.mul(Activation.softPlus(x).tanh());
        }
    },
    /** GELU (erf form), {@code x·Φ(x)}. */
    GELU(false, 0f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.gelu(x);
        }
    },
    /** {@code tanh(x) = (eˣ − e⁻ˣ)/(eˣ + e⁻ˣ)}. */
    TANH(false, 0f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.tanh(x);
        }
    },
    /** {@code σ(x) = 1/(1 + e⁻ˣ)}. */
    SIGMOID(false, 0f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return Activation.sigmoid(x);
        }
    },
    /**
     * Maxout (Goodfellow et al. 2013) over k = {@code alpha} pieces: an {@code N×(C·k)×…} input
     * gives {@code N×C×…}, output channel c being the largest of input channels
     * {@code c·k … c·k + k − 1} (each output channel's pieces are adjacent).
     */
    MAXOUT(true, 2f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return maxout(x, pieces(alpha));
        }
    },
    /** No activation. */
    IDENTITY(false, 0f) {
        @Override
        public NDArray apply(NDArray x, float alpha) {
            return x;
        }
    };

    /** SELU's λ (PyTorch's {@code scale}). */
    public static final double SELU_LAMBDA = 1.0507009873554804934193349852946;
    /** SELU's α. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    private final boolean takesAlpha;
    private final float defaultAlpha;

    ActivationType(boolean takesAlpha, float defaultAlpha) {
        this.takesAlpha = takesAlpha;
        this.defaultAlpha = defaultAlpha;
    }

    /** @return whether {@code alpha} means something for this kind */
    public boolean takesAlpha() {
        return takesAlpha;
    }

    /** @return the parameter used when a config names the kind alone (0 for kinds without one) */
    public float defaultAlpha() {
        return defaultAlpha;
    }

    /**
     * Applies the activation.
     *
     * @param x input of any shape ({@link #MAXOUT}: channels on axis 1, a multiple of k)
     * @param alpha the kind's parameter, ignored by kinds without one
     * @return the activated array, same shape (MAXOUT: axis 1 divided by k)
     * @throws UnsupportedOperationException for {@link #PRELU}, which needs its {@link PRelu} block
     */
    public abstract NDArray apply(NDArray x, float alpha);

    /** @return the lower-case name used in configs ({@code silu}, {@code leaky_relu}, ...) */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * How many input channels this activation reads per output channel: k for {@link #MAXOUT},
     * 1 for every other kind.
     *
     * @param alpha the kind's parameter
     * @return the channel factor
     */
    public int channelFactor(float alpha) {
        return this == MAXOUT ? pieces(alpha) : 1;
    }

    /**
     * Maxout over groups of {@code k} adjacent channels (axis 1).
     *
     * @param x input {@code N×(C·k)×…}
     * @param k pieces, at least 1
     * @return {@code N×C×…}, element-wise maximum of each group
     */
    public static NDArray maxout(NDArray x, int k) {
        if (k == 1) {
            return x;
        }
        Shape s = x.getShape();
        if (s.dimension() < 2 || s.get(1) % k != 0) {
            throw new IllegalArgumentException("maxout with " + k + " pieces needs channels (axis 1) divisible by " + k + ", got " + s);
        }
        long[] grouped = new long[s.dimension() + 1];
        grouped[0] = s.get(0);
        grouped[1] = s.get(1) / k;
        grouped[2] = k;
        for (int i = 2; i < s.dimension(); i++) {
            grouped[i + 1] = s.get(i);
        }
        return x.reshape(new Shape(grouped)).max(new int[] {2});
    }

    /**
     * Checks a maxout piece count.
     *
     * @param alpha the parameter as stored in an {@link ActivationSpec}
     * @return it as an integer
     * @throws IllegalArgumentException unless it is a whole number ≥ 2
     */
    static int pieces(float alpha) {
        if (alpha < 2 || alpha != Math.rint(alpha) || alpha > 64) {
            throw new IllegalArgumentException("maxout needs a whole number of pieces in [2, 64], got " + alpha);
        }
        return (int) alpha;
    }
}
