package io.detkit.data.loader;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * A batch in primitive arrays, ready to become NDArrays on the training thread.
 *
 * <p>Layouts (what {@link #toNDList} creates): images {@code N×3×H×W} float32 RGB in [0, 1];
 * boxes {@code N×M×4} float32 xyxy in input pixels, padded with zeros; classes {@code N×M} float32
 * (class index, −1 for padding); count {@code N} int32 (real boxes per image); ignore
 * {@code N×M} float32 (1 for crowd/difficult). M is the largest box count in the batch (at least 1).
 *
 * @param index batch number within the epoch
 * @param size N
 * @param height H
 * @param width W
 * @param images {@code N·3·H·W} floats
 * @param maxBoxes M
 * @param boxes {@code N·M·4} floats
 * @param classes {@code N·M} floats
 * @param ignore {@code N·M} floats
 * @param counts {@code N} ints
 * @param samples the samples' ids and meta (pixels not kept)
 */
public record Batch(int index, int size, int height, int width, float[] images, int maxBoxes, float[] boxes,
        float[] classes, float[] ignore, int[] counts, List<SampleInfo> samples) {

    /**
     * Per-sample information kept with a batch.
     *
     * @param imageId source image id
     * @param meta the source's mapping data (e.g. letterbox transform), may be null
     */
    public record SampleInfo(long imageId, Object meta) {}

    /**
     * Creates the NDArrays in {@code manager}: images, boxes, classes, counts, ignore (in that order).
     *
     * @param manager the (per-step) manager that owns them
     * @return the arrays
     */
    public NDList toNDList(NDManager manager) {
        NDArray img = manager.create(images, new Shape(size, 3, height, width));
        NDArray b = manager.create(boxes, new Shape(size, maxBoxes, 4));
        NDArray c = manager.create(classes, new Shape(size, maxBoxes));
        NDArray n = manager.create(counts, new Shape(size));
        NDArray ig = manager.create(ignore, new Shape(size, maxBoxes));
        return new NDList(img, b, c, n, ig);
    }

    static Batch of(int index, List<LoadedSample> samples) {
        int n = samples.size();
        LoadedSample first = samples.get(0);
        int h = first.height(), w = first.width();
        int m = 1;
        for (LoadedSample s : samples) {
            if (s.height() != h || s.width() != w) {
                throw new IllegalArgumentException("samples of one batch must share a size: " + w + "×" + h + " vs "
                        + s.width() + "×" + s.height());
            }
            m = Math.max(m, s.boxCount());
        }
        int plane = 3 * h * w;
        float[] images = new float[n * plane];
        float[] boxes = new float[n * m * 4];
        float[] classes = new float[n * m];
        java.util.Arrays.fill(classes, -1f);
        float[] ignore = new float[n * m];
        int[] counts = new int[n];
        java.util.List<SampleInfo> infos = new java.util.ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            LoadedSample s = samples.get(i);
            System.arraycopy(s.pixels(), 0, images, i * plane, plane);
            System.arraycopy(s.boxes(), 0, boxes, i * m * 4, s.boxes().length);
            for (int j = 0; j < s.boxCount(); j++) {
                classes[i * m + j] = s.classIds()[j];
                ignore[i * m + j] = s.ignore()[j] ? 1f : 0f;
            }
            counts[i] = s.boxCount();
            infos.add(new SampleInfo(s.imageId(), s.meta()));
        }
        return new Batch(index, n, h, w, images, m, boxes, classes, ignore, counts, List.copyOf(infos));
    }
}
