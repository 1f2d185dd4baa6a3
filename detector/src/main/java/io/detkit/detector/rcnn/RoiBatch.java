package io.detkit.detector.rcnn;

import java.util.Arrays;

/** RoIs of a batch gathered image by image: boxes, image index, and (in training) labels and regression targets. */
final class RoiBatch {
    private float[] rois = new float[0];
    private int[] image = new int[0];
    private int[] labels = new int[0];
    private float[] regression = new float[0];
    private int count;

    /**
     * Appends one image's RoIs.
     *
     * @param imageIndex the image
     * @param boxes 4·k xyxy
     * @param roiLabels k labels, or null
     * @param roiRegression 4·k targets, or null
     */
    void add(int imageIndex, float[] boxes, int[] roiLabels, float[] roiRegression) {
        int k = boxes.length / 4;
        int n = count + k;
        rois = Arrays.copyOf(rois, 4 * n);
        System.arraycopy(boxes, 0, rois, 4 * count, 4 * k);
        image = Arrays.copyOf(image, n);
        Arrays.fill(image, count, n, imageIndex);
        if (roiLabels != null) {
            labels = Arrays.copyOf(labels, n);
            System.arraycopy(roiLabels, 0, labels, count, k);
            regression = Arrays.copyOf(regression, 4 * n);
            System.arraycopy(roiRegression, 0, regression, 4 * count, 4 * k);
        }
        count = n;
    }

    int count() {
        return count;
    }

    float[] rois() {
        return rois;
    }

    int[] imageIndex() {
        return image;
    }

    int[] labels() {
        return labels;
    }

    float[] regression() {
        return regression;
    }
}
