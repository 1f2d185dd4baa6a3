package io.detkit.metrics.classification;

/** Argument checks shared by the classification metrics; every failure is an {@link IllegalArgumentException}. */
final class Checks {
    private Checks() {}

    static void notNull(Object o, String name) {
        if (o == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
    }

    static void sameLength(String aName, int aLength, String bName, int bLength) {
        if (aLength != bLength) {
            throw new IllegalArgumentException(
                    "length mismatch: " + aName + " has " + aLength + " elements but " + bName + " has " + bLength);
        }
    }

    static void notEmpty(String name, int length) {
        if (length == 0) {
            throw new IllegalArgumentException(name + " is empty");
        }
    }

    /** Scores must be finite, as sklearn's {@code assert_all_finite} requires. */
    static void finite(double[] scores, String name) {
        for (int i = 0; i < scores.length; i++) {
            double s = scores[i];
            if (Double.isNaN(s)) {
                throw new IllegalArgumentException(name + "[" + i + "] is NaN; scores must be finite");
            }
            if (Double.isInfinite(s)) {
                throw new IllegalArgumentException(name + "[" + i + "] is " + s + "; scores must be finite");
            }
        }
    }

    static void inRange(int[] y, String name, int numClasses) {
        for (int i = 0; i < y.length; i++) {
            int v = y[i];
            if (v < 0 || v >= numClasses) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] = " + v + " is outside the label range [0, " + numClasses + ")");
            }
        }
    }

    static void positiveClassCount(int numClasses) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
    }

    static double zeroDivision(double value) {
        if (!(value == 0.0 || value == 1.0 || Double.isNaN(value))) {
            throw new IllegalArgumentException("zeroDivision must be 0, 1 or NaN, got " + value);
        }
        return value + 0.0; // -0.0 -> 0.0
    }

    static double beta(double beta) {
        if (!(beta >= 0.0)) { // rejects NaN and negatives; +Infinity is allowed (F = recall)
            throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        }
        return beta;
    }

    /** Score matrix: n rows of equal width {@code >= 2}, finite entries. Returns the width. */
    static int scoreMatrix(double[][] yScore, String name) {
        notNull(yScore, name);
        notEmpty(name, yScore.length);
        notNull(yScore[0], name + "[0]");
        int k = yScore[0].length;
        if (k < 2) {
            throw new IllegalArgumentException(name + " must have at least 2 columns (one per class), got " + k);
        }
        for (int i = 0; i < yScore.length; i++) {
            double[] row = yScore[i];
            notNull(row, name + "[" + i + "]");
            if (row.length != k) {
                throw new IllegalArgumentException(
                        name + " is ragged: row 0 has " + k + " columns but row " + i + " has " + row.length);
            }
            for (int j = 0; j < k; j++) {
                double s = row[j];
                if (Double.isNaN(s) || Double.isInfinite(s)) {
                    throw new IllegalArgumentException(
                            name + "[" + i + "][" + j + "] is " + s + "; scores must be finite");
                }
            }
        }
        return k;
    }
}
