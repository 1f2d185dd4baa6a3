package io.detkit.data.format;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Options for reading a dataset; all optional. Build with {@link #builder()}.
 *
 * <ul>
 *   <li>{@code images}: the image folder, when it is not where the format's layout puts it (COCO
 *       {@code file_name}s are resolved against it; VOC and flat YOLO look for images in it);
 *   <li>{@code names}: a class names file, one name per line (VOC, YOLO without data YAML); the
 *       line order gives the class indices;
 *   <li>{@code split}: which split of a YOLO data YAML to read ({@code train} by default,
 *       {@code val}, {@code test}), or which {@code ImageSets/Main/<split>.txt} of a VOC folder.
 * </ul>
 */
public final class ReadOptions {
    private static final ReadOptions DEFAULTS = builder().build();

    private final Path images;
    private final Path names;
    private final String split;

    private ReadOptions(Builder b) {
        this.images = b.images;
        this.names = b.names;
        this.split = b.split;
    }

    /** @return options with nothing set */
    public static ReadOptions defaults() {
        return DEFAULTS;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the image folder, if given */
    public Optional<Path> images() {
        return Optional.ofNullable(images);
    }

    /** @return the class names file, if given */
    public Optional<Path> names() {
        return Optional.ofNullable(names);
    }

    /** @return the split, if given */
    public Optional<String> split() {
        return Optional.ofNullable(split);
    }

    /** Builds {@link ReadOptions}. */
    public static final class Builder {
        private Path images;
        private Path names;
        private String split;

        private Builder() {}

        /**
         * @param folder the image folder
         * @return this builder
         */
        public Builder optImages(Path folder) {
            this.images = folder;
            return this;
        }

        /**
         * @param file a class names file, one name per line
         * @return this builder
         */
        public Builder optNames(Path file) {
            this.names = file;
            return this;
        }

        /**
         * @param split the split to read ({@code train}, {@code val}, {@code test}, …)
         * @return this builder
         */
        public Builder optSplit(String split) {
            this.split = split;
            return this;
        }

        /** @return the options */
        public ReadOptions build() {
            return new ReadOptions(this);
        }
    }
}
