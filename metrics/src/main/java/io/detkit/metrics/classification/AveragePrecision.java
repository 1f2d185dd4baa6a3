package io.detkit.metrics.classification;

/**
 * Average precision, as sklearn's {@code average_precision_score}: the precision-recall curve
 * summarised as the precision at each threshold weighted by the increase in recall there,
 * <pre>
 *   AP = Σ_n (R_n − R_{n−1}) · P_n
 * </pre>
 * over the distinct thresholds from the highest score down ({@code R_0 = 0}), with
 * {@code P_n = TP_n / (TP_n + FP_n)} and {@code R_n = TP_n / P}. There is no interpolation (unlike
 * the 11-point or "all-points interpolated" VOC AP, and unlike a trapezoid over the PR points).
 * Tied scores form one threshold. Computed in one pass over the threshold counts; equal to
 * sklearn's value up to floating-point rounding.
 *
 * <p>If {@code y_true} has no positives, AP is 0 (sklearn returns 0 too, after the
 * precision-recall curve warns that recall is undefined).
 *
 * <p><b>Multi-class</b> one-vs-rest (sklearn ≥ 1.1 with multi-class {@code y_true}): class
 * {@code k}'s AP is the binary AP of score column {@code k} against {@code y_true == k};
 * {@link Average#MACRO} averages them, {@link Average#WEIGHTED} weighs by support,
 * {@link Average#MICRO} scores the flattened one-hot matrix. Labels are {@code 0 .. K−1} and every
 * one must occur in {@code y_true}; scores need not be probabilities.
 */
public final class AveragePrecision {
    private AveragePrecision() {}

    /**
     * Binary AP of boolean targets.
     *
     * @param yTrue whether each sample is positive
     * @param yScore scores, higher = more positive; finite
     * @return AP in [0, 1]
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static double score(boolean[] yTrue, double[] yScore) {
        return fromCounts(ThresholdCounts.of(yTrue, yScore));
    }

    /**
     * Binary AP of integer targets with positive label 1 (sklearn's default {@code pos_label=1}).
     * As in sklearn, {@code yTrue} may hold at most two distinct values, and if it holds two, 1
     * must be one of them.
     *
     * @param yTrue binary targets
     * @param yScore scores, finite
     * @return AP in [0, 1]
     * @throws IllegalArgumentException if {@code yTrue} is not binary with positive label 1, on a
     *     length mismatch, empty input or a non-finite score
     */
    public static double score(int[] yTrue, double[] yScore) {
        Checks.notNull(yTrue, "yTrue");
        int[] classes = BinaryTargets.distinct(yTrue);
        if (classes.length > 2) {
            throw new IllegalArgumentException("yTrue has " + classes.length + " distinct values "
                    + BinaryTargets.describe(classes)
                    + "; binary AP needs at most two. For multi-class targets use oneVsRest with a score matrix");
        }
        if (classes.length == 2 && classes[0] != 1 && classes[1] != 1) {
            throw new IllegalArgumentException("posLabel=1 is not a valid label. It should be one of "
                    + BinaryTargets.describe(classes));
        }
        return score(BinaryTargets.equalTo(yTrue, 1), yScore);
    }

    /**
     * Binary AP with an explicit positive label; every other value is negative (as
     * {@code precision_recall_curve(pos_label=...)} treats it — sklearn's
     * {@code average_precision_score} additionally requires binary targets).
     *
     * @param yTrue targets
     * @param yScore scores, finite
     * @param posLabel value of the positive class
     * @return AP in [0, 1]
     * @throws IllegalArgumentException on a length mismatch, empty input or a non-finite score
     */
    public static double score(int[] yTrue, double[] yScore, int posLabel) {
        return score(BinaryTargets.equalTo(yTrue, posLabel), yScore);
    }

    static double fromCounts(ThresholdCounts c) {
        if (c.positives == 0) {
            return 0.0;
        }
        double sum = 0;
        long prevTp = 0;
        for (int i = 0; i < c.size(); i++) {
            long tp = c.tps[i];
            if (tp != prevTp) {
                sum += (tp - prevTp) * ((double) tp / (tp + c.fps[i]));
                prevTp = tp;
            }
        }
        return Math.max(0.0, sum / c.positives);
    }

    /**
     * One-vs-rest AP of every class.
     *
     * @param yTrue labels in {@code [0, K)}, every class present
     * @param yScore {@code n × K} scores, finite
     * @return {@code K} APs (sklearn's {@code average=None})
     * @throws IllegalArgumentException on a length mismatch, ragged or non-finite scores, a label
     *     outside {@code [0, K)} or a class absent from {@code yTrue}
     */
    public static double[] oneVsRestPerClass(int[] yTrue, double[][] yScore) {
        int k = OneVsRest.validate(yTrue, yScore);
        return OneVsRest.perClass(yTrue, yScore, k, AveragePrecision::fromCounts);
    }

    /**
     * Averaged one-vs-rest AP.
     *
     * @param yTrue labels in {@code [0, K)}, every class present
     * @param yScore {@code n × K} scores, finite
     * @param average how to average
     * @return the averaged AP
     * @throws IllegalArgumentException on a length mismatch, ragged or non-finite scores, a label
     *     outside {@code [0, K)} or a class absent from {@code yTrue}
     */
    public static double oneVsRest(int[] yTrue, double[][] yScore, Average average) {
        int k = OneVsRest.validate(yTrue, yScore);
        return OneVsRest.average(yTrue, yScore, k, average, AveragePrecision::fromCounts);
    }
}
