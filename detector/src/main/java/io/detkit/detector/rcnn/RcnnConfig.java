package io.detkit.detector.rcnn;

import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.yolo.YoloSize;
import java.util.Arrays;

/**
 * What defines a Faster R-CNN model: backbone, FPN width, anchors, and the settings of the two
 * stages. Defaults ({@link #defaults}) are torchvision's {@code fasterrcnn_resnet50_fpn} values
 * except for the widths, which are sized for CPU training.
 *
 * @param numClasses foreground classes C (the box head predicts C + 1 with background 0)
 * @param size backbone size preset (the CSP backbone of the YOLO-style model)
 * @param activation activation of the backbone's Conv-BN units
 * @param inputSize square input side in pixels, a multiple of 32
 * @param fpnChannels channels of every FPN level (torchvision: 256)
 * @param anchorSizes per FPN level (P3, P4, P5) the anchor sizes √(w·h) in input pixels
 * @param aspectRatios anchor aspect ratios h/w, the same at every level
 * @param rpn the region proposal network's settings
 * @param roi the box head's settings
 */
public record RcnnConfig(int numClasses, YoloSize size, ActivationSpec activation, int inputSize, int fpnChannels,
        float[][] anchorSizes, float[] aspectRatios, Rpn rpn, Roi roi) {
    /** Strides of the FPN levels P3, P4, P5. */
    static final int[] STRIDES = {8, 16, 32};

    /**
     * RPN settings.
     *
     * @param preNmsTopKTrain proposals kept per level before NMS while training (2000)
     * @param preNmsTopKTest the same at inference (1000)
     * @param postNmsTopKTrain proposals kept per image after NMS while training (2000)
     * @param postNmsTopKTest the same at inference (1000)
     * @param nmsThreshold IoU of the proposal NMS (0.7)
     * @param fgIou anchors with IoU ≥ this are positive (0.7)
     * @param bgIou anchors with IoU &lt; this are negative (0.3)
     * @param batchPerImage anchors sampled per image for the loss (256)
     * @param positiveFraction at most this fraction of them positive (0.5)
     */
    public record Rpn(int preNmsTopKTrain, int preNmsTopKTest, int postNmsTopKTrain, int postNmsTopKTest, float nmsThreshold,
            float fgIou, float bgIou, int batchPerImage, float positiveFraction) {
        /** Checks the fields. */
        public Rpn {
            positive("rpn pre_nms_top_k_train", preNmsTopKTrain);
            positive("rpn pre_nms_top_k_test", preNmsTopKTest);
            positive("rpn post_nms_top_k_train", postNmsTopKTrain);
            positive("rpn post_nms_top_k_test", postNmsTopKTest);
            positive("rpn batch_per_image", batchPerImage);
            unit("rpn nms_threshold", nmsThreshold);
            unit("rpn fg_iou", fgIou);
            unit("rpn bg_iou", bgIou);
            unit("rpn positive_fraction", positiveFraction);
            if (bgIou > fgIou) {
                throw new IllegalArgumentException("rpn bg_iou (" + bgIou + ") must be ≤ fg_iou (" + fgIou + ")");
            }
        }

        /** @return torchvision's defaults */
        public static Rpn defaults() {
            return new Rpn(2000, 1000, 2000, 1000, 0.7f, 0.7f, 0.3f, 256, 0.5f);
        }
    }

    /**
     * Box head (second stage) settings.
     *
     * @param outputSize RoIAlign bins per side (7)
     * @param samplingRatio RoIAlign sample points per bin side (2; ≤ 0 adaptive)
     * @param headDim width of the two fully connected layers (torchvision: 1024)
     * @param fgIou proposals with IoU ≥ this are foreground, the rest background (0.5)
     * @param batchPerImage proposals sampled per image for the loss (512)
     * @param positiveFraction at most this fraction of them foreground (0.25)
     * @param canonicalSize RoI size s0 that goes to level 4 in the FPN rule
     *     {@code k = ⌊4 + log2(√(wh)/s0)⌋} (224, the FPN paper's, for ImageNet-sized objects)
     */
    public record Roi(int outputSize, int samplingRatio, int headDim, float fgIou, int batchPerImage, float positiveFraction,
            int canonicalSize) {
        /** Checks the fields. */
        public Roi {
            positive("roi output_size", outputSize);
            positive("roi head_dim", headDim);
            positive("roi batch_per_image", batchPerImage);
            unit("roi fg_iou", fgIou);
            unit("roi positive_fraction", positiveFraction);
            positive("roi canonical_size", canonicalSize);
        }

        /** @return torchvision's defaults */
        public static Roi defaults() {
            return new Roi(7, 2, 1024, 0.5f, 512, 0.25f, 224);
        }
    }

    /**
     * Checks the fields.
     *
     * @param numClasses classes
     * @param size backbone size
     * @param activation activation
     * @param inputSize input side
     * @param fpnChannels FPN width
     * @param anchorSizes anchor sizes per level
     * @param aspectRatios aspect ratios
     * @param rpn RPN settings
     * @param roi box head settings
     */
    public RcnnConfig {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be ≥ 1, got " + numClasses);
        }
        if (size == null || activation == null || rpn == null || roi == null) {
            throw new IllegalArgumentException("size, activation, rpn and roi are required");
        }
        if (inputSize < 32 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 32, got " + inputSize);
        }
        positive("fpn_channels", fpnChannels);
        if (anchorSizes == null || anchorSizes.length != STRIDES.length) {
            throw new IllegalArgumentException("anchor_sizes must give one list per FPN level (P3, P4, P5), got "
                    + (anchorSizes == null ? "none" : anchorSizes.length + " lists"));
        }
        for (float[] level : anchorSizes) {
            if (level == null || level.length == 0) {
                throw new IllegalArgumentException("anchor_sizes: every level needs at least one size");
            }
            for (float s : level) {
                if (!(s > 0) || !Float.isFinite(s)) {
                    throw new IllegalArgumentException("anchor_sizes must be positive, got " + s);
                }
            }
        }
        if (aspectRatios == null || aspectRatios.length == 0) {
            throw new IllegalArgumentException("aspect_ratios needs at least one ratio");
        }
        for (float r : aspectRatios) {
            if (!(r > 0) || !Float.isFinite(r)) {
                throw new IllegalArgumentException("aspect_ratios must be positive, got " + r);
            }
        }
        anchorSizes = Arrays.stream(anchorSizes).map(float[]::clone).toArray(float[][]::new);
        aspectRatios = aspectRatios.clone();
    }

    /**
     * torchvision's settings with a CPU-sized FPN (64 channels) and box head (256), anchors 32–512
     * over P3–P5 as {@code {32, 64}, {128, 256}, {512}} and ratios 0.5, 1, 2.
     *
     * @param numClasses classes
     * @param size backbone size
     * @param inputSize input side
     * @return the config
     */
    public static RcnnConfig defaults(int numClasses, YoloSize size, int inputSize) {
        return new RcnnConfig(numClasses, size, ActivationSpec.silu(), inputSize, 64,
                new float[][] {{32, 64}, {128, 256}, {512}}, new float[] {0.5f, 1f, 2f}, Rpn.defaults(),
                new Roi(7, 2, 256, 0.5f, 512, 0.25f, 224));
    }

    /** @return strides of P3, P4, P5 */
    public int[] strides() {
        return STRIDES.clone();
    }

    /** @return the anchor sizes per level (a copy) */
    @Override
    public float[][] anchorSizes() {
        return Arrays.stream(anchorSizes).map(float[]::clone).toArray(float[][]::new);
    }

    /** @return the aspect ratios (a copy) */
    @Override
    public float[] aspectRatios() {
        return aspectRatios.clone();
    }

    /** @return the largest number of anchors at one location over the levels (the RPN head's width) */
    public int maxAnchorsPerLocation() {
        int max = 0;
        for (float[] s : anchorSizes) {
            max = Math.max(max, s.length * aspectRatios.length);
        }
        return max;
    }

    /** @return the anchor generator of this config */
    public AnchorGenerator anchorGenerator() {
        return new AnchorGenerator(strides(), anchorSizes(), aspectRatios());
    }

    private static void positive(String key, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(key + " must be ≥ 1, got " + v);
        }
    }

    private static void unit(String key, float v) {
        if (!(v >= 0 && v <= 1)) {
            throw new IllegalArgumentException(key + " must be in [0, 1], got " + v);
        }
    }

    @Override
    public String toString() {
        return "RcnnConfig[classes=" + numClasses + ", size=" + size + ", activation=" + activation + ", imgsz=" + inputSize
                + ", fpn=" + fpnChannels + ", anchors=" + Arrays.deepToString(anchorSizes) + ", ratios=" + Arrays.toString(aspectRatios)
                + ", " + rpn + ", " + roi + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RcnnConfig c && c.numClasses == numClasses && c.size.equals(size) && c.activation.equals(activation)
                && c.inputSize == inputSize && c.fpnChannels == fpnChannels && Arrays.deepEquals(c.anchorSizes, anchorSizes)
                && Arrays.equals(c.aspectRatios, aspectRatios) && c.rpn.equals(rpn) && c.roi.equals(roi);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {numClasses, size, activation, inputSize, fpnChannels, anchorSizes, aspectRatios, rpn, roi});
    }
}
