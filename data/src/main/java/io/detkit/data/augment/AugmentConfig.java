package io.detkit.data.augment;

import io.detkit.data.image.Letterbox;
import java.util.Locale;

/**
 * Settings of the training-time augmentation pipeline, built in DJL's style:
 * {@code AugmentConfig.builder().setImageSize(640).optFlipProb(0.5).build()}. Defaults are
 * Ultralytics' ({@code default.yaml}): mosaic 1.0, fliplr 0.5, flipud 0, degrees 0, translate 0.1,
 * scale 0.5, shear 0, hsv_h 0.015, hsv_s 0.7, hsv_v 0.4; boxes are kept when both sides are at
 * least 2 px, at least 10 % of the box is still visible and the aspect ratio is at most 100.
 * Immutable.
 */
public final class AugmentConfig {
    private final int imageSize;
    private final double mosaicProb;
    private final double flipProb;
    private final double flipUdProb;
    private final double degrees;
    private final double translate;
    private final double scale;
    private final double shear;
    private final double hsvH;
    private final double hsvS;
    private final double hsvV;
    private final double minBoxSize;
    private final double minVisibility;
    private final double maxAspectRatio;
    private final int padValue;

    private AugmentConfig(Builder b) {
        this.imageSize = b.imageSize;
        this.mosaicProb = b.mosaicProb;
        this.flipProb = b.flipProb;
        this.flipUdProb = b.flipUdProb;
        this.degrees = b.degrees;
        this.translate = b.translate;
        this.scale = b.scale;
        this.shear = b.shear;
        this.hsvH = b.hsvH;
        this.hsvS = b.hsvS;
        this.hsvV = b.hsvV;
        this.minBoxSize = b.minBoxSize;
        this.minVisibility = b.minVisibility;
        this.maxAspectRatio = b.maxAspectRatio;
        this.padValue = b.padValue;
    }

    /** @return a builder with Ultralytics' defaults; {@link Builder#setImageSize} is required */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A pipeline that only letterboxes to {@code size × size}: no mosaic, flip, affine or colour
     * change (validation-style input, and the identity for tests).
     *
     * @param size output side in pixels
     * @return the config
     */
    public static AugmentConfig letterboxOnly(int size) {
        return builder().setImageSize(size).optMosaicProb(0).optFlipProb(0).optScale(0).optTranslate(0)
                .optHsv(0, 0, 0).build();
    }

    /** @return a builder holding this config's values */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.imageSize = imageSize;
        b.mosaicProb = mosaicProb;
        b.flipProb = flipProb;
        b.flipUdProb = flipUdProb;
        b.degrees = degrees;
        b.translate = translate;
        b.scale = scale;
        b.shear = shear;
        b.hsvH = hsvH;
        b.hsvS = hsvS;
        b.hsvV = hsvV;
        b.minBoxSize = minBoxSize;
        b.minVisibility = minVisibility;
        b.maxAspectRatio = maxAspectRatio;
        b.padValue = padValue;
        return b;
    }

    /** @return output side in pixels (the output is square) */
    public int imageSize() {
        return imageSize;
    }

    /** @return probability of a 4-image mosaic */
    public double mosaicProb() {
        return mosaicProb;
    }

    /** @return probability of a left-right flip */
    public double flipProb() {
        return flipProb;
    }

    /** @return probability of an up-down flip */
    public double flipUdProb() {
        return flipUdProb;
    }

    /** @return maximum rotation in degrees (uniform in ±degrees) */
    public double degrees() {
        return degrees;
    }

    /** @return maximum translation as a fraction of the output size (uniform in ±translate) */
    public double translate() {
        return translate;
    }

    /** @return scale gain: the zoom is uniform in {@code [1 − scale, 1 + scale]} */
    public double scale() {
        return scale;
    }

    /** @return maximum shear in degrees (uniform in ±shear, on each axis) */
    public double shear() {
        return shear;
    }

    /** @return hue gain: the hue shifts by up to ±hsvH of the colour circle */
    public double hsvH() {
        return hsvH;
    }

    /** @return saturation gain: saturation is multiplied by {@code 1 ± hsvS} */
    public double hsvS() {
        return hsvS;
    }

    /** @return value gain: value (brightness) is multiplied by {@code 1 ± hsvV} */
    public double hsvV() {
        return hsvV;
    }

    /** @return a box is dropped when its width or height ends below this many output pixels */
    public double minBoxSize() {
        return minBoxSize;
    }

    /**
     * @return a box is dropped when less than this fraction of its (scaled) area is left inside the
     *     output after cropping
     */
    public double minVisibility() {
        return minVisibility;
    }

    /** @return a box is dropped when {@code max(w/h, h/w)} exceeds this */
    public double maxAspectRatio() {
        return maxAspectRatio;
    }

    /** @return grey level of padding and of areas outside every image */
    public int padValue() {
        return padValue;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT,
                "AugmentConfig[size=%d, mosaic=%s, fliplr=%s, flipud=%s, degrees=%s, translate=%s, scale=%s, shear=%s, "
                        + "hsv=(%s, %s, %s), minBoxSize=%s, minVisibility=%s, maxAspectRatio=%s, pad=%d]",
                imageSize, mosaicProb, flipProb, flipUdProb, degrees, translate, scale, shear, hsvH, hsvS, hsvV,
                minBoxSize, minVisibility, maxAspectRatio, padValue);
    }

    /** Builder of {@link AugmentConfig}; every {@code opt} setter checks its range. */
    public static final class Builder {
        private int imageSize;
        private double mosaicProb = 1.0;
        private double flipProb = 0.5;
        private double flipUdProb = 0.0;
        private double degrees = 0.0;
        private double translate = 0.1;
        private double scale = 0.5;
        private double shear = 0.0;
        private double hsvH = 0.015;
        private double hsvS = 0.7;
        private double hsvV = 0.4;
        private double minBoxSize = 2.0;
        private double minVisibility = 0.1;
        private double maxAspectRatio = 100.0;
        private int padValue = Letterbox.DEFAULT_PAD_VALUE;

        private Builder() {}

        /**
         * @param size output side in pixels (required), e.g. 640
         * @return this builder
         */
        public Builder setImageSize(int size) {
            if (size < 8 || size > 16384) {
                throw new IllegalArgumentException("image size must be in 8..16384, got " + size);
            }
            this.imageSize = size;
            return this;
        }

        /**
         * @param p probability of a 4-image mosaic, 0..1 (default 1)
         * @return this builder
         */
        public Builder optMosaicProb(double p) {
            this.mosaicProb = range("mosaic probability", p, 0, 1);
            return this;
        }

        /**
         * @param p probability of a left-right flip, 0..1 (default 0.5)
         * @return this builder
         */
        public Builder optFlipProb(double p) {
            this.flipProb = range("flip probability", p, 0, 1);
            return this;
        }

        /**
         * @param p probability of an up-down flip, 0..1 (default 0)
         * @return this builder
         */
        public Builder optFlipUdProb(double p) {
            this.flipUdProb = range("up-down flip probability", p, 0, 1);
            return this;
        }

        /**
         * @param degrees maximum rotation, 0..180 degrees (default 0)
         * @return this builder
         */
        public Builder optDegrees(double degrees) {
            this.degrees = range("degrees", degrees, 0, 180);
            return this;
        }

        /**
         * @param translate maximum translation as a fraction of the output size, 0..1 (default 0.1)
         * @return this builder
         */
        public Builder optTranslate(double translate) {
            this.translate = range("translate", translate, 0, 1);
            return this;
        }

        /**
         * @param scale scale gain, 0 ≤ scale &lt; 1: zoom uniform in {@code [1 − scale, 1 + scale]}
         *     (default 0.5)
         * @return this builder
         */
        public Builder optScale(double scale) {
            if (!(scale >= 0 && scale < 1)) {
                throw new IllegalArgumentException("scale must be in [0, 1), got " + scale);
            }
            this.scale = scale;
            return this;
        }

        /**
         * @param shear maximum shear, 0..45 degrees (default 0)
         * @return this builder
         */
        public Builder optShear(double shear) {
            this.shear = range("shear", shear, 0, 45);
            return this;
        }

        /**
         * @param h hue gain, 0..0.5 of the colour circle (default 0.015)
         * @param s saturation gain, 0..1 (default 0.7)
         * @param v value gain, 0..1 (default 0.4)
         * @return this builder
         */
        public Builder optHsv(double h, double s, double v) {
            this.hsvH = range("hue gain", h, 0, 0.5);
            this.hsvS = range("saturation gain", s, 0, 1);
            this.hsvV = range("value gain", v, 0, 1);
            return this;
        }

        /**
         * @param px minimum width and height of a kept box in output pixels (default 2)
         * @return this builder
         */
        public Builder optMinBoxSize(double px) {
            this.minBoxSize = range("minimum box size", px, 0, Double.MAX_VALUE);
            return this;
        }

        /**
         * @param fraction minimum visible fraction of a kept box, 0..1 (default 0.1)
         * @return this builder
         */
        public Builder optMinVisibility(double fraction) {
            this.minVisibility = range("minimum visibility", fraction, 0, 1);
            return this;
        }

        /**
         * @param ratio maximum {@code max(w/h, h/w)} of a kept box, ≥ 1 (default 100)
         * @return this builder
         */
        public Builder optMaxAspectRatio(double ratio) {
            this.maxAspectRatio = range("maximum aspect ratio", ratio, 1, Double.MAX_VALUE);
            return this;
        }

        /**
         * @param grey padding grey level, 0..255 (default 114)
         * @return this builder
         */
        public Builder optPadValue(int grey) {
            this.padValue = (int) range("pad value", grey, 0, 255);
            return this;
        }

        /**
         * @return the config
         * @throws IllegalStateException if the image size was not set
         */
        public AugmentConfig build() {
            if (imageSize == 0) {
                throw new IllegalStateException("AugmentConfig: setImageSize is required");
            }
            return new AugmentConfig(this);
        }

        private static double range(String name, double v, double lo, double hi) {
            if (!(v >= lo && v <= hi)) {
                throw new IllegalArgumentException(name + " must be in [" + lo + ", " + hi + "], got " + v);
            }
            return v;
        }
    }
}
