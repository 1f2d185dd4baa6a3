package io.detkit.metrics.classification;

import java.util.List;

/**
 * Per-class precision, recall, F-beta and support with micro, macro and weighted averages, as
 * sklearn's {@code precision_recall_fscore_support}.
 *
 * <p>Each class {@code k} is scored one-vs-rest from three counts: {@code tp_k} (true {@code k},
 * predicted {@code k}), {@code pred_k = tp_k + fp_k} (predicted {@code k}) and
 * {@code true_k = tp_k + fn_k} (true {@code k}, the <em>support</em>):
 * <pre>
 *   precision_k = tp_k / pred_k
 *   recall_k    = tp_k / true_k
 *   F_β,k       = (1 + β²) · precision · recall / (β² · precision + recall)
 *               = (1 + β²) · tp_k / (β² · true_k + pred_k)
 * </pre>
 * The second form of {@code F_β} is the one evaluated (as sklearn ≥ 1.3 does); {@code β = 0} gives
 * precision and {@code β = +∞} recall. {@code β = 1} is the F1 score, the harmonic mean of
 * precision and recall.
 *
 * <p><b>Zero division.</b> When a denominator is 0 — precision of a class never predicted,
 * recall of a class with no true samples, F when both are 0 — the value is {@link #zeroDivision()}:
 * 0 (the default), 1, or NaN. NaN values are left out of the macro and weighted averages (sklearn's
 * {@code _nanaverage}); if every value is NaN the average is NaN. sklearn's default
 * {@code zero_division="warn"} also yields 0 but emits an {@code UndefinedMetricWarning}; this
 * class emits no warning: read {@link #predictedCounts()} and {@link #support()} for zeros to find
 * the undefined cases.
 *
 * <p><b>Averages</b> (see {@link Average}): micro pools {@code tp}, {@code pred} and {@code true}
 * over the labels before dividing; macro is the plain mean of the per-class values; weighted
 * weighs them by support (if all supports are 0, the plain mean is used, as sklearn does). In
 * single-label multi-class data with every label included, micro precision = micro recall =
 * micro F = accuracy. For sklearn's binary default ({@code average='binary'}), read entry
 * {@code k} of the per-class arrays for the positive class {@code k}.
 *
 * <p><b>Labels.</b> The {@code numClasses} overload scores the labels {@code 0 .. numClasses-1}
 * (sklearn with {@code labels=range(numClasses)}: absent classes are scored too, with zero-division
 * values) and rejects values outside that range; the overloads without labels score the sorted
 * distinct values present (sklearn's default); those with labels score exactly those labels in
 * that order. A sample whose true label is not scored still counts as a false positive of its
 * predicted label, and vice versa, as in sklearn's {@code multilabel_confusion_matrix}.
 *
 * <p>Instances are immutable; {@link #withBeta(double)} and {@link #withZeroDivision(double)}
 * return re-parameterised copies sharing the counts.
 */
public final class PrecisionRecallFScore {
    /** Default value for 0/0 ratios: 0, as sklearn's {@code "warn"} (without the warning). */
    public static final double DEFAULT_ZERO_DIVISION = 0.0;

    /**
     * Averaged scores.
     *
     * @param precision averaged precision
     * @param recall averaged recall
     * @param fScore averaged F-beta score
     */
    public record Scores(double precision, double recall, double fScore) {}

    private final List<String> names;
    private final long[] tp;
    private final long[] pred;
    private final long[] support;
    private final double beta;
    private final double zeroDivision;

    private PrecisionRecallFScore(List<String> names, long[] tp, long[] pred, long[] support, double beta,
                                  double zeroDivision) {
        this.names = names;
        this.tp = tp;
        this.pred = pred;
        this.support = support;
        this.beta = beta;
        this.zeroDivision = zeroDivision;
    }

    /**
     * Scores for the labels {@code 0 .. numClasses-1}, β = 1, zero division 0.
     *
     * @param yTrue true labels, each in {@code [0, numClasses)}
     * @param yPred predicted labels, each in {@code [0, numClasses)}
     * @param numClasses number of classes, at least 1
     * @return the scores
     * @throws IllegalArgumentException on a length mismatch or a label outside the range
     */
    public static PrecisionRecallFScore of(int[] yTrue, int[] yPred, int numClasses) {
        return from(EncodedLabels.strict(yTrue, yPred, numClasses));
    }

    /**
     * Scores for the sorted distinct values of {@code yTrue ∪ yPred} (sklearn's default), β = 1,
     * zero division 0.
     *
     * @param yTrue true labels, any integers
     * @param yPred predicted labels, any integers
     * @return the scores
     * @throws IllegalArgumentException on a length mismatch
     */
    public static PrecisionRecallFScore of(int[] yTrue, int[] yPred) {
        return from(EncodedLabels.present(yTrue, yPred));
    }

    /**
     * Scores for the given labels in the given order (sklearn's {@code labels=}), β = 1, zero
     * division 0.
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param labels distinct labels to score
     * @return the scores
     * @throws IllegalArgumentException on a length mismatch or empty or repeated labels
     */
    public static PrecisionRecallFScore of(int[] yTrue, int[] yPred, int[] labels) {
        return from(EncodedLabels.withLabels(yTrue, yPred, labels));
    }

    /**
     * Scores for the sorted distinct labels of both lists (sklearn's default), β = 1, zero division 0.
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param <T> comparable label type
     * @return the scores
     * @throws IllegalArgumentException on a length mismatch or a null element
     */
    public static <T extends Comparable<? super T>> PrecisionRecallFScore of(List<? extends T> yTrue,
                                                                             List<? extends T> yPred) {
        return from(EncodedLabels.of(yTrue, yPred, Labels.<T>sortedUnion(yTrue, yPred), false));
    }

    /**
     * Scores for the given labels in their order (sklearn's {@code labels=}), β = 1, zero division 0.
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param labels labels to score
     * @param <T> label type
     * @return the scores
     * @throws IllegalArgumentException on a length mismatch, a null element or empty labels
     */
    public static <T> PrecisionRecallFScore of(List<? extends T> yTrue, List<? extends T> yPred, Labels<T> labels) {
        Checks.notNull(labels, "labels");
        Checks.notEmpty("labels", labels.size());
        return from(EncodedLabels.of(yTrue, yPred, labels, true));
    }

    static PrecisionRecallFScore from(EncodedLabels e) {
        int k = e.k;
        long[] tp = new long[k];
        long[] pred = new long[k];
        long[] support = new long[k];
        int[] t = e.yTrue;
        int[] p = e.yPred;
        for (int s = 0; s < t.length; s++) {
            int ti = t[s];
            int pi = p[s];
            if (ti < k) {
                support[ti]++;
                if (ti == pi) {
                    tp[ti]++;
                }
            }
            if (pi < k) {
                pred[pi]++;
            }
        }
        return new PrecisionRecallFScore(List.copyOf(e.names), tp, pred, support, 1.0, DEFAULT_ZERO_DIVISION);
    }

    /**
     * The same counts with another β.
     *
     * @param beta weight of recall relative to precision, {@code >= 0}; {@code +∞} allowed
     * @return a copy using {@code beta}
     * @throws IllegalArgumentException if {@code beta} is negative or NaN
     */
    public PrecisionRecallFScore withBeta(double beta) {
        return new PrecisionRecallFScore(names, tp, pred, support, Checks.beta(beta), zeroDivision);
    }

    /**
     * The same counts with another value for 0/0 ratios.
     *
     * @param zeroDivision 0, 1 or {@code Double.NaN} (NaN values are left out of averages)
     * @return a copy using {@code zeroDivision}
     * @throws IllegalArgumentException for any other value
     */
    public PrecisionRecallFScore withZeroDivision(double zeroDivision) {
        return new PrecisionRecallFScore(names, tp, pred, support, beta, Checks.zeroDivision(zeroDivision));
    }

    /**
     * The β of the F-score.
     *
     * @return β (1 unless changed)
     */
    public double beta() {
        return beta;
    }

    /**
     * The value used for 0/0 ratios.
     *
     * @return 0, 1 or NaN
     */
    public double zeroDivision() {
        return zeroDivision;
    }

    /**
     * Number of scored labels.
     *
     * @return {@code K}
     */
    public int numClasses() {
        return tp.length;
    }

    /**
     * The scored labels as strings, in the order of the per-class arrays.
     *
     * @return {@code K} names
     */
    public List<String> labelNames() {
        return names;
    }

    /**
     * True positives per class.
     *
     * @return a fresh array of {@code tp_k}
     */
    public long[] truePositives() {
        return tp.clone();
    }

    /**
     * Predictions per class, {@code tp_k + fp_k}.
     *
     * @return a fresh array of {@code pred_k}
     */
    public long[] predictedCounts() {
        return pred.clone();
    }

    /**
     * Support: true samples per class, {@code tp_k + fn_k}.
     *
     * @return a fresh array of {@code true_k}
     */
    public long[] support() {
        return support.clone();
    }

    /**
     * Total support over the scored labels (the "support" column of an averaged report row).
     *
     * @return {@code Σ true_k}
     */
    public long totalSupport() {
        long s = 0;
        for (long v : support) {
            s += v;
        }
        return s;
    }

    /**
     * Per-class precision {@code tp_k / pred_k}.
     *
     * @return a fresh array of {@code K} values
     */
    public double[] precision() {
        double[] out = new double[tp.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = precision(tp[k], pred[k]);
        }
        return out;
    }

    /**
     * Per-class recall {@code tp_k / true_k}.
     *
     * @return a fresh array of {@code K} values
     */
    public double[] recall() {
        double[] out = new double[tp.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = recall(tp[k], support[k]);
        }
        return out;
    }

    /**
     * Per-class F-beta {@code (1 + β²) tp_k / (β² true_k + pred_k)}.
     *
     * @return a fresh array of {@code K} values
     */
    public double[] fScore() {
        double[] out = new double[tp.length];
        for (int k = 0; k < out.length; k++) {
            out[k] = fScore(tp[k], pred[k], support[k]);
        }
        return out;
    }

    /**
     * Averaged precision.
     *
     * @param average how to average
     * @return the averaged precision
     */
    public double precision(Average average) {
        return average(average).precision();
    }

    /**
     * Averaged recall.
     *
     * @param average how to average
     * @return the averaged recall
     */
    public double recall(Average average) {
        return average(average).recall();
    }

    /**
     * Averaged F-beta.
     *
     * @param average how to average
     * @return the averaged F-beta score
     */
    public double fScore(Average average) {
        return average(average).fScore();
    }

    /**
     * Precision, recall and F-beta averaged the same way (sklearn's
     * {@code precision_recall_fscore_support(average=...)} without the support).
     *
     * @param average how to average
     * @return the three averaged scores
     */
    public Scores average(Average average) {
        Checks.notNull(average, "average");
        if (average == Average.MICRO) {
            long t = 0;
            long p = 0;
            long s = 0;
            for (int k = 0; k < tp.length; k++) {
                t += tp[k];
                p += pred[k];
                s += support[k];
            }
            return new Scores(precision(t, p), recall(t, s), fScore(t, p, s));
        }
        long[] weights = average == Average.WEIGHTED ? support : null;
        return new Scores(nanAverage(precision(), weights), nanAverage(recall(), weights),
                nanAverage(fScore(), weights));
    }

    private double divide(double numerator, double denominator) {
        return denominator == 0.0 ? zeroDivision : numerator / denominator;
    }

    private double precision(long tp, long pred) {
        return divide(tp, pred);
    }

    private double recall(long tp, long trueCount) {
        return divide(tp, trueCount);
    }

    private double fScore(long tp, long pred, long trueCount) {
        if (beta == Double.POSITIVE_INFINITY) {
            return recall(tp, trueCount);
        }
        if (beta == 0.0) {
            return precision(tp, pred);
        }
        double beta2 = beta * beta;
        return divide((1 + beta2) * tp, beta2 * trueCount + pred);
    }

    /**
     * sklearn's {@code _nanaverage}: weighted mean ignoring NaN entries; NaN if nothing is left;
     * the plain mean when the remaining weights sum to 0.
     */
    static double nanAverage(double[] values, long[] weights) {
        double sum = 0;
        double weightedSum = 0;
        double weightSum = 0;
        int kept = 0;
        for (int k = 0; k < values.length; k++) {
            double v = values[k];
            if (Double.isNaN(v)) {
                continue;
            }
            kept++;
            sum += v;
            if (weights != null) {
                weightedSum += v * weights[k];
                weightSum += weights[k];
            }
        }
        if (kept == 0) {
            return Double.NaN;
        }
        if (weights == null || weightSum == 0.0) {
            return sum / kept;
        }
        return weightedSum / weightSum;
    }

    @Override
    public String toString() {
        return "PrecisionRecallFScore{labels=" + names + ", beta=" + beta + ", zeroDivision=" + zeroDivision
                + ", precision=" + java.util.Arrays.toString(precision()) + ", recall="
                + java.util.Arrays.toString(recall()) + ", fScore=" + java.util.Arrays.toString(fScore())
                + ", support=" + java.util.Arrays.toString(support) + "}";
    }
}
