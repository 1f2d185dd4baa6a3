package io.detkit.metrics.nms;

import io.detkit.metrics.box.Iou;
import java.util.Arrays;

/**
 * Soft-NMS (Bodla et al. 2017) of one group: repeatedly select the remaining box with the highest
 * current score (ties: the lower input index), keep it, decay the scores of the others by their IoU
 * with it, and drop those whose score fell below the score threshold. O(n²).
 */
final class SoftNms {
    private SoftNms() {}

    /** Kept positions in selection order and their scores at selection. */
    record Kept(int[] positions, double[] scores) {}

    /**
     * @param s the boxes
     * @param scores their scores, aligned with {@code s}; not modified
     * @param gaussian Gaussian decay, else linear
     * @param iouThreshold linear decay applies when IoU &gt; it
     * @param sigma Gaussian σ
     * @param scoreThreshold drop a box once its score is below it
     * @param maxKeep stop after keeping this many
     * @return the kept boxes
     */
    static Kept run(SortedBoxes s, double[] scores, boolean gaussian, double iouThreshold, double sigma,
            double scoreThreshold, boolean plusOne, int maxKeep) {
        int n = s.size;
        double[] box = s.xyxy, area = s.area;
        int[] ids = s.ids;
        double[] cur = scores.clone();
        int[] live = new int[n];
        int alive = 0;
        for (int p = 0; p < n; p++) {
            if (cur[p] >= scoreThreshold) {
                live[alive++] = p;
            }
        }
        int cap = Math.min(n, maxKeep);
        int[] kept = new int[cap];
        double[] keptScore = new double[cap];
        int k = 0;
        while (alive > 0 && k < cap) {
            int bestAt = 0;
            int best = live[0];
            for (int i = 1; i < alive; i++) {
                int p = live[i];
                if (cur[p] > cur[best] || (cur[p] == cur[best] && ids[p] < ids[best])) {
                    best = p;
                    bestAt = i;
                }
            }
            kept[k] = best;
            keptScore[k++] = cur[best];
            live[bestAt] = live[--alive];
            int bo = 4 * best;
            double ba = area[best];
            for (int i = 0; i < alive; ) {
                int p = live[i];
                double iou = Iou.iou(box, bo, ba, box, 4 * p, area[p], plusOne);
                if (gaussian) {
                    if (iou > 0) {
                        cur[p] *= Math.exp(-(iou * iou) / sigma);
                    }
                } else if (iou > iouThreshold) {
                    cur[p] *= 1 - iou;
                }
                if (cur[p] < scoreThreshold) {
                    live[i] = live[--alive];
                } else {
                    i++;
                }
            }
        }
        return new Kept(Arrays.copyOf(kept, k), Arrays.copyOf(keptScore, k));
    }
}
