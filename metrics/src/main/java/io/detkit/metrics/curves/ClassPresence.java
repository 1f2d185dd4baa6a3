package io.detkit.metrics.curves;

import io.detkit.metrics.classification.RocCurve;

/**
 * Image-level presence of one class: how well the image's best detection of the class tells images
 * that contain the class from images that do not. Built by {@link PresenceEvaluator}.
 *
 * @param classId the class
 * @param positives images whose ground truth contains the class
 * @param negatives images whose ground truth does not
 * @param auc area under the ROC curve; NaN when {@code positives} or {@code negatives} is 0
 * @param curve the ROC curve (sklearn's {@code roc_curve}, collinear points dropped); null when the
 *     AUC is undefined
 */
public record ClassPresence(int classId, int positives, int negatives, double auc, RocCurve curve) {
    /** @return true if both kinds of image occur, so that the curve and AUC are defined */
    public boolean isDefined() {
        return curve != null;
    }
}
