package io.detkit.metrics.curves;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Ultralytics-style confidence curves of a whole evaluation: per class P, R and F1 against the
 * confidence threshold, the mean F1 curve, the best-F1 operating point and the APs per IoU
 * threshold. Arrays are copied in and out: the record is immutable. Built by
 * {@link CurveEvaluator#confidenceCurves()}, which documents the formulas.
 *
 * @param iouThresholds the IoU thresholds; curves and F1 use the first
 * @param confidence the confidence grid, {@code np.linspace(0, 1, 1000)}
 * @param classes one entry per class that has ground truth, ascending class id
 * @param meanF1 mean over {@code classes} of the F1 curves (NaN when there is no class)
 * @param smoothedMeanF1 {@code meanF1} after the box filter that picks the operating point
 * @param best the operating point of maximum {@code smoothedMeanF1}
 */
public record ConfidenceCurves(double[] iouThresholds, double[] confidence, List<ClassCurves> classes, double[] meanF1,
        double[] smoothedMeanF1, BestF1 best) {

    /**
     * Copies the arrays and the list.
     *
     * @param iouThresholds see the record description
     * @param confidence see the record description
     * @param classes see the record description
     * @param meanF1 see the record description
     * @param smoothedMeanF1 see the record description
     * @param best see the record description
     */
    public ConfidenceCurves {
        iouThresholds = iouThresholds.clone();
        confidence = confidence.clone();
        classes = List.copyOf(classes);
        meanF1 = meanF1.clone();
        smoothedMeanF1 = smoothedMeanF1.clone();
    }

    /** @return the IoU thresholds (a copy) */
    @Override
    public double[] iouThresholds() {
        return iouThresholds.clone();
    }

    /** @return the confidence grid (a copy) */
    @Override
    public double[] confidence() {
        return confidence.clone();
    }

    /** @return the mean F1 curve (a copy) */
    @Override
    public double[] meanF1() {
        return meanF1.clone();
    }

    /** @return the smoothed mean F1 curve (a copy) */
    @Override
    public double[] smoothedMeanF1() {
        return smoothedMeanF1.clone();
    }

    /**
     * @param classId a class id
     * @return its curves
     * @throws NoSuchElementException if the class has no ground truth
     */
    public ClassCurves forClass(int classId) {
        for (ClassCurves c : classes) {
            if (c.classId() == classId) {
                return c;
            }
        }
        throw new NoSuchElementException("class " + classId + " has no ground truth");
    }

    /**
     * Mean over classes of the AP at one IoU threshold (mAP50 for index 0 with the defaults).
     *
     * @param thresholdIndex index into {@link #iouThresholds()}
     * @return the mean, NaN when there is no class
     */
    public double meanAp(int thresholdIndex) {
        double s = 0;
        for (ClassCurves c : classes) {
            s += c.ap()[thresholdIndex];
        }
        return classes.isEmpty() ? Double.NaN : s / classes.size();
    }

    /** @return mean over classes and IoU thresholds of the AP (mAP50-95 with the defaults) */
    public double meanAp() {
        double s = 0;
        for (ClassCurves c : classes) {
            s += c.meanAp();
        }
        return classes.isEmpty() ? Double.NaN : s / classes.size();
    }
}
