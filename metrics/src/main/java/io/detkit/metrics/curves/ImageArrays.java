package io.detkit.metrics.curves;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.util.StableSort;
import java.util.List;
import java.util.Objects;

/**
 * One image's ground truths and detections as flat arrays (boxes xyxy, 4 numbers each), the
 * detections in decreasing score order (stable), as NMS would hand them over.
 */
record ImageArrays(double[] gtBoxes, int[] gtClasses, double[] detBoxes, int[] detClasses, double[] detScores) {

    static ImageArrays of(String imageKey, List<GroundTruth> groundTruths, List<Detection> detections) {
        Objects.requireNonNull(groundTruths, "groundTruths");
        Objects.requireNonNull(detections, "detections");
        int g = groundTruths.size(), d = detections.size();
        double[] gtBoxes = new double[4 * g];
        int[] gtClasses = new int[g];
        for (int i = 0; i < g; i++) {
            GroundTruth gt = Objects.requireNonNull(groundTruths.get(i), "groundTruth");
            put(gtBoxes, i, gt.box());
            gtClasses[i] = gt.classId();
        }
        double[] rawScores = new double[d];
        for (int j = 0; j < d; j++) {
            rawScores[j] = Objects.requireNonNull(detections.get(j), "detection").score();
            if (Double.isNaN(rawScores[j])) {
                throw new IllegalArgumentException("image " + imageKey + ": detection score is NaN");
            }
        }
        int[] order = StableSort.descending(rawScores);
        double[] detBoxes = new double[4 * d];
        int[] detClasses = new int[d];
        double[] detScores = new double[d];
        for (int j = 0; j < d; j++) {
            Detection det = detections.get(order[j]);
            put(detBoxes, j, det.box());
            detClasses[j] = det.classId();
            detScores[j] = det.score();
        }
        return new ImageArrays(gtBoxes, gtClasses, detBoxes, detClasses, detScores);
    }

    private static void put(double[] dst, int i, Box b) {
        dst[4 * i] = b.x1();
        dst[4 * i + 1] = b.y1();
        dst[4 * i + 2] = b.x2();
        dst[4 * i + 3] = b.y2();
    }
}
