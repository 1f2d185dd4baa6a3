package io.detkit.metrics.nms;

import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * Non-maximum suppression on flat primitive arrays: greedy, class-aware (batched), soft-NMS
 * (linear and Gaussian) and DIoU-NMS.
 *
 * <p><b>Inputs.</b> {@code n} boxes as {@code 4·n} xyxy numbers (finite), {@code n} scores (not NaN)
 * and, optionally, {@code n} class ids. IoU is |A∩B| / |A∪B| with areas {@code (x2 − x1)·(y2 − y1)},
 * or with the legacy "+1 pixel" areas {@code (x2 − x1 + 1)·(y2 − y1 + 1)} (see
 * {@link io.detkit.metrics.box.Iou}); it is computed by {@code Iou} itself.
 *
 * <p><b>Order.</b> Boxes with score &lt; the score threshold are dropped first. The rest are ordered by
 * score, descending; equal scores keep their input order (−0.0 and 0.0 are equal). Results list the
 * kept boxes in that order (for soft-NMS: by decayed score, ties by input index), then are cut to
 * the first {@code maxDetections}.
 *
 * <p><b>Greedy NMS</b> ({@link NmsMethod#GREEDY}). With boxes b₁, b₂, … in that order and threshold t:
 * b_j is kept iff no kept b_i with i &lt; j has IoU(b_i, b_j) &gt; t (strictly greater, as torchvision's
 * {@code nms}). Class-aware (batched) NMS applies the rule among boxes of the same class only.
 *
 * <p><b>DIoU-NMS</b> ({@link NmsMethod#DIOU}, Zheng et al. 2020): as greedy NMS, but b_j is removed
 * when DIoU(b_i, b_j) = IoU(b_i, b_j) − ρ²/c² &gt; t, where ρ is the distance between the two centres
 * and c the diagonal of the smallest box enclosing both. Boxes whose centres are far apart survive
 * an overlap that plain NMS would remove.
 *
 * <p><b>Soft-NMS</b> (Bodla et al. 2017). Repeat: select the remaining box M with the highest current
 * score (ties: lower input index), keep it with that score, and update every other remaining box:
 *
 * <ul>
 *   <li>linear ({@link NmsMethod#SOFT_LINEAR}): s_i ← s_i·(1 − IoU(M, b_i)) if IoU(M, b_i) &gt; t,
 *       else unchanged;
 *   <li>Gaussian ({@link NmsMethod#SOFT_GAUSSIAN}): s_i ← s_i·exp(−IoU(M, b_i)²/σ);
 * </ul>
 *
 * then drop the boxes whose score fell below the score threshold. Without a score threshold soft-NMS
 * keeps every box and only rescores them. Scores must be finite for soft-NMS.
 *
 * <p><b>Performance.</b> Areas are computed once per box and the boxes are copied into contiguous
 * arrays in processing order; the inner loops allocate nothing. Sorting is an O(n) stable radix
 * sort. Greedy and DIoU-NMS start with the plain loop and, once more than a few dozen boxes are
 * kept, compare each candidate only with the kept boxes whose centres lie close enough for IoU &gt; t
 * (a uniform grid over kept box centres; the bound is derived in {@code KeptGrid}). On several
 * cores, very large inputs check blocks of candidates against the earlier kept boxes in parallel,
 * and class-aware NMS runs classes in parallel. All of this only prunes or reorders work: results
 * are identical to the plain O(n·k) loop. Soft-NMS is O(n²).
 */
public final class Nms {
    /** Class-aware inputs at least this large run their classes in parallel. */
    static final int PARALLEL_CLASSES_MIN = 4096;
    /** Class-aware soft-NMS (O(n²) per class) runs classes in parallel from this many boxes. */
    static final int PARALLEL_SOFT_MIN = 512;

    private Nms() {}

    /**
     * Class-agnostic greedy NMS, like torchvision's {@code nms}.
     *
     * @param boxes {@code 4·n} numbers, xyxy
     * @param scores {@code n} scores
     * @param iouThreshold suppress a box whose IoU with a kept box is &gt; this
     * @return indices of the kept boxes, by descending score (ties: input order)
     * @throws IllegalArgumentException on inconsistent lengths, non-finite coordinates or NaN scores
     */
    public static int[] greedy(double[] boxes, double[] scores, double iouThreshold) {
        NmsConfig cfg = NmsConfig.builder().optIouThreshold(iouThreshold).optClassAware(false).build();
        return apply(boxes, scores, null, cfg).indices();
    }

    /**
     * Class-aware greedy NMS, like torchvision's {@code batched_nms}: boxes of different classes
     * never suppress each other.
     *
     * @param boxes {@code 4·n} numbers, xyxy
     * @param scores {@code n} scores
     * @param classes {@code n} class ids
     * @param iouThreshold suppress a box whose IoU with a kept box of its class is &gt; this
     * @return indices of the kept boxes, by descending score (ties: input order)
     * @throws IllegalArgumentException on inconsistent lengths, non-finite coordinates or NaN scores
     */
    public static int[] batched(double[] boxes, double[] scores, int[] classes, double iouThreshold) {
        Objects.requireNonNull(classes, "classes");
        NmsConfig cfg = NmsConfig.builder().optIouThreshold(iouThreshold).optClassAware(true).build();
        return apply(boxes, scores, classes, cfg).indices();
    }

    /**
     * NMS as configured.
     *
     * @param boxes {@code 4·n} numbers, xyxy, finite; not modified
     * @param scores {@code n} scores, not NaN (finite for soft-NMS); not modified
     * @param classes {@code n} class ids, or null (all boxes one class); used only when
     *     {@link NmsConfig#classAware()}
     * @param config the settings
     * @return kept indices by descending score, with their (for soft-NMS decayed) scores
     * @throws IllegalArgumentException on inconsistent lengths, non-finite coordinates or bad scores
     */
    public static NmsResult apply(double[] boxes, double[] scores, int[] classes, NmsConfig config) {
        return apply(boxes, scores, classes, config, GreedyNms.Path.AUTO);
    }

    /**
     * NMS of detections as configured; class-aware NMS uses {@link Detection#classId()}.
     *
     * @param detections the detections; not modified
     * @param config the settings
     * @return the kept detections by descending score; the same instances for greedy and DIoU-NMS,
     *     for soft-NMS new ones carrying the decayed score where it changed
     * @throws IllegalArgumentException on non-finite coordinates or bad scores
     */
    public static List<Detection> apply(List<Detection> detections, NmsConfig config) {
        int n = detections.size();
        double[] boxes = new double[4 * n];
        double[] scores = new double[n];
        int[] classes = new int[n];
        for (int i = 0; i < n; i++) {
            Detection d = detections.get(i);
            Box b = d.box();
            boxes[4 * i] = b.x1();
            boxes[4 * i + 1] = b.y1();
            boxes[4 * i + 2] = b.x2();
            boxes[4 * i + 3] = b.y2();
            scores[i] = d.score();
            classes[i] = d.classId();
        }
        NmsResult r = apply(boxes, scores, classes, config);
        List<Detection> out = new ArrayList<>(r.size());
        for (int i = 0; i < r.size(); i++) {
            Detection d = detections.get(r.index(i));
            double s = r.score(i);
            out.add(s == d.score() ? d : new Detection(d.box(), d.classId(), s));
        }
        return out;
    }

    /** {@link #apply(double[], double[], int[], NmsConfig)} with a forced greedy path (tests). */
    static NmsResult apply(double[] boxes, double[] scores, int[] classes, NmsConfig config, GreedyNms.Path path) {
        Objects.requireNonNull(config, "config");
        boolean soft = config.method() == NmsMethod.SOFT_LINEAR || config.method() == NmsMethod.SOFT_GAUSSIAN;
        validate(boxes, scores, classes, soft);
        int n = scores.length;
        int[] passing = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (scores[i] >= config.scoreThreshold()) {
                passing[m++] = i;
            }
        }
        int[] order = ScoreOrder.descending(scores, Arrays.copyOf(passing, m));
        int[][] groups = config.classAware() && classes != null && m > 0
                ? ClassGroups.split(order, classes)
                : new int[][] {order};
        return soft
                ? soft(boxes, scores, groups, config)
                : greedy(boxes, scores, order, groups, config, path);
    }

    private static NmsResult greedy(double[] boxes, double[] scores, int[] order, int[][] groups, NmsConfig config,
            GreedyNms.Path path) {
        Suppression rule = new Suppression(config.method() == NmsMethod.DIOU, config.iouThreshold(), config.plusOne());
        int maxKeep = config.maxDetections();
        boolean[] kept = new boolean[scores.length];
        if (groups.length > 1 && classesInParallel(groups, order.length)) {
            IntStream.range(0, groups.length).parallel()
                    .forEach(g -> markKept(boxes, groups[g], rule, maxKeep, path, false, kept));
        } else {
            for (int[] group : groups) {
                markKept(boxes, group, rule, maxKeep, path, true, kept);
            }
        }
        int size = 0;
        for (int p = 0; p < order.length && size < maxKeep; p++) {
            if (kept[order[p]]) {
                size++;
            }
        }
        int[] ids = new int[size];
        double[] keptScores = new double[size];
        for (int p = 0, k = 0; k < size; p++) {
            int id = order[p];
            if (kept[id]) {
                ids[k] = id;
                keptScores[k++] = scores[id];
            }
        }
        return new NmsResult(ids, keptScores);
    }

    /**
     * Runs greedy NMS on one group and sets {@code kept[id]} for its survivors. Groups hold distinct
     * ids, so parallel calls write distinct elements.
     */
    private static void markKept(double[] boxes, int[] group, Suppression rule, int maxKeep, GreedyNms.Path path,
            boolean mayFork, boolean[] kept) {
        SortedBoxes s = SortedBoxes.gather(boxes, group, rule.plusOne);
        for (int p : GreedyNms.run(s, rule, maxKeep, path, mayFork)) {
            kept[group[p]] = true;
        }
    }

    /**
     * Classes run in parallel when there is enough work and no class dominates; a dominant class
     * instead uses the parallel path inside {@link GreedyNms}.
     */
    private static boolean classesInParallel(int[][] groups, int total) {
        if (total < PARALLEL_CLASSES_MIN || Runtime.getRuntime().availableProcessors() < 2) {
            return false;
        }
        int largest = 0;
        for (int[] g : groups) {
            largest = Math.max(largest, g.length);
        }
        return largest < GreedyNms.PARALLEL_MIN || 2L * largest < total;
    }

    private static NmsResult soft(double[] boxes, double[] scores, int[][] groups, NmsConfig config) {
        boolean gaussian = config.method() == NmsMethod.SOFT_GAUSSIAN;
        int n = scores.length;
        double[] decayed = new double[n];
        boolean[] kept = new boolean[n];
        IntStream range = IntStream.range(0, groups.length);
        if (groups.length > 1 && scores.length >= PARALLEL_SOFT_MIN && Runtime.getRuntime().availableProcessors() > 1) {
            range = range.parallel();
        }
        range.forEach(g -> {
            int[] group = groups[g];
            SortedBoxes s = SortedBoxes.gather(boxes, group, config.plusOne());
            double[] groupScores = new double[group.length];
            for (int p = 0; p < group.length; p++) {
                groupScores[p] = scores[group[p]];
            }
            SoftNms.Kept r = SoftNms.run(s, groupScores, gaussian, config.iouThreshold(), config.sigma(),
                    config.scoreThreshold(), config.plusOne(), config.maxDetections());
            for (int j = 0; j < r.positions().length; j++) {
                int id = group[r.positions()[j]];
                kept[id] = true;
                decayed[id] = r.scores()[j];
            }
        });
        // Within a group the selection order is (decayed score desc, id asc) because scores only
        // decrease; merging all groups by that key gives the order of one global run.
        int count = 0;
        for (boolean k : kept) {
            if (k) {
                count++;
            }
        }
        int[] ids = new int[count];
        for (int i = 0, k = 0; i < n; i++) {
            if (kept[i]) {
                ids[k++] = i;
            }
        }
        int[] order = ScoreOrder.descending(decayed, ids);
        int size = Math.min(order.length, config.maxDetections());
        int[] outIds = Arrays.copyOf(order, size);
        double[] outScores = new double[size];
        for (int k = 0; k < size; k++) {
            outScores[k] = decayed[outIds[k]];
        }
        return new NmsResult(outIds, outScores);
    }

    private static void validate(double[] boxes, double[] scores, int[] classes, boolean soft) {
        Objects.requireNonNull(boxes, "boxes");
        Objects.requireNonNull(scores, "scores");
        int n = scores.length;
        if (boxes.length != 4L * n) {
            throw new IllegalArgumentException("boxes has " + boxes.length + " numbers, expected 4 x " + n + " scores");
        }
        if (classes != null && classes.length != n) {
            throw new IllegalArgumentException("classes has " + classes.length + " entries, expected " + n);
        }
        for (int i = 0; i < boxes.length; i++) {
            if (!Double.isFinite(boxes[i])) {
                throw new IllegalArgumentException("box " + i / 4 + " has a non-finite coordinate: " + boxes[i]);
            }
        }
        for (int i = 0; i < n; i++) {
            double s = scores[i];
            if (Double.isNaN(s) || (soft && Double.isInfinite(s))) {
                throw new IllegalArgumentException("score " + i + " is " + s + (soft ? "; soft-NMS needs finite scores" : ""));
            }
        }
    }
}
