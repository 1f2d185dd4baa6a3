package io.detkit.data.format;

import java.util.Optional;

/**
 * Options for writing a dataset. Build with {@link #builder()}.
 *
 * <p>{@code imageMode}: what to do with the images (default: {@link ImageMode#REFERENCE} for COCO
 * and VOC, {@link ImageMode#LINK} for YOLO, whose labels must sit next to the images).
 */
public final class WriteOptions {
    private static final WriteOptions DEFAULTS = builder().build();

    private final ImageMode imageMode;

    private WriteOptions(Builder b) {
        this.imageMode = b.imageMode;
    }

    /** @return the default options */
    public static WriteOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the image mode, if one was chosen */
    public Optional<ImageMode> imageMode() {
        return Optional.ofNullable(imageMode);
    }

    ImageMode imageMode(Format format) {
        return imageMode != null ? imageMode : format == Format.YOLO ? ImageMode.LINK : ImageMode.REFERENCE;
    }

    /** Builds {@link WriteOptions}. */
    public static final class Builder {
        private ImageMode imageMode;

        private Builder() {}

        /**
         * @param mode what to do with the images
         * @return this builder
         */
        public Builder optImageMode(ImageMode mode) {
            this.imageMode = mode;
            return this;
        }

        /** @return the options */
        public WriteOptions build() {
            return new WriteOptions(this);
        }
    }
}
