package io.detkit.metrics.classification;

import java.util.Arrays;

/**
 * Cumulative true- and false-positive counts at every distinct score, highest score first: the
 * common core of the ROC and precision-recall curves (sklearn's {@code _binary_clf_curve} /
 * {@code confusion_matrix_at_thresholds}).
 *
 * <p>For the distinct scores {@code t_1 > t_2 > … > t_m}, {@code tps[i]} and {@code fps[i]} count
 * the positive and negative samples with {@code score >= t_i}; tied scores form one step. The
 * scores of positives and negatives are sorted separately on primitive arrays and merged from the
 * top, {@code O(n log n)} with no boxing or index arrays.
 */
final class ThresholdCounts {
    final double[] thresholds;
    final long[] tps;
    final long[] fps;
    final long positives;
    final long negatives;

    private ThresholdCounts(double[] thresholds, long[] tps, long[] fps, long positives, long negatives) {
        this.thresholds = thresholds;
        this.tps = tps;
        this.fps = fps;
        this.positives = positives;
        this.negatives = negatives;
    }

    int size() {
        return thresholds.length;
    }

    static ThresholdCounts of(boolean[] positive, double[] scores) {
        Checks.notNull(positive, "yTrue");
        Checks.notNull(scores, "yScore");
        Checks.sameLength("yTrue", positive.length, "yScore", scores.length);
        Checks.notEmpty("yTrue", positive.length);
        Checks.finite(scores, "yScore");
        int np = 0;
        for (boolean b : positive) {
            if (b) {
                np++;
            }
        }
        double[] pos = new double[np];
        double[] neg = new double[positive.length - np];
        int a = 0;
        int b = 0;
        for (int i = 0; i < positive.length; i++) {
            if (positive[i]) {
                pos[a++] = scores[i];
            } else {
                neg[b++] = scores[i];
            }
        }
        Arrays.sort(pos);
        Arrays.sort(neg);
        int n = positive.length;
        double[] thresholds = new double[n];
        long[] tps = new long[n];
        long[] fps = new long[n];
        int i = pos.length - 1;
        int j = neg.length - 1;
        long tp = 0;
        long fp = 0;
        int m = 0;
        while (i >= 0 || j >= 0) {
            double s;
            if (i < 0) {
                s = neg[j];
            } else if (j < 0) {
                s = pos[i];
            } else {
                s = Math.max(pos[i], neg[j]);
            }
            // == groups -0.0 with 0.0, as numpy's diff does
            while (i >= 0 && pos[i] == s) {
                tp++;
                i--;
            }
            while (j >= 0 && neg[j] == s) {
                fp++;
                j--;
            }
            thresholds[m] = s + 0.0;
            tps[m] = tp;
            fps[m] = fp;
            m++;
        }
        return new ThresholdCounts(Arrays.copyOf(thresholds, m), Arrays.copyOf(tps, m), Arrays.copyOf(fps, m),
                pos.length, neg.length);
    }
}
