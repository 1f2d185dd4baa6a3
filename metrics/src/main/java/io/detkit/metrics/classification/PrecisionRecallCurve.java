package io.detkit.metrics.classification;

import java.util.Arrays;

/**
 * Precision-recall curve of a binary scorer, as sklearn's {@code precision_recall_curve}
 * (version ≥ 1.3, output order included).
 *
 * <p>With {@code P} positives and the distinct scores {@code t_1 < t_2 < … < t_m} in
 * <em>increasing</em> order, point {@code i} is the classifier "positive iff
 * {@code score >= t_i}":
 * <pre>
 *   precision_i = TP_i / (TP_i + FP_i)
 *   recall_i    = TP_i / P
 * </pre>
 * The arrays run from the lowest threshold (recall 1, precision = class balance, everything
 * predicted positive) to the highest, then end with one extra point {@code precision = 1},
 * {@code recall = 0} that has no threshold: {@code precision} and {@code recall} have {@code m + 1}
 * entries, {@code thresholds} has {@code m}. Recall is non-increasing along the arrays.
 *
 * <p>If {@code y_true} has no positives, recall is 1 at every threshold (sklearn does the same and
 * warns; no warning here). With {@code dropIntermediate} (default false, as in sklearn) a threshold
 * is dropped when the true-positive count is the same at both of its neighbours'; only the first
 * and last point of each run of equal recall are kept, which leaves the plotted step curve
 * unchanged. Scores must be finite; inputs must not be empty.
 */
public final class PrecisionRecallCurve {
    private final double[] precision;
    private final double[] recall;
    private final double[] thresholds;

    private PrecisionRecallCurve(double[] precision, double[] recall, double[] thresholds) {
        this.precision = precision;
        this.recall = recall;
        this.thresholds = thresholds;
    }

    /**
     * Precision-recall curve of boolean targets, all thresholds kept.
     *
     * @param yTrue whether each sample is positive
     * @param yScore scores, higher = more positive; finite
     * @return the curve
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static PrecisionRecallCurve of(boolean[] yTrue, double[] yScore) {
        return of(yTrue, yScore, false);
    }

    /**
     * Precision-recall curve of boolean targets.
     *
     * @param yTrue whether each sample is positive
     * @param yScore scores, finite
     * @param dropIntermediate drop thresholds inside runs of equal recall
     * @return the curve
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static PrecisionRecallCurve of(boolean[] yTrue, double[] yScore, boolean dropIntermediate) {
        return from(ThresholdCounts.of(yTrue, yScore), dropIntermediate);
    }

    /**
     * Precision-recall curve of targets in {0, 1} or {-1, 1} (positive label 1; sklearn's
     * {@code pos_label=None}), all thresholds kept.
     *
     * @param yTrue targets in {0, 1} or {-1, 1}
     * @param yScore scores, finite
     * @return the curve
     * @throws IllegalArgumentException if {@code yTrue} has other values, on a length mismatch,
     *     empty input or a non-finite score
     */
    public static PrecisionRecallCurve of(int[] yTrue, double[] yScore) {
        return of(BinaryTargets.inferred(yTrue), yScore, false);
    }

    /**
     * Precision-recall curve with an explicit positive label (every other value is negative), all
     * thresholds kept.
     *
     * @param yTrue targets, any integers
     * @param yScore scores, finite
     * @param posLabel the value of the positive class
     * @return the curve
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static PrecisionRecallCurve of(int[] yTrue, double[] yScore, int posLabel) {
        return of(yTrue, yScore, posLabel, false);
    }

    /**
     * Precision-recall curve with an explicit positive label (every other value is negative).
     *
     * @param yTrue targets, any integers
     * @param yScore scores, finite
     * @param posLabel the value of the positive class
     * @param dropIntermediate drop thresholds inside runs of equal recall
     * @return the curve
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static PrecisionRecallCurve of(int[] yTrue, double[] yScore, int posLabel, boolean dropIntermediate) {
        return of(BinaryTargets.equalTo(yTrue, posLabel), yScore, dropIntermediate);
    }

    static PrecisionRecallCurve from(ThresholdCounts c, boolean dropIntermediate) {
        int m = c.size();
        int[] keep = new int[m];
        int kept = 0;
        for (int i = 0; i < m; i++) {
            if (!dropIntermediate || m <= 2 || i == 0 || i == m - 1
                    || c.tps[i] != c.tps[i - 1] || c.tps[i + 1] != c.tps[i]) {
                keep[kept++] = i;
            }
        }
        double[] precision = new double[kept + 1];
        double[] recall = new double[kept + 1];
        double[] thr = new double[kept];
        double p = c.positives;
        for (int q = 0; q < kept; q++) {
            int i = keep[q];
            int out = kept - 1 - q; // reversed: lowest threshold first
            long tp = c.tps[i];
            long predicted = tp + c.fps[i];
            precision[out] = predicted == 0 ? 0.0 : (double) tp / predicted;
            recall[out] = c.positives == 0 ? 1.0 : tp / p;
            thr[out] = c.thresholds[i];
        }
        precision[kept] = 1.0;
        recall[kept] = 0.0;
        return new PrecisionRecallCurve(precision, recall, thr);
    }

    /**
     * Precisions; the last is 1.
     *
     * @return a fresh array of {@code m + 1} values; element {@code i < m} belongs to
     *     {@code thresholds[i]}
     */
    public double[] precision() {
        return precision.clone();
    }

    /**
     * Recalls, non-increasing; the last is 0.
     *
     * @return a fresh array of {@code m + 1} values; element {@code i < m} belongs to
     *     {@code thresholds[i]}
     */
    public double[] recall() {
        return recall.clone();
    }

    /**
     * Increasing thresholds.
     *
     * @return a fresh array of {@code m} values
     */
    public double[] thresholds() {
        return thresholds.clone();
    }

    /**
     * Number of thresholds {@code m} (precision and recall have one more entry).
     *
     * @return the number of thresholds
     */
    public int size() {
        return thresholds.length;
    }

    /**
     * Step-wise average precision of these points, {@code Σ (R_{i} − R_{i+1}) P_i}; equals
     * {@link AveragePrecision#score(boolean[], double[])} up to rounding when no points were dropped.
     *
     * @return the area under the step curve
     */
    public double averagePrecision() {
        double s = 0;
        for (int i = 0; i < thresholds.length; i++) {
            s += (recall[i] - recall[i + 1]) * precision[i];
        }
        return Math.max(0.0, s);
    }

    @Override
    public String toString() {
        return "PrecisionRecallCurve{precision=" + Arrays.toString(precision) + ", recall=" + Arrays.toString(recall)
                + ", thresholds=" + Arrays.toString(thresholds) + "}";
    }
}
