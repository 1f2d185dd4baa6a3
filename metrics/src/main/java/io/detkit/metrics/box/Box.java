package io.detkit.metrics.box;

/**
 * An axis-aligned box in pixel coordinates, stored as corners (xyxy). This is the one box type
 * shared by all detkit modules; hot paths use flat {@code double[]} arrays instead (see
 * {@link BoxFormat}).
 *
 * @param x1 left
 * @param y1 top
 * @param x2 right
 * @param y2 bottom
 */
public record Box(double x1, double y1, double x2, double y2) {

    /**
     * Creates a box from its top-left corner and size (COCO {@code bbox} order).
     *
     * @param x left
     * @param y top
     * @param w width
     * @param h height
     * @return the box
     */
    public static Box ofXywh(double x, double y, double w, double h) {
        return new Box(x, y, x + w, y + h);
    }

    /**
     * Creates a box from its centre and size (YOLO order).
     *
     * @param cx centre x
     * @param cy centre y
     * @param w width
     * @param h height
     * @return the box
     */
    public static Box ofCxcywh(double cx, double cy, double w, double h) {
        return new Box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2);
    }

    /** @return {@code x2 − x1} */
    public double width() {
        return x2 - x1;
    }

    /** @return {@code y2 − y1} */
    public double height() {
        return y2 - y1;
    }

    /** @return width × height, zero if either is negative */
    public double area() {
        return Math.max(0, width()) * Math.max(0, height());
    }

    /** @return {@code {x1, y1, x2, y2}} */
    public double[] toXyxy() {
        return new double[] {x1, y1, x2, y2};
    }

    /** @return {@code {x1, y1, w, h}} */
    public double[] toXywh() {
        return new double[] {x1, y1, x2 - x1, y2 - y1};
    }

    /**
     * IoU family member of this box with another.
     *
     * @param kind which IoU
     * @param other the other box
     * @return the value, see {@link IouKind}
     */
    public double iou(IouKind kind, Box other) {
        return Iou.compute(kind, toXyxy(), other.toXyxy(), false);
    }

    /**
     * Plain IoU of this box with another.
     *
     * @param other the other box
     * @return IoU in [0, 1]
     */
    public double iou(Box other) {
        return iou(IouKind.IOU, other);
    }
}
