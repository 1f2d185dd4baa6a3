package io.detkit.metrics.classification;

import java.util.List;

/**
 * Multi-class confusion matrix, as sklearn's {@code confusion_matrix}.
 *
 * <p><b>Orientation: rows are true labels, columns are predicted labels.</b> Entry
 * {@code C[i][j]} is the number of samples whose true label is label {@code i} and whose predicted
 * label is label {@code j}:
 * <pre>
 *   C[i][j] = #{ s : y_true[s] = label_i  and  y_pred[s] = label_j }
 * </pre>
 * so row sums are the class supports, column sums are the prediction counts, and the diagonal
 * holds the correct predictions. For two labels {@code (negative, positive)}, the layout is
 * <pre>
 *   [[TN, FP],
 *    [FN, TP]]
 * </pre>
 * Wikipedia and some other libraries use the transposed convention.
 *
 * <p>Labels and the order of rows and columns: the {@code int[]} overload with {@code numClasses}
 * uses {@code 0 .. numClasses-1} and rejects any other value; the overloads without labels use the
 * sorted union of the values present (sklearn's default); those with labels use the given order,
 * and — as sklearn does — <em>drop every sample whose true or predicted label is not among
 * them</em>, so the matrix can then sum to less than {@code n}.
 *
 * <p>{@link #normalized(Normalization)} divides by row sums, column sums or the total (see
 * {@link Normalization}). Instances are immutable.
 */
public final class ConfusionMatrix {
    private final int k;
    private final long[] counts; // row-major k*k
    private final List<String> names;

    private ConfusionMatrix(int k, long[] counts, List<String> names) {
        this.k = k;
        this.counts = counts;
        this.names = List.copyOf(names);
    }

    /**
     * Confusion matrix over the labels {@code 0 .. numClasses-1}.
     *
     * @param yTrue true labels, each in {@code [0, numClasses)}
     * @param yPred predicted labels, each in {@code [0, numClasses)}
     * @param numClasses number of classes, at least 1
     * @return the {@code numClasses × numClasses} matrix, summing to {@code yTrue.length}
     * @throws IllegalArgumentException on a length mismatch or a label outside the range
     */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred, int numClasses) {
        return from(EncodedLabels.strict(yTrue, yPred, numClasses));
    }

    /**
     * Confusion matrix over the sorted distinct values of {@code yTrue ∪ yPred} (sklearn's default).
     *
     * @param yTrue true labels, any integers
     * @param yPred predicted labels, any integers
     * @return the matrix; {@link #labelNames()} lists the labels in order
     * @throws IllegalArgumentException on a length mismatch
     */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred) {
        return from(EncodedLabels.present(yTrue, yPred));
    }

    /**
     * Confusion matrix over the given labels, in the given order (sklearn's {@code labels=}).
     * Samples whose true or predicted value is not in {@code labels} are left out.
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param labels distinct labels indexing the rows and columns
     * @return the {@code labels.length × labels.length} matrix
     * @throws IllegalArgumentException on a length mismatch, empty or repeated labels, or — when
     *     {@code yTrue} is not empty — if no label of {@code labels} occurs in {@code yTrue}
     */
    public static ConfusionMatrix of(int[] yTrue, int[] yPred, int[] labels) {
        return fromGiven(EncodedLabels.withLabels(yTrue, yPred, labels));
    }

    /**
     * Confusion matrix over the sorted distinct labels of both lists (sklearn's default).
     *
     * @param yTrue true labels, non-null
     * @param yPred predicted labels, non-null
     * @param <T> comparable label type
     * @return the matrix, rows and columns in the order of {@link Labels#sortedUnion(List, List)}
     * @throws IllegalArgumentException on a length mismatch or a null element
     */
    public static <T extends Comparable<? super T>> ConfusionMatrix of(List<? extends T> yTrue,
                                                                       List<? extends T> yPred) {
        return from(EncodedLabels.of(yTrue, yPred, Labels.<T>sortedUnion(yTrue, yPred), false));
    }

    /**
     * Confusion matrix over the given labels, in their order (sklearn's {@code labels=}). Samples
     * whose true or predicted label is not in {@code labels} are left out.
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param labels labels indexing the rows and columns
     * @param <T> label type
     * @return the matrix
     * @throws IllegalArgumentException on a length mismatch, a null element, empty labels, or — when
     *     {@code yTrue} is not empty — if no label of {@code labels} occurs in {@code yTrue}
     */
    public static <T> ConfusionMatrix of(List<? extends T> yTrue, List<? extends T> yPred, Labels<T> labels) {
        Checks.notNull(labels, "labels");
        Checks.notEmpty("labels", labels.size());
        return fromGiven(EncodedLabels.of(yTrue, yPred, labels, true));
    }

    private static ConfusionMatrix fromGiven(EncodedLabels e) {
        if (e.size() > 0) {
            boolean anyTrueInLabels = false;
            for (int t : e.yTrue) {
                if (t < e.k) {
                    anyTrueInLabels = true;
                    break;
                }
            }
            if (!anyTrueInLabels) {
                throw new IllegalArgumentException("At least one label specified must be in yTrue; labels = "
                        + e.names);
            }
        }
        return from(e);
    }

    static ConfusionMatrix from(EncodedLabels e) {
        int k = e.k;
        long[] c = new long[k * k];
        int[] t = e.yTrue;
        int[] p = e.yPred;
        for (int s = 0; s < t.length; s++) {
            int i = t[s];
            int j = p[s];
            if (i < k && j < k) {
                c[i * k + j]++;
            }
        }
        return new ConfusionMatrix(k, c, e.names);
    }

    /**
     * Number of labels (rows = columns).
     *
     * @return {@code K}
     */
    public int numClasses() {
        return k;
    }

    /**
     * The labels, as strings, in row/column order.
     *
     * @return {@code K} names
     */
    public List<String> labelNames() {
        return names;
    }

    /**
     * One cell.
     *
     * @param trueIndex row: position of the true label
     * @param predIndex column: position of the predicted label
     * @return number of samples of true label {@code trueIndex} predicted as {@code predIndex}
     */
    public long count(int trueIndex, int predIndex) {
        java.util.Objects.checkIndex(trueIndex, k);
        java.util.Objects.checkIndex(predIndex, k);
        return counts[trueIndex * k + predIndex];
    }

    /**
     * The counts as a fresh {@code K × K} array, {@code [true][pred]}.
     *
     * @return a copy of the matrix
     */
    public long[][] counts() {
        long[][] out = new long[k][k];
        for (int i = 0; i < k; i++) {
            System.arraycopy(counts, i * k, out[i], 0, k);
        }
        return out;
    }

    /**
     * The counts flattened row by row (numpy's {@code ravel()}); for two labels this is
     * {@code [TN, FP, FN, TP]}.
     *
     * @return a fresh array of {@code K·K} counts
     */
    public long[] ravel() {
        return counts.clone();
    }

    /**
     * Sum of all cells: the number of samples counted.
     *
     * @return {@code Σ C}
     */
    public long total() {
        long s = 0;
        for (long c : counts) {
            s += c;
        }
        return s;
    }

    /**
     * Row sums: the number of samples of each true label (support).
     *
     * @return {@code K} sums
     */
    public long[] rowSums() {
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out[i] += counts[i * k + j];
            }
        }
        return out;
    }

    /**
     * Column sums: the number of samples predicted as each label.
     *
     * @return {@code K} sums
     */
    public long[] columnSums() {
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                out[j] += counts[i * k + j];
            }
        }
        return out;
    }

    /**
     * The diagonal: correct predictions per label.
     *
     * @return {@code K} counts {@code C[i][i]}
     */
    public long[] diagonal() {
        long[] out = new long[k];
        for (int i = 0; i < k; i++) {
            out[i] = counts[i * k + i];
        }
        return out;
    }

    /**
     * The matrix divided by row sums, column sums or the total; 0/0 cells are 0.
     *
     * @param normalization which sums to divide by
     * @return a fresh {@code K × K} array {@code [true][pred]}
     */
    public double[][] normalized(Normalization normalization) {
        Checks.notNull(normalization, "normalization");
        double[][] out = new double[k][k];
        long[] rows = rowSums();
        long[] cols = columnSums();
        long all = total();
        for (int i = 0; i < k; i++) {
            for (int j = 0; j < k; j++) {
                long c = counts[i * k + j];
                long d = switch (normalization) {
                    case NONE -> 1;
                    case TRUE -> rows[i];
                    case PRED -> cols[j];
                    case ALL -> all;
                };
                out[i][j] = d == 0 ? 0.0 : (double) c / d;
            }
        }
        return out;
    }

    /**
     * Fraction of counted samples on the diagonal, {@code trace(C) / Σ C} (NaN if the matrix is
     * empty). Equals {@link Accuracy#score(int[], int[])} unless samples were dropped because
     * their labels were not among explicitly given labels.
     *
     * @return the accuracy of the counted samples
     */
    public double accuracy() {
        long all = total();
        long diag = 0;
        for (int i = 0; i < k; i++) {
            diag += counts[i * k + i];
        }
        return all == 0 ? Double.NaN : (double) diag / all;
    }

    /**
     * A text table: one row per true label, one column per predicted label.
     *
     * @return the rendered matrix
     */
    @Override
    public String toString() {
        int w = 4;
        for (String n : names) {
            w = Math.max(w, n.length());
        }
        for (long c : counts) {
            w = Math.max(w, Long.toString(c).length());
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%" + w + "s", "t\\p"));
        for (String n : names) {
            sb.append(' ').append(String.format("%" + w + "s", n));
        }
        for (int i = 0; i < k; i++) {
            sb.append('\n').append(String.format("%" + w + "s", names.get(i)));
            for (int j = 0; j < k; j++) {
                sb.append(' ').append(String.format("%" + w + "d", counts[i * k + j]));
            }
        }
        return sb.toString();
    }
}
