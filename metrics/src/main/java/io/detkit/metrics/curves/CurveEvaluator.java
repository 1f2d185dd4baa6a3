package io.detkit.metrics.curves;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.util.DoubleList;
import io.detkit.metrics.util.Grids;
import io.detkit.metrics.util.IntList;
import io.detkit.metrics.util.StableSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Accumulates detections image by image and produces Ultralytics-style curves: precision, recall
 * and F1 against the confidence threshold, per-class precision/recall curves, and APs per IoU
 * threshold ({@code ultralytics.utils.metrics.ap_per_class}).
 *
 * <p><b>Matching.</b> In {@link #add}, the detections of the image are put in decreasing score
 * order (stable; this is NMS output order) and matched with {@link PredictionMatcher} at every IoU
 * threshold, which gives each detection a row of TP flags. Ground truths flagged {@code ignore}
 * are ordinary ground truths here: Ultralytics has no notion of difficult or crowd objects.
 *
 * <p><b>Per class</b> {@code c} with {@code n_l > 0} ground truths (classes with detections only are
 * left out, as in the reference): its {@code n_p} detections over all images, in decreasing score
 * (stable: order of {@code add}), give cumulative {@code TP_i} and {@code FP_i = i + 1 − TP_i} and
 * <ul>
 *   <li>{@code recall_i = TP_i / (n_l + 1e-16)}, {@code precision_i = TP_i / (TP_i + FP_i)};
 *   <li>on the grid {@code x = np.linspace(0, 1, 1000)} of confidences, with {@code s_i} the
 *       scores: {@code R(x) = interp(−x, −s, recall, left = 0)} and
 *       {@code P(x) = interp(−x, −s, precision, left = 1)} (see {@link Interp}: linear between
 *       detections, 0 recall / precision 1 above the top score, last value below the lowest),
 *       {@code F1(x) = 2·P·R / (P + R + 1e-16)}; P, R and F1 use the first IoU threshold;
 *   <li>AP per IoU threshold: precision envelope of {@code [1, precision…, 0]} over
 *       {@code [0, recall…, 1]}, interpolated at 101 recalls {@code linspace(0, 1, 101)} and
 *       integrated by the trapezoid rule;
 *   <li>a class without detections has zero curves and zero APs.
 * </ul>
 *
 * <p><b>Best F1.</b> The mean F1 curve over classes is smoothed with a box filter of
 * {@code 2·⌊round(0.1·1000·2)/2⌋ + 1 = 101} taps (edges padded with the end values); its first
 * maximum gives the operating confidence, where per-class and mean P, R, F1 are reported.
 * (Ultralytics' plots smooth with a fraction of 0.05 for the label only; the operating point uses
 * 0.1.)
 *
 * <p>Differences from the reference are in ties only: detections with equal scores keep insertion
 * order (NumPy's {@code argsort} does not promise an order), and IoUs are exact doubles.
 *
 * <p>Not thread-safe.
 */
public final class CurveEvaluator {
    /** Number of points of the confidence grid. */
    public static final int GRID_POINTS = 1000;
    /** Fraction of the box filter applied to the mean F1 curve. */
    public static final double F1_SMOOTHING = 0.1;

    private static final double EPS = 1e-16;

    private final double[] iouThresholds;
    private final Set<String> imageKeys = new HashSet<>();
    private final DoubleList scores = new DoubleList();
    private final IntList classes = new IntList();
    private final BitSet tp = new BitSet();
    private final Map<Integer, int[]> labelCounts = new TreeMap<>();

    /** An evaluator at the IoU thresholds 0.50, 0.55, …, 0.95. */
    public CurveEvaluator() {
        this(defaultIouThresholds());
    }

    /**
     * An evaluator at the given IoU thresholds.
     *
     * @param iouThresholds one or more thresholds in (0, 1]; curves and F1 use the first
     * @throws IllegalArgumentException if there is none, or one is outside (0, 1]
     */
    public CurveEvaluator(double[] iouThresholds) {
        if (iouThresholds.length == 0) {
            throw new IllegalArgumentException("at least one IoU threshold is needed");
        }
        for (double t : iouThresholds) {
            if (!(t > 0 && t <= 1)) {
                throw new IllegalArgumentException("IoU threshold must be in (0, 1], got " + t);
            }
        }
        this.iouThresholds = iouThresholds.clone();
    }

    /** @return {@code np.linspace(0.5, 0.95, 10)}: 0.50, 0.55, …, 0.95 */
    public static double[] defaultIouThresholds() {
        return Grids.linspace(0.5, 0.95, 10);
    }

    /** @return the IoU thresholds (a copy) */
    public double[] iouThresholds() {
        return iouThresholds.clone();
    }

    /**
     * Adds the ground truth and detections of one image.
     *
     * @param imageKey a key unique to the image
     * @param groundTruths its ground-truth objects ({@code ignore} is not used)
     * @param detections its detections, any order
     * @throws IllegalArgumentException if the key was already added, or a score is NaN
     * @throws NullPointerException if an argument or an element is null
     */
    public void add(String imageKey, List<GroundTruth> groundTruths, List<Detection> detections) {
        Objects.requireNonNull(imageKey, "imageKey");
        ImageArrays im = ImageArrays.of(imageKey, groundTruths, detections);
        if (!imageKeys.add(imageKey)) {
            throw new IllegalArgumentException("image " + imageKey + " was already added");
        }
        for (int c : im.gtClasses()) {
            labelCounts.computeIfAbsent(c, k -> new int[1])[0]++;
        }
        boolean[] correct = PredictionMatcher.match(im.gtBoxes(), im.gtClasses(), im.detBoxes(), im.detClasses(),
                iouThresholds);
        int nt = iouThresholds.length;
        for (int j = 0; j < im.detClasses().length; j++) {
            int row = scores.size();
            scores.add(im.detScores()[j]);
            classes.add(im.detClasses()[j]);
            for (int t = 0; t < nt; t++) {
                if (correct[j * nt + t]) {
                    tp.set(row * nt + t);
                }
            }
        }
    }

    /** @return number of images added */
    public int imageCount() {
        return imageKeys.size();
    }

    /**
     * The precision/recall curve of every class with ground truth at one IoU threshold.
     *
     * @param thresholdIndex index into {@link #iouThresholds()}
     * @return one curve per class with ground truth, ascending class id
     */
    public List<PrCurve> prCurves(int thresholdIndex) {
        Objects.checkIndex(thresholdIndex, iouThresholds.length);
        List<PrCurve> out = new ArrayList<>();
        double[] s = scores.toArray();
        int[] order = StableSort.descending(s);
        int[] cls = classes.toArray();
        Map<Integer, int[]> byClass = byClass(order, cls);
        for (Map.Entry<Integer, int[]> e : labelCounts.entrySet()) {
            int[] idx = byClass.getOrDefault(e.getKey(), new int[0]);
            double[][] pr = precisionRecall(idx, thresholdIndex, e.getValue()[0]);
            double[] sc = new double[idx.length];
            for (int i = 0; i < idx.length; i++) {
                sc[i] = s[idx[i]];
            }
            out.add(new PrCurve(e.getKey(), sc, pr[1], pr[0]));
        }
        return out;
    }

    /**
     * Computes the confidence curves, APs and best-F1 point of everything added so far.
     *
     * @return the curves
     */
    public ConfidenceCurves confidenceCurves() {
        double[] s = scores.toArray();
        int[] order = StableSort.descending(s);
        int[] cls = classes.toArray();
        double[] grid = Grids.linspace(0, 1, GRID_POINTS);
        double[] negGrid = new double[GRID_POINTS];
        for (int k = 0; k < GRID_POINTS; k++) {
            negGrid[k] = -grid[k];
        }
        int nt = iouThresholds.length;
        List<ClassCurves> out = new ArrayList<>();
        Map<Integer, int[]> byClass = byClass(order, cls);
        for (Map.Entry<Integer, int[]> e : labelCounts.entrySet()) {
            int labels = e.getValue()[0];
            int[] idx = byClass.getOrDefault(e.getKey(), new int[0]);
            double[] p = new double[GRID_POINTS], r = new double[GRID_POINTS], f1 = new double[GRID_POINTS];
            double[] ap = new double[nt];
            if (idx.length > 0) {
                double[] negConf = new double[idx.length];
                for (int i = 0; i < idx.length; i++) {
                    negConf[i] = -s[idx[i]];
                }
                for (int t = 0; t < nt; t++) {
                    double[][] pr = precisionRecall(idx, t, labels);
                    ap[t] = UltralyticsAp.compute(pr[1], pr[0]);
                    if (t == 0) {
                        double[] prec = pr[0], rec = pr[1];
                        for (int k = 0; k < GRID_POINTS; k++) {
                            r[k] = Interp.at(negGrid[k], negConf, rec, 0.0, rec[rec.length - 1]);
                            p[k] = Interp.at(negGrid[k], negConf, prec, 1.0, prec[prec.length - 1]);
                            f1[k] = 2 * p[k] * r[k] / (p[k] + r[k] + EPS);
                        }
                    }
                }
            }
            out.add(new ClassCurves(e.getKey(), labels, idx.length, p, r, f1, ap));
        }
        return assemble(grid, out);
    }

    private ConfidenceCurves assemble(double[] grid, List<ClassCurves> out) {
        int nc = out.size();
        double[] meanF1 = new double[GRID_POINTS];
        if (nc == 0) {
            Arrays.fill(meanF1, Double.NaN);
            double[] none = new double[0];
            BestF1 best = new BestF1(-1, Double.NaN, Double.NaN, Double.NaN, Double.NaN, none, none, none);
            return new ConfidenceCurves(iouThresholds, grid, out, meanF1, meanF1, best);
        }
        double[][] f1s = new double[nc][];
        for (int c = 0; c < nc; c++) {
            f1s[c] = out.get(c).f1();
        }
        for (int k = 0; k < GRID_POINTS; k++) {
            double sum = 0;
            for (int c = 0; c < nc; c++) {
                sum += f1s[c][k];
            }
            meanF1[k] = sum / nc;
        }
        double[] smoothed = Smooth.boxFilter(meanF1, F1_SMOOTHING);
        int i = 0;
        for (int k = 1; k < GRID_POINTS; k++) {
            if (smoothed[k] > smoothed[i]) {
                i = k;
            }
        }
        double[] bp = new double[nc], br = new double[nc], bf = new double[nc];
        double sp = 0, sr = 0;
        for (int c = 0; c < nc; c++) {
            bp[c] = out.get(c).precision()[i];
            br[c] = out.get(c).recall()[i];
            bf[c] = f1s[c][i];
            sp += bp[c];
            sr += br[c];
        }
        BestF1 best = new BestF1(i, grid[i], sp / nc, sr / nc, meanF1[i], bp, br, bf);
        return new ConfidenceCurves(iouThresholds, grid, out, meanF1, smoothed, best);
    }

    /** The detections of each class, each list in the given global order (one pass). */
    private static Map<Integer, int[]> byClass(int[] order, int[] cls) {
        Map<Integer, IntList> lists = new HashMap<>();
        for (int d : order) {
            lists.computeIfAbsent(cls[d], k -> new IntList()).add(d);
        }
        Map<Integer, int[]> out = new HashMap<>();
        lists.forEach((k, v) -> out.put(k, v.toArray()));
        return out;
    }

    /** {precision[], recall[]} after each detection of {@code idx} at threshold {@code t}. */
    private double[][] precisionRecall(int[] idx, int t, int labels) {
        int nt = iouThresholds.length;
        double[] prec = new double[idx.length], rec = new double[idx.length];
        double tpc = 0, fpc = 0;
        for (int i = 0; i < idx.length; i++) {
            if (tp.get(idx[i] * nt + t)) {
                tpc++;
            } else {
                fpc++;
            }
            rec[i] = tpc / (labels + EPS);
            prec[i] = tpc / (tpc + fpc);
        }
        return new double[][] {prec, rec};
    }
}
