package io.detkit.metrics.curves;

import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;
import io.detkit.metrics.util.StableSort;
import java.util.Arrays;

/**
 * Which detections of one image are true positives at each of several IoU thresholds, with
 * Ultralytics' matching ({@code BaseValidator.match_predictions}).
 *
 * <p>For each threshold {@code t} separately:
 * <ol>
 *   <li>candidates are the (ground truth, detection) pairs of the same class with plain
 *       {@code IoU ≥ t};
 *   <li>they are ordered by IoU, highest first;
 *   <li>each detection keeps its first candidate (its highest-IoU ground truth);
 *   <li>the survivors are taken in detection-index order, and each ground truth keeps the first
 *       one: a ground truth claimed by several detections goes to the <em>lowest detection
 *       index</em> — not to the highest IoU. Callers therefore pass detections in decreasing
 *       score order (the order NMS produces), so the most confident detection wins;
 *   <li>the kept detections are true positives at {@code t}.
 * </ol>
 * A detection whose best ground truth went to another detection is a false positive at {@code t}
 * even if a second ground truth would have been free. Equal IoUs (step 2) are ordered as NumPy's
 * {@code argsort()[::-1]} orders them for small arrays: later (ground truth, detection) pairs in
 * row-major order first. IoUs are exact doubles; Ultralytics computes them in float32 with an
 * {@code eps = 1e-7} in the denominator, which can move pairs lying within about 1e-7 of a
 * threshold.
 */
public final class PredictionMatcher {
    private PredictionMatcher() {}

    /**
     * Matches detections to ground truths of one image.
     *
     * @param gtBoxes {@code 4·G} numbers, xyxy
     * @param gtClasses {@code G} class ids
     * @param detBoxes {@code 4·D} numbers, xyxy, in decreasing score order
     * @param detClasses {@code D} class ids
     * @param iouThresholds the thresholds, each in (0, 1]
     * @return {@code D·T} flags, row-major: {@code [d·T + t]} is true when detection {@code d} is a
     *     true positive at threshold {@code t}
     * @throws IllegalArgumentException on inconsistent lengths or a threshold outside (0, 1]
     */
    public static boolean[] match(double[] gtBoxes, int[] gtClasses, double[] detBoxes, int[] detClasses,
            double[] iouThresholds) {
        int g = gtClasses.length, d = detClasses.length, nt = iouThresholds.length;
        if (gtBoxes.length != 4 * g || detBoxes.length != 4 * d) {
            throw new IllegalArgumentException("box arrays must hold 4 numbers per class id");
        }
        double minT = Double.POSITIVE_INFINITY;
        for (double t : iouThresholds) {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + t);
            }
            minT = Math.min(minT, t);
        }
        boolean[] correct = new boolean[d * nt];
        if (g == 0 || d == 0 || nt == 0) {
            return correct;
        }
        // candidate pairs in reverse row-major order, so that a stable descending sort puts equal
        // IoUs in the order of a reversed stable ascending sort
        int cap = g * d;
        int[] pg = new int[cap], pd = new int[cap];
        double[] piou = new double[cap];
        int np = 0;
        for (int i = g - 1; i >= 0; i--) {
            for (int j = d - 1; j >= 0; j--) {
                if (gtClasses[i] != detClasses[j]) {
                    continue;
                }
                double iou = Iou.compute(IouKind.IOU, gtBoxes, 4 * i, detBoxes, 4 * j, false);
                if (iou >= minT) {
                    pg[np] = i;
                    pd[np] = j;
                    piou[np] = iou;
                    np++;
                }
            }
        }
        int[] pairs = new int[np];
        for (int k = 0; k < np; k++) {
            pairs[k] = k;
        }
        int[] order = StableSort.descending(piou, pairs);
        int[] bestGt = new int[d];
        boolean[] taken = new boolean[g];
        for (int t = 0; t < nt; t++) {
            double thr = iouThresholds[t];
            Arrays.fill(bestGt, -1);
            for (int k : order) {
                if (piou[k] >= thr && bestGt[pd[k]] < 0) {
                    bestGt[pd[k]] = pg[k];
                }
            }
            Arrays.fill(taken, false);
            for (int j = 0; j < d; j++) {
                int i = bestGt[j];
                if (i >= 0 && !taken[i]) {
                    taken[i] = true;
                    correct[j * nt + t] = true;
                }
            }
        }
        return correct;
    }
}
