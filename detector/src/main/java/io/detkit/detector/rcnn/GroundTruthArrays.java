package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import java.util.Arrays;

/** A batch's padded ground truth ({@code N×M×4} boxes, {@code N×M} classes, {@code N} counts) as Java arrays per image. */
final class GroundTruthArrays {
    private final float[] boxes;
    private final float[] classes;
    private final int[] counts;
    private final int maxBoxes;

    private GroundTruthArrays(float[] boxes, float[] classes, int[] counts, int maxBoxes) {
        this.boxes = boxes;
        this.classes = classes;
        this.counts = counts;
        this.maxBoxes = maxBoxes;
    }

    /**
     * @param boxes N×M×4 xyxy
     * @param classes N×M class ids (−1 padding)
     * @param count N real boxes per image
     * @return the arrays
     */
    static GroundTruthArrays of(NDArray boxes, NDArray classes, NDArray count) {
        float[] c = RpnReadout.floats(count);
        int[] counts = new int[c.length];
        for (int i = 0; i < c.length; i++) {
            counts[i] = Math.round(c[i]);
        }
        int m = boxes.getShape().dimension() == 3 ? (int) boxes.getShape().get(1) : 0;
        return new GroundTruthArrays(RpnReadout.floats(boxes), RpnReadout.floats(classes), counts, m);
    }

    /** @return number of images */
    int images() {
        return counts.length;
    }

    /**
     * Whether row j of image i is a real, non-degenerate box: within the count, class ≥ 0, width
     * and height &gt; 0 (augmentation can squeeze a box to a line; the matchers reject those).
     */
    private boolean real(int i, int j) {
        int b = (i * maxBoxes + j) * 4;
        return j < counts[i] && j < maxBoxes && classes[i * maxBoxes + j] >= 0 && boxes[b + 2] > boxes[b] && boxes[b + 3] > boxes[b + 1];
    }

    /** @return the real boxes of image i, 4 numbers each (padding and degenerate rows dropped) */
    float[] boxes(int i) {
        float[] out = new float[4 * Math.min(counts[i], maxBoxes)];
        int k = 0;
        for (int j = 0; j < counts[i] && j < maxBoxes; j++) {
            if (real(i, j)) {
                System.arraycopy(boxes, (i * maxBoxes + j) * 4, out, 4 * k++, 4);
            }
        }
        return k * 4 == out.length ? out : Arrays.copyOf(out, 4 * k);
    }

    /** @return the class ids of the boxes {@link #boxes(int)} gives, in the same order */
    int[] classes(int i) {
        int[] out = new int[Math.min(counts[i], maxBoxes)];
        int k = 0;
        for (int j = 0; j < counts[i] && j < maxBoxes; j++) {
            if (real(i, j)) {
                out[k++] = Math.round(classes[i * maxBoxes + j]);
            }
        }
        return k == out.length ? out : Arrays.copyOf(out, k);
    }
}
