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
 * of length L (two non-zero entries at most). The matrices are built in Java (no gradient). Per
 * image n, with its m RoIs stacked, two matrix products:
 *
 * <pre>
 *   T   = [A_y[1]; …; A_y[m]]  ·  F[n] as H × (C·W)          (m·o × H)(H × C·W), seen as m × o·C × W
 *   out = T[r] · A_x[r]ᵀ, for every r (batched)              (o·C × W)(W × o) → o × C × o → C × o × o
 * </pre>
 *
 * Contracting H first, with all RoIs of the image in one product, needs no copy of the large
 * intermediate T (contracting W first needs a permutation of it, which made the whole 2–4× slower).
 * Gradients flow to the features only (the boxes are constants).
 *
 * <p><b>Arrays and managers.</b> The result, the interpolation matrices and the index used to put
 * the RoIs back in order belong to the manager of {@code features}; autograd uses the matrices in
 * the backward pass, so they stay open until that manager is closed (call this inside a per-step
 * sub-manager). Intermediate arrays are closed before {@code apply} returns (autograd keeps what
 * it needs). The RoIs of one image are processed in chunks so that T stays under about
 * {@value #CHUNK_ELEMENTS} elements ({@code m·o·C·W}).
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
     * Pools the RoIs listed in {@code subset} (all when null), appending one array per chunk of RoIs
     * of one image to {@code parts} and the RoI indices of their rows to {@code order}.
     *
     * @return the new fill level of {@code order}
     */
    int align(NDArray features, float[] rois, int[] batchIndex, int[] subset, float spatialScale, List<NDArray> parts,
            int[] order, int filled) {
        Shape fs = features.getShape();
        int n = (int) fs.get(0);
        long c = fs.get(1);
        int h = (int) fs.get(2), w = (int) fs.get(3);
        int total = subset == null ? batchIndex.length : subset.length;
        // RoIs per image, in their given order
        int[] count = new int[n];
        for (int k = 0; k < total; k++) {
            count[batchIndex[subset == null ? k : subset[k]]]++;
        }
        int[][] byImage = new int[n][];
        for (int i = 0; i < n; i++) {
            byImage[i] = new int[count[i]];
            count[i] = 0;
        }
        for (int k = 0; k < total; k++) {
            int roi = subset == null ? k : subset[k];
            byImage[batchIndex[roi]][count[batchIndex[roi]]++] = roi;
        }
        long perRoi = c * w * outputSize;
        int chunk = (int) Math.max(1, Math.min(Integer.MAX_VALUE, chunkElements / perRoi));
        int o = outputSize;
        NDManager owner = features.getManager();
        for (int img = 0; img < n; img++) {
            int[] ids = byImage[img];
            if (ids.length == 0) {
                continue;
            }
            try (NDManager tmp = owner.newSubManager()) {
                NDArray f = features.get(img);
                f.attach(tmp);
                NDArray rows = f.transpose(1, 0, 2).reshape(h, c * w); // H × C·W (a copy of one image)
                for (int from = 0; from < ids.length; from += chunk) {
                    int m = Math.min(chunk, ids.length - from);
                    Weights wt = weights(rois, ids, from, m, spatialScale, h, w);
                    NDArray ay = matrix(owner, features, wt.ay, new Shape((long) m * o, h));
                    NDArray ax = matrix(owner, features, wt.ax, new Shape(m, w, o));
                    // (m·o × H)(H × C·W) → m × o·C × W; ay's manager would own it: move it to tmp
                    NDArray t = ay.matMul(rows);
                    t.attach(tmp);
                    // (m × o·C × W)(m × W × o) → m×o×C×o → m×C×o×o
                    NDArray out = t.reshape(m, o * c, w).matMul(ax).reshape(m, o, c, o).transpose(0, 2, 1, 3);
                    out.attach(owner);
                    parts.add(out);
                    System.arraycopy(ids, from, order, filled, m);
                    filled += m;
                }
            }
        }
        return filled;
    }

    /** The interpolation matrices of one chunk: A_y as (m·o)×H, A_x transposed as m×W×o. */
    private record Weights(double[] ay, double[] ax) {}

    private Weights weights(float[] rois, int[] ids, int from, int m, float scale, int h, int w) {
        int o = outputSize;
        double[] ay = new double[m * o * h];
        double[] ax = new double[m * w * o];
        double offset = aligned ? 0.5 : 0.0;
        for (int k = 0; k < m; k++) {
            int q = 4 * ids[from + k];
            double x0 = rois[q] * (double) scale - offset;
            double y0 = rois[q + 1] * (double) scale - offset;
            double rw = rois[q + 2] * (double) scale - offset - x0;
            double rh = rois[q + 3] * (double) scale - offset - y0;
            if (!aligned) {
                rw = Math.max(rw, 1.0);
                rh = Math.max(rh, 1.0);
            }
            axisWeights(x0, rw, grid(rw), o, w, ax, k * w * o, 1, o);
            axisWeights(y0, rh, grid(rh), o, h, ay, k * o * h, h, 1);
        }
        return new Weights(ay, ax);
    }

    /** Samples per bin side: the fixed ratio, or ⌈size / o⌉ (≤ 0 for a RoI of size ≤ 0). */
    private int grid(double size) {
        return samplingRatio > 0 ? samplingRatio : (int) Math.ceil(size / outputSize);
    }

    /**
     * Writes the o × L matrix {@code A[i, l] = (1/s) Σ_k β_L(start + bin·i + (k + 0.5)·bin/s, l)},
     * {@code bin = size/o}, element {@code (i, l)} at {@code dst[offset + i·rowStride + l·colStride]}.
     */
    static void axisWeights(double start, double size, int s, int o, int length, double[] dst, int offset, int rowStride,
            int colStride) {
        if (s <= 0) {
            return;
        }
        double bin = size / o;
        double share = 1.0 / s;
        for (int i = 0; i < o; i++) {
            int row = offset + i * rowStride;
            for (int k = 0; k < s; k++) {
                double v = start + i * bin + (k + 0.5) * bin / s;
                if (v < -1.0 || v > length) {
                    continue;
                }
                if (v <= 0) {
                    v = 0;
                }
                int lo = (int) v;
                int hi;
                if (lo >= length - 1) {
                    lo = length - 1;
                    hi = lo;
                    v = lo;
                } else {
                    hi = lo + 1;
                }
                double frac = v - lo;
                dst[row + lo * colStride] += (1.0 - frac) * share;
                dst[row + hi * colStride] += frac * share;
            }
        }
    }

    /** A constant of the features' type and device, owned by {@code owner} (kept for backward). */
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
