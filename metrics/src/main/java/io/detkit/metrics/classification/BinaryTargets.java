package io.detkit.metrics.classification;

import java.util.Arrays;

/** Turns integer targets into a positive-class mask, with sklearn's rules for the positive label. */
final class BinaryTargets {
    private BinaryTargets() {}

    /** {@code yTrue[i] == posLabel}. */
    static boolean[] equalTo(int[] yTrue, int posLabel) {
        Checks.notNull(yTrue, "yTrue");
        boolean[] out = new boolean[yTrue.length];
        for (int i = 0; i < yTrue.length; i++) {
            out[i] = yTrue[i] == posLabel;
        }
        return out;
    }

    /**
     * sklearn's {@code pos_label=None} rule: the values must be {0, 1} or {-1, 1} (or one of their
     * single values); the positive label is 1.
     */
    static boolean[] inferred(int[] yTrue) {
        Checks.notNull(yTrue, "yTrue");
        boolean minusOne = false;
        boolean zero = false;
        boolean other = false;
        for (int v : yTrue) {
            if (v == -1) {
                minusOne = true;
            } else if (v == 0) {
                zero = true;
            } else if (v != 1) {
                other = true;
                break;
            }
        }
        if (other || (minusOne && zero)) {
            throw new IllegalArgumentException("yTrue takes values in " + describe(distinct(yTrue))
                    + " and posLabel is not specified: either make yTrue take values in {0, 1} or {-1, 1}"
                    + " or pass posLabel explicitly");
        }
        return equalTo(yTrue, 1);
    }

    /** Sorted distinct values. */
    static int[] distinct(int[] y) {
        int[] s = y.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (i == 0 || s[i] != s[i - 1]) {
                s[m++] = s[i];
            }
        }
        return Arrays.copyOf(s, m);
    }

    static String describe(int[] values) {
        StringBuilder sb = new StringBuilder("{");
        int shown = Math.min(values.length, 10);
        for (int i = 0; i < shown; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(values[i]);
        }
        if (values.length > shown) {
            sb.append(", … (").append(values.length).append(" distinct values)");
        }
        return sb.append('}').toString();
    }
}
