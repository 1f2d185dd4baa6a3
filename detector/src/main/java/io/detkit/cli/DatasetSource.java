package io.detkit.cli;

import io.detkit.data.DetectionDataset;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Turns the {@code DATA} argument of a command into a dataset in memory (class names and
 * {@link io.detkit.data.DetectionSample}s with boxes in pixels). Commands take one so that any
 * reader (COCO, VOC, YOLO, a data YAML) can be plugged in without changing the command.
 */
@FunctionalInterface
public interface DatasetSource {

    /**
     * Reads the dataset.
     *
     * @param data what the user passed as {@code DATA}
     * @return the dataset
     * @throws IOException if it cannot be read; the message names the file, record and field
     */
    DetectionDataset load(Path data) throws IOException;
}
