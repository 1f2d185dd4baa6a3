package io.detkit.metrics.classification;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * One-vs-rest evaluation of a binary ranking metric over a {@code n × K} score matrix: class
 * {@code k} is scored on column {@code k} with targets {@code y_true == k} (sklearn's
 * {@code label_binarize} followed by {@code _average_binary_score}).
 */
final class OneVsRest {
    private OneVsRest() {}

    /** Validates and returns K; every class {@code 0..K-1} must occur in yTrue. */
    static int validate(int[] yTrue, double[][] yScore) {
        Checks.notNull(yTrue, "yTrue");
        int k = Checks.scoreMatrix(yScore, "yScore");
        Checks.sameLength("yTrue", yTrue.length, "yScore", yScore.length);
        Checks.inRange(yTrue, "yTrue", k);
        long[] support = support(yTrue, k);
        List<Integer> missing = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            if (support[c] == 0) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Number of classes in yTrue (" + (k - missing.size())
                    + ") not equal to the number of columns in yScore (" + k + "); classes absent from yTrue: "
                    + missing);
        }
        return k;
    }

    static long[] support(int[] yTrue, int k) {
        long[] support = new long[k];
        for (int y : yTrue) {
            support[y]++;
        }
        return support;
    }

    static double[] perClass(int[] yTrue, double[][] yScore, int k, ToDoubleFunction<ThresholdCounts> metric) {
        int n = yTrue.length;
        double[] out = new double[k];
        boolean[] positive = new boolean[n];
        double[] column = new double[n];
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) {
                positive[i] = yTrue[i] == c;
                column[i] = yScore[i][c];
            }
            out[c] = metric.applyAsDouble(ThresholdCounts.of(positive, column));
        }
        return out;
    }

    static double micro(int[] yTrue, double[][] yScore, int k, ToDoubleFunction<ThresholdCounts> metric) {
        long cells = (long) yTrue.length * k;
        if (cells > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("micro average needs n·K = " + cells + " cells, more than an array holds");
        }
        boolean[] positive = new boolean[(int) cells];
        double[] flat = new double[(int) cells];
        int q = 0;
        for (int i = 0; i < yTrue.length; i++) {
            for (int c = 0; c < k; c++) {
                positive[q] = yTrue[i] == c;
                flat[q] = yScore[i][c];
                q++;
            }
        }
        return metric.applyAsDouble(ThresholdCounts.of(positive, flat));
    }

    static double average(int[] yTrue, double[][] yScore, int k, Average average,
                          ToDoubleFunction<ThresholdCounts> metric) {
        Checks.notNull(average, "average");
        if (average == Average.MICRO) {
            return micro(yTrue, yScore, k, metric);
        }
        double[] scores = perClass(yTrue, yScore, k, metric);
        if (average == Average.MACRO) {
            double s = 0;
            for (double v : scores) {
                s += v;
            }
            return s / k;
        }
        long[] support = support(yTrue, k);
        double ws = 0;
        double w = 0;
        for (int c = 0; c < k; c++) {
            ws += scores[c] * support[c];
            w += support[c];
        }
        return ws / w;
    }
}
