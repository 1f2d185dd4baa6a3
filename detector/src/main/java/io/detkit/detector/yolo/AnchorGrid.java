package io.detkit.detector.yolo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The anchor points of a set of output levels. Anchor {@code a} of level {@code l} at row
 * {@code y}, column {@code x} has index {@code offset_l + y·W_l + x} (levels in order, row-major
 * inside a level) and sits at the cell centre {@code ((x + 0.5)·s_l, (y + 0.5)·s_l)} in input
 * pixels. This order is the one {@link YoloOutputs#flatten(NDList)} produces.
 *
 * @param heights {@code H_l} per level
 * @param widths {@code W_l} per level
 * @param strides {@code s_l} per level, input pixels per cell
 */
public record AnchorGrid(int[] heights, int[] widths, int[] strides) {

    /**
     * Checks the fields.
     *
     * @param heights heights
     * @param widths widths
     * @param strides strides
     */
    public AnchorGrid {
        if (heights.length != widths.length || heights.length != strides.length) {
            throw new IllegalArgumentException("AnchorGrid: heights, widths and strides differ in length");
        }
        heights = heights.clone();
        widths = widths.clone();
        strides = strides.clone();
    }

    /**
     * The grid of a head output.
     *
     * @param preds per-level arrays {@code N×C×H_l×W_l}
     * @param strides stride of each level
     * @return the grid
     */
    public static AnchorGrid of(NDList preds, int[] strides) {
        if (preds.size() != strides.length) {
            throw new IllegalArgumentException("expected " + strides.length + " output levels, got " + preds.size());
        }
        int[] h = new int[preds.size()], w = new int[preds.size()];
        for (int i = 0; i < preds.size(); i++) {
            Shape s = preds.get(i).getShape();
            if (s.dimension() != 4) {
                throw new IllegalArgumentException("level " + i + ": expected N×C×H×W, got " + s);
            }
            h[i] = (int) s.get(2);
            w[i] = (int) s.get(3);
        }
        return new AnchorGrid(h, w, strides);
    }

    /** @return total number of anchor points {@code A} */
    public int numAnchors() {
        int a = 0;
        for (int i = 0; i < heights.length; i++) {
            a += heights[i] * widths[i];
        }
        return a;
    }

    /** @return input width covered, {@code W_0 · s_0} */
    public int inputWidth() {
        return widths[0] * strides[0];
    }

    /** @return input height covered, {@code H_0 · s_0} */
    public int inputHeight() {
        return heights[0] * strides[0];
    }

    /** @return anchor centres {@code x_0, y_0, x_1, y_1, …} in input pixels, length {@code 2A} */
    public float[] points() {
        float[] p = new float[2 * numAnchors()];
        int k = 0;
        for (int l = 0; l < heights.length; l++) {
            for (int y = 0; y < heights[l]; y++) {
                for (int x = 0; x < widths[l]; x++) {
                    p[k++] = (x + 0.5f) * strides[l];
                    p[k++] = (y + 0.5f) * strides[l];
                }
            }
        }
        return p;
    }

    /** @return stride of each anchor, length {@code A} */
    public float[] anchorStrides() {
        float[] s = new float[numAnchors()];
        int k = 0;
        for (int l = 0; l < heights.length; l++) {
            int n = heights[l] * widths[l];
            Arrays.fill(s, k, k + n, strides[l]);
            k += n;
        }
        return s;
    }

    /**
     * @param manager where to create the arrays
     * @return {@code points A×2} and {@code strides A×1}, float32
     */
    public NDList toNd(NDManager manager) {
        int a = numAnchors();
        NDArray p = manager.create(points(), new Shape(a, 2));
        NDArray s = manager.create(anchorStrides(), new Shape(a, 1));
        return new NDList(p, s);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AnchorGrid g && Arrays.equals(heights, g.heights) && Arrays.equals(widths, g.widths)
                && Arrays.equals(strides, g.strides);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(heights) + Arrays.hashCode(widths)) + Arrays.hashCode(strides);
    }

    @Override
    public String toString() {
        return "AnchorGrid(h=" + Arrays.toString(heights) + ", w=" + Arrays.toString(widths) + ", strides="
                + Arrays.toString(strides) + ")";
    }
}
