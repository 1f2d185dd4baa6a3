package io.detkit.metrics.curves;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An immutable detection confusion matrix of size {@code (numClasses + 1)²}.
 *
 * <p><b>ROWS = PREDICTED class, COLUMNS = TRUE class; the last index ({@code numClasses}) is
 * background.</b> Cell (p, t) counts ground truths of class t matched to a detection of class p;
 * row background holds missed ground truths (false negatives), column background holds
 * detections that matched nothing (false positives); cell (background, background) is always 0.
 * See {@link ConfusionMatrixEvaluator} for the matching.
 *
 * <p>{@link #normalized()} divides each column by its total, so a column shows where the objects
 * of one true class went (a column of zeros stays zeros).
 *
 * @param numClasses number of classes, without background
 * @param confidenceThreshold detections at or below it were dropped
 * @param iouThreshold pairs needed an IoU strictly above it
 * @param counts {@code counts[predicted][true]} (deep copies in and out)
 */
public record ConfusionMatrix(int numClasses, double confidenceThreshold, double iouThreshold, long[][] counts) {

    /**
     * Copies and checks the counts.
     *
     * @param numClasses see the record description
     * @param confidenceThreshold see the record description
     * @param iouThreshold see the record description
     * @param counts see the record description
     * @throws IllegalArgumentException if {@code counts} is not {@code (numClasses + 1)} square
     */
    public ConfusionMatrix {
        int n = numClasses + 1;
        if (counts.length != n) {
            throw new IllegalArgumentException("counts must have " + n + " rows");
        }
        long[][] copy = new long[n][];
        for (int p = 0; p < n; p++) {
            if (counts[p].length != n) {
                throw new IllegalArgumentException("counts must have " + n + " columns");
            }
            copy[p] = counts[p].clone();
        }
        counts = copy;
    }

    static ConfusionMatrix ofFlat(int numClasses, double conf, double iou, long[] flat) {
        int n = numClasses + 1;
        long[][] m = new long[n][n];
        for (int p = 0; p < n; p++) {
            System.arraycopy(flat, p * n, m[p], 0, n);
        }
        return new ConfusionMatrix(numClasses, conf, iou, m);
    }

    /** @return {@code counts[predicted][true]} (a deep copy) */
    @Override
    public long[][] counts() {
        long[][] copy = new long[counts.length][];
        for (int p = 0; p < counts.length; p++) {
            copy[p] = counts[p].clone();
        }
        return copy;
    }

    /** @return the background index, {@code numClasses} */
    public int background() {
        return numClasses;
    }

    /**
     * @param predicted predicted class, or {@link #background()}
     * @param actual true class, or {@link #background()}
     * @return the count
     */
    public long count(int predicted, int actual) {
        return counts[predicted][actual];
    }

    /** @return the sum of all cells: ground truths plus unmatched kept detections */
    public long total() {
        long s = 0;
        for (long[] row : counts) {
            for (long v : row) {
                s += v;
            }
        }
        return s;
    }

    /** @return per class, matched pairs with the right class (the diagonal, background excluded) */
    public long[] truePositives() {
        long[] tp = new long[numClasses];
        for (int c = 0; c < numClasses; c++) {
            tp[c] = counts[c][c];
        }
        return tp;
    }

    /** @return per predicted class, its row total minus the diagonal (wrong class or background) */
    public long[] falsePositives() {
        long[] fp = new long[numClasses];
        for (int c = 0; c < numClasses; c++) {
            for (int t = 0; t <= numClasses; t++) {
                fp[c] += t == c ? 0 : counts[c][t];
            }
        }
        return fp;
    }

    /** @return per true class, its column total minus the diagonal (missed or wrong class) */
    public long[] falseNegatives() {
        long[] fn = new long[numClasses];
        for (int c = 0; c < numClasses; c++) {
            for (int p = 0; p <= numClasses; p++) {
                fn[c] += p == c ? 0 : counts[p][c];
            }
        }
        return fn;
    }

    /** @return {@code counts[p][t] / Σ_p counts[p][t]}, each column summing to 1 (or all 0) */
    public double[][] normalized() {
        int n = numClasses + 1;
        double[][] out = new double[n][n];
        for (int t = 0; t < n; t++) {
            long col = 0;
            for (int p = 0; p < n; p++) {
                col += counts[p][t];
            }
            for (int p = 0; p < n; p++) {
                out[p][t] = col == 0 ? 0.0 : counts[p][t] / (double) col;
            }
        }
        return out;
    }

    /**
     * A text table of the counts, one row per predicted class.
     *
     * @param classNames one name per class id (background is added), or an empty list for ids
     * @return the table, lines separated by {@code \n}
     */
    public String render(List<String> classNames) {
        return render(classNames, false);
    }

    /**
     * A text table of the counts or of the column-normalised fractions (two decimals).
     *
     * @param classNames one name per class id (background is added), or an empty list for ids
     * @param normalized print {@link #normalized()} instead of the counts
     * @return the table, lines separated by {@code \n}
     * @throws IllegalArgumentException if the names list is neither empty nor one per class
     */
    public String render(List<String> classNames, boolean normalized) {
        if (!classNames.isEmpty() && classNames.size() != numClasses) {
            throw new IllegalArgumentException("need " + numClasses + " class names, got " + classNames.size());
        }
        int n = numClasses + 1;
        List<String> labels = new ArrayList<>(n);
        for (int c = 0; c < numClasses; c++) {
            labels.add(classNames.isEmpty() ? Integer.toString(c) : classNames.get(c));
        }
        labels.add("background");
        double[][] norm = normalized ? normalized() : null;
        String[][] cells = new String[n][n];
        int width = 0;
        for (String l : labels) {
            width = Math.max(width, l.length());
        }
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < n; t++) {
                cells[p][t] = normalized ? String.format(Locale.ROOT, "%.2f", norm[p][t]) : Long.toString(counts[p][t]);
                width = Math.max(width, cells[p][t].length());
            }
        }
        String corner = "pred \\ true";
        int first = Math.max(width, corner.length());
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Confusion matrix%s: rows = predicted, columns = true "
                + "(score > %s, IoU > %s)\n", normalized ? " (column-normalised)" : "",
                num(confidenceThreshold), num(iouThreshold)));
        sb.append(pad(corner, first, false));
        for (String l : labels) {
            sb.append("  ").append(pad(l, width, true));
        }
        sb.append('\n');
        for (int p = 0; p < n; p++) {
            sb.append(pad(labels.get(p), first, false));
            for (int t = 0; t < n; t++) {
                sb.append("  ").append(pad(cells[p][t], width, true));
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** @return {@link #render(List)} with class ids as names */
    @Override
    public String toString() {
        return render(List.of());
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%s", v);
    }

    private static String pad(String s, int width, boolean right) {
        String fill = " ".repeat(Math.max(0, width - s.length()));
        return right ? fill + s : s + fill;
    }
}
