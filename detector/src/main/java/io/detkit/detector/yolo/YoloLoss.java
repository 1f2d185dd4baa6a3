package io.detkit.detector.yolo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.training.loss.Loss;
import io.detkit.detector.nn.BoxOps;
import io.detkit.detector.nn.ClassificationLoss;
import io.detkit.detector.nn.Losses;
import io.detkit.detector.nn.ScalarOps;
import io.detkit.metrics.box.IouKind;

/**
 * YOLO loss: {@link TaskAlignedAssigner} targets, then
 *
 * <pre>
 *   S     = max(Σ target scores, 1)
 *   L_cls = Σ_{anchors, classes} BCE(logit, target score) / S   (or focal / varifocal, smoothing: builder)
 *   L_box = Σ_{fg anchors} (1 − IoU_kind(pred box, target box)) · w / S,  w = Σ_classes target score
 *   total = λ_box · L_box + λ_cls · L_cls
 * </pre>
 *
 * normalised by the sum of target scores as in Ultralytics' {@code v8DetectionLoss} (which also
 * multiplies the total by the batch size; this class does not). Defaults λ_box = 7.5, λ_cls = 0.5,
 * CIoU, plain BCE.
 *
 * <p><b>Inputs</b>: {@code preds}, the {@link YoloModel} output (per level
 * {@code N×(4 + C)×H_l×W_l}); targets padded to a common {@code M} (use the largest count in the
 * batch; {@code M = 0} is allowed): {@code gtBoxes N×M×4} xyxy in input pixels (float),
 * {@code gtClasses N×M} class ids (any numeric type; padded slots are ignored), {@code gtCount N}
 * valid slots per image. As a DJL {@link Loss}, {@code labels = (gtBoxes, gtClasses, gtCount)}.
 *
 * <p>All results and temporaries are created in the manager of the first output level (the
 * targets are copied there, never modified), so run the forward pass and the loss inside a
 * per-step sub-manager (see {@code DJL-NOTES.md}). The total always depends on every class logit, so even a
 * batch without any GT gives non-zero gradients (DJL's first {@code step()} throws when the sum of
 * all gradients is exactly 0); box-branch gradients are exactly 0 in such a batch.
 */
public final class YoloLoss extends Loss {
    private static final float[] UNIT_BOX = {0f, 0f, 1f, 1f};

    private final int numClasses;
    private final int[] strides;
    private final float boxGain;
    private final float clsGain;
    private final IouKind boxLoss;
    private final float focalGamma;
    private final float focalAlpha;
    private final ClassificationLoss clsLoss;
    private final TaskAlignedAssigner assigner;

    private YoloLoss(Builder b) {
        super("yolo_loss");
        numClasses = b.numClasses;
        strides = b.strides.clone();
        boxGain = b.boxGain;
        clsGain = b.clsGain;
        boxLoss = b.boxLoss;
        focalGamma = b.focalGamma;
        focalAlpha = b.focalAlpha;
        clsLoss = b.clsLoss != null ? b.clsLoss
                : focalGamma > 0f || focalAlpha >= 0f ? ClassificationLoss.focal(focalGamma, focalAlpha) : ClassificationLoss.bce();
        assigner = new TaskAlignedAssigner(b.topK, b.talAlpha, b.talBeta);
    }

    /**
     * The loss with default settings for a model config.
     *
     * @param config the model config
     * @return the loss
     */
    public static YoloLoss of(YoloConfig config) {
        return builder().setNumClasses(config.numClasses()).optStrides(config.strides()).build();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Loss values of one batch. All are scalars; {@code total} carries the gradient, the others
     * are for logging ({@code getFloat()}).
     *
     * @param total {@code λ_box·box + λ_cls·cls}
     * @param box {@code L_box} (before its gain)
     * @param cls {@code L_cls} (before its gain)
     * @param numForeground number of foreground anchors in the batch
     */
    public record Parts(NDArray total, NDArray box, NDArray cls, NDArray numForeground) {}

    /**
     * Computes the loss.
     *
     * @param preds model output, per level {@code N×(4 + C)×H_l×W_l}
     * @param gtBoxes {@code N×M×4} xyxy input pixels
     * @param gtClasses {@code N×M} class ids
     * @param gtCount {@code N} valid slots per image
     * @return the total and its parts
     */
    public Parts compute(NDList preds, NDArray gtBoxes, NDArray gtClasses, NDArray gtCount) {
        NDManager manager = preds.get(0).getManager();
        AnchorGrid grid = AnchorGrid.of(preds, strides);
        NDList anchors = grid.toNd(manager);
        NDArray points = anchors.get(0), anchorStrides = anchors.get(1);

        NDArray flat = YoloOutputs.flatten(preds);
        long c = flat.getShape().get(2) - 4;
        if (c != numClasses) {
            throw new IllegalArgumentException("model predicts " + c + " classes, loss built for " + numClasses);
        }
        NDArray logits = YoloOutputs.classLogits(flat);
        NDArray predBoxes = YoloOutputs.boxes(YoloOutputs.rawBoxes(flat), points, anchorStrides);

        TaskAlignedAssigner.Assignment t = assigner.assign(Activation.sigmoid(logits.stopGradient()),
                predBoxes.stopGradient(), points, gtBoxes, gtClasses, gtCount);
        NDArray targetScores = t.targetScores();
        NDArray scoreSum = ScalarOps.maximum(targetScores.sum(), 1f);

        NDArray clsElem = clsLoss.elementwise(logits, targetScores);
        NDArray cls = clsElem.sum().div(scoreSum);

        // background anchors get a dummy unit target box so that the IoU stays finite; weight 0
        NDArray bg = t.fgMask().neg().add(1f).expandDims(2);
        NDArray target = t.targetBoxes().add(bg.mul(manager.create(UNIT_BOX)));
        NDArray weight = targetScores.sum(new int[] {2});
        NDArray iou = BoxOps.iou(boxLoss, predBoxes, target);
        NDArray box = iou.neg().add(1f).mul(weight).sum().div(scoreSum);

        NDArray total = ScalarOps.mul(box, boxGain).add(ScalarOps.mul(cls, clsGain));
        return new Parts(total, box, cls, t.fgMask().sum());
    }

    /**
     * DJL {@link Loss} entry point.
     *
     * @param labels {@code (gtBoxes, gtClasses, gtCount)}
     * @param predictions the model output
     * @return the total loss (scalar)
     */
    @Override
    public NDArray evaluate(NDList labels, NDList predictions) {
        if (labels.size() != 3) {
            throw new IllegalArgumentException("YoloLoss labels must be (gtBoxes, gtClasses, gtCount), got " + labels.size()
                    + " arrays");
        }
        return compute(predictions, labels.get(0), labels.get(1), labels.get(2)).total();
    }

    /** @return number of classes */
    public int getNumClasses() {
        return numClasses;
    }

    /** Builder, DJL style: {@code setX} required, {@code optX} optional. */
    public static final class Builder {
        private int numClasses = -1;
        private int[] strides = {8, 16, 32};
        private float boxGain = 7.5f;
        private float clsGain = 0.5f;
        private IouKind boxLoss = IouKind.CIOU;
        private float focalGamma = 0f;
        private float focalAlpha = -1f;
        private ClassificationLoss clsLoss;
        private int topK = 10;
        private float talAlpha = 0.5f;
        private float talBeta = 6.0f;

        private Builder() {}

        /**
         * @param numClasses number of classes
         * @return this
         */
        public Builder setNumClasses(int numClasses) {
            this.numClasses = numClasses;
            return this;
        }

        /**
         * @param strides strides of the output levels (default 8, 16, 32)
         * @return this
         */
        public Builder optStrides(int... strides) {
            this.strides = strides.clone();
            return this;
        }

        /**
         * @param boxGain λ_box (default 7.5)
         * @return this
         */
        public Builder optBoxGain(float boxGain) {
            this.boxGain = boxGain;
            return this;
        }

        /**
         * @param clsGain λ_cls (default 0.5)
         * @return this
         */
        public Builder optClsGain(float clsGain) {
            this.clsGain = clsGain;
            return this;
        }

        /**
         * @param kind {@link IouKind#CIOU} (default), {@link IouKind#GIOU}, {@link IouKind#DIOU} or
         *     {@link IouKind#IOU}
         * @return this
         */
        public Builder optBoxLoss(IouKind kind) {
            this.boxLoss = kind;
            return this;
        }

        /**
         * Focal classification loss instead of BCE, see {@link Losses#focalWithLogits}.
         *
         * @param gamma γ &gt; 0 (Ultralytics 1.5, RetinaNet 2)
         * @param alpha α in [0, 1] (0.25), or negative for no α weighting
         * @return this
         */
        public Builder optFocal(float gamma, float alpha) {
            this.focalGamma = gamma;
            this.focalAlpha = alpha;
            return this;
        }

        /**
         * The classification loss, label smoothing included ({@link ClassificationLoss}); replaces
         * {@link #optFocal} when set.
         *
         * @param loss BCE, focal or varifocal
         * @return this
         */
        public Builder optClsLoss(ClassificationLoss loss) {
            this.clsLoss = loss;
            return this;
        }

        /**
         * TAL settings.
         *
         * @param topK candidates per GT (10)
         * @param alpha score exponent (0.5)
         * @param beta IoU exponent (6)
         * @return this
         */
        public Builder optAssigner(int topK, float alpha, float beta) {
            this.topK = topK;
            this.talAlpha = alpha;
            this.talBeta = beta;
            return this;
        }

        /** @return the loss */
        public YoloLoss build() {
            if (numClasses < 1) {
                throw new IllegalArgumentException("YoloLoss: setNumClasses is required (≥ 1)");
            }
            if (focalGamma < 0f || focalAlpha > 1f) {
                throw new IllegalArgumentException("YoloLoss: focal γ must be ≥ 0 and α ≤ 1");
            }
            if (boxLoss == null) {
                throw new IllegalArgumentException("YoloLoss: box loss kind is null");
            }
            return new YoloLoss(this);
        }
    }
}
