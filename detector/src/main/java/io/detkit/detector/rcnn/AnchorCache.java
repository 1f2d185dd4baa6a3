package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Anchors per feature-map size, computed once ({@link AnchorGenerator} is pure arithmetic). */
final class AnchorCache {
    private final AnchorGenerator generator;
    private final Map<String, float[][]> perLevel = new ConcurrentHashMap<>();
    private final Map<String, float[]> all = new ConcurrentHashMap<>();

    AnchorCache(AnchorGenerator generator) {
        this.generator = generator;
    }

    /**
     * @param features the FPN levels (or any arrays whose last two axes are H_l, W_l)
     * @return per level the anchors {@code 4·H·W·A}
     */
    float[][] perLevel(NDList features) {
        int[] hw = sizes(features);
        return perLevel.computeIfAbsent(key(hw), k -> {
            float[][] out = new float[hw.length / 2][];
            for (int l = 0; l < out.length; l++) {
                out[l] = generator.anchors(l, hw[2 * l], hw[2 * l + 1]);
            }
            return out;
        });
    }

    /**
     * @param features the FPN levels
     * @return all levels' anchors concatenated
     */
    float[] concatenated(NDList features) {
        int[] hw = sizes(features);
        return all.computeIfAbsent(key(hw), k -> {
            float[][] levels = perLevel(features);
            int total = 0;
            for (float[] a : levels) {
                total += a.length;
            }
            float[] out = new float[total];
            int off = 0;
            for (float[] a : levels) {
                System.arraycopy(a, 0, out, off, a.length);
                off += a.length;
            }
            return out;
        });
    }

    private static int[] sizes(NDList features) {
        int[] hw = new int[2 * features.size()];
        for (int l = 0; l < features.size(); l++) {
            Shape s = features.get(l).getShape();
            hw[2 * l] = (int) s.get(s.dimension() - 2);
            hw[2 * l + 1] = (int) s.get(s.dimension() - 1);
        }
        return hw;
    }

    private static String key(int[] hw) {
        return java.util.Arrays.toString(hw);
    }
}
