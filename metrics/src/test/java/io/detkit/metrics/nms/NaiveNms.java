package io.detkit.metrics.nms;

import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Reference NMS written as directly from the definitions as possible, with no pruning, no
 * precomputation and boxed sorting: the oracle the production code must match exactly.
 */
final class NaiveNms {
    private NaiveNms() {}

    /** Ids with score ≥ threshold, ordered by score descending, ties by id (a stable sort). */
    static Integer[] order(double[] scores, double scoreThreshold) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < scores.length; i++) {
            if (scores[i] >= scoreThreshold) {
                ids.add(i);
            }
        }
        Integer[] a = ids.toArray(new Integer[0]);
        // + 0.0 makes −0.0 and 0.0 a tie; Arrays.sort on objects is stable
        Arrays.sort(a, Comparator.comparingDouble((Integer i) -> scores[i] + 0.0).reversed());
        return a;
    }

    /** Greedy / DIoU NMS: the plain O(n·k) loop. classes may be null (one class). */
    static NmsResult greedy(double[] boxes, double[] scores, int[] classes, NmsConfig cfg) {
        IouKind kind = cfg.method() == NmsMethod.DIOU ? IouKind.DIOU : IouKind.IOU;
        boolean perClass = cfg.classAware() && classes != null;
        List<Integer> kept = new ArrayList<>();
        for (int c : order(scores, cfg.scoreThreshold())) {
            boolean suppressed = false;
            for (int k : kept) {
                if (perClass && classes[k] != classes[c]) {
                    continue;
                }
                if (Iou.compute(kind, boxes, 4 * k, boxes, 4 * c, cfg.plusOne()) > cfg.iouThreshold()) {
                    suppressed = true;
                    break;
                }
            }
            if (!suppressed) {
                kept.add(c);
            }
        }
        List<Integer> cut = kept.subList(0, Math.min(kept.size(), cfg.maxDetections()));
        int[] ids = cut.stream().mapToInt(Integer::intValue).toArray();
        double[] s = Arrays.stream(ids).mapToDouble(i -> scores[i]).toArray();
        return new NmsResult(ids, s);
    }

    /** Soft-NMS straight from Bodla et al.: global selection, decays within the class only. */
    static NmsResult soft(double[] boxes, double[] scores, int[] classes, NmsConfig cfg) {
        boolean perClass = cfg.classAware() && classes != null;
        double[] cur = scores.clone();
        List<Integer> remaining = new ArrayList<>(Arrays.asList(order(scores, cfg.scoreThreshold())));
        List<Integer> ids = new ArrayList<>();
        List<Double> kept = new ArrayList<>();
        while (!remaining.isEmpty() && ids.size() < cfg.maxDetections()) {
            int best = remaining.get(0);
            for (int i : remaining) {
                if (cur[i] > cur[best] || (cur[i] == cur[best] && i < best)) {
                    best = i;
                }
            }
            ids.add(best);
            kept.add(cur[best]);
            remaining.remove(Integer.valueOf(best));
            List<Integer> next = new ArrayList<>();
            for (int i : remaining) {
                if (!perClass || classes[i] == classes[best]) {
                    double iou = Iou.compute(IouKind.IOU, boxes, 4 * best, boxes, 4 * i, cfg.plusOne());
                    if (cfg.method() == NmsMethod.SOFT_GAUSSIAN) {
                        cur[i] *= Math.exp(-(iou * iou) / cfg.sigma());
                    } else if (iou > cfg.iouThreshold()) {
                        cur[i] *= 1 - iou;
                    }
                }
                if (cur[i] >= cfg.scoreThreshold()) {
                    next.add(i);
                }
            }
            remaining = next;
        }
        return new NmsResult(ids.stream().mapToInt(Integer::intValue).toArray(),
                kept.stream().mapToDouble(Double::doubleValue).toArray());
    }

    static NmsResult apply(double[] boxes, double[] scores, int[] classes, NmsConfig cfg) {
        return switch (cfg.method()) {
            case GREEDY, DIOU -> greedy(boxes, scores, classes, cfg);
            case SOFT_LINEAR, SOFT_GAUSSIAN -> soft(boxes, scores, classes, cfg);
        };
    }
}
