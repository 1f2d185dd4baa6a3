package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * An activation kind with its parameter: the value a model config carries. Factories for the
 * common ones, and {@link #parse(String)} for config text ({@code "silu"}, {@code "relu"},
 * {@code "leaky_relu"}, {@code "leaky_relu:0.1"}, {@code "elu:1.0"}, {@code "maxout:3"}, ...).
 *
 * @param type the kind
 * @param alpha its parameter (negative slope for LeakyReLU, α for ELU, initial slope for PReLU,
 *     pieces k for Maxout, see {@link ActivationType}); 0 for kinds without one
 */
public record ActivationSpec(ActivationType type, float alpha) {
    /** Default negative slope of {@link #leakyRelu()}, as in YOLOv3/v4. */
    public static final float DEFAULT_LEAKY_ALPHA = 0.1f;

    /**
     * Checks the fields.
     *
     * @param type the kind
     * @param alpha its parameter
     */
    public ActivationSpec {
        if (type == null) {
            throw new IllegalArgumentException("activation type is null");
        }
        if (!Float.isFinite(alpha)) {
            throw new IllegalArgumentException("activation alpha must be finite, got " + alpha);
        }
        if (!type.takesAlpha()) {
            alpha = 0f;
        }
        if (type == ActivationType.MAXOUT) {
            ActivationType.pieces(alpha);
        }
        if (type == ActivationType.ELU && alpha < 0) {
            throw new IllegalArgumentException("ELU α must be ≥ 0, got " + alpha);
        }
    }

    /** @return SiLU */
    public static ActivationSpec silu() {
        return new ActivationSpec(ActivationType.SILU, 0f);
    }

    /** @return ReLU */
    public static ActivationSpec relu() {
        return new ActivationSpec(ActivationType.RELU, 0f);
    }

    /** @return LeakyReLU with slope {@value #DEFAULT_LEAKY_ALPHA} */
    public static ActivationSpec leakyRelu() {
        return leakyRelu(DEFAULT_LEAKY_ALPHA);
    }

    /**
     * @param alpha negative slope
     * @return LeakyReLU with that slope
     */
    public static ActivationSpec leakyRelu(float alpha) {
        return new ActivationSpec(ActivationType.LEAKY_RELU, alpha);
    }

    /**
     * @param type a kind without a parameter, or one to use with its default
     *     ({@link ActivationType#defaultAlpha()})
     * @return the spec
     */
    public static ActivationSpec of(ActivationType type) {
        return new ActivationSpec(type, type.defaultAlpha());
    }

    /**
     * @param initialSlope initial value of every channel's learnable slope (PyTorch: 0.25)
     * @return PReLU
     */
    public static ActivationSpec prelu(float initialSlope) {
        return new ActivationSpec(ActivationType.PRELU, initialSlope);
    }

    /**
     * @param alpha ELU's α ≥ 0 (1 in the paper and PyTorch)
     * @return ELU
     */
    public static ActivationSpec elu(float alpha) {
        return new ActivationSpec(ActivationType.ELU, alpha);
    }

    /**
     * @param pieces k ≥ 2
     * @return Maxout over k pieces
     */
    public static ActivationSpec maxout(int pieces) {
        return new ActivationSpec(ActivationType.MAXOUT, pieces);
    }

    /**
     * @return input channels per output channel: k for Maxout, 1 otherwise
     */
    public int channelFactor() {
        return type.channelFactor(alpha);
    }

    /**
     * Parses {@code name} or {@code name:alpha}; names are case-insensitive and {@code -} equals
     * {@code _} ({@code leaky-relu:0.2}).
     *
     * @param text the text
     * @return the spec
     * @throws IllegalArgumentException naming the known kinds when the text is not one of them
     */
    public static ActivationSpec parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("activation is empty");
        }
        String t = text.trim();
        int colon = t.indexOf(':');
        String name = (colon < 0 ? t : t.substring(0, colon)).trim().replace('-', '_').toUpperCase(Locale.ROOT);
        if (name.equals("SWISH")) {
            name = "SILU";
        } else if (name.equals("LEAKY") || name.equals("LEAKYRELU")) {
            name = "LEAKY_RELU";
        }
        ActivationType type;
        try {
            type = ActivationType.valueOf(name);
        } catch (IllegalArgumentException e) {
            StringBuilder known = new StringBuilder();
            for (ActivationType k : ActivationType.values()) {
                known.append(known.length() == 0 ? "" : ", ").append(k.configName());
            }
            throw new IllegalArgumentException("unknown activation '" + text + "'; known: " + known, e);
        }
        if (colon < 0) {
            return of(type);
        }
        if (!type.takesAlpha()) {
            throw new IllegalArgumentException("activation '" + type.configName() + "' takes no parameter: '" + text + "'");
        }
        try {
            return new ActivationSpec(type, Float.parseFloat(t.substring(colon + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("activation parameter is not a number: '" + text + "'", e);
        }
    }

    /**
     * Applies the activation (not PReLU, which needs its {@link PRelu} block).
     *
     * @param x input
     * @return activated input
     */
    public NDArray apply(NDArray x) {
        return type.apply(x, alpha);
    }

    /** @return the config text, {@link #parse(String)}'s inverse */
    @Override
    public String toString() {
        if (type == ActivationType.MAXOUT) {
            return type.configName() + ":" + (int) alpha;
        }
        return type.takesAlpha() ? type.configName() + ":" + alpha : type.configName();
    }
}
