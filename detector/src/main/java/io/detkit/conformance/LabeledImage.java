package io.detkit.conformance;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import java.util.List;

/**
 * The ground truth and detections of one image of a reference set.
 *
 * @param key the image key (file name without extension)
 * @param groundTruths its ground truths
 * @param detections its detections
 */
record LabeledImage(String key, List<GroundTruth> groundTruths, List<Detection> detections) {
    LabeledImage {
        groundTruths = List.copyOf(groundTruths);
        detections = List.copyOf(detections);
    }
}
