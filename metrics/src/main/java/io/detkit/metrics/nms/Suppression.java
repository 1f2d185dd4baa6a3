package io.detkit.metrics.nms;

import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;

/** The test "does kept box A suppress candidate B": IoU(A, B) &gt; t, or DIoU(A, B) &gt; t. */
final class Suppression {
    final boolean diou;
    final double threshold;
    final boolean plusOne;

    Suppression(boolean diou, double threshold, boolean plusOne) {
        this.diou = diou;
        this.threshold = threshold;
        this.plusOne = plusOne;
    }

    /**
     * @param kept array holding the kept box A
     * @param ko offset of A
     * @param keptArea {@code Iou.area} of A
     * @param cand array holding the candidate B
     * @param co offset of B
     * @param candArea {@code Iou.area} of B
     * @return true if A suppresses B
     */
    boolean suppresses(double[] kept, int ko, double keptArea, double[] cand, int co, double candArea) {
        if (diou) {
            return Iou.compute(IouKind.DIOU, kept, ko, cand, co, plusOne) > threshold;
        }
        return Iou.iou(kept, ko, keptArea, cand, co, candArea, plusOne) > threshold;
    }
}
