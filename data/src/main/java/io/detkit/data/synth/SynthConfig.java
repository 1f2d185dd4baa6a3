package io.detkit.data.synth;

import java.util.Locale;

/**
 * Settings of the synthetic shapes dataset. Build one with {@link #builder()}; every setting is
 * optional and the defaults make the dataset that detkit trains on by default (1,000 images of
 * 320×320, 20 % validation, seed 0).
 *
 * <p>Sizes scale with the image size: at 320×320 the shapes' circumscribed diameters are drawn
 * from three bands (16–30, 36–92 and 104–168 pixels) so the boxes cover the COCO small, medium and
 * large area ranges.
 */
public final class SynthConfig {
    private final int images;
    private final int imageSize;
    private final long seed;
    private final double valFraction;
    private final int minObjects;
    private final int maxObjects;
    private final double minVisibleFraction;
    private final double maxNoiseSigma;
    private final boolean texturedBackground;
    private final ImageFormat imageFormat;
    private final boolean writeYolo;
    private final boolean writeCoco;
    private final int threads;

    private SynthConfig(Builder b) {
        images = b.images;
        imageSize = b.imageSize;
        seed = b.seed;
        valFraction = b.valFraction;
        minObjects = b.minObjects;
        maxObjects = b.maxObjects;
        minVisibleFraction = b.minVisibleFraction;
        maxNoiseSigma = b.maxNoiseSigma;
        texturedBackground = b.texturedBackground;
        imageFormat = b.imageFormat;
        writeYolo = b.writeYolo;
        writeCoco = b.writeCoco;
        threads = b.threads;
    }

    /** @return a builder with the default settings */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the default settings */
    public static SynthConfig defaults() {
        return builder().build();
    }

    /** @return number of images over both splits */
    public int images() {
        return images;
    }

    /** @return width and height of every image in pixels */
    public int imageSize() {
        return imageSize;
    }

    /** @return the seed that decides every image */
    public long seed() {
        return seed;
    }

    /** @return the fraction of the images in the validation split */
    public double valFraction() {
        return valFraction;
    }

    /** @return number of validation images: {@code round(images · valFraction)} */
    public int valImages() {
        return (int) Math.round(images * valFraction);
    }

    /** @return number of training images */
    public int trainImages() {
        return images - valImages();
    }

    /** @return the fewest shapes an image aims for */
    public int minObjects() {
        return minObjects;
    }

    /** @return the most shapes an image aims for */
    public int maxObjects() {
        return maxObjects;
    }

    /** @return the smallest fraction of a shape's pixels that later shapes may leave visible */
    public double minVisibleFraction() {
        return minVisibleFraction;
    }

    /** @return the largest standard deviation of the Gaussian pixel noise (per image, uniform in [0, this]) */
    public double maxNoiseSigma() {
        return maxNoiseSigma;
    }

    /** @return whether backgrounds carry gradients, blobs and lines (else one flat colour) */
    public boolean texturedBackground() {
        return texturedBackground;
    }

    /** @return the image file format */
    public ImageFormat imageFormat() {
        return imageFormat;
    }

    /** @return whether the Ultralytics YOLO labels and {@code data.yaml} are written */
    public boolean writeYolo() {
        return writeYolo;
    }

    /** @return whether the COCO {@code annotations/instances_*.json} files are written */
    public boolean writeCoco() {
        return writeCoco;
    }

    /** @return number of rendering threads */
    public int threads() {
        return threads;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "SynthConfig[images=%d, imageSize=%d, seed=%d, valFraction=%s, objects=%d..%d, "
                + "minVisibleFraction=%s, maxNoiseSigma=%s, textured=%s, format=%s, yolo=%s, coco=%s, threads=%d]", images,
                imageSize, seed, valFraction, minObjects, maxObjects, minVisibleFraction, maxNoiseSigma, texturedBackground,
                imageFormat, writeYolo, writeCoco, threads);
    }

    /** Builder of {@link SynthConfig}; {@link #build()} checks the values. */
    public static final class Builder {
        private int images = 1000;
        private int imageSize = 320;
        private long seed;
        private double valFraction = 0.2;
        private int minObjects = 1;
        private int maxObjects = 8;
        private double minVisibleFraction = 0.5;
        private double maxNoiseSigma = 8;
        private boolean texturedBackground = true;
        private ImageFormat imageFormat = ImageFormat.JPEG;
        private boolean writeYolo = true;
        private boolean writeCoco = true;
        private int threads = Runtime.getRuntime().availableProcessors();

        private Builder() {}

        /**
         * @param images number of images over both splits (default 1,000)
         * @return this builder
         */
        public Builder optImages(int images) {
            this.images = images;
            return this;
        }

        /**
         * @param imageSize width and height in pixels, at least 64 (default 320)
         * @return this builder
         */
        public Builder optImageSize(int imageSize) {
            this.imageSize = imageSize;
            return this;
        }

        /**
         * @param seed the seed (default 0); the same seed gives byte-identical files
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param valFraction fraction of the images in the validation split, in [0, 1) (default 0.2)
         * @return this builder
         */
        public Builder optValFraction(double valFraction) {
            this.valFraction = valFraction;
            return this;
        }

        /**
         * @param minObjects the fewest shapes per image, at least 1 (default 1)
         * @return this builder
         */
        public Builder optMinObjects(int minObjects) {
            this.minObjects = minObjects;
            return this;
        }

        /**
         * @param maxObjects the most shapes per image, at most 100 (default 8)
         * @return this builder
         */
        public Builder optMaxObjects(int maxObjects) {
            this.maxObjects = maxObjects;
            return this;
        }

        /**
         * @param minVisibleFraction the smallest fraction of a shape's pixels that later shapes may
         *     leave visible, in (0, 1] (default 0.5); 1 forbids overlaps
         * @return this builder
         */
        public Builder optMinVisibleFraction(double minVisibleFraction) {
            this.minVisibleFraction = minVisibleFraction;
            return this;
        }

        /**
         * @param maxNoiseSigma largest Gaussian noise standard deviation in grey levels, ≥ 0 (default 8)
         * @return this builder
         */
        public Builder optMaxNoiseSigma(double maxNoiseSigma) {
            this.maxNoiseSigma = maxNoiseSigma;
            return this;
        }

        /**
         * @param texturedBackground gradients, blobs and lines (default true) or one flat colour
         * @return this builder
         */
        public Builder optTexturedBackground(boolean texturedBackground) {
            this.texturedBackground = texturedBackground;
            return this;
        }

        /**
         * @param imageFormat image file format (default JPEG quality 95)
         * @return this builder
         */
        public Builder optImageFormat(ImageFormat imageFormat) {
            this.imageFormat = imageFormat;
            return this;
        }

        /**
         * @param writeYolo write {@code labels/{train,val}/*.txt} and {@code data.yaml} (default true)
         * @return this builder
         */
        public Builder optWriteYolo(boolean writeYolo) {
            this.writeYolo = writeYolo;
            return this;
        }

        /**
         * @param writeCoco write {@code annotations/instances_{train,val}.json} (default true)
         * @return this builder
         */
        public Builder optWriteCoco(boolean writeCoco) {
            this.writeCoco = writeCoco;
            return this;
        }

        /**
         * @param threads rendering threads, at least 1 (default: the available processors); the
         *     files do not depend on it
         * @return this builder
         */
        public Builder optThreads(int threads) {
            this.threads = threads;
            return this;
        }

        /**
         * @return the configuration
         * @throws IllegalArgumentException naming the first setting out of range
         */
        public SynthConfig build() {
            check(images >= 1, "images must be at least 1, got " + images);
            check(imageSize >= 64 && imageSize <= 8192, "image size must be in [64, 8192], got " + imageSize);
            check(valFraction >= 0 && valFraction < 1, "val fraction must be in [0, 1), got " + valFraction);
            check(minObjects >= 1, "min objects must be at least 1, got " + minObjects);
            check(maxObjects >= minObjects && maxObjects <= 100,
                    "max objects must be in [min objects, 100], got " + maxObjects + " (min " + minObjects + ")");
            check(minVisibleFraction > 0 && minVisibleFraction <= 1,
                    "min visible fraction must be in (0, 1], got " + minVisibleFraction);
            check(maxNoiseSigma >= 0 && maxNoiseSigma <= 100, "max noise sigma must be in [0, 100], got " + maxNoiseSigma);
            check(imageFormat != null, "image format must not be null");
            check(threads >= 1, "threads must be at least 1, got " + threads);
            return new SynthConfig(this);
        }

        private static void check(boolean ok, String message) {
            if (!ok) {
                throw new IllegalArgumentException(message);
            }
        }
    }
}
