package io.detkit.metrics.nms;

import io.detkit.metrics.box.Iou;

/**
 * Boxes of one NMS group copied into contiguous arrays in processing order (score descending),
 * with their areas precomputed, so that the hot loops read memory sequentially.
 */
final class SortedBoxes {
    /** {@code 4·size} numbers, xyxy, position {@code p} at {@code 4p}. */
    final double[] xyxy;
    /** {@code Iou.area} of each box. */
    final double[] area;
    /** Input index of each box. */
    final int[] ids;
    /** Number of boxes. */
    final int size;

    private SortedBoxes(double[] xyxy, double[] area, int[] ids) {
        this.xyxy = xyxy;
        this.area = area;
        this.ids = ids;
        this.size = ids.length;
    }

    /**
     * Copies the boxes {@code ids} (in that order) out of a flat xyxy array.
     *
     * @param boxes {@code 4·n} numbers, xyxy
     * @param ids input indices in processing order; kept, not copied
     * @param plusOne "+1 pixel" areas
     * @return the gathered boxes
     */
    static SortedBoxes gather(double[] boxes, int[] ids, boolean plusOne) {
        int g = ids.length;
        double[] xyxy = new double[4 * g];
        double[] area = new double[g];
        for (int p = 0; p < g; p++) {
            System.arraycopy(boxes, 4 * ids[p], xyxy, 4 * p, 4);
            area[p] = Iou.area(xyxy, 4 * p, plusOne);
        }
        return new SortedBoxes(xyxy, area, ids);
    }
}
