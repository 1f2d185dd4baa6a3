package io.detkit.metrics.curves;

import io.detkit.metrics.util.Grids;
import io.detkit.metrics.voc.AveragePrecision;
import io.detkit.metrics.voc.VocClassResult;

/**
 * The precision/recall curve of one class, point by point, with its interpolated envelope and a
 * fixed-size sampling for plots. Arrays are copied in and out: the record is immutable.
 *
 * <p>Point {@code i} is the state after the {@code i + 1} most confident detections of the class:
 * {@code recall[i] = TP_i / positives}, {@code precision[i] = TP_i / (i + 1)} (for VOC curves,
 * detections on difficult objects are skipped, see {@link VocClassResult}). The interpolated
 * precision is {@code p_interp(r) = max{precision[i] : recall[i] ≥ r}} (0 when no point reaches
 * {@code r}); {@link #interpolatedPrecision()} is it at each point, and {@link #sampledPrecision()}
 * at the {@value #SAMPLES} recall levels {@code 0, 0.01, …, 1} ({@link #recallGrid()}, computed as
 * {@code np.linspace(0, 1, 101)}).
 *
 * @param classId the class
 * @param scores score of each point, non-increasing
 * @param recall recall at each point, non-decreasing
 * @param precision precision at each point
 */
public record PrCurve(int classId, double[] scores, double[] recall, double[] precision) {
    /** Number of recall levels of {@link #sampledPrecision()}. */
    public static final int SAMPLES = 101;

    private static final double[] RECALL_GRID = Grids.linspace(0, 1, SAMPLES);

    /**
     * Copies the arrays and checks their lengths.
     *
     * @param classId see the record description
     * @param scores see the record description
     * @param recall see the record description
     * @param precision see the record description
     * @throws IllegalArgumentException if the arrays differ in length
     */
    public PrCurve {
        scores = scores.clone();
        recall = recall.clone();
        precision = precision.clone();
        if (recall.length != scores.length || precision.length != scores.length) {
            throw new IllegalArgumentException("scores, recall and precision must have the same length");
        }
    }

    /**
     * The curve of a Pascal VOC class result.
     *
     * @param r the VOC result of one class
     * @return its curve
     */
    public static PrCurve fromVoc(VocClassResult r) {
        return new PrCurve(r.classId(), r.scores(), r.recall(), r.precision());
    }

    /** @return the {@value #SAMPLES} recall levels {@code k/100} (a new array) */
    public static double[] recallGrid() {
        return RECALL_GRID.clone();
    }

    /** @return score of each point (a copy) */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** @return recall at each point (a copy) */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** @return precision at each point (a copy) */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** @return number of points */
    public int size() {
        return scores.length;
    }

    /** @return the envelope {@code max_{j ≥ i} precision[j]} at each point (a new array) */
    public double[] interpolatedPrecision() {
        return AveragePrecision.envelope(precision);
    }

    /**
     * The interpolated precision at the recall levels of {@link #recallGrid()}, for plotting.
     *
     * @return {@value #SAMPLES} values, non-increasing
     */
    public double[] sampledPrecision() {
        double[] env = AveragePrecision.envelope(precision);
        double[] out = new double[SAMPLES];
        int i = 0;
        for (int k = 0; k < SAMPLES; k++) {
            while (i < recall.length && !(recall[i] >= RECALL_GRID[k])) {
                i++;
            }
            out[k] = i < recall.length ? env[i] : 0.0;
        }
        return out;
    }
}
