package io.detkit.metrics.curves;

/**
 * The operating point of maximum (smoothed) mean F1 and the metrics there. Arrays are copied in
 * and out: the record is immutable.
 *
 * @param index index into the confidence grid, −1 when there is no class with ground truth
 * @param confidence the confidence threshold {@code grid[index]} (NaN when {@code index = −1})
 * @param meanPrecision mean over classes of the precision at {@code index}
 * @param meanRecall mean over classes of the recall at {@code index}
 * @param meanF1 the unsmoothed mean F1 at {@code index}
 * @param precision per class (in {@link ConfidenceCurves#classes()} order) precision at {@code index}
 * @param recall per class recall at {@code index}
 * @param f1 per class F1 at {@code index}
 */
public record BestF1(int index, double confidence, double meanPrecision, double meanRecall, double meanF1,
        double[] precision, double[] recall, double[] f1) {

    /**
     * Copies the arrays.
     *
     * @param index see the record description
     * @param confidence see the record description
     * @param meanPrecision see the record description
     * @param meanRecall see the record description
     * @param meanF1 see the record description
     * @param precision see the record description
     * @param recall see the record description
     * @param f1 see the record description
     */
    public BestF1 {
        precision = precision.clone();
        recall = recall.clone();
        f1 = f1.clone();
    }

    /** @return per-class precision (a copy) */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** @return per-class recall (a copy) */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** @return per-class F1 (a copy) */
    @Override
    public double[] f1() {
        return f1.clone();
    }
}
