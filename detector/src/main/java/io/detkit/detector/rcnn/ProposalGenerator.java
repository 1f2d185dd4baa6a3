package io.detkit.detector.rcnn;

import io.detkit.metrics.nms.Nms;
import java.util.Arrays;
import java.util.Objects;

/**
 * Turns the RPN outputs of one image into region proposals, as torchvision's
 * {@code RegionProposalNetwork.filter_proposals}.
 *
 * <p>For each pyramid level {@code l} separately:
 *
 * <ol>
 *   <li>keep the {@code preNmsTopK} anchors with the largest objectness logit {@code z} (all of
 *       them if there are fewer; ties: the lower anchor index first);
 *   <li>decode their deltas against the anchors ({@link BoxCoder#decode}) and clip the boxes to the
 *       image: {@code x ← min(max(x, 0), imgW)}, {@code y ← min(max(y, 0), imgH)};
 *   <li>drop a box if {@code x2 − x1 < minSize} or {@code y2 − y1 < minSize}, or if its score
 *       {@code σ(z) = 1/(1 + e^{−z})} (computed in double, stored as float) is {@code < scoreThreshold}.
 * </ol>
 *
 * <p>Then greedy NMS with IoU threshold {@code nmsThreshold} runs within each level
 * ({@link Nms#batched} with the level as class: boxes of different levels never suppress each
 * other; a box is removed when its IoU with a kept, higher-scoring box of its level is
 * {@code > nmsThreshold}), and the {@code postNmsTopK} survivors with the highest scores over all
 * levels are the proposals, by descending score. NMS orders by the logit, which orders as the
 * score but does not saturate (two logits of 40 and 50 both have a float sigmoid of 1); equal
 * logits keep level order, then anchor order.
 *
 * <p>torchvision's settings: {@code preNmsTopK} 2000 (training) or 1000 (testing) per level,
 * {@code postNmsTopK} 2000 or 1000 per image, {@code nmsThreshold} 0.7, {@code minSize} 1e-3,
 * {@code scoreThreshold} 0. {@code nmsThreshold} goes to {@link Nms} as the shortest decimal of
 * the float (0.7f as 0.7, not 0.699999988); {@code minSize} and {@code scoreThreshold} compare with
 * float widths, heights and scores.
 *
 * <p>Cost per level of {@code n} anchors: one primitive sort of {@code n} keys, {@code k} decodes and
 * the NMS. Immutable and thread-safe.
 */
public final class ProposalGenerator {
    private final BoxCoder coder;
    private final int preNmsTopK;
    private final int postNmsTopK;
    private final float nmsThreshold;
    private final float minSize;
    private final float scoreThreshold;

    /**
     * Creates the generator.
     *
     * @param coder the RPN's box coder (torchvision: weights {@code (1, 1, 1, 1)})
     * @param preNmsTopK anchors kept per level before NMS, ≥ 1
     * @param postNmsTopK proposals kept per image after NMS, ≥ 1
     * @param nmsThreshold NMS IoU threshold in {@code [0, 1]}, typically 0.7
     * @param minSize smallest width and height kept, in input pixels, ≥ 0 (typically 1e-3)
     * @param scoreThreshold smallest {@code σ(logit)} kept, in {@code [0, 1]} (typically 0)
     * @throws IllegalArgumentException on a value out of range
     */
    public ProposalGenerator(BoxCoder coder, int preNmsTopK, int postNmsTopK, float nmsThreshold, float minSize,
            float scoreThreshold) {
        this.coder = Objects.requireNonNull(coder, "coder");
        if (preNmsTopK < 1 || postNmsTopK < 1) {
            throw new IllegalArgumentException("ProposalGenerator: preNmsTopK " + preNmsTopK + " and postNmsTopK "
                    + postNmsTopK + " must be ≥ 1");
        }
        if (!(nmsThreshold >= 0 && nmsThreshold <= 1)) {
            throw new IllegalArgumentException("ProposalGenerator: nmsThreshold " + nmsThreshold + " not in [0, 1]");
        }
        if (!(minSize >= 0) || !Float.isFinite(minSize)) {
            throw new IllegalArgumentException("ProposalGenerator: minSize " + minSize + " must be finite and ≥ 0");
        }
        if (!(scoreThreshold >= 0 && scoreThreshold <= 1)) {
            throw new IllegalArgumentException("ProposalGenerator: scoreThreshold " + scoreThreshold
                    + " not in [0, 1]");
        }
        this.preNmsTopK = preNmsTopK;
        this.postNmsTopK = postNmsTopK;
        this.nmsThreshold = nmsThreshold;
        this.minSize = minSize;
        this.scoreThreshold = scoreThreshold;
    }

    /**
     * The proposals of one image.
     *
     * @param boxes {@code 4·k} numbers, xyxy in input pixels, clipped to the image
     * @param scores {@code k} objectness probabilities {@code σ(logit)}, non-increasing
     */
    public record Proposals(float[] boxes, float[] scores) {
        /** @return the number of proposals {@code k} */
        public int count() {
            return scores.length;
        }
    }

    /**
     * Filters the RPN outputs of one image into proposals, as in the class comment.
     *
     * @param logits per level the {@code n_l = H_l·W_l·A_l} objectness logits in anchor order
     *     {@code (y, x, a)} (see {@link AnchorGenerator#anchors}); not NaN
     * @param deltas per level {@code 4·n_l} box deltas {@code dx, dy, dw, dh} in the same order; finite
     * @param anchors per level the {@code 4·n_l} anchors, xyxy; finite
     * @param imgH image height in input pixels, the clip bound of {@code y}; &gt; 0
     * @param imgW image width in input pixels, the clip bound of {@code x}; &gt; 0
     * @return at most {@code postNmsTopK} proposals and their scores, by descending score
     * @throws IllegalArgumentException if the levels or lengths disagree, a logit is NaN, a delta or
     *     anchor coordinate is NaN or infinite (level and index named), or the image size is not positive
     */
    public Proposals propose(float[][] logits, float[][] deltas, float[][] anchors, int imgH, int imgW) {
        Objects.requireNonNull(logits, "logits");
        Objects.requireNonNull(deltas, "deltas");
        Objects.requireNonNull(anchors, "anchors");
        int levels = logits.length;
        if (deltas.length != levels || anchors.length != levels) {
            throw new IllegalArgumentException("ProposalGenerator: " + levels + " logit levels, " + deltas.length
                    + " delta levels, " + anchors.length + " anchor levels");
        }
        if (imgH <= 0 || imgW <= 0) {
            throw new IllegalArgumentException("ProposalGenerator: image size " + imgH + "×" + imgW);
        }
        int capacity = 0;
        for (int l = 0; l < levels; l++) {
            checkLevel(l, logits[l], deltas[l], anchors[l]);
            capacity += Math.min(preNmsTopK, logits[l].length);
        }
        double[] boxes = new double[4 * capacity];
        double[] nmsScores = new double[capacity];
        float[] probs = new float[capacity];
        int[] levelOf = new int[capacity];
        float[] box = new float[4];
        int c = 0;
        for (int l = 0; l < levels; l++) {
            float[] z = logits[l];
            for (int i : topK(z, Math.min(preNmsTopK, z.length))) {
                coder.decode(anchors[l], 4 * i, deltas[l], 4 * i, box, 0);
                float x1 = clip(box[0], imgW), y1 = clip(box[1], imgH);
                float x2 = clip(box[2], imgW), y2 = clip(box[3], imgH);
                if (x2 - x1 < minSize || y2 - y1 < minSize) {
                    continue;
                }
                float p = (float) (1.0 / (1.0 + Math.exp(-(double) z[i])));
                if (p < scoreThreshold) {
                    continue;
                }
                boxes[4 * c] = x1;
                boxes[4 * c + 1] = y1;
                boxes[4 * c + 2] = x2;
                boxes[4 * c + 3] = y2;
                nmsScores[c] = z[i];
                probs[c] = p;
                levelOf[c] = l;
                c++;
            }
        }
        int[] kept = Nms.batched(Arrays.copyOf(boxes, 4 * c), Arrays.copyOf(nmsScores, c), Arrays.copyOf(levelOf, c),
                RcnnBoxes.decimal(nmsThreshold));
        int k = Math.min(kept.length, postNmsTopK);
        float[] outBoxes = new float[4 * k];
        float[] outScores = new float[k];
        for (int r = 0; r < k; r++) {
            int j = kept[r];
            for (int q = 0; q < 4; q++) {
                outBoxes[4 * r + q] = (float) boxes[4 * j + q];
            }
            outScores[r] = probs[j];
        }
        return new Proposals(outBoxes, outScores);
    }

    private static void checkLevel(int l, float[] z, float[] d, float[] a) {
        Objects.requireNonNull(z, "logits[" + l + "]");
        Objects.requireNonNull(d, "deltas[" + l + "]");
        Objects.requireNonNull(a, "anchors[" + l + "]");
        int n = z.length;
        if (d.length != 4L * n || a.length != 4L * n) {
            throw new IllegalArgumentException("ProposalGenerator: level " + l + " has " + n + " logits, " + d.length
                    + " deltas and " + a.length + " anchor numbers; need n, 4n, 4n");
        }
        for (int i = 0; i < n; i++) {
            if (Float.isNaN(z[i])) {
                throw new IllegalArgumentException("ProposalGenerator: level " + l + ", anchor " + i + ": logit is NaN");
            }
        }
        for (int i = 0; i < d.length; i++) {
            if (!Float.isFinite(d[i])) {
                throw new IllegalArgumentException("ProposalGenerator: level " + l + ", anchor " + i / 4 + ": delta "
                        + d[i]);
            }
            if (!Float.isFinite(a[i])) {
                throw new IllegalArgumentException("ProposalGenerator: level " + l + ", anchor " + i / 4
                        + ": coordinate " + a[i]);
            }
        }
    }

    private static float clip(float v, int bound) {
        return Math.min(Math.max(v, 0f), (float) bound);
    }

    /**
     * Indices of the {@code k} largest values, by descending value, ties by ascending index. One sort
     * of {@code n} longs whose high half orders the value descending and whose low half is the index.
     */
    static int[] topK(float[] values, int k) {
        int n = values.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            int bits = Float.floatToIntBits(values[i] + 0.0f); // −0 → +0
            int ordered = bits ^ ((bits >> 31) & 0x7fffffff); // signed order of the ints = order of the floats
            keys[i] = ((long) ~ordered << 32) | i; // ~ reverses the order
        }
        Arrays.sort(keys);
        int[] out = new int[k];
        for (int r = 0; r < k; r++) {
            out[r] = (int) keys[r];
        }
        return out;
    }

    @Override
    public String toString() {
        return "ProposalGenerator(" + coder + ", preNmsTopK=" + preNmsTopK + ", postNmsTopK=" + postNmsTopK
                + ", nms=" + nmsThreshold + ", minSize=" + minSize + ", scoreThreshold=" + scoreThreshold + ")";
    }
}
