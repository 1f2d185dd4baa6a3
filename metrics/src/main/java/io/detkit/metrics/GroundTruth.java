package io.detkit.metrics;

import io.detkit.metrics.box.Box;

/**
 * One ground-truth object.
 *
 * @param box the box in original-image pixels
 * @param classId the class
 * @param ignore true for objects that must neither be rewarded nor penalised (COCO {@code iscrowd},
 *     VOC {@code difficult})
 */
public record GroundTruth(Box box, int classId, boolean ignore) {
    /**
     * A regular (not ignored) ground-truth object.
     *
     * @param box the box
     * @param classId the class
     */
    public GroundTruth(Box box, int classId) {
        this(box, classId, false);
    }
}
