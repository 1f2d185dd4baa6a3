package io.detkit.metrics.curves;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.classification.RocCurve;
import io.detkit.metrics.util.DoubleList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Image-level presence ROC per class: treats the detector as an image classifier, "does this image
 * contain class c?", and scores it with a ROC curve and its AUC.
 *
 * <p>For each image {@code i} and class {@code c}:
 * <pre>
 *   label(i, c) = 1 if the ground truth of i has an object of class c (ignored/crowd objects count), else 0
 *   score(i, c) = max { score(d) : d a detection of class c in image i },
 *                 or {@link #NO_DETECTION_SCORE} (below every score) when there is none
 * </pre>
 * The ROC curve of class {@code c} is sklearn's {@code roc_curve(label(·, c), score(·, c))}
 * ({@link RocCurve}: TPR and FPR of "positive iff score ≥ t" at each distinct score, with
 * {@code (0, 0)} first), and its AUC the trapezoidal area under it, which equals the probability that
 * a random image with the class scores higher than a random image without it (ties count half).
 * Images without a detection of the class tie at the bottom. The AUC is undefined (NaN) for a class
 * present in all or in none of the images. The mean AUC averages the defined ones.
 *
 * <p>Not thread-safe.
 */
public final class PresenceEvaluator {
    /** The score of an image without any detection of the class: {@code −Double.MAX_VALUE}. */
    public static final double NO_DETECTION_SCORE = -Double.MAX_VALUE;

    private final int[] classIds;
    private final Set<String> imageKeys = new HashSet<>();
    private final DoubleList[] scores;
    private final BitSet[] labels;

    /**
     * An evaluator for the given classes.
     *
     * @param classIds the classes to score (duplicates are dropped)
     * @throws IllegalArgumentException if there is no class
     */
    public PresenceEvaluator(int[] classIds) {
        this.classIds = Arrays.stream(classIds).sorted().distinct().toArray();
        if (this.classIds.length == 0) {
            throw new IllegalArgumentException("at least one class is needed");
        }
        scores = new DoubleList[this.classIds.length];
        labels = new BitSet[this.classIds.length];
        for (int k = 0; k < scores.length; k++) {
            scores[k] = new DoubleList();
            labels[k] = new BitSet();
        }
    }

    /**
     * Adds one image.
     *
     * @param imageKey a key unique to the image
     * @param groundTruths its ground-truth objects
     * @param detections its detections
     * @throws IllegalArgumentException if the key was already added, a class is not one of the
     *     evaluator's, or a score is NaN
     * @throws NullPointerException if an argument or an element is null
     */
    public void add(String imageKey, List<GroundTruth> groundTruths, List<Detection> detections) {
        Objects.requireNonNull(imageKey, "imageKey");
        int nK = classIds.length;
        boolean[] present = new boolean[nK];
        double[] best = new double[nK];
        Arrays.fill(best, NO_DETECTION_SCORE);
        for (GroundTruth g : groundTruths) {
            present[slot(imageKey, Objects.requireNonNull(g, "groundTruth").classId())] = true;
        }
        for (Detection d : detections) {
            int k = slot(imageKey, Objects.requireNonNull(d, "detection").classId());
            if (Double.isNaN(d.score())) {
                throw new IllegalArgumentException("image " + imageKey + ": detection score is NaN");
            }
            best[k] = Math.max(best[k], d.score());
        }
        if (!imageKeys.add(imageKey)) {
            throw new IllegalArgumentException("image " + imageKey + " was already added");
        }
        int row = imageKeys.size() - 1;
        for (int k = 0; k < nK; k++) {
            scores[k].add(best[k]);
            if (present[k]) {
                labels[k].set(row);
            }
        }
    }

    /** @return number of images added */
    public int imageCount() {
        return imageKeys.size();
    }

    /** @return the ROC curve and AUC of every class over the images added so far */
    public PresenceRoc result() {
        int n = imageKeys.size();
        List<ClassPresence> out = new ArrayList<>(classIds.length);
        double sum = 0;
        int defined = 0;
        for (int k = 0; k < classIds.length; k++) {
            boolean[] y = new boolean[n];
            int pos = 0;
            for (int i = 0; i < n; i++) {
                y[i] = labels[k].get(i);
                pos += y[i] ? 1 : 0;
            }
            if (pos == 0 || pos == n) {
                out.add(new ClassPresence(classIds[k], pos, n - pos, Double.NaN, null));
                continue;
            }
            RocCurve curve = RocCurve.of(y, scores[k].toArray());
            double auc = curve.auc();
            out.add(new ClassPresence(classIds[k], pos, n - pos, auc, curve));
            sum += auc;
            defined++;
        }
        return new PresenceRoc(n, out, defined == 0 ? Double.NaN : sum / defined);
    }

    private int slot(String imageKey, int classId) {
        int k = Arrays.binarySearch(classIds, classId);
        if (k < 0) {
            throw new IllegalArgumentException("image " + imageKey + ": class " + classId + " is not evaluated");
        }
        return k;
    }
}
