package io.detkit.data.synth;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;

/**
 * Counts of a detection dataset: images, boxes per class and boxes per COCO size range by area
 * (small: area &lt; 32², medium: 32² ≤ area &lt; 96², large: area ≥ 96²; each box counted once,
 * unlike COCOeval's ranges which share their end points).
 *
 * @param images number of images
 * @param boxesPerClass boxes of each class index
 * @param small boxes with area &lt; 32²
 * @param medium boxes with 32² ≤ area &lt; 96²
 * @param large boxes with area ≥ 96²
 */
public record DatasetSummary(int images, int[] boxesPerClass, int small, int medium, int large) {
    /** Area limit of the COCO small range, 32². */
    public static final double SMALL_MAX = 32 * 32;
    /** Area limit of the COCO medium range, 96². */
    public static final double MEDIUM_MAX = 96 * 96;

    /**
     * @param dataset the dataset (its {@code areas} decide the size range)
     * @return its counts
     */
    public static DatasetSummary of(DetectionDataset dataset) {
        int[] perClass = new int[dataset.numClasses()];
        int small = 0, medium = 0, large = 0;
        for (DetectionSample s : dataset.samples()) {
            for (int i = 0; i < s.size(); i++) {
                perClass[s.classIds()[i]]++;
                double a = s.areas()[i];
                if (a < SMALL_MAX) {
                    small++;
                } else if (a < MEDIUM_MAX) {
                    medium++;
                } else {
                    large++;
                }
            }
        }
        return new DatasetSummary(dataset.samples().size(), perClass, small, medium, large);
    }

    /** @return number of boxes */
    public int boxes() {
        return small + medium + large;
    }
}
