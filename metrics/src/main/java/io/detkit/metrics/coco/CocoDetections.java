package io.detkit.metrics.coco;

import java.util.Arrays;

/**
 * A growable list of box detections in COCO results form ({@code image_id, category_id, bbox
 * [x, y, w, h], score}), held in primitive arrays in insertion (file) order. File order matters:
 * pycocotools breaks score ties by it.
 *
 * <p>Not thread-safe; fill it from one thread.
 */
public final class CocoDetections {
    long[] imageIds;
    int[] categoryIds;
    double[] boxes;
    double[] scores;
    int size;

    /** Creates an empty list. */
    public CocoDetections() {
        this(1024);
    }

    /**
     * Creates an empty list with room for {@code capacity} detections.
     *
     * @param capacity initial capacity
     */
    public CocoDetections(int capacity) {
        int c = Math.max(1, capacity);
        imageIds = new long[c];
        categoryIds = new int[c];
        boxes = new double[4 * c];
        scores = new double[c];
    }

    /**
     * Appends one detection.
     *
     * @param imageId the image
     * @param categoryId the category
     * @param x left
     * @param y top
     * @param w width
     * @param h height
     * @param score confidence
     */
    public void add(long imageId, int categoryId, double x, double y, double w, double h, double score) {
        if (size == scores.length) {
            int c = size * 2;
            imageIds = Arrays.copyOf(imageIds, c);
            categoryIds = Arrays.copyOf(categoryIds, c);
            boxes = Arrays.copyOf(boxes, 4 * c);
            scores = Arrays.copyOf(scores, c);
        }
        imageIds[size] = imageId;
        categoryIds[size] = categoryId;
        int o = 4 * size;
        boxes[o] = x;
        boxes[o + 1] = y;
        boxes[o + 2] = w;
        boxes[o + 3] = h;
        scores[size] = score;
        size++;
    }

    /**
     * Appends every detection of another list, in its order.
     *
     * @param other the detections to append; unchanged
     */
    public void addAll(CocoDetections other) {
        for (int i = 0; i < other.size; i++) {
            int o = 4 * i;
            add(other.imageIds[i], other.categoryIds[i], other.boxes[o], other.boxes[o + 1], other.boxes[o + 2],
                    other.boxes[o + 3], other.scores[i]);
        }
    }

    /** @return number of detections */
    public int size() {
        return size;
    }

    /**
     * @param i index
     * @return the image id of detection {@code i}
     */
    public long imageId(int i) {
        return imageIds[i];
    }

    /**
     * @param i index
     * @return the category id of detection {@code i}
     */
    public int categoryId(int i) {
        return categoryIds[i];
    }

    /**
     * @param i index
     * @return the score of detection {@code i}
     */
    public double score(int i) {
        return scores[i];
    }

    /**
     * @param i index
     * @return the xywh box of detection {@code i}
     */
    public double[] boxXywh(int i) {
        return Arrays.copyOfRange(boxes, 4 * i, 4 * i + 4);
    }
}
