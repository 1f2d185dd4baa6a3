package io.detkit.metrics.classification;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An ordered list of distinct class labels and the index of each: the {@code labels=} argument of
 * sklearn's classification metrics, for labels of any type (strings, enums, boxed numbers).
 *
 * <p>Metric results are indexed by position in this list: row {@code i} of a confusion matrix, entry
 * {@code i} of a per-class precision array, both belong to {@code get(i)}.
 * {@link #sortedUnion(List, List)} gives sklearn's default ({@code unique_labels(y_true, y_pred)}:
 * every label seen in either list, in natural order); {@link #of(List)} fixes an order of your
 * choosing, and may leave out labels present in the data or add absent ones.
 *
 * @param <T> label type; {@code equals}/{@code hashCode} identify labels
 */
public final class Labels<T> {
    private final List<T> labels;
    private final Map<T, Integer> index;

    private Labels(List<T> labels) {
        this.labels = Collections.unmodifiableList(new ArrayList<>(labels));
        this.index = new HashMap<>(labels.size() * 2);
        for (int i = 0; i < labels.size(); i++) {
            T label = labels.get(i);
            if (label == null) {
                throw new IllegalArgumentException("labels[" + i + "] is null");
            }
            Integer previous = index.put(label, i);
            if (previous != null) {
                throw new IllegalArgumentException(
                        "labels must be distinct: " + label + " appears at positions " + previous + " and " + i);
            }
        }
    }

    /**
     * Labels in the given order.
     *
     * @param labels distinct, non-null labels
     * @param <T> label type
     * @return the label list
     * @throws IllegalArgumentException if a label is null or repeated
     */
    public static <T> Labels<T> of(List<T> labels) {
        Checks.notNull(labels, "labels");
        return new Labels<>(labels);
    }

    /**
     * Every label occurring in either list, sorted in natural order: sklearn's default label set.
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @param <T> comparable label type
     * @return the sorted union
     * @throws IllegalArgumentException if an element is null
     */
    public static <T extends Comparable<? super T>> Labels<T> sortedUnion(List<? extends T> yTrue,
                                                                         List<? extends T> yPred) {
        Checks.notNull(yTrue, "yTrue");
        Checks.notNull(yPred, "yPred");
        TreeSet<T> set = new TreeSet<>();
        addAll(set, yTrue, "yTrue");
        addAll(set, yPred, "yPred");
        return new Labels<>(new ArrayList<>(set));
    }

    private static <T> void addAll(TreeSet<T> set, List<? extends T> values, String name) {
        for (int i = 0; i < values.size(); i++) {
            T v = values.get(i);
            if (v == null) {
                throw new IllegalArgumentException(name + "[" + i + "] is null");
            }
            set.add(v);
        }
    }

    /**
     * The integers {@code 0 .. n-1}.
     *
     * @param n number of classes, at least 1
     * @return the labels {@code 0, 1, …, n-1}
     */
    public static Labels<Integer> range(int n) {
        Checks.positiveClassCount(n);
        List<Integer> list = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            list.add(i);
        }
        return new Labels<>(list);
    }

    /**
     * Number of labels.
     *
     * @return the size
     */
    public int size() {
        return labels.size();
    }

    /**
     * The label at a position.
     *
     * @param index position, {@code 0 <= index < size()}
     * @return the label
     */
    public T get(int index) {
        return labels.get(index);
    }

    /**
     * Position of a label.
     *
     * @param label a label
     * @return its position, or -1 if it is not in this list
     */
    public int indexOf(Object label) {
        Integer i = index.get(label);
        return i == null ? -1 : i;
    }

    /**
     * The labels as an unmodifiable list.
     *
     * @return the labels in order
     */
    public List<T> asList() {
        return labels;
    }

    /**
     * The labels as display strings ({@code String.valueOf}), as sklearn's report uses {@code "%s" % label}.
     *
     * @return one string per label
     */
    public List<String> names() {
        List<String> names = new ArrayList<>(labels.size());
        for (T label : labels) {
            names.add(String.valueOf(label));
        }
        return names;
    }

    /**
     * Positions of the given values in this list.
     *
     * @param values values to encode; none may be null
     * @param name name used in error messages
     * @param missing code to write for a value not in this list
     * @return one code per value
     * @throws IllegalArgumentException if a value is null
     */
    int[] encode(List<?> values, String name, int missing) {
        int[] out = new int[values.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = values.get(i);
            if (v == null) {
                throw new IllegalArgumentException(name + "[" + i + "] is null");
            }
            Integer idx = index.get(v);
            out[i] = idx == null ? missing : idx;
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Labels<?> other && labels.equals(other.labels);
    }

    @Override
    public int hashCode() {
        return Objects.hash(labels);
    }

    @Override
    public String toString() {
        return "Labels" + labels;
    }
}
