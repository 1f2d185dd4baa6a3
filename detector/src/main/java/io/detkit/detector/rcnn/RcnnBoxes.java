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
     * Area of a box, {@code max(0, x2 − x1)·max(0, y2 − y1)}.
     *
     * @param x1 left
     * @param y1 top
     * @param x2 right
     * @param y2 bottom
     * @return the area, ≥ 0
     */
    static double area(double x1, double y1, double x2, double y2) {
        return Math.max(0.0, x2 - x1) * Math.max(0.0, y2 - y1);
    }

    /**
     * IoU of boxes {@code a} and {@code b}, given their areas: {@code |a∩b| / (area_a + area_b − |a∩b|)}
     * with {@code |a∩b| = max(0, min(ax2, bx2) − max(ax1, bx1))·max(0, min(ay2, by2) − max(ay1, by1))}.
     * The same arguments always give the same bits.
     *
     * @param ax1 left of a
     * @param ay1 top of a
     * @param ax2 right of a
     * @param ay2 bottom of a
     * @param areaA area of a
     * @param bx1 left of b
     * @param by1 top of b
     * @param bx2 right of b
     * @param by2 bottom of b
     * @param areaB area of b
     * @return IoU in [0, 1]; 0 if the boxes do not overlap or the union is 0
     */
    static double iou(double ax1, double ay1, double ax2, double ay2, double areaA, double bx1, double by1,
            double bx2, double by2, double areaB) {
        double iw = Math.min(ax2, bx2) - Math.max(ax1, bx1);
        if (iw <= 0) {
            return 0.0;
        }
        double ih = Math.min(ay2, by2) - Math.max(ay1, by1);
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
