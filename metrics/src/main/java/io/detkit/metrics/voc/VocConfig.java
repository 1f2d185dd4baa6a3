package io.detkit.metrics.voc;

import java.util.Objects;

/**
 * How a {@link VocEvaluator} matches and scores.
 *
 * @param iouThreshold a detection can only be a true positive when its best-IoU ground truth has
 *     {@code IoU ≥ iouThreshold}; in (0, 1]
 * @param plusOnePixel use the legacy Pascal VOC devkit IoU, where a box spans
 *     {@code (x2 − x1 + 1)·(y2 − y1 + 1)} pixels (see {@link io.detkit.metrics.box.Iou})
 * @param elevenPointGrid the recall grid of the 11-point AP
 */
public record VocConfig(double iouThreshold, boolean plusOnePixel, ElevenPointGrid elevenPointGrid) {

    /**
     * Validates the configuration.
     *
     * @param iouThreshold see the record description
     * @param plusOnePixel see the record description
     * @param elevenPointGrid see the record description
     * @throws IllegalArgumentException if the threshold is not in (0, 1]
     * @throws NullPointerException if the grid is null
     */
    public VocConfig {
        if (!(iouThreshold > 0 && iouThreshold <= 1)) {
            throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + iouThreshold);
        }
        Objects.requireNonNull(elevenPointGrid, "elevenPointGrid");
    }

    /** @return IoU ≥ 0.5, plain IoU, the reference 11-point grid */
    public static VocConfig defaults() {
        return new VocConfig(0.5, false, ElevenPointGrid.REFERENCE);
    }

    /** @return IoU ≥ 0.5 with the legacy "+1 pixel" IoU of the VOC devkit, the reference grid */
    public static VocConfig legacyDevkit() {
        return new VocConfig(0.5, true, ElevenPointGrid.REFERENCE);
    }

    /**
     * @param threshold the new IoU threshold
     * @return a copy with another IoU threshold
     */
    public VocConfig withIouThreshold(double threshold) {
        return new VocConfig(threshold, plusOnePixel, elevenPointGrid);
    }

    /**
     * @param plusOne whether to use the legacy "+1 pixel" IoU
     * @return a copy with the IoU variant changed
     */
    public VocConfig withPlusOnePixel(boolean plusOne) {
        return new VocConfig(iouThreshold, plusOne, elevenPointGrid);
    }

    /**
     * @param grid the 11-point recall grid
     * @return a copy with another 11-point grid
     */
    public VocConfig withElevenPointGrid(ElevenPointGrid grid) {
        return new VocConfig(iouThreshold, plusOnePixel, grid);
    }
}
