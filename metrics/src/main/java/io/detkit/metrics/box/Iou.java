package io.detkit.metrics.box;

/**
 * IoU, GIoU, DIoU and CIoU of xyxy boxes, for one pair or as an N×M matrix, on primitive arrays.
 *
 * <p>Areas are {@code (x2 − x1)·(y2 − y1)}; with {@code plusOne} they follow the legacy Pascal VOC
 * devkit, {@code (x2 − x1 + 1)·(y2 − y1 + 1)}, and the intersection width and height get the same
 * {@code +1}. Negative widths or heights count as zero. When the union is zero (two empty boxes)
 * the IoU is 0. See {@link IouKind} for the formulas.
 */
public final class Iou {
    private static final double FOUR_OVER_PI_SQ = 4.0 / (Math.PI * Math.PI);

    private Iou() {}

    /**
     * Plain IoU of two xyxy boxes given as 4-element arrays.
     *
     * @param a first box {@code x1, y1, x2, y2}
     * @param b second box
     * @return IoU in [0, 1]
     */
    public static double iou(double[] a, double[] b) {
        return compute(IouKind.IOU, a, 0, b, 0, false);
    }

    /**
     * Any member of the IoU family for two xyxy boxes given as 4-element arrays.
     *
     * @param kind which IoU
     * @param a first box
     * @param b second box
     * @param plusOne use the legacy "+1 pixel" areas
     * @return the value
     */
    public static double compute(IouKind kind, double[] a, double[] b, boolean plusOne) {
        return compute(kind, a, 0, b, 0, plusOne);
    }

    /**
     * Any member of the IoU family for the xyxy boxes at {@code a[ia..ia+3]} and {@code b[ib..ib+3]}.
     *
     * @param kind which IoU
     * @param a array holding the first box
     * @param ia offset of the first box
     * @param b array holding the second box
     * @param ib offset of the second box
     * @param plusOne use the legacy "+1 pixel" areas
     * @return the value
     */
    public static double compute(IouKind kind, double[] a, int ia, double[] b, int ib, boolean plusOne) {
        double ax1 = a[ia], ay1 = a[ia + 1], ax2 = a[ia + 2], ay2 = a[ia + 3];
        double bx1 = b[ib], by1 = b[ib + 1], bx2 = b[ib + 2], by2 = b[ib + 3];
        double e = plusOne ? 1.0 : 0.0;
        double aw = Math.max(0, ax2 - ax1 + e), ah = Math.max(0, ay2 - ay1 + e);
        double bw = Math.max(0, bx2 - bx1 + e), bh = Math.max(0, by2 - by1 + e);
        double inter = intersection(a, ia, b, ib, e);
        double union = aw * ah + bw * bh - inter;
        double iou = union > 0 ? inter / union : 0.0;
        if (kind == IouKind.IOU) {
            return iou;
        }
        double cw = Math.max(ax2, bx2) - Math.min(ax1, bx1) + e;
        double ch = Math.max(ay2, by2) - Math.min(ay1, by1) + e;
        if (kind == IouKind.GIOU) {
            double c = cw * ch;
            return c > 0 ? iou - (c - union) / c : iou;
        }
        double c2 = cw * cw + ch * ch;
        double dx = (ax1 + ax2 - bx1 - bx2) / 2, dy = (ay1 + ay2 - by1 - by2) / 2;
        double diou = c2 > 0 ? iou - (dx * dx + dy * dy) / c2 : iou;
        if (kind == IouKind.DIOU) {
            return diou;
        }
        if (aw <= 0 || ah <= 0 || bw <= 0 || bh <= 0) {
            return diou;
        }
        double d = Math.atan(bw / bh) - Math.atan(aw / ah);
        double v = FOUR_OVER_PI_SQ * d * d;
        double alpha = v > 0 ? v / (1 - iou + v) : 0.0;
        return diou - alpha * v;
    }

    /**
     * Area of the xyxy box at {@code boxes[offset..offset+3]}, exactly as {@link #compute} computes
     * it: {@code max(0, x2 − x1 + e)·max(0, y2 − y1 + e)} with {@code e = 1} for {@code plusOne},
     * else 0. Hot loops precompute it once per box for {@link #iou(double[], int, double, double[],
     * int, double, boolean)}.
     *
     * @param boxes array holding the box
     * @param offset offset of the box
     * @param plusOne use the legacy "+1 pixel" area
     * @return the area, ≥ 0
     */
    public static double area(double[] boxes, int offset, boolean plusOne) {
        double e = plusOne ? 1.0 : 0.0;
        return Math.max(0, boxes[offset + 2] - boxes[offset] + e) * Math.max(0, boxes[offset + 3] - boxes[offset + 1] + e);
    }

    /**
     * Plain IoU of the xyxy boxes at {@code a[ia..ia+3]} and {@code b[ib..ib+3]} given their areas
     * from {@link #area}. Returns exactly (bit for bit) what {@code compute(IouKind.IOU, a, ia, b,
     * ib, plusOne)} returns, without recomputing the areas; it is symmetric bit for bit as well.
     *
     * @param a array holding the first box
     * @param ia offset of the first box
     * @param areaA {@code area(a, ia, plusOne)}
     * @param b array holding the second box
     * @param ib offset of the second box
     * @param areaB {@code area(b, ib, plusOne)}
     * @param plusOne use the legacy "+1 pixel" areas
     * @return IoU in [0, 1]
     */
    public static double iou(double[] a, int ia, double areaA, double[] b, int ib, double areaB, boolean plusOne) {
        double inter = intersection(a, ia, b, ib, plusOne ? 1.0 : 0.0);
        double union = areaA + areaB - inter;
        return union > 0 ? inter / union : 0.0;
    }

    /** Intersection area of two xyxy boxes; {@code e} is 1 for "+1 pixel" boxes, else 0. */
    private static double intersection(double[] a, int ia, double[] b, int ib, double e) {
        double iw = Math.min(a[ia + 2], b[ib + 2]) - Math.max(a[ia], b[ib]) + e;
        double ih = Math.min(a[ia + 3], b[ib + 3]) - Math.max(a[ia + 1], b[ib + 1]) + e;
        return (iw > 0 && ih > 0) ? iw * ih : 0.0;
    }

    /**
     * Plain IoU matrix of two sets of xyxy boxes.
     *
     * @param a {@code 4·n} numbers
     * @param b {@code 4·m} numbers
     * @return row-major {@code n·m} matrix, entry {@code [i·m + j]} = IoU(a_i, b_j)
     */
    public static double[] matrix(double[] a, double[] b) {
        return matrix(IouKind.IOU, a, b, false);
    }

    /**
     * N×M matrix of any member of the IoU family.
     *
     * @param kind which IoU
     * @param a {@code 4·n} numbers, xyxy
     * @param b {@code 4·m} numbers, xyxy
     * @param plusOne use the legacy "+1 pixel" areas
     * @return row-major {@code n·m} matrix, entry {@code [i·m + j]} = kind(a_i, b_j)
     */
    public static double[] matrix(IouKind kind, double[] a, double[] b, boolean plusOne) {
        checkLength(a, "a");
        checkLength(b, "b");
        int n = a.length / 4, m = b.length / 4;
        double[] out = new double[n * m];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < m; j++) {
                out[i * m + j] = compute(kind, a, 4 * i, b, 4 * j, plusOne);
            }
        }
        return out;
    }

    private static void checkLength(double[] boxes, String name) {
        if (boxes.length % 4 != 0) {
            throw new IllegalArgumentException(name + ": box array length " + boxes.length + " is not a multiple of 4");
        }
    }
}
