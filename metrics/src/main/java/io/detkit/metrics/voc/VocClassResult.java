package io.detkit.metrics.voc;

/**
 * Pascal VOC result of one class. Arrays are copied in and out, so the record is immutable.
 *
 * <p>The curve arrays have one entry per <em>scored</em> detection of the class, in decreasing
 * score order (stable on ties: insertion order). Detections whose best match is a "difficult"
 * ground truth are neither true nor false positives and have no entry; they are counted in
 * {@link #ignoredDetections()}. With {@code tp_i, fp_i} the cumulative counts after entry
 * {@code i}: {@code precision[i] = tp_i / (tp_i + fp_i)} and {@code recall[i] = tp_i / npos}
 * (NaN when {@code npos = 0}).
 *
 * @param classId the class
 * @param npos number of ground-truth objects that are not difficult
 * @param truePositives number of true-positive detections
 * @param falsePositives number of false-positive detections
 * @param ignoredDetections detections matched to a difficult ground truth
 * @param scores score of each entry, non-increasing
 * @param precision precision after each entry
 * @param recall recall after each entry, non-decreasing
 * @param apAllPoint all-point AP (VOC2010+), NaN when {@code npos = 0}
 * @param apElevenPoint 11-point AP (VOC2007), NaN when {@code npos = 0}
 */
public record VocClassResult(
        int classId,
        int npos,
        int truePositives,
        int falsePositives,
        int ignoredDetections,
        double[] scores,
        double[] precision,
        double[] recall,
        double apAllPoint,
        double apElevenPoint) {

    /**
     * Copies the arrays and checks their lengths.
     *
     * @param classId see the record description
     * @param npos see the record description
     * @param truePositives see the record description
     * @param falsePositives see the record description
     * @param ignoredDetections see the record description
     * @param scores see the record description
     * @param precision see the record description
     * @param recall see the record description
     * @param apAllPoint see the record description
     * @param apElevenPoint see the record description
     * @throws IllegalArgumentException if the arrays differ in length or do not have
     *     {@code truePositives + falsePositives} entries
     */
    public VocClassResult {
        scores = scores.clone();
        precision = precision.clone();
        recall = recall.clone();
        if (precision.length != scores.length || recall.length != scores.length
                || scores.length != truePositives + falsePositives) {
            throw new IllegalArgumentException("curve arrays must all have tp + fp entries");
        }
    }

    /** @return score of each entry (a copy) */
    @Override
    public double[] scores() {
        return scores.clone();
    }

    /** @return precision after each entry (a copy) */
    @Override
    public double[] precision() {
        return precision.clone();
    }

    /** @return recall after each entry (a copy) */
    @Override
    public double[] recall() {
        return recall.clone();
    }

    /** @return the precision envelope, {@code max_{j ≥ i} precision[j]} (a new array) */
    public double[] interpolatedPrecision() {
        return AveragePrecision.envelope(precision);
    }

    /** @return true when the class has at least one ground truth that is not difficult */
    public boolean hasPositives() {
        return npos > 0;
    }

    /**
     * @param method which AP
     * @return the AP by that method
     */
    public double ap(ApMethod method) {
        return method == ApMethod.ALL_POINT ? apAllPoint : apElevenPoint;
    }
}
