package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDList;
import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.nms.Nms;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns the Faster R-CNN's inference output into detections (torchvision's
 * {@code postprocess_detections}): per proposal and foreground class, score = softmax probability;
 * keep scores above the threshold; decode the class's deltas against the proposal (coder weights
 * 10, 10, 5, 5); clip to the input; drop boxes narrower or lower than 0.01 px; class-aware NMS; the
 * {@code maxDet} best. Boxes are in input pixels.
 */
public final class FasterRcnnDecoder {
    /** The box head's coder: weights (10, 10, 5, 5), as torchvision. */
    public static final BoxCoder BOX_CODER = new BoxCoder(10, 10, 5, 5);
    private static final float MIN_SIZE = 1e-2f;

    private final int numClasses;

    /**
     * @param numClasses foreground classes C
     */
    public FasterRcnnDecoder(int numClasses) {
        this.numClasses = numClasses;
    }

    /**
     * @param preds the model's inference output (proposals, counts, logits, deltas, input size)
     * @param conf score threshold
     * @param iou NMS IoU threshold
     * @param maxDet detections per image
     * @return detections per image
     */
    public List<List<Detection>> decode(NDList preds, float conf, float iou, int maxDet) {
        if (preds.size() != 5) {
            throw new IllegalArgumentException("Faster R-CNN decoder needs the inference output (5 arrays), got " + preds.size());
        }
        float[] rois = RpnReadout.floats(preds.get(0));
        int[] counts = preds.get(1).toIntArray();
        float[] probs = RpnReadout.floats(preds.get(2).softmax(1));
        float[] deltas = RpnReadout.floats(preds.get(3));
        int[] size = preds.get(4).toIntArray();
        int c1 = numClasses + 1;
        List<List<Detection>> out = new ArrayList<>(counts.length);
        int start = 0;
        float[] box = new float[4];
        for (int count : counts) {
            double[] boxes = new double[16];
            double[] scores = new double[4];
            int[] classes = new int[4];
            int k = 0;
            for (int r = start; r < start + count; r++) {
                for (int c = 1; c < c1; c++) {
                    float s = probs[r * c1 + c];
                    if (!(s > conf)) {
                        continue;
                    }
                    BOX_CODER.decode(rois, 4 * r, deltas, (r * c1 + c) * 4, box, 0);
                    float x1 = clamp(box[0], size[1]), y1 = clamp(box[1], size[0]);
                    float x2 = clamp(box[2], size[1]), y2 = clamp(box[3], size[0]);
                    if (x2 - x1 < MIN_SIZE || y2 - y1 < MIN_SIZE) {
                        continue;
                    }
                    if (k == scores.length) {
                        boxes = Arrays.copyOf(boxes, 8 * k);
                        scores = Arrays.copyOf(scores, 2 * k);
                        classes = Arrays.copyOf(classes, 2 * k);
                    }
                    boxes[4 * k] = x1;
                    boxes[4 * k + 1] = y1;
                    boxes[4 * k + 2] = x2;
                    boxes[4 * k + 3] = y2;
                    scores[k] = s;
                    classes[k] = c - 1;
                    k++;
                }
            }
            start += count;
            int[] keep = k == 0 ? new int[0]
                    : Nms.batched(Arrays.copyOf(boxes, 4 * k), Arrays.copyOf(scores, k), Arrays.copyOf(classes, k), iou);
            List<Detection> dets = new ArrayList<>(Math.min(keep.length, maxDet));
            for (int j = 0; j < keep.length && j < maxDet; j++) {
                int i = keep[j];
                dets.add(new Detection(new Box(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]), classes[i], scores[i]));
            }
            out.add(dets);
        }
        return out;
    }

    private static float clamp(float v, int max) {
        return Math.min(Math.max(v, 0f), max);
    }
}
