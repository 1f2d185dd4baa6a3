package io.detkit.metrics.curves;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;
import io.detkit.metrics.util.DoubleList;
import io.detkit.metrics.util.IntList;
import io.detkit.metrics.util.StableSort;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Accumulates a detection confusion matrix image by image, with Ultralytics' semantics
 * ({@code ConfusionMatrix.process_batch}). <b>Rows are predicted classes, columns are true
 * classes; index {@code numClasses} (the last) is background</b> in both.
 *
 * <p>Per image:
 * <ol>
 *   <li>detections with {@code score ≤ confidenceThreshold} are dropped (the reference keeps
 *       {@code score > conf});
 *   <li>candidates are all (ground truth, detection) pairs, <em>whatever their classes</em>, with
 *       plain {@code IoU > iouThreshold};
 *   <li>ordered by IoU, highest first, each detection keeps its best pair; ordered by IoU again,
 *       each ground truth keeps its best remaining pair — a one-to-one matching;
 *   <li>a matched pair adds 1 at (predicted class, true class) — on the diagonal when the classes
 *       agree; an unmatched ground truth adds 1 at (background, true class): a missed object; an
 *       unmatched kept detection adds 1 at (predicted class, background): a false alarm.
 * </ol>
 * Hence the total of the matrix is {@code #ground truths + #unmatched kept detections}. Ground
 * truths flagged {@code ignore} are ordinary ground truths. Equal IoUs are ordered as NumPy's
 * {@code argsort()[::-1]} orders small arrays (later pairs first). Older Ultralytics/YOLOv5 code
 * counted unmatched detections only in images with at least one match; this class counts them
 * always, as current Ultralytics does. IoUs are exact doubles (the reference: float32 with a 1e-7
 * epsilon).
 *
 * <p>Not thread-safe.
 */
public final class ConfusionMatrixEvaluator {
    /** Ultralytics' default confidence threshold for the confusion matrix. */
    public static final double DEFAULT_CONFIDENCE = 0.25;
    /** Ultralytics' default IoU threshold for the confusion matrix. */
    public static final double DEFAULT_IOU = 0.45;

    private final int numClasses;
    private final double confidenceThreshold;
    private final double iouThreshold;
    private final long[] counts;
    private final Set<String> imageKeys = new HashSet<>();

    /**
     * A matrix with the default thresholds (confidence 0.25, IoU 0.45).
     *
     * @param numClasses number of classes; class ids must be in {@code [0, numClasses)}
     */
    public ConfusionMatrixEvaluator(int numClasses) {
        this(numClasses, DEFAULT_CONFIDENCE, DEFAULT_IOU);
    }

    /**
     * A matrix with chosen thresholds.
     *
     * @param numClasses number of classes; class ids must be in {@code [0, numClasses)}
     * @param confidenceThreshold detections with a score at or below it are dropped
     * @param iouThreshold pairs need an IoU strictly above it, in [0, 1)
     * @throws IllegalArgumentException if {@code numClasses < 1} or a threshold is out of range
     */
    public ConfusionMatrixEvaluator(int numClasses, double confidenceThreshold, double iouThreshold) {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be at least 1, got " + numClasses);
        }
        if (Double.isNaN(confidenceThreshold)) {
            throw new IllegalArgumentException("confidence threshold is NaN");
        }
        if (!(iouThreshold >= 0 && iouThreshold < 1)) {
            throw new IllegalArgumentException("IoU threshold must be in [0, 1), got " + iouThreshold);
        }
        this.numClasses = numClasses;
        this.confidenceThreshold = confidenceThreshold;
        this.iouThreshold = iouThreshold;
        this.counts = new long[(numClasses + 1) * (numClasses + 1)];
    }

    /**
     * Adds one image.
     *
     * @param imageKey a key unique to the image
     * @param groundTruths its ground-truth objects
     * @param detections its detections, any order
     * @throws IllegalArgumentException if the key was already added, a class id is out of range,
     *     or a score is NaN
     * @throws NullPointerException if an argument or an element is null
     */
    public void add(String imageKey, List<GroundTruth> groundTruths, List<Detection> detections) {
        Objects.requireNonNull(imageKey, "imageKey");
        ImageArrays im = ImageArrays.of(imageKey, groundTruths, detections);
        for (int c : im.gtClasses()) {
            checkClass(imageKey, c);
        }
        for (int c : im.detClasses()) {
            checkClass(imageKey, c);
        }
        if (!imageKeys.add(imageKey)) {
            throw new IllegalArgumentException("image " + imageKey + " was already added");
        }
        // 1. keep detections above the confidence threshold
        IntList kept = new IntList();
        for (int j = 0; j < im.detScores().length; j++) {
            if (im.detScores()[j] > confidenceThreshold) {
                kept.add(j);
            }
        }
        int[] det = kept.toArray();
        int g = im.gtClasses().length, d = det.length;
        // 2-3. one-to-one matching by IoU
        int[] gtOfDet = new int[d];
        double[] iouOfDet = new double[d];
        Arrays.fill(gtOfDet, -1);
        IntList pg = new IntList(), pd = new IntList();
        DoubleList piou = new DoubleList();
        for (int i = g - 1; i >= 0; i--) {
            for (int j = d - 1; j >= 0; j--) {
                double iou = Iou.compute(IouKind.IOU, im.gtBoxes(), 4 * i, im.detBoxes(), 4 * det[j], false);
                if (iou > iouThreshold) {
                    pg.add(i);
                    pd.add(j);
                    piou.add(iou);
                }
            }
        }
        double[] ious = piou.toArray();
        for (int k : StableSort.descending(ious)) {
            if (gtOfDet[pd.get(k)] < 0) {
                gtOfDet[pd.get(k)] = pg.get(k);
                iouOfDet[pd.get(k)] = ious[k];
            }
        }
        IntList survivors = new IntList(); // detection indices, descending (a reversed ascending list)
        for (int j = d - 1; j >= 0; j--) {
            if (gtOfDet[j] >= 0) {
                survivors.add(j);
            }
        }
        int[] surv = survivors.toArray();
        int[] detOfGt = new int[g];
        Arrays.fill(detOfGt, -1);
        boolean[] detMatched = new boolean[d];
        for (int k : StableSort.descending(iouOfDet, surv)) {
            int i = gtOfDet[k];
            if (detOfGt[i] < 0) {
                detOfGt[i] = k;
                detMatched[k] = true;
            }
        }
        // 4. count
        int bg = numClasses;
        for (int i = 0; i < g; i++) {
            int trueClass = im.gtClasses()[i];
            int predClass = detOfGt[i] >= 0 ? im.detClasses()[det[detOfGt[i]]] : bg;
            counts[predClass * (numClasses + 1) + trueClass]++;
        }
        for (int j = 0; j < d; j++) {
            if (!detMatched[j]) {
                counts[im.detClasses()[det[j]] * (numClasses + 1) + bg]++;
            }
        }
    }

    /** @return the matrix of everything added so far (an immutable snapshot) */
    public ConfusionMatrix result() {
        return ConfusionMatrix.ofFlat(numClasses, confidenceThreshold, iouThreshold, counts);
    }

    private void checkClass(String imageKey, int c) {
        if (c < 0 || c >= numClasses) {
            throw new IllegalArgumentException(
                    "image " + imageKey + ": class id " + c + " outside [0, " + numClasses + ")");
        }
    }
}
