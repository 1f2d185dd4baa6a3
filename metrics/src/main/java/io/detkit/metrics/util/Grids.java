package io.detkit.metrics.util;

/**
 * Evenly spaced grids computed exactly as NumPy's {@code np.linspace(start, stop, num)} computes
 * them, so that thresholds derived from a grid agree bit for bit with Python reference tools.
 *
 * <p>Point {@code k} is {@code start + k·step} with {@code step = (stop − start)/(num − 1)}, and
 * the last point is set to {@code stop}. This is <em>not</em> the same as exact decimal fractions:
 * {@code linspace(0, 1, 11)} has {@code 6·0.1 = 0.6000000000000001} as its 7th point, just above
 * the double nearest to 0.6; repeated addition ({@code 0.1 + 0.1 + …}) gives yet another grid
 * ({@code 0.7999999999999999} as its 9th point) and is not used here.
 */
public final class Grids {
    private Grids() {}

    /**
     * NumPy-compatible {@code linspace} with the end point included.
     *
     * @param start first value
     * @param stop last value
     * @param num number of points, at least 1
     * @return {@code num} points; {@code {start}} when {@code num == 1}
     * @throws IllegalArgumentException if {@code num < 1}
     */
    public static double[] linspace(double start, double stop, int num) {
        if (num < 1) {
            throw new IllegalArgumentException("num must be at least 1, got " + num);
        }
        double[] out = new double[num];
        if (num == 1) {
            out[0] = start;
            return out;
        }
        double step = (stop - start) / (num - 1);
        for (int k = 0; k < num; k++) {
            out[k] = k * step + start;
        }
        out[num - 1] = stop;
        return out;
    }
}
