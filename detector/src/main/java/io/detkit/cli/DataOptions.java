package io.detkit.cli;

import io.detkit.data.format.Format;
import io.detkit.data.format.ReadOptions;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options that say how to read a dataset, shared by {@code convert} and {@code check}. */
final class DataOptions {
    @Option(names = "--images", paramLabel = "DIR",
            description = "Image folder, when it is not where the format's layout puts it (COCO file_names, flat VOC/YOLO).")
    Path images;

    @Option(names = "--names", paramLabel = "FILE", description = "Class names file, one per line (VOC, YOLO without data YAML).")
    Path names;

    @Option(names = "--split", paramLabel = "NAME",
            description = "Split of a YOLO data YAML (default train) or VOC ImageSets/Main/NAME.txt.")
    String split;

    @Option(names = "--no-image-check", description = "Do not read the image headers to check existence and size.")
    boolean noImageCheck;

    ReadOptions readOptions() {
        ReadOptions.Builder b = ReadOptions.builder();
        if (images != null) {
            b.optImages(images);
        }
        if (names != null) {
            b.optNames(names);
        }
        if (split != null) {
            b.optSplit(split);
        }
        return b.build();
    }

    static Format format(String name) {
        return name == null ? null : Format.parse(name);
    }
}
