package io.detkit.metrics.curves;

/**
 * The box filter Ultralytics applies to the mean F1 curve before picking its maximum
 * ({@code smooth(y, f)}): {@code nf = round_half_even(2·f·n) // 2 + 1} taps (odd), the input
 * padded with {@code nf // 2} copies of its first and last value, then a moving average of
 * {@code nf} values, so the output has the input's length.
 */
final class Smooth {
    private Smooth() {}

    static double[] boxFilter(double[] y, double fraction) {
        int n = y.length;
        if (n == 0) {
            return new double[0];
        }
        int nf = (int) (Math.rint(n * fraction * 2) / 2) + 1;
        int half = nf / 2;
        double w = 1.0 / nf;
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            double s = 0;
            for (int m = k - half; m <= k + half; m++) {
                s += y[Math.max(0, Math.min(n - 1, m))] * w;
            }
            out[k] = s;
        }
        return out;
    }
}
