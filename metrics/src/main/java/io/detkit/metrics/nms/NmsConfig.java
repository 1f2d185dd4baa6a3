package io.detkit.metrics.nms;

import java.util.Objects;

/**
 * Settings of one NMS run, immutable. Build with {@link #builder()}:
 *
 * <pre>{@code
 * NmsConfig cfg = NmsConfig.builder()
 *         .optIouThreshold(0.5)
 *         .optScoreThreshold(0.05)
 *         .optMaxDetections(100)
 *         .optMethod(NmsMethod.GREEDY)
 *         .optClassAware(true)
 *         .build();
 * }</pre>
 *
 * <p>Defaults: IoU threshold 0.5, no score threshold ({@code −∞}), no detection limit,
 * {@link NmsMethod#GREEDY}, σ = 0.5, class-aware, exact (not "+1 pixel") areas.
 */
public final class NmsConfig {
    private final double iouThreshold;
    private final double scoreThreshold;
    private final int maxDetections;
    private final NmsMethod method;
    private final double sigma;
    private final boolean classAware;
    private final boolean plusOne;

    private NmsConfig(Builder b) {
        this.iouThreshold = b.iouThreshold;
        this.scoreThreshold = b.scoreThreshold;
        this.maxDetections = b.maxDetections;
        this.method = b.method;
        this.sigma = b.sigma;
        this.classAware = b.classAware;
        this.plusOne = b.plusOne;
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default configuration: greedy, IoU threshold 0.5, class-aware */
    public static NmsConfig defaults() {
        return builder().build();
    }

    /**
     * @return the IoU threshold: greedy and DIoU-NMS remove a box whose IoU (DIoU) with a kept box is
     *     strictly greater; linear soft-NMS decays it; Gaussian soft-NMS ignores it
     */
    public double iouThreshold() {
        return iouThreshold;
    }

    /**
     * @return boxes scoring below it are dropped before NMS, and, for soft-NMS, as soon as their
     *     decayed score falls below it; a box whose score equals it stays
     */
    public double scoreThreshold() {
        return scoreThreshold;
    }

    /** @return the most boxes kept (the best ones); {@link Integer#MAX_VALUE} for no limit */
    public int maxDetections() {
        return maxDetections;
    }

    /** @return the suppression method */
    public NmsMethod method() {
        return method;
    }

    /** @return σ of Gaussian soft-NMS, &gt; 0 */
    public double sigma() {
        return sigma;
    }

    /** @return true when boxes of different classes never suppress or decay each other */
    public boolean classAware() {
        return classAware;
    }

    /** @return true for the legacy "+1 pixel" IoU (see {@link io.detkit.metrics.box.Iou}) */
    public boolean plusOne() {
        return plusOne;
    }

    /** @return a builder initialised with this configuration */
    public Builder toBuilder() {
        return builder()
                .optIouThreshold(iouThreshold)
                .optScoreThreshold(scoreThreshold)
                .optMaxDetections(maxDetections)
                .optMethod(method)
                .optSigma(sigma)
                .optClassAware(classAware)
                .optPlusOne(plusOne);
    }

    @Override
    public String toString() {
        return "NmsConfig{method=" + method + ", iouThreshold=" + iouThreshold + ", scoreThreshold=" + scoreThreshold
                + ", maxDetections=" + maxDetections + ", sigma=" + sigma + ", classAware=" + classAware
                + ", plusOne=" + plusOne + "}";
    }

    /** Builder of {@link NmsConfig}; every setter is optional and returns this builder. */
    public static final class Builder {
        private double iouThreshold = 0.5;
        private double scoreThreshold = Double.NEGATIVE_INFINITY;
        private int maxDetections = Integer.MAX_VALUE;
        private NmsMethod method = NmsMethod.GREEDY;
        private double sigma = 0.5;
        private boolean classAware = true;
        private boolean plusOne;

        private Builder() {}

        /**
         * @param iouThreshold IoU (DIoU for {@link NmsMethod#DIOU}) above which a box is suppressed;
         *     finite
         * @return this builder
         */
        public Builder optIouThreshold(double iouThreshold) {
            this.iouThreshold = iouThreshold;
            return this;
        }

        /**
         * @param scoreThreshold boxes scoring below it are dropped; not NaN
         * @return this builder
         */
        public Builder optScoreThreshold(double scoreThreshold) {
            this.scoreThreshold = scoreThreshold;
            return this;
        }

        /**
         * @param maxDetections the most boxes kept, ≥ 0
         * @return this builder
         */
        public Builder optMaxDetections(int maxDetections) {
            this.maxDetections = maxDetections;
            return this;
        }

        /**
         * @param method the suppression method
         * @return this builder
         */
        public Builder optMethod(NmsMethod method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * @param sigma σ of Gaussian soft-NMS, finite and &gt; 0
         * @return this builder
         */
        public Builder optSigma(double sigma) {
            this.sigma = sigma;
            return this;
        }

        /**
         * @param classAware true to run NMS per class (boxes of different classes never interact)
         * @return this builder
         */
        public Builder optClassAware(boolean classAware) {
            this.classAware = classAware;
            return this;
        }

        /**
         * @param plusOne true for the legacy "+1 pixel" IoU
         * @return this builder
         */
        public Builder optPlusOne(boolean plusOne) {
            this.plusOne = plusOne;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException if a value is out of range
         */
        public NmsConfig build() {
            if (!Double.isFinite(iouThreshold)) {
                throw new IllegalArgumentException("iouThreshold must be finite: " + iouThreshold);
            }
            if (Double.isNaN(scoreThreshold)) {
                throw new IllegalArgumentException("scoreThreshold must not be NaN");
            }
            if (maxDetections < 0) {
                throw new IllegalArgumentException("maxDetections must be >= 0: " + maxDetections);
            }
            if (!(sigma > 0) || !Double.isFinite(sigma)) {
                throw new IllegalArgumentException("sigma must be finite and > 0: " + sigma);
            }
            return new NmsConfig(this);
        }
    }
}
