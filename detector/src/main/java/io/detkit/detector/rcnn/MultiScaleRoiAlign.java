package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * RoIAlign over FPN levels with the FPN paper's level rule.
 *
 * <p>Each RoI is pooled from one level only (Lin et al. 2017, eq. 1, as torchvision's
 * {@code LevelMapper}):
 *
 * <pre>
 *   k = ⌊k0 + log2(√(w·h) / s0) + 1e-6⌋,   clamped to [k_min, k_max]
 * </pre>
 *
 * with {@code w = x2 − x1}, {@code h = y2 − y1} in input pixels, {@code s0 = canonicalSize}
 * (224), {@code k0 = canonicalLevel} (4), and level k of stride {@code 2^k}; RoIs of area ≤ 0 go to
 * the lowest level. The RoI is then pooled by {@link RoiAlign} with {@code aligned = true} and
 * spatial scale {@code 1 / stride}.
 *
 * <p>Note that torchvision's {@code MultiScaleRoIAlign} calls {@code roi_align} with
 * {@code aligned=False}; this class uses the half-pixel-correct {@code aligned=True} (Detectron2's
 * ROIAlignV2), as {@link RoiAlign} is used everywhere else in the two-stage detector.
 *
 * <p>The result belongs to the manager of the first level's features; the constant arrays
 * autograd needs for level l (interpolation matrices) to level l's manager, and the index that
 * restores the RoI order to the first level's (see {@link RoiAlign} for why they stay open). All
 * RoIs are put back in order with one gather at the end.
 */
public final class MultiScaleRoiAlign {
    private static final double EPS = 1e-6;

    private final int[] strides;
    private final int[] log2Strides;
    private final RoiAlign align;
    private final int canonicalSize;
    private final int canonicalLevel;

    /**
     * @param strides strides of the given levels, ascending (e.g. 8,16,32); level k has stride 2^k;
     *     they must be consecutive powers of two
     * @param outputSize bins per side (7)
     * @param samplingRatio sample points per bin side, &gt; 0 fixed, &lt;= 0 adaptive
     * @param canonicalSize 224
     * @param canonicalLevel 4
     * @throws IllegalArgumentException if the strides are empty, not powers of two, or not
     *     consecutive ascending levels, or a size is not positive
     */
    public MultiScaleRoiAlign(int[] strides, int outputSize, int samplingRatio, int canonicalSize, int canonicalLevel) {
        if (strides == null || strides.length == 0) {
            throw new IllegalArgumentException("at least one stride is needed");
        }
        if (canonicalSize < 1) {
            throw new IllegalArgumentException("canonicalSize must be positive: " + canonicalSize);
        }
        this.strides = strides.clone();
        this.log2Strides = new int[strides.length];
        for (int i = 0; i < strides.length; i++) {
            int s = strides[i];
            if (s < 1 || Integer.bitCount(s) != 1) {
                throw new IllegalArgumentException("stride " + s + " is not a power of two: " + Arrays.toString(strides));
            }
            log2Strides[i] = Integer.numberOfTrailingZeros(s);
            if (i > 0 && log2Strides[i] != log2Strides[i - 1] + 1) {
                throw new IllegalArgumentException("strides must be consecutive levels (each twice the previous): "
                        + Arrays.toString(strides));
            }
        }
        this.align = new RoiAlign(outputSize, samplingRatio, true);
        this.canonicalSize = canonicalSize;
        this.canonicalLevel = canonicalLevel;
    }

    /**
     * @return bins per side of the output
     */
    public int outputSize() {
        return align.outputSize();
    }

    /**
     * @return the strides of the levels (a copy)
     */
    public int[] strides() {
        return strides.clone();
    }

    /**
     * FPN rule k = floor(k0 + log2(sqrt(w·h)/s0) + 1e-6) clamped to the available levels (k =
     * log2(stride)).
     *
     * @param rois 4·R numbers, xyxy in input-image pixels
     * @return per RoI an index into strides
     */
    public int[] levels(float[] rois) {
        if (rois == null || rois.length % 4 != 0) {
            throw new IllegalArgumentException("rois must hold 4 numbers per RoI");
        }
        int kMin = log2Strides[0], kMax = log2Strides[log2Strides.length - 1];
        int[] out = new int[rois.length / 4];
        for (int r = 0; r < out.length; r++) {
            double w = (double) rois[4 * r + 2] - rois[4 * r];
            double h = (double) rois[4 * r + 3] - rois[4 * r + 1];
            double area = w * h;
            int k;
            if (!(area > 0)) { // empty, inverted or NaN: the finest level, as torchvision's clamp of -inf
                k = kMin;
            } else {
                double level = Math.floor(canonicalLevel + Math.log(Math.sqrt(area) / canonicalSize) / Math.log(2) + EPS);
                k = (int) Math.max(kMin, Math.min(kMax, level));
            }
            out[r] = k - kMin;
        }
        return out;
    }

    /**
     * Pools each RoI from its level.
     *
     * @param features one array per level N×C×H_l×W_l (all with the same C)
     * @param rois 4·R numbers, xyxy in input-image pixels (not modified)
     * @param batchIndex R image indices into N
     * @return R×C×out×out in the order of rois
     * @throws IllegalArgumentException if the number of levels differs from the strides', the
     *     levels disagree in N, C or type, or the RoIs are invalid (see {@link RoiAlign#apply})
     */
    public NDArray apply(NDList features, float[] rois, int[] batchIndex) {
        if (features == null || features.size() != strides.length) {
            throw new IllegalArgumentException("expected " + strides.length + " feature levels, got "
                    + (features == null ? 0 : features.size()));
        }
        Shape first = RoiAlign.checkFeatures(features.get(0));
        DataType type = features.get(0).getDataType();
        for (int l = 1; l < features.size(); l++) {
            Shape s = RoiAlign.checkFeatures(features.get(l));
            if (s.get(0) != first.get(0) || s.get(1) != first.get(1) || features.get(l).getDataType() != type) {
                throw new IllegalArgumentException("level " + l + " is " + s + " " + features.get(l).getDataType() + ", level 0 is "
                        + first + " " + type + ": N, C and type must agree");
            }
        }
        int r = RoiAlign.checkRois(rois, batchIndex, first.get(0));
        if (r == 0) {
            return RoiAlign.empty(features.get(0), align.outputSize());
        }
        int[] level = levels(rois);
        int[] perLevel = new int[strides.length];
        for (int l : level) {
            perLevel[l]++;
        }
        List<NDArray> parts = new ArrayList<>();
        int[] order = new int[r];
        int filled = 0;
        for (int l = 0; l < strides.length; l++) {
            if (perLevel[l] == 0) {
                continue;
            }
            int[] subset = new int[perLevel[l]];
            for (int k = 0, j = 0; k < r; k++) {
                if (level[k] == l) {
                    subset[j++] = k;
                }
            }
            NDArray f = features.get(l);
            int before = parts.size();
            filled = align.align(f, rois, batchIndex, subset, 1f / strides[l], parts, order, filled);
            if (f.getManager() != features.get(0).getManager()) {
                for (int p = before; p < parts.size(); p++) {
                    parts.get(p).attach(features.get(0).getManager());
                }
            }
        }
        return RoiAlign.assemble(features.get(0), parts, order, filled);
    }

    @Override
    public String toString() {
        return "MultiScaleRoiAlign(strides " + Arrays.toString(strides) + ", " + align + ", canonical " + canonicalSize + " at level "
                + canonicalLevel + ")";
    }
}
