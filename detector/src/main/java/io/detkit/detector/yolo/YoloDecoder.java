package io.detkit.detector.yolo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns {@link YoloModel} output into detections: boxes from the anchor grid
 * ({@link YoloOutputs#boxes}), sigmoid class scores, then per image a confidence threshold, a
 * pre-NMS top-k, class-aware NMS ({@link CandidateNms}) and a cap of {@code maxDet}.
 *
 * <p>By default each anchor proposes only its best class (Ultralytics' {@code multi_label=False});
 * with {@link Builder#optMultiLabel} every class above the threshold is a candidate.
 *
 * <p>Boxes are xyxy in <em>network input</em> pixels, clipped to the input
 * ({@code [0, W_0·8] × [0, H_0·8]}); undoing a letterbox to original-image pixels is the
 * caller's job. Immutable and thread-safe as long as the {@link CandidateNms} is.
 */
public final class YoloDecoder {
    private final int[] strides;
    private final CandidateNms nms;
    private final int preNmsTopK;
    private final boolean multiLabel;

    private YoloDecoder(Builder b) {
        strides = b.strides.clone();
        nms = b.nms;
        preNmsTopK = b.preNmsTopK;
        multiLabel = b.multiLabel;
    }

    /**
     * Decoder with default settings for a model config.
     *
     * @param config the model config
     * @return the decoder
     */
    public static YoloDecoder create(YoloConfig config) {
        return builder().optStrides(config.strides()).build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Decodes a batch.
     *
     * @param preds model output, per level {@code N×(4 + C)×H_l×W_l}; not modified or closed
     * @param conf keep candidates with score &gt; conf
     * @param iou NMS IoU threshold
     * @param maxDet at most this many detections per image
     * @return per image, detections sorted by descending score (boxes in input pixels)
     */
    public List<List<Detection>> decode(NDList preds, float conf, float iou, int maxDet) {
        NDManager parent = preds.get(0).getManager();
        AnchorGrid grid = AnchorGrid.of(preds, strides);
        int n = (int) preds.get(0).getShape().get(0);
        int a = grid.numAnchors();
        int c = (int) preds.get(0).getShape().get(1) - 4;
        float[] boxes;
        float[] scores;
        long[] labels = null;
        try (NDManager scope = parent.newSubManager()) {
            preds.tempAttach(scope);
            NDList anchors = grid.toNd(scope);
            NDArray flat = YoloOutputs.flatten(preds);
            boxes = YoloOutputs.boxes(YoloOutputs.rawBoxes(flat), anchors.get(0), anchors.get(1)).toFloatArray();
            NDArray prob = Activation.sigmoid(YoloOutputs.classLogits(flat));
            if (multiLabel) {
                scores = prob.toFloatArray();
            } else {
                scores = prob.max(new int[] {2}).toFloatArray();
                labels = prob.argMax(2).toLongArray();
            }
        }
        double w = grid.inputWidth(), h = grid.inputHeight();
        List<List<Detection>> out = new ArrayList<>(n);
        for (int img = 0; img < n; img++) {
            out.add(decodeImage(boxes, scores, labels, img, a, c, w, h, conf, iou, maxDet));
        }
        return out;
    }

    private List<Detection> decodeImage(float[] boxes, float[] scores, long[] labels, int img, int a, int c, double w,
            double h, float conf, float iou, int maxDet) {
        // candidates (anchor, class) above the threshold
        int perImage = multiLabel ? a * c : a;
        int base = img * perImage;
        int[] cand = new int[16];
        int k = 0;
        for (int i = 0; i < perImage; i++) {
            if (scores[base + i] > conf) {
                if (k == cand.length) {
                    cand = Arrays.copyOf(cand, 2 * k);
                }
                cand[k++] = i;
            }
        }
        if (k == 0 || maxDet <= 0) {
            return List.of();
        }
        Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++) {
            order[i] = cand[i];
        }
        Arrays.sort(order, (p, q) -> Float.compare(scores[base + q], scores[base + p]));
        int m = Math.min(k, preNmsTopK);
        double[] cb = new double[4 * m];
        double[] cs = new double[m];
        int[] cc = new int[m];
        for (int j = 0; j < m; j++) {
            int i = order[j];
            int anchor = multiLabel ? i / c : i;
            cc[j] = multiLabel ? i % c : (int) labels[img * a + anchor];
            cs[j] = scores[base + i];
            int o = 4 * (img * a + anchor);
            cb[4 * j] = clamp(boxes[o], w);
            cb[4 * j + 1] = clamp(boxes[o + 1], h);
            cb[4 * j + 2] = clamp(boxes[o + 2], w);
            cb[4 * j + 3] = clamp(boxes[o + 3], h);
        }
        int[] keep = nms.select(cb, cs, cc, iou);
        int count = Math.min(keep.length, maxDet);
        List<Detection> dets = new ArrayList<>(count);
        for (int j = 0; j < count; j++) {
            int i = keep[j];
            dets.add(new Detection(new Box(cb[4 * i], cb[4 * i + 1], cb[4 * i + 2], cb[4 * i + 3]), cc[i], cs[i]));
        }
        return dets;
    }

    private static double clamp(float v, double max) {
        return Math.min(Math.max(v, 0.0), max);
    }

    /** Builder, DJL style. */
    public static final class Builder {
        private int[] strides = {8, 16, 32};
        private CandidateNms nms = GreedyClassAwareNms.INSTANCE;
        private int preNmsTopK = 30000;
        private boolean multiLabel;

        private Builder() {}

        /**
         * @param strides output level strides (default 8, 16, 32)
         * @return this
         */
        public Builder optStrides(int... strides) {
            this.strides = strides.clone();
            return this;
        }

        /**
         * @param nms the NMS to use (default: a plain greedy class-aware NMS)
         * @return this
         */
        public Builder optNms(CandidateNms nms) {
            this.nms = nms;
            return this;
        }

        /**
         * @param topK at most this many highest-scoring candidates per image go into NMS
         *     (default 30000, Ultralytics' {@code max_nms})
         * @return this
         */
        public Builder optPreNmsTopK(int topK) {
            this.preNmsTopK = topK;
            return this;
        }

        /**
         * @param multiLabel every class above the threshold is a candidate, not only the best
         *     one per anchor (default false)
         * @return this
         */
        public Builder optMultiLabel(boolean multiLabel) {
            this.multiLabel = multiLabel;
            return this;
        }

        /** @return the decoder */
        public YoloDecoder build() {
            if (nms == null || preNmsTopK < 1) {
                throw new IllegalArgumentException("YoloDecoder: nms is required and preNmsTopK must be ≥ 1");
            }
            return new YoloDecoder(this);
        }
    }
}
