package io.detkit.metrics.classification;

/**
 * Area under the ROC curve, as sklearn's {@code roc_auc_score}: binary, and multi-class
 * one-vs-rest.
 *
 * <p><b>Binary.</b> The area under the full {@link RocCurve} (FPR from 0 to 1; no partial
 * {@code max_fpr}), by the trapezoidal rule. With {@code P} positives, {@code N} negatives and
 * cumulative counts {@code (fps_i, tps_i)} at the distinct thresholds ({@code fps_0 = tps_0 = 0}):
 * <pre>
 *   AUC = Σ_i (fps_i − fps_{i−1}) · (tps_i + tps_{i−1}) / (2 · P · N)
 * </pre>
 * which equals the Mann–Whitney probability that a random positive outscores a random negative,
 * ties counting one half:
 * <pre>
 *   AUC = ( #{(p, q) : s_p > s_q} + ½ #{(p, q) : s_p = s_q} ) / (P · N)
 * </pre>
 * The sum is taken in exact integer arithmetic and divided once, so the result equals sklearn's
 * up to the rounding of sklearn's own floating-point trapezoid (~1e−16). AUC is invariant to any
 * strictly increasing transform of the scores; 1 for a perfect ranking, 0 for a reversed one.
 * If {@code y_true} holds only one class the AUC is undefined and an
 * {@link IllegalArgumentException} is thrown, as sklearn up to 1.5 raised {@code ValueError};
 * sklearn 1.6 and later instead warn ({@code UndefinedMetricWarning}) and return NaN.
 *
 * <p><b>Multi-class one-vs-rest</b> ({@code multi_class='ovr'}). Scores are an {@code n × K}
 * probability matrix whose rows sum to 1 (checked as numpy's {@code allclose}: {@code |1 − Σ_k p_k|
 * <= 1e−8 + 1e−5 · |Σ_k p_k|}); labels are {@code 0 .. K−1} and every one must occur in
 * {@code y_true}. Class {@code k}'s AUC is the binary AUC of column {@code k} against
 * {@code y_true == k}; {@link Average#MACRO} takes their mean, {@link Average#WEIGHTED} weighs them
 * by class support, {@link Average#MICRO} is the binary AUC of the flattened one-hot targets
 * against the flattened scores. sklearn's one-vs-one (Hand &amp; Till) scheme is not provided.
 */
public final class RocAuc {
    private static final double RTOL = 1e-5;
    private static final double ATOL = 1e-8;

    private RocAuc() {}

    /**
     * Binary ROC AUC of boolean targets.
     *
     * @param yTrue whether each sample is positive; both classes must occur
     * @param yScore scores, higher = more positive; finite
     * @return the AUC in [0, 1]
     * @throws IllegalArgumentException if only one class is present, on a length mismatch, empty
     *     input or a non-finite score
     */
    public static double score(boolean[] yTrue, double[] yScore) {
        return fromCounts(ThresholdCounts.of(yTrue, yScore));
    }

    /**
     * Binary ROC AUC of integer targets with exactly two distinct values; the greater value is the
     * positive class, as sklearn's {@code roc_auc_score} takes {@code classes_[1]}.
     *
     * @param yTrue targets with exactly two distinct values
     * @param yScore scores of the greater label, finite
     * @return the AUC in [0, 1]
     * @throws IllegalArgumentException if {@code yTrue} has one or more than two distinct values,
     *     on a length mismatch, empty input or a non-finite score
     */
    public static double score(int[] yTrue, double[] yScore) {
        Checks.notNull(yTrue, "yTrue");
        int[] classes = BinaryTargets.distinct(yTrue);
        if (classes.length > 2) {
            throw new IllegalArgumentException("yTrue has " + classes.length + " distinct values "
                    + BinaryTargets.describe(classes)
                    + "; binary ROC AUC needs two. For multi-class targets use oneVsRest with a score matrix");
        }
        int posLabel = classes.length == 0 ? 1 : classes[classes.length - 1];
        if (classes.length == 1) {
            throw new IllegalArgumentException(oneClassMessage());
        }
        return score(BinaryTargets.equalTo(yTrue, posLabel), yScore);
    }

    static double fromCounts(ThresholdCounts c) {
        if (c.positives == 0 || c.negatives == 0) {
            throw new IllegalArgumentException(oneClassMessage());
        }
        long twiceArea = 0; // in units of (1/P)·(1/N)
        long prevFp = 0;
        long prevTp = 0;
        for (int i = 0; i < c.size(); i++) {
            long fp = c.fps[i];
            long tp = c.tps[i];
            twiceArea += (fp - prevFp) * (tp + prevTp);
            prevFp = fp;
            prevTp = tp;
        }
        return twiceArea / (2.0 * c.positives * c.negatives);
    }

    private static String oneClassMessage() {
        return "Only one class present in yTrue. ROC AUC score is not defined in that case.";
    }

    /**
     * One-vs-rest ROC AUC of every class.
     *
     * @param yTrue labels in {@code [0, K)}, every class present
     * @param yScore {@code n × K} class probabilities, rows summing to 1
     * @return {@code K} AUCs (sklearn's {@code average=None})
     * @throws IllegalArgumentException on a length mismatch, ragged or non-finite scores, rows not
     *     summing to 1, a label outside {@code [0, K)} or a class absent from {@code yTrue}
     */
    public static double[] oneVsRestPerClass(int[] yTrue, double[][] yScore) {
        int k = validate(yTrue, yScore);
        return OneVsRest.perClass(yTrue, yScore, k, RocAuc::fromCounts);
    }

    /**
     * Averaged one-vs-rest ROC AUC.
     *
     * @param yTrue labels in {@code [0, K)}, every class present
     * @param yScore {@code n × K} class probabilities, rows summing to 1
     * @param average {@link Average#MACRO}, {@link Average#WEIGHTED} or {@link Average#MICRO}
     * @return the averaged AUC
     * @throws IllegalArgumentException on a length mismatch, ragged or non-finite scores, rows not
     *     summing to 1, a label outside {@code [0, K)} or a class absent from {@code yTrue}
     */
    public static double oneVsRest(int[] yTrue, double[][] yScore, Average average) {
        int k = validate(yTrue, yScore);
        return OneVsRest.average(yTrue, yScore, k, average, RocAuc::fromCounts);
    }

    private static int validate(int[] yTrue, double[][] yScore) {
        int k = OneVsRest.validate(yTrue, yScore);
        for (int i = 0; i < yScore.length; i++) {
            double s = 0;
            for (double v : yScore[i]) {
                s += v;
            }
            if (!(Math.abs(1.0 - s) <= ATOL + RTOL * Math.abs(s))) {
                throw new IllegalArgumentException("Target scores need to be probabilities for multiclass ROC AUC,"
                        + " i.e. they should sum up to 1.0 over classes; row " + i + " sums to " + s);
            }
        }
        return k;
    }
}
