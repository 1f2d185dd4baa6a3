package io.detkit.metrics.curves;

/**
 * Piecewise-linear interpolation with NumPy's {@code np.interp} rules, which the reference curves
 * rely on when sample points repeat.
 *
 * <p>For {@code xp} non-decreasing: {@code x < xp[0]} gives {@code left}, {@code x > xp[n−1]} gives
 * {@code right}. Otherwise let {@code j} be the <em>largest</em> index with {@code xp[j] ≤ x}; if
 * {@code j = n−1} or {@code xp[j] = x} the result is {@code fp[j]} (so on a run of equal
 * {@code xp} the last value wins), else it is {@code fp[j] + s·(x − xp[j])} with
 * {@code s = (fp[j+1] − fp[j]) / (xp[j+1] − xp[j])}.
 */
final class Interp {
    private Interp() {}

    static double at(double x, double[] xp, double[] fp, double left, double right) {
        int n = xp.length;
        if (x < xp[0]) {
            return left;
        }
        if (x > xp[n - 1]) {
            return right;
        }
        int lo = 0, hi = n - 1; // invariant: xp[lo] <= x; answer in [lo, hi]
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (xp[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        int j = lo;
        if (j == n - 1 || xp[j] == x) {
            return fp[j];
        }
        double slope = (fp[j + 1] - fp[j]) / (xp[j + 1] - xp[j]);
        double y = slope * (x - xp[j]) + fp[j];
        if (Double.isNaN(y)) {
            y = slope * (x - xp[j + 1]) + fp[j + 1];
            if (Double.isNaN(y) && fp[j] == fp[j + 1]) {
                y = fp[j];
            }
        }
        return y;
    }
}
