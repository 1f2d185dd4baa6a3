package io.detkit.metrics.curves;

import io.detkit.metrics.util.Grids;

/**
 * Ultralytics' {@code compute_ap}: with sentinels {@code mrec = [0, recall…, 1]} and
 * {@code mpre = [1, precision…, 0]}, take the envelope {@code mpre_i = max_{j ≥ i} mpre_j},
 * interpolate it linearly ({@link Interp}) at the 101 recalls {@code linspace(0, 1, 101)}, and
 * integrate with the trapezoid rule {@code Σ (x_{k+1} − x_k)·(y_{k+1} + y_k)/2}.
 */
final class UltralyticsAp {
    private static final double[] X = Grids.linspace(0, 1, 101);

    private UltralyticsAp() {}

    static double compute(double[] recall, double[] precision) {
        int n = recall.length;
        double[] mrec = new double[n + 2], mpre = new double[n + 2];
        mpre[0] = 1.0;
        System.arraycopy(recall, 0, mrec, 1, n);
        System.arraycopy(precision, 0, mpre, 1, n);
        mrec[n + 1] = 1.0;
        for (int i = n; i >= 0; i--) {
            mpre[i] = Math.max(mpre[i], mpre[i + 1]);
        }
        double prev = Interp.at(X[0], mrec, mpre, mpre[0], mpre[n + 1]);
        double ap = 0;
        for (int k = 1; k < X.length; k++) {
            double y = Interp.at(X[k], mrec, mpre, mpre[0], mpre[n + 1]);
            ap += (X[k] - X[k - 1]) * (y + prev) / 2.0;
            prev = y;
        }
        return ap;
    }
}
