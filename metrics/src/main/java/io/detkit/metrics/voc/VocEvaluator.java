package io.detkit.metrics.voc;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;
import io.detkit.metrics.util.DoubleList;
import io.detkit.metrics.util.StableSort;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Pascal VOC detection evaluator: per-class average precision (all-point and 11-point) and mAP.
 *
 * <p>Feed it one image at a time with {@link #add}; evaluate as often as wanted, with the
 * configuration given at construction or with another one ({@link #evaluate(VocConfig)}), since
 * matching is done at evaluation time.
 *
 * <p><b>Matching</b> (per class, over all images). Detections are sorted by score, descending,
 * stable on ties (ties keep insertion order: image order of {@code add} calls, then list order).
 * For each detection in turn, its best ground truth is the one of the same image and class with
 * the largest IoU (plain or "+1 pixel", see {@link VocConfig}); on equal IoU the first in list
 * order. Then:
 * <ul>
 *   <li>best IoU ≥ threshold and the ground truth is difficult ({@link GroundTruth#ignore()}):
 *       the detection is ignored, neither TP nor FP, and the ground truth is not marked taken;
 *   <li>best IoU ≥ threshold and the ground truth is not yet taken: TP, and it becomes taken;
 *   <li>otherwise (taken, no overlap, or below threshold): FP — a detection never falls back to
 *       its second-best ground truth.
 * </ul>
 * {@code npos} counts the ground truths that are not difficult. Precision and recall after each
 * scored detection, and the AP formulas, are described in {@link VocClassResult} and
 * {@link AveragePrecision}. The mAP averages the classes with {@code npos > 0}; classes seen only in
 * detections (or only with difficult objects) are reported with AP NaN and left out of the mean.
 *
 * <p>Not thread-safe.
 */
public final class VocEvaluator {
    private final VocConfig config;
    private final Map<Integer, ClassData> classes = new TreeMap<>();
    private final Set<String> imageKeys = new HashSet<>();

    /** An evaluator with {@link VocConfig#defaults()}. */
    public VocEvaluator() {
        this(VocConfig.defaults());
    }

    /**
     * An evaluator with the given configuration.
     *
     * @param config the configuration used by {@link #evaluate()}
     */
    public VocEvaluator(VocConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /**
     * Adds the ground truth and the detections of one image.
     *
     * @param imageKey a key unique to the image
     * @param groundTruths its ground-truth objects ({@code ignore} = VOC "difficult")
     * @param detections its detections, any order
     * @throws IllegalArgumentException if the image key was already added, or a score is NaN
     * @throws NullPointerException if an argument or an element is null
     */
    public void add(String imageKey, List<GroundTruth> groundTruths, List<Detection> detections) {
        Objects.requireNonNull(imageKey, "imageKey");
        Objects.requireNonNull(groundTruths, "groundTruths");
        Objects.requireNonNull(detections, "detections");
        for (Detection d : detections) {
            if (Double.isNaN(Objects.requireNonNull(d, "detection").score())) {
                throw new IllegalArgumentException("image " + imageKey + ": detection score is NaN");
            }
        }
        if (!imageKeys.add(imageKey)) {
            throw new IllegalArgumentException("image " + imageKey + " was already added");
        }
        int image = imageKeys.size() - 1;
        Map<Integer, List<GroundTruth>> gtByClass = new TreeMap<>();
        for (GroundTruth g : groundTruths) {
            gtByClass.computeIfAbsent(Objects.requireNonNull(g, "groundTruth").classId(), c -> new ArrayList<>()).add(g);
        }
        for (Map.Entry<Integer, List<GroundTruth>> e : gtByClass.entrySet()) {
            ClassData cd = classes.computeIfAbsent(e.getKey(), c -> new ClassData());
            cd.gtRangeByImage.put(image, new int[] {cd.gtCount(), e.getValue().size()});
            for (GroundTruth g : e.getValue()) {
                addBox(cd.gtBoxes, g.box());
                cd.gtDifficult.add(g.ignore() ? 1 : 0);
            }
        }
        for (Detection d : detections) {
            ClassData cd = classes.computeIfAbsent(d.classId(), c -> new ClassData());
            addBox(cd.detBoxes, d.box());
            cd.detScores.add(d.score());
            cd.detImage.add(image);
        }
    }

    /** @return the number of images added */
    public int imageCount() {
        return imageKeys.size();
    }

    /** @return the configuration used by {@link #evaluate()} */
    public VocConfig config() {
        return config;
    }

    /**
     * Evaluates everything added so far with the configuration given at construction.
     *
     * @return the result
     */
    public VocResult evaluate() {
        return evaluate(config);
    }

    /**
     * Evaluates everything added so far with another configuration; the data are kept.
     *
     * @param cfg the configuration
     * @return the result
     */
    public VocResult evaluate(VocConfig cfg) {
        Objects.requireNonNull(cfg, "cfg");
        List<VocClassResult> out = new ArrayList<>(classes.size());
        double sumAll = 0, sumEleven = 0;
        int withPositives = 0;
        for (Map.Entry<Integer, ClassData> e : classes.entrySet()) {
            VocClassResult r = evaluateClass(e.getKey(), e.getValue(), cfg);
            out.add(r);
            if (r.hasPositives()) {
                withPositives++;
                sumAll += r.apAllPoint();
                sumEleven += r.apElevenPoint();
            }
        }
        double mapAll = withPositives > 0 ? sumAll / withPositives : Double.NaN;
        double mapEleven = withPositives > 0 ? sumEleven / withPositives : Double.NaN;
        return new VocResult(cfg, out, mapAll, mapEleven);
    }

    private static VocClassResult evaluateClass(int classId, ClassData cd, VocConfig cfg) {
        double[] gtBoxes = cd.gtBoxes.toArray();
        int[] difficult = cd.gtDifficult.toArray();
        double[] detBoxes = cd.detBoxes.toArray();
        double[] scores = cd.detScores.toArray();
        int[] detImage = cd.detImage.toArray();
        int npos = cd.npos();
        boolean[] taken = new boolean[difficult.length];
        int[] order = StableSort.descending(scores);

        int n = order.length;
        double[] outScores = new double[n];
        double[] precision = new double[n];
        double[] recall = new double[n];
        int tp = 0, fp = 0, ignored = 0, k = 0;
        for (int d : order) {
            int[] range = cd.gtRangeByImage.get(detImage[d]);
            int best = -1;
            double bestIou = 0;
            if (range != null) {
                for (int j = range[0]; j < range[0] + range[1]; j++) {
                    double iou = Iou.compute(IouKind.IOU, detBoxes, 4 * d, gtBoxes, 4 * j, cfg.plusOnePixel());
                    if (iou > bestIou) {
                        bestIou = iou;
                        best = j;
                    }
                }
            }
            if (best >= 0 && bestIou >= cfg.iouThreshold()) {
                if (difficult[best] != 0) {
                    ignored++;
                    continue;
                }
                if (!taken[best]) {
                    taken[best] = true;
                    tp++;
                } else {
                    fp++;
                }
            } else {
                fp++;
            }
            outScores[k] = scores[d];
            precision[k] = tp / (double) (tp + fp);
            recall[k] = npos > 0 ? tp / (double) npos : Double.NaN;
            k++;
        }
        outScores = Arrays.copyOf(outScores, k);
        precision = Arrays.copyOf(precision, k);
        recall = Arrays.copyOf(recall, k);
        double apAll = npos > 0 ? AveragePrecision.allPoint(recall, precision) : Double.NaN;
        double apEleven = npos > 0 ? AveragePrecision.elevenPoint(recall, precision, cfg.elevenPointGrid()) : Double.NaN;
        return new VocClassResult(classId, npos, tp, fp, ignored, outScores, precision, recall, apAll, apEleven);
    }

    private static void addBox(DoubleList dst, Box b) {
        dst.add(b.x1());
        dst.add(b.y1());
        dst.add(b.x2());
        dst.add(b.y2());
    }
}
