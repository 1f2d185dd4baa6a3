package io.detkit.metrics.voc;

import io.detkit.metrics.util.Grids;

/**
 * The recall grid of the 11-point (VOC2007) interpolated AP.
 *
 * <p>The VOC2007 devkit ({@code np.arange(0., 1.1, 0.1)}) and the reference implementation this
 * project checks against ({@code np.linspace(0, 1, 11)}) both compute the grid as {@code k·0.1} in
 * floating point. Three of those points are not the doubles nearest to the decimal tenths:
 * {@code 0.30000000000000004}, {@code 0.6000000000000001} and {@code 0.7000000000000001}. Because
 * a recall is compared with {@code ≥}, a recall of exactly {@code 9/15 = 0.6} (the double nearest
 * to 0.6) does <em>not</em> reach the reference 7th point, and the AP changes. {@link #REFERENCE}
 * reproduces published numbers; {@link #EXACT_TENTHS} uses {@code k/10.0}, the doubles nearest to
 * the tenths, which is what the definition on paper means.
 */
public enum ElevenPointGrid {
    /** {@code k·0.1} for {@code k = 0…10}, as NumPy computes it (the default). */
    REFERENCE,
    /** {@code k/10.0} for {@code k = 0…10}: the doubles nearest to 0, 0.1, …, 1. */
    EXACT_TENTHS;

    private static final double[] REFERENCE_POINTS = Grids.linspace(0, 1, 11);
    private static final double[] EXACT_POINTS = exactTenths();

    /** @return the 11 recall levels in increasing order (a new array) */
    public double[] points() {
        return (this == REFERENCE ? REFERENCE_POINTS : EXACT_POINTS).clone();
    }

    private static double[] exactTenths() {
        double[] p = new double[11];
        for (int k = 0; k <= 10; k++) {
            p[k] = k / 10.0;
        }
        return p;
    }
}
