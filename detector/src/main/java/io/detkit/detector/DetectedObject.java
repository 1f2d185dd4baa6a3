package io.detkit.detector;

import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;

/**
 * One detection returned by {@link Detector}: a box in original-image pixels, the class and the
 * confidence.
 *
 * @param box xyxy box in the original image's pixels
 * @param classId class index
 * @param className class name
 * @param score confidence in [0, 1]
 */
public record DetectedObject(Box box, int classId, String className, double score) {
    /** @return as the metrics module's detection record */
    public Detection toDetection() {
        return new Detection(box, classId, score);
    }
}
