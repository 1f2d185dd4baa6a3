package io.detkit.metrics.nms;

import java.util.Arrays;

/**
 * What {@link Nms#apply(double[], double[], int[], NmsConfig)} keeps: indices into the input
 * arrays, best first, with their scores (the input scores, or for soft-NMS the decayed ones).
 */
public final class NmsResult {
    private final int[] indices;
    private final double[] scores;

    /** Takes ownership of both arrays. */
    NmsResult(int[] indices, double[] scores) {
        this.indices = indices;
        this.scores = scores;
    }

    /** @return how many boxes were kept */
    public int size() {
        return indices.length;
    }

    /**
     * @param i position in the result, {@code 0 ≤ i < size()}
     * @return the input index of the {@code i}-th kept box
     */
    public int index(int i) {
        return indices[i];
    }

    /**
     * @param i position in the result, {@code 0 ≤ i < size()}
     * @return the score of the {@code i}-th kept box (decayed for soft-NMS)
     */
    public double score(int i) {
        return scores[i];
    }

    /** @return a copy of the kept input indices, in descending score order */
    public int[] indices() {
        return indices.clone();
    }

    /** @return a copy of the kept scores, aligned with {@link #indices()}, non-increasing */
    public double[] scores() {
        return scores.clone();
    }

    @Override
    public String toString() {
        return "NmsResult{indices=" + Arrays.toString(indices) + ", scores=" + Arrays.toString(scores) + "}";
    }
}
