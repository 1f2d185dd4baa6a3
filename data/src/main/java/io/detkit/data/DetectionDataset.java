package io.detkit.data;

import java.util.Arrays;
import java.util.List;

/**
 * A detection dataset in memory: class names and samples. The one model that the COCO, Pascal VOC
 * and YOLO readers produce and the writers consume.
 *
 * <p>Class indices are contiguous ({@code 0..C−1}); {@code categoryIds[c]} keeps the original COCO
 * category id of class {@code c} (non-contiguous ids survive a COCO → YOLO → COCO round trip);
 * readers of formats without ids (YOLO, VOC) set {@code categoryIds[c] = c}.
 *
 * @param classNames name of each class index
 * @param categoryIds original category id of each class index
 * @param samples the images with their boxes
 */
public record DetectionDataset(List<String> classNames, int[] categoryIds, List<DetectionSample> samples) {

    /** Copies the lists and checks that names and ids agree. */
    public DetectionDataset {
        classNames = List.copyOf(classNames);
        samples = List.copyOf(samples);
        if (categoryIds.length != classNames.size()) {
            throw new IllegalArgumentException("categoryIds (" + categoryIds.length + ") and classNames ("
                    + classNames.size() + ") differ in length");
        }
        if (Arrays.stream(categoryIds).distinct().count() != categoryIds.length) {
            throw new IllegalArgumentException("duplicate category ids " + Arrays.toString(categoryIds));
        }
    }

    /**
     * A dataset whose category ids are the class indices.
     *
     * @param classNames class names
     * @param samples samples
     * @return the dataset
     */
    public static DetectionDataset of(List<String> classNames, List<DetectionSample> samples) {
        int[] ids = new int[classNames.size()];
        Arrays.setAll(ids, i -> i);
        return new DetectionDataset(classNames, ids, samples);
    }

    /** @return number of classes */
    public int numClasses() {
        return classNames.size();
    }

    /** @return number of boxes over all samples */
    public int boxCount() {
        return samples.stream().mapToInt(DetectionSample::size).sum();
    }
}
