package io.detkit.detector.rcnn;

import java.util.Arrays;
import java.util.Objects;

/**
 * The anchor boxes of a feature pyramid, one set of {@code A_l} shapes per level {@code l}, repeated
 * at every cell of that level's feature map.
 *
 * <p><b>Shapes.</b> For an anchor size {@code s} (the square root of the area) and an aspect ratio
 * {@code r = h/w}: {@code w = s/√r}, {@code h = s·√r}, so {@code w·h = s²} and {@code h/w = r}. The
 * shapes of level {@code l} are all pairs (size, ratio), sizes in the outer loop and ratios in the
 * inner one: shape {@code a = i·R + j} has {@code sizes[l][i]} and {@code aspectRatios[j]}, and
 * {@code A_l = |sizes[l]|·R}.
 *
 * <p><b>Placement.</b> On an {@code H×W} feature map of stride {@code t} (input pixels per cell), the
 * anchor of cell {@code (y, x)} and shape {@code a} is centred on the cell centre
 * {@code cx = (x + 0.5)·t}, {@code cy = (y + 0.5)·t} and is the box
 * {@code (cx − w/2, cy − h/2, cx + w/2, cy + h/2)}, xyxy in input pixels, not rounded and not clipped
 * to the image (as Detectron2 with offset 0.5; torchvision instead centres on {@code x·t} and rounds
 * the shapes). Anchors are laid out row-major in {@code (y, x, a)}: anchor {@code (y, x, a)} starts
 * at index {@code ((y·W + x)·A_l + a)·4}, the order of a head output {@code A_l×H×W} permuted to
 * {@code H×W×A_l}. Arithmetic is in double precision, stored as float.
 *
 * <p>Immutable and thread-safe.
 */
public final class AnchorGenerator {
    private final int[] strides;
    private final float[][] sizes;
    private final float[] aspectRatios;
    /** Per level, {@code w/2, h/2} of each shape, {@code 2·A_l} numbers. */
    private final double[][] halfSizes;

    /**
     * Creates the generator.
     *
     * @param strides per level the stride in input pixels, e.g. {@code {8, 16, 32}}; each &gt; 0
     * @param sizes per level the anchor sizes (square root of the area) in input pixels, e.g.
     *     {@code {{32}, {64}, {128}}}; one non-empty array per level, each size finite and &gt; 0
     * @param aspectRatios the ratios {@code h/w}, e.g. {@code {0.5f, 1f, 2f}}, shared by all levels;
     *     non-empty, each finite and &gt; 0
     * @throws IllegalArgumentException if the arrays are empty, differ in number of levels, or hold
     *     a value that is not positive and finite
     */
    public AnchorGenerator(int[] strides, float[][] sizes, float[] aspectRatios) {
        Objects.requireNonNull(strides, "strides");
        Objects.requireNonNull(sizes, "sizes");
        Objects.requireNonNull(aspectRatios, "aspectRatios");
        if (strides.length == 0 || strides.length != sizes.length) {
            throw new IllegalArgumentException("AnchorGenerator: " + strides.length + " strides and " + sizes.length
                    + " size lists; need the same number (≥ 1) of levels");
        }
        if (aspectRatios.length == 0) {
            throw new IllegalArgumentException("AnchorGenerator: no aspect ratios");
        }
        for (float r : aspectRatios) {
            if (!(r > 0) || !Float.isFinite(r)) {
                throw new IllegalArgumentException("AnchorGenerator: aspect ratio " + r + " must be finite and > 0");
            }
        }
        this.strides = strides.clone();
        this.sizes = new float[sizes.length][];
        this.aspectRatios = aspectRatios.clone();
        this.halfSizes = new double[sizes.length][];
        for (int l = 0; l < sizes.length; l++) {
            if (strides[l] <= 0) {
                throw new IllegalArgumentException("AnchorGenerator: stride " + strides[l] + " of level " + l
                        + " must be > 0");
            }
            float[] s = Objects.requireNonNull(sizes[l], "sizes[" + l + "]").clone();
            if (s.length == 0) {
                throw new IllegalArgumentException("AnchorGenerator: level " + l + " has no sizes");
            }
            double[] half = new double[2 * s.length * aspectRatios.length];
            int k = 0;
            for (float size : s) {
                if (!(size > 0) || !Float.isFinite(size)) {
                    throw new IllegalArgumentException("AnchorGenerator: size " + size + " of level " + l
                            + " must be finite and > 0");
                }
                for (float r : aspectRatios) {
                    double root = Math.sqrt(r);
                    half[k++] = size / root / 2; // w/2 = s/√r/2
                    half[k++] = size * root / 2; // h/2 = s·√r/2
                }
            }
            this.sizes[l] = s;
            this.halfSizes[l] = half;
        }
    }

    /** @return the number of pyramid levels {@code L} */
    public int levels() {
        return strides.length;
    }

    /**
     * @param level the level, {@code 0 ≤ level < levels()}
     * @return {@code A_l = |sizes[level]|·|aspectRatios|}, the anchors per feature-map cell
     */
    public int anchorsPerLocation(int level) {
        checkLevel(level);
        return halfSizes[level].length / 2;
    }

    /**
     * @param level the level, {@code 0 ≤ level < levels()}
     * @return the stride of that level in input pixels
     */
    public int stride(int level) {
        checkLevel(level);
        return strides[level];
    }

    /**
     * The anchors of one level for an {@code H×W} feature map: {@code 4·H·W·A_l} floats, anchor
     * {@code (y, x, a)} at index {@code ((y·W + x)·A_l + a)·4} as {@code x1, y1, x2, y2} with
     * {@code x1 = (x + 0.5)·t − w_a/2}, {@code y1 = (y + 0.5)·t − h_a/2},
     * {@code x2 = (x + 0.5)·t + w_a/2}, {@code y2 = (y + 0.5)·t + h_a/2}, where {@code t} is the stride
     * and {@code w_a = s/√r}, {@code h_a = s·√r} for shape {@code a} (sizes outer, ratios inner).
     *
     * @param level the level, {@code 0 ≤ level < levels()}
     * @param height feature-map height {@code H ≥ 0}
     * @param width feature-map width {@code W ≥ 0}
     * @return a new array of {@code 4·H·W·A_l} floats
     * @throws IllegalArgumentException on a bad level, a negative size or more than 2³¹ − 1 numbers
     */
    public float[] anchors(int level, int height, int width) {
        checkLevel(level);
        if (height < 0 || width < 0) {
            throw new IllegalArgumentException("AnchorGenerator: feature map " + height + "×" + width);
        }
        double[] half = halfSizes[level];
        int a = half.length / 2;
        long total = 4L * height * width * a;
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("AnchorGenerator: " + total + " numbers do not fit an array");
        }
        double t = strides[level];
        float[] out = new float[(int) total];
        int k = 0;
        for (int y = 0; y < height; y++) {
            double cy = (y + 0.5) * t;
            for (int x = 0; x < width; x++) {
                double cx = (x + 0.5) * t;
                for (int j = 0; j < a; j++) {
                    double hw = half[2 * j], hh = half[2 * j + 1];
                    out[k++] = (float) (cx - hw);
                    out[k++] = (float) (cy - hh);
                    out[k++] = (float) (cx + hw);
                    out[k++] = (float) (cy + hh);
                }
            }
        }
        return out;
    }

    /**
     * The anchors of all levels concatenated in level order, as {@link RpnTargets#compute} takes them.
     *
     * @param heights feature-map height of each level
     * @param widths feature-map width of each level
     * @return {@code 4·Σ_l H_l·W_l·A_l} floats; level {@code l} starts after the anchors of levels
     *     {@code 0..l−1}
     * @throws IllegalArgumentException if the arrays do not have one entry per level, or as {@link #anchors}
     */
    public float[] allAnchors(int[] heights, int[] widths) {
        if (heights.length != levels() || widths.length != levels()) {
            throw new IllegalArgumentException("AnchorGenerator: " + heights.length + " heights and " + widths.length
                    + " widths for " + levels() + " levels");
        }
        float[][] parts = new float[levels()][];
        long total = 0;
        for (int l = 0; l < levels(); l++) {
            parts[l] = anchors(l, heights[l], widths[l]);
            total += parts[l].length;
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("AnchorGenerator: " + total + " numbers do not fit an array");
        }
        float[] out = new float[(int) total];
        int k = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, out, k, p.length);
            k += p.length;
        }
        return out;
    }

    private void checkLevel(int level) {
        if (level < 0 || level >= strides.length) {
            throw new IllegalArgumentException("AnchorGenerator: level " + level + " of " + strides.length);
        }
    }

    @Override
    public String toString() {
        return "AnchorGenerator(strides=" + Arrays.toString(strides) + ", sizes=" + Arrays.deepToString(sizes)
                + ", aspectRatios=" + Arrays.toString(aspectRatios) + ")";
    }
}
