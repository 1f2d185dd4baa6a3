package io.detkit.detector.rcnn;

import java.util.Objects;

/**
 * Checks and IoU on flat xyxy float arrays ({@code 4·n} numbers, box {@code i} at {@code 4i..4i+3}),
 * shared by the classes of this package. IoU is computed in double precision without the legacy
 * "+1 pixel": {@code area = (x2 − x1)·(y2 − y1)}, {@code IoU = |A∩B| / (area_A + area_B − |A∩B|)}, 0
 * when the union is 0.
 */
final class RcnnBoxes {
    private RcnnBoxes() {}

    /**
     * Checks that {@code boxes} holds whole boxes of finite numbers.
     *
     * @param boxes the array
     * @param name what it is, for messages
     * @return the number of boxes
     * @throws NullPointerException if {@code boxes} is null
     * @throws IllegalArgumentException if the length is not a multiple of 4 or a number is NaN or infinite
     */
    static int count(float[] boxes, String name) {
        Objects.requireNonNull(boxes, name);
        if (boxes.length % 4 != 0) {
            throw new IllegalArgumentException(name + " has " + boxes.length + " numbers, not a multiple of 4");
        }
        for (int i = 0; i < boxes.length; i++) {
            if (!Float.isFinite(boxes[i])) {
                throw new IllegalArgumentException(name + ": box " + i / 4 + " has a non-finite coordinate " + boxes[i]);
            }
        }
        return boxes.length / 4;
    }

    /**
     * {@link #count} and, in addition, every box has {@code x2 > x1} and {@code y2 > y1}.
     *
     * @param boxes the array
     * @param name what it is, for messages
     * @return the number of boxes
     * @throws IllegalArgumentException as {@link #count}, or naming the first box with width or height ≤ 0
     */
    static int countPositive(float[] boxes, String name) {
        int n = count(boxes, name);
        for (int i = 0; i < n; i++) {
            float w = boxes[4 * i + 2] - boxes[4 * i];
            float h = boxes[4 * i + 3] - boxes[4 * i + 1];
            if (!(w > 0 && h > 0)) {
                throw new IllegalArgumentException(name + ": box " + i + " (" + boxes[4 * i] + ", " + boxes[4 * i + 1]
                        + ", " + boxes[4 * i + 2] + ", " + boxes[4 * i + 3] + ") has width " + w + " and height " + h
                        + "; both must be > 0");
            }
        }
        return n;
    }

    /**
     * Areas {@code max(0, x2 − x1)·max(0, y2 − y1)} of all boxes.
     *
     * @param boxes {@code 4·n} numbers
     * @return {@code n} areas
     */
    static double[] areas(float[] boxes) {
        int n = boxes.length / 4;
        double[] a = new double[n];
        for (int i = 0; i < n; i++) {
            int o = 4 * i;
            a[i] = Math.max(0.0, (double) boxes[o + 2] - boxes[o]) * Math.max(0.0, (double) boxes[o + 3] - boxes[o + 1]);
        }
        return a;
    }

    /**
     * IoU of box {@code i} of {@code a} and box {@code j} of {@code b}, given their areas.
     *
     * @param a first array
     * @param i box index in {@code a}
     * @param areaA area of that box
     * @param b second array
     * @param j box index in {@code b}
     * @param areaB area of that box
     * @return IoU in [0, 1]; 0 if the union is 0
     */
    static double iou(float[] a, int i, double areaA, float[] b, int j, double areaB) {
        int p = 4 * i, q = 4 * j;
        double iw = Math.min((double) a[p + 2], b[q + 2]) - Math.max((double) a[p], b[q]);
        if (iw <= 0) {
            return 0.0;
        }
        double ih = Math.min((double) a[p + 3], b[q + 3]) - Math.max((double) a[p + 1], b[q + 1]);
        if (ih <= 0) {
            return 0.0;
        }
        double inter = iw * ih;
        double union = areaA + areaB - inter;
        return union > 0 ? inter / union : 0.0;
    }

    /**
     * The double nearest the shortest decimal that identifies {@code v} (0.7f → 0.7, not
     * 0.699999988): a threshold written as 0.7 in a config then compares as 0.7 with IoUs computed in
     * double precision.
     *
     * @param v a float
     * @return {@code Double.parseDouble(Float.toString(v))}
     */
    static double decimal(float v) {
        return Double.parseDouble(Float.toString(v));
    }
}
