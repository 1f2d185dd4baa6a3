package io.detkit.metrics.classification;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Per-class precision, recall, F1 and support, their micro / macro / weighted averages, accuracy
 * and the confusion matrix in one object, with sklearn's {@code classification_report} text table.
 *
 * <p>The table has one row per label, then the averaged rows; the averaged rows' support is the
 * total support {@code Σ true_k}:
 * <pre>
 *               precision    recall  f1-score   support
 *
 *      class 0       0.50      1.00      0.67         1
 *      class 1       0.00      0.00      0.00         1
 *      class 2       1.00      0.67      0.80         3
 *
 *     accuracy                           0.60         5
 *    macro avg       0.50      0.56      0.49         5
 * weighted avg       0.70      0.60      0.61         5
 * </pre>
 * As in sklearn, the micro-average row is printed as {@code accuracy} (its F1 value only) when the
 * labels cover every label present in the data — micro precision, recall and F1 then all equal
 * accuracy — and as a full {@code micro avg} row otherwise. Numbers are rounded half-to-even on
 * their exact binary value, as Python's {@code format} does, so the text matches sklearn's
 * character for character — with one exception: when no sample at all is predicted correctly,
 * sklearn's supports come back as floats and its table prints e.g. {@code 3.0}; supports are always
 * integers here.
 *
 * <p>{@link #accuracy()} is sklearn's {@code accuracy_score} over all samples; the
 * {@link #confusionMatrix()} uses the report's labels (dropping samples outside them when labels
 * are given). Label handling of the factories is that of {@link PrecisionRecallFScore}. F uses
 * β = 1; zero division defaults to 0 (see {@link PrecisionRecallFScore} for sklearn's warning).
 * Instances are immutable.
 */
public final class ClassificationReport {
    private static final String[] HEADERS = {"precision", "recall", "f1-score", "support"};
    private static final String LONGEST_AVERAGE_HEADING = "weighted avg";

    private final PrecisionRecallFScore scores;
    private final ConfusionMatrix confusion;
    private final List<String> targetNames;
    private final double accuracy;
    private final boolean microIsAccuracy;

    private ClassificationReport(PrecisionRecallFScore scores, ConfusionMatrix confusion, List<String> targetNames,
                                 double accuracy, boolean microIsAccuracy) {
        this.scores = scores;
        this.confusion = confusion;
        this.targetNames = List.copyOf(targetNames);
        this.accuracy = accuracy;
        this.microIsAccuracy = microIsAccuracy;
    }

    private static ClassificationReport from(EncodedLabels e, double accuracy) {
        return new ClassificationReport(PrecisionRecallFScore.from(e), ConfusionMatrix.from(e), e.names, accuracy,
                !e.labelsGiven || e.labelsCoverData);
    }

    /**
     * Report over the labels {@code 0 .. numClasses-1}.
     *
     * @param yTrue true labels, each in {@code [0, numClasses)}
     * @param yPred predicted labels, each in {@code [0, numClasses)}
     * @param numClasses number of classes, at least 1
     * @return the report
     * @throws IllegalArgumentException on a length mismatch or a label outside the range
     */
    public static ClassificationReport of(int[] yTrue, int[] yPred, int numClasses) {
        return from(EncodedLabels.strict(yTrue, yPred, numClasses), Accuracy.score(yTrue, yPred));
    }

    /**
     * Report over the sorted distinct values of {@code yTrue ∪ yPred} (sklearn's default).
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @return the report
     * @throws IllegalArgumentException on a length mismatch
     */
    public static ClassificationReport of(int[] yTrue, int[] yPred) {
        return from(EncodedLabels.present(yTrue, yPred), Accuracy.score(yTrue, yPred));
    }

    /**
     * Report over the given labels in the given order (sklearn's {@code labels=}).
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param labels distinct labels to report
     * @return the report
     * @throws IllegalArgumentException on a length mismatch or empty or repeated labels
     */
    public static ClassificationReport of(int[] yTrue, int[] yPred, int[] labels) {
        return from(EncodedLabels.withLabels(yTrue, yPred, labels), Accuracy.score(yTrue, yPred));
    }

    /**
     * Report over the sorted distinct labels of both lists (sklearn's default).
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param <T> comparable label type
     * @return the report
     * @throws IllegalArgumentException on a length mismatch or a null element
     */
    public static <T extends Comparable<? super T>> ClassificationReport of(List<? extends T> yTrue,
                                                                            List<? extends T> yPred) {
        return from(EncodedLabels.of(yTrue, yPred, Labels.<T>sortedUnion(yTrue, yPred), false),
                Accuracy.score(yTrue, yPred));
    }

    /**
     * Report over the given labels in their order (sklearn's {@code labels=}).
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param labels labels to report
     * @param <T> label type
     * @return the report
     * @throws IllegalArgumentException on a length mismatch, a null element or empty labels
     */
    public static <T> ClassificationReport of(List<? extends T> yTrue, List<? extends T> yPred, Labels<T> labels) {
        Checks.notNull(labels, "labels");
        Checks.notEmpty("labels", labels.size());
        return from(EncodedLabels.of(yTrue, yPred, labels, true), Accuracy.score(yTrue, yPred));
    }

    /**
     * The same report with display names for the labels (sklearn's {@code target_names}).
     *
     * @param names one name per label, in label order
     * @return a copy using {@code names}
     * @throws IllegalArgumentException if the number of names differs from the number of labels
     */
    public ClassificationReport withTargetNames(List<String> names) {
        Checks.notNull(names, "names");
        if (names.size() != scores.numClasses()) {
            throw new IllegalArgumentException("Number of classes, " + scores.numClasses()
                    + ", does not match size of target names, " + names.size());
        }
        for (int i = 0; i < names.size(); i++) {
            Checks.notNull(names.get(i), "names[" + i + "]");
        }
        return new ClassificationReport(scores, confusion, names, accuracy, microIsAccuracy);
    }

    /**
     * The same report with another value for 0/0 ratios.
     *
     * @param zeroDivision 0, 1 or {@code Double.NaN}
     * @return a copy using {@code zeroDivision}
     * @throws IllegalArgumentException for any other value
     */
    public ClassificationReport withZeroDivision(double zeroDivision) {
        return new ClassificationReport(scores.withZeroDivision(zeroDivision), confusion, targetNames, accuracy,
                microIsAccuracy);
    }

    /**
     * The per-class and averaged scores (β = 1).
     *
     * @return the scores
     */
    public PrecisionRecallFScore precisionRecallFScore() {
        return scores;
    }

    /**
     * Confusion matrix over the report's labels.
     *
     * @return the matrix, rows = true, columns = predicted
     */
    public ConfusionMatrix confusionMatrix() {
        return confusion;
    }

    /**
     * Fraction of all samples predicted correctly ({@code accuracy_score}).
     *
     * @return the accuracy, NaN for an empty input
     */
    public double accuracy() {
        return accuracy;
    }

    /**
     * Display names of the labels.
     *
     * @return one name per label
     */
    public List<String> targetNames() {
        return targetNames;
    }

    /**
     * Whether the micro-average row is the accuracy (labels cover every label in the data).
     *
     * @return true if the table shows an {@code accuracy} row rather than {@code micro avg}
     */
    public boolean microIsAccuracy() {
        return microIsAccuracy;
    }

    /**
     * Averaged precision, recall and F1.
     *
     * @param average how to average
     * @return the scores
     */
    public PrecisionRecallFScore.Scores average(Average average) {
        return scores.average(average);
    }

    /**
     * The text table with 2 decimals.
     *
     * @return the report text, each line ending in a newline
     */
    public String toText() {
        return toText(2);
    }

    /**
     * The text table, formatted as sklearn's {@code classification_report(digits=digits)}.
     *
     * @param digits decimals of the scores, {@code >= 0}
     * @return the report text, each line ending in a newline
     */
    public String toText(int digits) {
        if (digits < 0) {
            throw new IllegalArgumentException("digits must be >= 0, got " + digits);
        }
        int width = Math.max(LONGEST_AVERAGE_HEADING.length(), digits);
        for (String n : targetNames) {
            width = Math.max(width, n.length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(pad("", width)).append(' ');
        for (String h : HEADERS) {
            sb.append(' ').append(pad(h, 9));
        }
        sb.append("\n\n");
        double[] p = scores.precision();
        double[] r = scores.recall();
        double[] f = scores.fScore();
        long[] s = scores.support();
        for (int k = 0; k < p.length; k++) {
            row(sb, targetNames.get(k), p[k], r[k], f[k], s[k], width, digits);
        }
        sb.append('\n');
        long total = scores.totalSupport();
        PrecisionRecallFScore.Scores micro = scores.average(Average.MICRO);
        if (microIsAccuracy) {
            sb.append(pad("accuracy", width)).append(' ');
            sb.append(' ').append(pad("", 9)).append(' ').append(pad("", 9));
            sb.append(' ').append(pad(fixed(micro.fScore(), digits), 9));
            sb.append(' ').append(pad(Long.toString(total), 9)).append('\n');
        } else {
            row(sb, "micro avg", micro.precision(), micro.recall(), micro.fScore(), total, width, digits);
        }
        PrecisionRecallFScore.Scores macro = scores.average(Average.MACRO);
        row(sb, "macro avg", macro.precision(), macro.recall(), macro.fScore(), total, width, digits);
        PrecisionRecallFScore.Scores weighted = scores.average(Average.WEIGHTED);
        row(sb, "weighted avg", weighted.precision(), weighted.recall(), weighted.fScore(), total, width, digits);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, double p, double r, double f, long support, int width,
                            int digits) {
        sb.append(pad(name, width)).append(' ');
        sb.append(' ').append(pad(fixed(p, digits), 9));
        sb.append(' ').append(pad(fixed(r, digits), 9));
        sb.append(' ').append(pad(fixed(f, digits), 9));
        sb.append(' ').append(pad(Long.toString(support), 9)).append('\n');
    }

    /** Right-aligns {@code s} in {@code width} characters (Python's {@code {:>width}}). */
    private static String pad(String s, int width) {
        if (s.length() >= width) {
            return s;
        }
        return " ".repeat(width - s.length()) + s;
    }

    /**
     * Python's {@code format(v, '.{digits}f')}: the exact binary value rounded half-to-even, so that
     * e.g. 0.125 gives "0.12" and 2.675 (stored as 2.67499…) gives "2.67", where
     * {@code String.format("%.2f", 2.675)} gives "2.68".
     */
    static String fixed(double v, int digits) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        String text = new BigDecimal(v).setScale(digits, RoundingMode.HALF_EVEN).toPlainString();
        if (v < 0 || (v == 0.0 && 1.0 / v < 0)) {
            return text.startsWith("-") ? text : "-" + text;
        }
        return text;
    }

    /**
     * The text table with 2 decimals.
     *
     * @return {@link #toText()}
     */
    @Override
    public String toString() {
        return toText();
    }
}
