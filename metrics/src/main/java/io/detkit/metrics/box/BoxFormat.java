package io.detkit.metrics.box;

/**
 * The three box encodings used across detkit. Boxes travel as flat {@code double[]} arrays of
 * {@code 4·n} numbers, one box after the other, so that hot paths never touch boxed objects.
 *
 * <ul>
 *   <li>{@link #XYXY}: {@code x1, y1, x2, y2} — top-left and bottom-right corners (the internal
 *       format of every IoU and NMS routine).
 *   <li>{@link #XYWH}: {@code x, y, w, h} — top-left corner and size (COCO JSON's {@code bbox}).
 *   <li>{@link #CXCYWH}: {@code cx, cy, w, h} — centre and size (YOLO labels and heads).
 * </ul>
 */
public enum BoxFormat {
    /** Corners: {@code x1, y1, x2, y2}. */
    XYXY,
    /** Top-left corner and size: {@code x, y, w, h}. */
    XYWH,
    /** Centre and size: {@code cx, cy, w, h}. */
    CXCYWH;

    /**
     * Converts a flat array of boxes from this format to {@code target}.
     *
     * @param boxes {@code 4·n} numbers in this format; not modified
     * @param target the format wanted
     * @return a new array of {@code 4·n} numbers in {@code target} format
     * @throws IllegalArgumentException if the length is not a multiple of 4
     */
    public double[] convert(double[] boxes, BoxFormat target) {
        if (boxes.length % 4 != 0) {
            throw new IllegalArgumentException("box array length " + boxes.length + " is not a multiple of 4");
        }
        double[] out = new double[boxes.length];
        double[] tmp = new double[4];
        for (int i = 0; i < boxes.length; i += 4) {
            toXyxy(boxes, i, tmp, 0);
            target.fromXyxy(tmp, 0, out, i);
        }
        return out;
    }

    /**
     * Writes the box at {@code src[offset..offset+3]} (in this format) as xyxy into {@code dst}.
     *
     * @param src source array
     * @param offset index of the box's first number in {@code src}
     * @param dst destination array
     * @param dstOffset index of the first number written in {@code dst}
     */
    public void toXyxy(double[] src, int offset, double[] dst, int dstOffset) {
        double a = src[offset], b = src[offset + 1], c = src[offset + 2], d = src[offset + 3];
        switch (this) {
            case XYXY -> { dst[dstOffset] = a; dst[dstOffset + 1] = b; dst[dstOffset + 2] = c; dst[dstOffset + 3] = d; }
            case XYWH -> { dst[dstOffset] = a; dst[dstOffset + 1] = b; dst[dstOffset + 2] = a + c; dst[dstOffset + 3] = b + d; }
            case CXCYWH -> {
                dst[dstOffset] = a - c / 2; dst[dstOffset + 1] = b - d / 2;
                dst[dstOffset + 2] = a + c / 2; dst[dstOffset + 3] = b + d / 2;
            }
            default -> throw new AssertionError(this);
        }
    }

    /**
     * Writes the xyxy box at {@code src[offset..offset+3]} in this format into {@code dst}.
     *
     * @param src source array holding an xyxy box
     * @param offset index of the box's first number in {@code src}
     * @param dst destination array
     * @param dstOffset index of the first number written in {@code dst}
     */
    public void fromXyxy(double[] src, int offset, double[] dst, int dstOffset) {
        double x1 = src[offset], y1 = src[offset + 1], x2 = src[offset + 2], y2 = src[offset + 3];
        switch (this) {
            case XYXY -> { dst[dstOffset] = x1; dst[dstOffset + 1] = y1; dst[dstOffset + 2] = x2; dst[dstOffset + 3] = y2; }
            case XYWH -> { dst[dstOffset] = x1; dst[dstOffset + 1] = y1; dst[dstOffset + 2] = x2 - x1; dst[dstOffset + 3] = y2 - y1; }
            case CXCYWH -> {
                dst[dstOffset] = (x1 + x2) / 2; dst[dstOffset + 1] = (y1 + y2) / 2;
                dst[dstOffset + 2] = x2 - x1; dst[dstOffset + 3] = y2 - y1;
            }
            default -> throw new AssertionError(this);
        }
    }
}
