package io.detkit.metrics.classification;

import java.util.Arrays;

/**
 * Receiver operating characteristic curve of a binary scorer, as sklearn's {@code roc_curve}
 * (version ≥ 1.3).
 *
 * <p>With {@code P} positive and {@code N} negative samples and the distinct scores sorted
 * descending, {@code t_1 > t_2 > … > t_m}, point {@code i} is the classifier "positive iff
 * {@code score >= t_i}":
 * <pre>
 *   TPR_i = #{positives with score >= t_i} / P
 *   FPR_i = #{negatives with score >= t_i} / N
 * </pre>
 * A point {@code (0, 0)} with threshold {@code +∞} (nothing predicted positive) comes first, so the
 * thresholds are {@code [+∞, t_1, …, t_m]} and both rates increase to {@code (1, 1)} at the lowest
 * score. Tied scores are one threshold, so a tie of positives and negatives is a diagonal segment:
 * the trapezoid under it gives each tied positive/negative pair half credit.
 *
 * <p>With {@code dropIntermediate} (the default, as in sklearn) a point is removed when it is
 * collinear with its neighbours — when neither the false- nor the true-positive count has a
 * non-zero second difference there ({@code fps[i−1] − 2 fps[i] + fps[i+1] = 0} and the same for
 * tps); the first and last points are always kept. This changes neither the plotted curve nor its
 * area. Removal is decided before the {@code +∞} point is prepended, as in sklearn.
 *
 * <p>If {@code y_true} has no negatives the FPR is NaN everywhere, and with no positives the TPR
 * is NaN everywhere (sklearn returns the same arrays with an {@code UndefinedMetricWarning}; no
 * warning is emitted here). Scores must be finite; inputs must not be empty.
 */
public final class RocCurve {
    private final double[] fpr;
    private final double[] tpr;
    private final double[] thresholds;

    private RocCurve(double[] fpr, double[] tpr, double[] thresholds) {
        this.fpr = fpr;
        this.tpr = tpr;
        this.thresholds = thresholds;
    }

    /**
     * ROC curve of boolean targets, intermediate collinear points dropped.
     *
     * @param yTrue whether each sample is positive
     * @param yScore score of each sample, higher = more positive; finite
     * @return the curve
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static RocCurve of(boolean[] yTrue, double[] yScore) {
        return of(yTrue, yScore, true);
    }

    /**
     * ROC curve of boolean targets.
     *
     * @param yTrue whether each sample is positive
     * @param yScore score of each sample, higher = more positive; finite
     * @param dropIntermediate drop points collinear with their neighbours
     * @return the curve
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static RocCurve of(boolean[] yTrue, double[] yScore, boolean dropIntermediate) {
        return from(ThresholdCounts.of(yTrue, yScore), dropIntermediate);
    }

    /**
     * ROC curve of targets in {0, 1} or {-1, 1} (positive label 1; sklearn's {@code pos_label=None}),
     * intermediate collinear points dropped.
     *
     * @param yTrue targets in {0, 1} or {-1, 1}
     * @param yScore scores, finite
     * @return the curve
     * @throws IllegalArgumentException if {@code yTrue} has other values, on a length mismatch,
     *     empty input or a non-finite score
     */
    public static RocCurve of(int[] yTrue, double[] yScore) {
        return of(yTrue, yScore, true);
    }

    /**
     * ROC curve of targets in {0, 1} or {-1, 1} (positive label 1).
     *
     * @param yTrue targets in {0, 1} or {-1, 1}
     * @param yScore scores, finite
     * @param dropIntermediate drop points collinear with their neighbours
     * @return the curve
     * @throws IllegalArgumentException if {@code yTrue} has other values, on a length mismatch,
     *     empty input or a non-finite score
     */
    public static RocCurve of(int[] yTrue, double[] yScore, boolean dropIntermediate) {
        return of(BinaryTargets.inferred(yTrue), yScore, dropIntermediate);
    }

    /**
     * ROC curve with an explicit positive label (every other value is negative), intermediate
     * collinear points dropped.
     *
     * @param yTrue targets, any integers
     * @param yScore scores, finite
     * @param posLabel the value of the positive class
     * @return the curve
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static RocCurve of(int[] yTrue, double[] yScore, int posLabel) {
        return of(yTrue, yScore, posLabel, true);
    }

    /**
     * ROC curve with an explicit positive label (every other value is negative).
     *
     * @param yTrue targets, any integers
     * @param yScore scores, finite
     * @param posLabel the value of the positive class
     * @param dropIntermediate drop points collinear with their neighbours
     * @return the curve
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static RocCurve of(int[] yTrue, double[] yScore, int posLabel, boolean dropIntermediate) {
        return of(BinaryTargets.equalTo(yTrue, posLabel), yScore, dropIntermediate);
    }

    static RocCurve from(ThresholdCounts c, boolean dropIntermediate) {
        int m = c.size();
        int[] keep = new int[m];
        int kept = 0;
        for (int i = 0; i < m; i++) {
            if (!dropIntermediate || m <= 2 || i == 0 || i == m - 1
                    || c.fps[i - 1] - 2 * c.fps[i] + c.fps[i + 1] != 0
                    || c.tps[i - 1] - 2 * c.tps[i] + c.tps[i + 1] != 0) {
                keep[kept++] = i;
            }
        }
        double[] fpr = new double[kept + 1];
        double[] tpr = new double[kept + 1];
        double[] thr = new double[kept + 1];
        thr[0] = Double.POSITIVE_INFINITY;
        double n = c.negatives;
        double p = c.positives;
        for (int q = 0; q < kept; q++) {
            int i = keep[q];
            fpr[q + 1] = c.fps[i] / n;
            tpr[q + 1] = c.tps[i] / p;
            thr[q + 1] = c.thresholds[i];
        }
        if (c.negatives == 0) {
            Arrays.fill(fpr, Double.NaN);
        }
        if (c.positives == 0) {
            Arrays.fill(tpr, Double.NaN);
        }
        return new RocCurve(fpr, tpr, thr);
    }

    /**
     * False positive rates, non-decreasing, starting at 0.
     *
     * @return a fresh array; element {@code i} is the FPR of "positive iff score >= thresholds[i]"
     */
    public double[] fpr() {
        return fpr.clone();
    }

    /**
     * True positive rates (recall), non-decreasing, starting at 0.
     *
     * @return a fresh array; element {@code i} is the TPR of "positive iff score >= thresholds[i]"
     */
    public double[] tpr() {
        return tpr.clone();
    }

    /**
     * Decreasing thresholds; the first is {@code +∞}.
     *
     * @return a fresh array
     */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * Number of points.
     *
     * @return the length of the three arrays
     */
    public int size() {
        return fpr.length;
    }

    /**
     * Trapezoidal area under these points ({@code auc(fpr, tpr)}); NaN for a one-class input. Equals
     * {@link RocAuc#score(boolean[], double[])} up to floating-point rounding.
     *
     * @return the area under the curve
     */
    public double auc() {
        return Auc.trapezoid(fpr, tpr);
    }

    @Override
    public String toString() {
        return "RocCurve{fpr=" + Arrays.toString(fpr) + ", tpr=" + Arrays.toString(tpr) + ", thresholds="
                + Arrays.toString(thresholds) + "}";
    }
}
