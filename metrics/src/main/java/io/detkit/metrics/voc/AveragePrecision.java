package io.detkit.metrics.voc;

/**
 * Pascal VOC average precision of one precision/recall curve.
 *
 * <p>Input: for the detections of one class in decreasing score order, {@code recall[i]} and
 * {@code precision[i]} after the first {@code i + 1} detections; recall never decreases.
 *
 * <p><b>Precision envelope.</b> {@code env[i] = max_{j ≥ i} precision[j]}: the best precision
 * reachable at a recall at least {@code recall[i]}.
 *
 * <p><b>All-point AP (VOC2010+).</b> With sentinels {@code r₀ = 0, p₀ = 0} in front and
 * {@code r_{n+1} = 1, p_{n+1} = 0} behind, take the envelope {@code P} of {@code p₀…p_{n+1}} and sum
 * the area of the step function: {@code AP = Σ_{i : r_i ≠ r_{i−1}} (r_i − r_{i−1})·P_i}, summed in
 * increasing {@code i}.
 *
 * <p><b>11-point AP (VOC2007).</b> {@code AP = (1/11)·Σ_{t ∈ grid} p_interp(t)}, with
 * {@code p_interp(t) = max{precision[i] : recall[i] ≥ t}} (0 when no recall reaches {@code t}); the
 * sum runs from {@code t = 1} down to {@code t = 0}, as the reference does. The grid is chosen by
 * {@link ElevenPointGrid}.
 *
 * <p>An empty curve (no detection) has AP 0. NaN recalls (a class without positives) give NaN.
 */
public final class AveragePrecision {
    private AveragePrecision() {}

    /**
     * The precision envelope.
     *
     * @param precision precision per detection in score order
     * @return {@code env[i] = max_{j ≥ i} precision[j]} (a new array)
     */
    public static double[] envelope(double[] precision) {
        double[] env = precision.clone();
        for (int i = env.length - 2; i >= 0; i--) {
            env[i] = Math.max(env[i], env[i + 1]);
        }
        return env;
    }

    /**
     * All-point interpolated AP (area under the precision envelope).
     *
     * @param recall recall per detection, non-decreasing
     * @param precision precision per detection
     * @return AP in [0, 1]; NaN if a recall is NaN
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static double allPoint(double[] recall, double[] precision) {
        checkLengths(recall, precision);
        int n = recall.length;
        double[] mrec = new double[n + 2];
        double[] mpre = new double[n + 2];
        System.arraycopy(recall, 0, mrec, 1, n);
        System.arraycopy(precision, 0, mpre, 1, n);
        mrec[n + 1] = 1.0;
        for (int i = n; i >= 0; i--) {
            mpre[i] = Math.max(mpre[i], mpre[i + 1]);
        }
        double ap = 0;
        for (int i = 1; i < n + 2; i++) {
            if (mrec[i] != mrec[i - 1]) {
                ap += (mrec[i] - mrec[i - 1]) * mpre[i];
            }
        }
        return ap;
    }

    /**
     * 11-point interpolated AP.
     *
     * @param recall recall per detection, non-decreasing
     * @param precision precision per detection
     * @param grid which floating-point recall grid
     * @return AP in [0, 1]; NaN if a recall is NaN
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public static double elevenPoint(double[] recall, double[] precision, ElevenPointGrid grid) {
        checkLengths(recall, precision);
        for (double r : recall) {
            if (Double.isNaN(r)) {
                return Double.NaN;
            }
        }
        double[] env = envelope(precision);
        double[] levels = grid.points();
        double sum = 0;
        for (int k = levels.length - 1; k >= 0; k--) {
            int first = firstAtLeast(recall, levels[k]);
            sum += first < recall.length ? env[first] : 0.0;
        }
        return sum / levels.length;
    }

    /** Index of the first recall ≥ t (recall is non-decreasing), or {@code recall.length}. */
    static int firstAtLeast(double[] recall, double t) {
        int lo = 0, hi = recall.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (recall[mid] >= t) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        return lo;
    }

    private static void checkLengths(double[] recall, double[] precision) {
        if (recall.length != precision.length) {
            throw new IllegalArgumentException(
                    "recall and precision lengths differ: " + recall.length + " vs " + precision.length);
        }
    }
}
