package io.detkit.metrics.classification;

/**
 * Area under a curve given as points, by the trapezoidal rule, as sklearn's {@code metrics.auc}:
 * <pre>
 *   A = d · Σ_{i=1}^{n-1} (x_i − x_{i−1}) · (y_i + y_{i−1}) / 2
 * </pre>
 * where {@code d = 1} if {@code x} is non-decreasing and {@code d = −1} if it is non-increasing, so
 * the area is positive for curves traversed either way. For the ROC AUC of scores use
 * {@link RocAuc}; for a precision-recall summary use {@link AveragePrecision}, which (unlike the
 * trapezoid over PR points) does not interpolate.
 */
public final class Auc {
    private Auc() {}

    /**
     * Trapezoidal area under {@code y(x)}.
     *
     * @param x at least 2 abscissae, monotonic (non-decreasing or non-increasing)
     * @param y ordinates, as many as {@code x}
     * @return the area; NaN if a coordinate is NaN
     * @throws IllegalArgumentException on a length mismatch, fewer than 2 points, or {@code x} that
     *     is neither non-decreasing nor non-increasing
     */
    public static double trapezoid(double[] x, double[] y) {
        Checks.notNull(x, "x");
        Checks.notNull(y, "y");
        Checks.sameLength("x", x.length, "y", y.length);
        if (x.length < 2) {
            throw new IllegalArgumentException(
                    "At least 2 points are needed to compute area under curve, but x has " + x.length);
        }
        boolean anyDown = false;
        boolean allDownOrFlat = true;
        for (int i = 1; i < x.length; i++) {
            double dx = x[i] - x[i - 1];
            if (dx < 0) {
                anyDown = true;
            } else if (!(dx <= 0)) {
                allDownOrFlat = false; // dx > 0 (NaN counts as neither, like numpy)
            }
        }
        double direction = 1.0;
        if (anyDown) {
            if (!allDownOrFlat) {
                throw new IllegalArgumentException("x is neither increasing nor decreasing");
            }
            direction = -1.0;
        }
        double area = 0;
        for (int i = 1; i < x.length; i++) {
            area += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2.0;
        }
        return direction * area;
    }
}
