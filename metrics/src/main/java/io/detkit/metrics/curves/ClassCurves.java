package io.detkit.metrics.curves;

/**
 * Confidence curves and APs of one class (Ultralytics {@code ap_per_class}). Arrays are copied in
 * and out: the record is immutable. See {@link CurveEvaluator} for the formulas.
 *
 * @param classId the class
 * @param labels number of ground-truth objects
 * @param predictions number of detections
 * @param precision precision at each confidence of the grid, at the first IoU threshold
 * @param recall recall at each confidence of the grid, at the first IoU threshold
 * @param f1 {@code 2·P·R / (P + R + 1e-16)} at each confidence
 * @param ap AP at each IoU threshold (101-point trapezoid rule, Ultralytics {@code compute_ap})
 */
public record ClassCurves(int classId, int labels, int predictions, double[] precision, double[] recall, double[] f1,
        double[] ap) {

    /**
     * Copies the arrays.
     *
     * @param classId see the record description
     * @param labels see the record description
     * @param predictions see the record description
     * @param precision see the record description
     * @param recall see the record description
     * @param f1 see the record description
     * @param ap see the record description
     * @throws IllegalArgumentException if the three curves differ in length
     */
    public ClassCurves {
        precision = precision.clone();
        recall = recall.clone();
        f1 = f1.clone();
        ap = ap.clone();
        if (recall.length != precision.length || f1.length != precision.length) {
            throw new IllegalArgumentException("precision, recall and F1 curves must have the same length");
        }
    }

    /** @return precision at each confidence (a copy) */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** @return recall at each confidence (a copy) */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** @return F1 at each confidence (a copy) */
    @Override
    public double[] f1() {
        return f1.clone();
    }

    /** @return AP at each IoU threshold (a copy) */
    @Override
    public double[] ap() {
        return ap.clone();
    }

    /** @return the mean of {@link #ap()} over the IoU thresholds (mAP50-95 for this class) */
    public double meanAp() {
        double s = 0;
        for (double a : ap) {
            s += a;
        }
        return ap.length == 0 ? Double.NaN : s / ap.length;
    }
}
