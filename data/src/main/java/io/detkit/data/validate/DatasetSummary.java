package io.detkit.data.validate;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import java.util.List;
import java.util.Locale;

/**
 * Counts that describe a dataset: images, boxes, boxes per class, empty images, and a box-size
 * histogram by COCO area range ({@code small} area &lt; 32², {@code medium} 32² ≤ area &lt; 96²,
 * {@code large} area ≥ 96²; the area is {@link DetectionSample#areas()}, COCO's {@code area}).
 *
 * @param images number of images
 * @param boxes number of boxes (ignored ones included)
 * @param ignoredBoxes boxes flagged ignore (COCO crowd, VOC difficult)
 * @param emptyImages images without any box
 * @param classNames class names
 * @param boxesPerClass boxes per class index
 * @param small boxes with area &lt; 32²
 * @param medium boxes with 32² ≤ area &lt; 96²
 * @param large boxes with area ≥ 96²
 */
public record DatasetSummary(int images, int boxes, int ignoredBoxes, int emptyImages, List<String> classNames,
        int[] boxesPerClass, int small, int medium, int large) {
    /** Upper bound (exclusive) of the small range, 32². */
    public static final double SMALL_MAX = 32 * 32;
    /** Upper bound (exclusive) of the medium range, 96². */
    public static final double MEDIUM_MAX = 96 * 96;

    /**
     * Copies the class names.
     *
     * @param images see the record description
     * @param boxes see the record description
     * @param ignoredBoxes see the record description
     * @param emptyImages see the record description
     * @param classNames see the record description
     * @param boxesPerClass see the record description
     * @param small see the record description
     * @param medium see the record description
     * @param large see the record description
     */
    public DatasetSummary {
        classNames = List.copyOf(classNames);
    }

    /**
     * Counts a dataset.
     *
     * @param dataset the dataset
     * @return its summary
     */
    public static DatasetSummary of(DetectionDataset dataset) {
        int c = dataset.numClasses();
        int[] perClass = new int[c];
        int boxes = 0, ignored = 0, empty = 0, small = 0, medium = 0, large = 0;
        for (DetectionSample s : dataset.samples()) {
            if (s.size() == 0) {
                empty++;
            }
            for (int i = 0; i < s.size(); i++) {
                boxes++;
                int k = s.classIds()[i];
                if (k >= 0 && k < c) {
                    perClass[k]++;
                }
                if (s.ignore()[i]) {
                    ignored++;
                }
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
        return new DatasetSummary(dataset.samples().size(), boxes, ignored, empty, dataset.classNames(), perClass, small,
                medium, large);
    }

    /** @return boxes per class index (a copy) */
    @Override
    public int[] boxesPerClass() {
        return boxesPerClass.clone();
    }

    /** @return a few lines of text: totals, the size histogram, and a table of boxes per class */
    public String format() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "images %d (%d without boxes), boxes %d (%d ignored), classes %d%n", images,
                emptyImages, boxes, ignoredBoxes, classNames.size()));
        sb.append(String.format(Locale.ROOT, "box sizes (COCO area): small %d, medium %d, large %d%n", small, medium, large));
        int w = 5;
        for (String n : classNames) {
            w = Math.max(w, n.length());
        }
        sb.append(String.format(Locale.ROOT, "%5s  %-" + w + "s %8s%n", "id", "class", "boxes"));
        for (int i = 0; i < classNames.size(); i++) {
            sb.append(String.format(Locale.ROOT, "%5d  %-" + w + "s %8d%n", i, classNames.get(i), boxesPerClass[i]));
        }
        return sb.toString();
    }
}
