package io.detkit.detector.yolo;

import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;
import java.util.Arrays;

/**
 * Plain greedy class-aware NMS: visit candidates by descending score (stable), keep one unless a
 * kept candidate of the same class overlaps it with IoU &gt; threshold. O(k²) in the worst case;
 * a stand-in until the decoder uses the metrics module's NMS.
 */
final class GreedyClassAwareNms implements CandidateNms {
    static final GreedyClassAwareNms INSTANCE = new GreedyClassAwareNms();

    private GreedyClassAwareNms() {}

    @Override
    public int[] select(double[] boxes, double[] scores, int[] classes, double iouThreshold) {
        int k = scores.length;
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a])); // stable: ties keep index order
        int[] kept = new int[k];
        int nKept = 0;
        for (int idx = 0; idx < k; idx++) {
            int i = order[idx];
            boolean keep = true;
            for (int j = 0; j < nKept && keep; j++) {
                int q = kept[j];
                if (classes[q] == classes[i] && Iou.compute(IouKind.IOU, boxes, 4 * q, boxes, 4 * i, false) > iouThreshold) {
                    keep = false;
                }
            }
            if (keep) {
                kept[nKept++] = i;
            }
        }
        return Arrays.copyOf(kept, nKept);
    }
}
