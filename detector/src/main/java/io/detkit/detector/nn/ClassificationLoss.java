package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import java.util.Locale;

/**
 * A per-element classification loss on sigmoid logits against (soft) targets in [0, 1], the
 * {@code L_cls} term of a detector: BCE, focal or varifocal, with optional label smoothing. A
 * value object: {@link #elementwise} is all a loss needs.
 *
 * <p>Label smoothing ε maps every target t to {@code t·(1 − ε) + ε/2}
 * ({@link Losses#smoothBinaryTargets}) before the loss; it is allowed for BCE and focal only: for
 * varifocal it would turn every negative (q = 0) into a positive of score ε/2.
 *
 * @param kind which loss
 * @param gamma focal / varifocal γ (ignored by BCE)
 * @param alpha focal α (negative: none) or varifocal α (ignored by BCE)
 * @param smoothing label smoothing ε in [0, 1)
 */
public record ClassificationLoss(Kind kind, float gamma, float alpha, float smoothing) {
    /** The loss kinds. */
    public enum Kind {
        /** {@link Losses#bceWithLogits}. */
        BCE,
        /** {@link Losses#focalWithLogits}. */
        FOCAL,
        /** {@link Losses#varifocalWithLogits}. */
        VARIFOCAL;

        /**
         * Parses a config name.
         *
         * @param name bce, focal or varifocal (any case)
         * @return the kind
         */
        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown classification loss '" + name + "'; one of bce, focal, varifocal", e);
            }
        }
    }

    /**
     * Checks the fields.
     *
     * @param kind which loss
     * @param gamma γ
     * @param alpha α
     * @param smoothing ε
     */
    public ClassificationLoss {
        if (kind == null) {
            throw new IllegalArgumentException("classification loss kind is null");
        }
        boolean alphaOk = switch (kind) {
            case BCE -> true;
            case FOCAL -> alpha <= 1;
            case VARIFOCAL -> alpha >= 0;
        };
        if (!(gamma >= 0) || !alphaOk) {
            throw new IllegalArgumentException("classification loss " + kind + ": γ must be ≥ 0, focal α ≤ 1, varifocal α ≥ 0; got γ "
                    + gamma + ", α " + alpha);
        }
        if (!(smoothing >= 0 && smoothing < 1)) {
            throw new IllegalArgumentException("label smoothing must be in [0, 1), got " + smoothing);
        }
        if (smoothing > 0 && kind == Kind.VARIFOCAL) {
            throw new IllegalArgumentException("label smoothing does not apply to varifocal loss (q = 0 marks the negatives)");
        }
    }

    /** @return plain BCE with logits */
    public static ClassificationLoss bce() {
        return new ClassificationLoss(Kind.BCE, 0f, -1f, 0f);
    }

    /**
     * @param gamma γ ≥ 0
     * @param alpha α ≤ 1, negative for none
     * @return focal loss
     */
    public static ClassificationLoss focal(float gamma, float alpha) {
        return new ClassificationLoss(Kind.FOCAL, gamma, alpha, 0f);
    }

    /**
     * @param alpha α ≥ 0 (0.75)
     * @param gamma γ ≥ 0 (2)
     * @return varifocal loss
     */
    public static ClassificationLoss varifocal(float alpha, float gamma) {
        return new ClassificationLoss(Kind.VARIFOCAL, gamma, alpha, 0f);
    }

    /**
     * @param epsilon ε in [0, 1)
     * @return a copy with this label smoothing
     */
    public ClassificationLoss withLabelSmoothing(float epsilon) {
        return new ClassificationLoss(kind, gamma, alpha, epsilon);
    }

    /**
     * The loss per element.
     *
     * @param logits class logits
     * @param targets target scores in [0, 1], same shape
     * @return the loss per element
     */
    public NDArray elementwise(NDArray logits, NDArray targets) {
        NDArray t = Losses.smoothBinaryTargets(targets, smoothing);
        return switch (kind) {
            case BCE -> Losses.bceWithLogits(logits, t);
            case FOCAL -> Losses.focalWithLogits(logits, t, gamma, alpha);
            case VARIFOCAL -> Losses.varifocalWithLogits(logits, t, alpha, gamma);
        };
    }
}
