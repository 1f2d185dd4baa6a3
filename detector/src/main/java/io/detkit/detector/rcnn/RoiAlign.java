package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * RoIAlign (He et al. 2017) built from NDArray ops, equal to torchvision.ops.roi_align.
 *
 * <p><b>Semantics</b> (those of {@code torchvision.ops.roi_align}). For a RoI {@code (x1, y1, x2,
 * y2)} in input pixels, spatial scale {@code σ} and {@code o = outputSize}:
 *
 * <pre>
 *   δ      = 0.5 if aligned, else 0
 *   x0     = x1·σ − δ                      w = (x2 − x1)·σ,  w ← max(w, 1) only when not aligned
 *   bin    = w / o
 *   s      = samplingRatio if &gt; 0, else ⌈w / o⌉          (adaptive; per axis, per RoI)
 *   x_jk   = x0 + bin·(j + (k + 0.5)/s),   k = 0 … s−1   (the s sample columns of output column j)
 * </pre>
 *
 * and likewise for y. Output cell {@code (i, j)} of channel {@code c} is the mean over the
 * {@code s_y·s_x} samples of the bilinear interpolation {@code b(F[n, c], y_ik, x_jl)}, where
 * {@code b} is torchvision's {@code bilinear_interpolate}: a sample with {@code y < −1},
 * {@code y > H}, {@code x < −1} or {@code x > W} contributes 0; otherwise coordinates ≤ 0 become 0,
 * and a coordinate ≥ H−1 (W−1) reads row H−1 (column W−1) with weight 1; in between it is the
 * usual {@code (1−ly)(1−lx)·F[y₀,x₀] + (1−ly)lx·F[y₀,x₀+1] + ly(1−lx)·F[y₀+1,x₀] +
 * ly·lx·F[y₀+1,x₀+1]} with {@code y₀ = ⌊y⌋, ly = y − y₀}. A RoI with s ≤ 0 on an axis (an adaptive
 * grid of a RoI of size ≤ 0) gives zeros.
 *
 * <p><b>How it is computed.</b> The interpolation weight of a sample factors into a row part and a
 * column part (also the "contributes 0" rule, which is per coordinate). So with, per RoI r,
 *
 * <pre>
 *   A_y[r][i, h] = (1/s_y) Σ_k  β_H(y_ik, h)          (o × H)
 *   A_x[r][j, w] = (1/s_x) Σ_l  β_W(x_jl, w)          (o × W)
 *   out[r, c, i, j] = Σ_h Σ_w  A_y[r][i, h] · F[n_r, c, h, w] · A_x[r][j, w]
 * </pre>
 *
 * where {@code β_L(v, ·)} is the one-axis bilinear weight vector of coordinate {@code v} on an axis
 * of length L (two non-zero entries at most). A RoI reads only a window of the map: rows
 * {@code y0 … y0+kh−1} and columns {@code x0 … x0+kw−1}, the smallest power-of-two sides (capped
 * by H and W) that hold every index its samples read, so A_y and A_x shrink to {@code o × kh} and
 * {@code o × kw}. The matrices are built in Java (no gradient). The level is laid out channels
 * last, one row of C numbers per feature pixel, and RoIs with equal window sides are processed
 * together:
 *
 * <pre>
 *   G   = the window pixels of every RoI, one gather        (m·kh·kw × C), seen as m × kh × kw·C
 *   T   = A_y[r] · G[r], batched                           (o × kh)(kh × kw·C), seen as m × o × kw × C
 *   out = A_x[r] · T[r, i], batched over r and row i        (o × kw)(kw × C) → o × o × C → C × o × o
 * </pre>
 *
 * A 7×7 RoI on a 40×40 map typically reads an 8×8 window: the products cost a few percent of
 * contracting whole rows, and the backward pass is one scatter-add of the window gradients.
 * Gradients flow to the features only (the boxes are constants).
 *
 * <p><b>Arrays and managers.</b> The result, the interpolation matrices and the index used to put
 * the RoIs back in order belong to the manager of {@code features}; autograd uses the matrices in
 * the backward pass, so they stay open until that manager is closed (call this inside a per-step
 * sub-manager). Intermediate arrays are closed before {@code apply} returns (autograd keeps what
 * it needs). RoIs are processed in chunks so that the largest intermediate stays under about
 * {@value #CHUNK_ELEMENTS} elements ({@code m·max(kh, o)·kw·C}).
 */
public final class RoiAlign {
    /** Target size, in elements, of the largest intermediate array of one chunk of RoIs. */
    static final long CHUNK_ELEMENTS = 1L << 24;

    private final int outputSize;
    private final int samplingRatio;
    private final boolean aligned;
    private final long chunkElements;

    /**
     * @param outputSize bins per side (7)
     * @param samplingRatio sample points per bin side, &gt; 0 fixed, &lt;= 0 adaptive =
     *     ceil(roiSize/outputSize) as torchvision
     * @param aligned true = shift by −0.5 pixel (torchvision aligned=True)
     */
    public RoiAlign(int outputSize, int samplingRatio, boolean aligned) {
        this(outputSize, samplingRatio, aligned, CHUNK_ELEMENTS);
    }

    /** With another chunk size (tests make it tiny to run the chunked path on small inputs). */
    RoiAlign(int outputSize, int samplingRatio, boolean aligned, long chunkElements) {
        if (outputSize < 1) {
            throw new IllegalArgumentException("outputSize must be positive: " + outputSize);
        }
        this.outputSize = outputSize;
        this.samplingRatio = samplingRatio;
        this.aligned = aligned;
        this.chunkElements = chunkElements;
    }

    /**
     * @return bins per side of the output
     */
    public int outputSize() {
        return outputSize;
    }

    /**
     * @return sample points per bin side; ≤ 0 means adaptive
     */
    public int samplingRatio() {
        return samplingRatio;
    }

    /**
     * @return whether coordinates are shifted by −0.5 pixel
     */
    public boolean aligned() {
        return aligned;
    }

    /**
     * Pools every RoI to {@code outputSize × outputSize} cells.
     *
     * @param features N×C×H×W float (32 or 64), may require gradient; the result is differentiable
     *     w.r.t. it
     * @param rois 4·R numbers, xyxy in input-image pixels (not modified)
     * @param batchIndex R image indices into N
     * @param spatialScale feature pixels per input pixel (1/stride)
     * @return R×C×outputSize×outputSize, same dtype, attached to features' manager; R = 0 gives a
     *     0×C×out×out array
     * @throws IllegalArgumentException if the features are not a 4-d float32/float64 array, the
     *     lengths of {@code rois} and {@code batchIndex} disagree, an index is outside
     *     {@code [0, N)}, a coordinate is not finite, or the scale is not positive
     */
    public NDArray apply(NDArray features, float[] rois, int[] batchIndex, float spatialScale) {
        Shape fs = checkFeatures(features);
        int r = checkRois(rois, batchIndex, fs.get(0));
        checkScale(spatialScale);
        if (r == 0) {
            return empty(features, outputSize);
        }
        List<NDArray> parts = new ArrayList<>();
        int[] order = new int[r];
        int filled = align(features, rois, batchIndex, null, spatialScale, parts, order, 0);
        return assemble(features, parts, order, filled);
    }

    /**
     * Pools the RoIs {@code subset} (all when null) of one level, appending one part per window
     * group and chunk to {@code parts} and the RoI ids in part order to {@code order} from
     * {@code filled} on (see {@link #assemble}).
     *
     * @return the new fill position of {@code order}
     */
    int align(NDArray features, float[] rois, int[] batchIndex, int[] subset, float spatialScale, List<NDArray> parts,
            int[] order, int filled) {
        Shape fs = features.getShape();
        int n = (int) fs.get(0);
        long c = fs.get(1);
        int h = (int) fs.get(2), w = (int) fs.get(3);
        int total = subset == null ? batchIndex.length : subset.length;
        if (total == 0) {
            return filled;
        }
        Geometry[] geo = new Geometry[total];
        // RoIs grouped by window size (powers of two per axis, capped by the map), in given order
        Map<Long, List<Integer>> groups = new TreeMap<>();
        for (int k = 0; k < total; k++) {
            int roi = subset == null ? k : subset[k];
            Geometry g = geometry(rois, roi, spatialScale, h, w);
            geo[k] = g;
            groups.computeIfAbsent(((long) g.kh << 32) | g.kw, key -> new ArrayList<>()).add(k);
        }
        int o = outputSize;
        NDManager owner = features.getManager();
        try (NDManager tmp = owner.newSubManager()) {
            // channels last, one row of C per feature pixel: (N·H·W) × C (a copy of the level)
            NDArray pixels = features.transpose(0, 2, 3, 1).reshape((long) n * h * w, c);
            pixels.attach(tmp);
            for (Map.Entry<Long, List<Integer>> e : groups.entrySet()) {
                int kh = (int) (e.getKey() >>> 32), kw = (int) (long) e.getKey();
                List<Integer> members = e.getValue();
                long perRoi = Math.max(kh, o) * (long) kw * c;
                int chunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, chunkElements / perRoi));
                for (int from = 0; from < members.size(); from += chunk) {
                    int m = Math.min(chunk, members.size() - from);
                    long[] index = new long[m * kh * kw];
                    double[] ay = new double[m * o * kh];
                    double[] ax = new double[m * o * kw];
                    for (int r = 0; r < m; r++) {
                        int k = members.get(from + r);
                        Geometry g = geo[k];
                        int roi = subset == null ? k : subset[k];
                        long base = (long) batchIndex[roi] * h * w;
                        int q = r * kh * kw;
                        for (int i = 0; i < kh; i++) {
                            for (int j = 0; j < kw; j++) {
                                index[q++] = base + (long) (g.y0 + i) * w + g.x0 + j;
                            }
                        }
                        axisWeights(g.ys, g.rh, grid(g.rh), o, h, ay, r * o * kh, kh, 1, g.y0);
                        axisWeights(g.xs, g.rw, grid(g.rw), o, w, ax, r * o * kw, kw, 1, g.x0);
                        order[filled++] = roi;
                    }
                    NDArray idx = owner.create(index).toDevice(features.getDevice(), false);
                    NDArray ayNd = matrix(owner, features, ay, new Shape(m, o, kh));
                    NDArray axNd = matrix(owner, features, ax, new Shape(m, 1, o, kw));
                    NDArray window = pixels.get(new NDIndex("{}", idx)); // m·kh·kw × C
                    window.attach(tmp);
                    // rows: (o × kh)(kh × kw·C) per RoI → m × o × kw·C
                    NDArray t = ayNd.matMul(window.reshape(m, kh, kw * c));
                    t.attach(tmp);
                    // columns: (o × kw)(kw × C) per RoI and output row → m × o × o × C → m × C × o × o
                    NDArray u = axNd.matMul(t.reshape(m, o, kw, c));
                    u.attach(tmp);
                    NDArray out = u.transpose(0, 3, 1, 2);
                    out.attach(owner);
                    parts.add(out);
                }
            }
        }
        return filled;
    }

    /** Where a RoI samples on one level: its start and size per axis and its read window. */
    private record Geometry(double xs, double ys, double rw, double rh, int x0, int y0, int kw, int kh) {}

    private Geometry geometry(float[] rois, int roi, float scale, int h, int w) {
        double offset = aligned ? 0.5 : 0.0;
        int q = 4 * roi;
        double xs = rois[q] * (double) scale - offset;
        double ys = rois[q + 1] * (double) scale - offset;
        double rw = rois[q + 2] * (double) scale - offset - xs;
        double rh = rois[q + 3] * (double) scale - offset - ys;
        if (!aligned) {
            rw = Math.max(rw, 1.0);
            rh = Math.max(rh, 1.0);
        }
        int[] ey = extent(ys, rh, grid(rh), h);
        int[] ex = extent(xs, rw, grid(rw), w);
        int kh = Math.min(ceilPow2(ey[1] - ey[0] + 1), h);
        int kw = Math.min(ceilPow2(ex[1] - ex[0] + 1), w);
        return new Geometry(xs, ys, rw, rh, Math.min(ex[0], w - kw), Math.min(ey[0], h - kh), kw, kh);
    }

    /** The first and last index the samples of an axis read ({0, 0} when none reads any). */
    private int[] extent(double start, double size, int s, int length) {
        int lo = Integer.MAX_VALUE, hi = -1;
        if (s > 0) {
            double bin = size / outputSize;
            for (int i = 0; i < outputSize; i++) {
                for (int k = 0; k < s; k++) {
                    int low = lowIndex(start + i * bin + (k + 0.5) * bin / s, length);
                    if (low >= 0) {
                        lo = Math.min(lo, low);
                        hi = Math.max(hi, Math.min(low + 1, length - 1));
                    }
                }
            }
        }
        return hi < 0 ? new int[] {0, 0} : new int[] {lo, hi};
    }

    private static int ceilPow2(int v) {
        return v <= 1 ? 1 : Integer.highestOneBit(v - 1) << 1;
    }

    /**
     * The lower bilinear index of coordinate {@code v} on an axis of {@code length}, torchvision's
     * rules: −1 when the sample contributes nothing ({@code v < −1} or {@code v > length}).
     */
    private static int lowIndex(double v, int length) {
        if (v < -1.0 || v > length) {
            return -1;
        }
        return v <= 0 ? 0 : Math.min((int) v, length - 1);
    }

    private int grid(double size) {
        return samplingRatio > 0 ? samplingRatio : (int) Math.ceil(size / outputSize);
    }

    /**
     * Writes the o × L matrix {@code A[i, l] = (1/s) Σ_k β_L(start + bin·i + (k + 0.5)·bin/s, l)},
     * {@code bin = size/o}, element {@code (i, l)} at {@code dst[offset + i·rowStride + l·colStride]}.
     */
    /**
     * Adds the one-axis interpolation weights of a RoI's {@code o} bins ({@code s} samples each,
     * weight 1/s) to {@code dst}: bin {@code i} reading index {@code x} adds to
     * {@code dst[offset + i·rowStride + (x − windowStart)·colStride]}.
     */
    static void axisWeights(double start, double size, int s, int o, int length, double[] dst, int offset, int rowStride,
            int colStride, int windowStart) {
        if (s <= 0) {
            return;
        }
        double bin = size / o;
        double share = 1.0 / s;
        for (int i = 0; i < o; i++) {
            int row = offset + i * rowStride;
            for (int k = 0; k < s; k++) {
                double v = start + i * bin + (k + 0.5) * bin / s;
                int lo = lowIndex(v, length);
                if (lo < 0) {
                    continue;
                }
                int hi;
                if (lo >= length - 1) {
                    hi = lo;
                    v = lo;
                } else {
                    hi = lo + 1;
                }
                double frac = Math.max(v, 0) - lo;
                dst[row + (lo - windowStart) * colStride] += (1.0 - frac) * share;
                dst[row + (hi - windowStart) * colStride] += frac * share;
            }
        }
    }

    private static NDArray matrix(NDManager owner, NDArray like, double[] v, Shape shape) {
        NDArray a;
        if (like.getDataType() == DataType.FLOAT64) {
            a = owner.create(v, shape);
        } else {
            float[] f = new float[v.length];
            for (int i = 0; i < v.length; i++) {
                f[i] = (float) v[i];
            }
            a = owner.create(f, shape);
        }
        return a.toDevice(like.getDevice(), false);
    }

    /**
     * Concatenates {@code parts} (rows in the order {@code order}) and puts row {@code k} at
     * position {@code order[k]}; the result belongs to the features' manager.
     */
    static NDArray assemble(NDArray features, List<NDArray> parts, int[] order, int total) {
        NDManager owner = features.getManager();
        NDArray all = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
        long[] position = new long[total];
        boolean identity = true;
        for (int k = 0; k < total; k++) {
            position[order[k]] = k;
            identity &= order[k] == k;
        }
        NDArray result;
        if (identity) {
            result = all;
        } else {
            NDArray index = owner.create(position).toDevice(features.getDevice(), false);
            result = all.get(new NDIndex("{}", index));
        }
        if (result != all) {
            all.close();
        }
        if (parts.size() > 1) {
            for (NDArray p : parts) {
                p.close();
            }
        }
        return result;
    }

    /** A 0×C×o×o result still connected to {@code features} in the autograd graph. */
    static NDArray empty(NDArray features, int outputSize) {
        Shape fs = features.getShape();
        return features.get(new NDIndex("0:0")).reshape(0, fs.get(1), outputSize, outputSize);
    }

    static Shape checkFeatures(NDArray features) {
        Shape fs = features.getShape();
        if (fs.dimension() != 4) {
            throw new IllegalArgumentException("features must be N×C×H×W, got shape " + fs);
        }
        DataType t = features.getDataType();
        if (t != DataType.FLOAT32 && t != DataType.FLOAT64) {
            throw new IllegalArgumentException("features must be float32 or float64, got " + t);
        }
        if (fs.get(2) < 1 || fs.get(3) < 1) {
            throw new IllegalArgumentException("features have an empty spatial size: " + fs);
        }
        return fs;
    }

    static int checkRois(float[] rois, int[] batchIndex, long images) {
        if (rois == null || batchIndex == null) {
            throw new IllegalArgumentException("rois and batchIndex must not be null");
        }
        if (rois.length != 4 * batchIndex.length) {
            throw new IllegalArgumentException(
                    "rois has " + rois.length + " numbers, expected 4 per batch index (" + batchIndex.length + " indices)");
        }
        for (int k = 0; k < batchIndex.length; k++) {
            if (batchIndex[k] < 0 || batchIndex[k] >= images) {
                throw new IllegalArgumentException(
                        "batchIndex[" + k + "] = " + batchIndex[k] + " is outside [0, " + images + ") (features have N = " + images + ")");
            }
        }
        for (int k = 0; k < rois.length; k++) {
            if (!Float.isFinite(rois[k])) {
                throw new IllegalArgumentException("roi " + k / 4 + " has a non-finite coordinate: " + rois[k]);
            }
        }
        return batchIndex.length;
    }

    static void checkScale(float spatialScale) {
        if (!(spatialScale > 0) || Float.isInfinite(spatialScale)) {
            throw new IllegalArgumentException("spatialScale must be positive and finite: " + spatialScale);
        }
    }

    @Override
    public String toString() {
        return "RoiAlign(" + outputSize + "x" + outputSize + ", sampling " + (samplingRatio > 0 ? samplingRatio : "adaptive")
                + (aligned ? ", aligned" : "") + ")";
    }
}
