package io.detkit.detector;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.detector.config.RunConfig;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.nn.ActivationType;
import io.detkit.detector.nn.ClassificationLoss;
import io.detkit.detector.rcnn.FasterRcnnDecoder;
import io.detkit.detector.rcnn.FasterRcnnLoss;
import io.detkit.detector.rcnn.FasterRcnnModel;
import io.detkit.detector.rcnn.RcnnConfig;
import io.detkit.detector.yolo.YoloAttention;
import io.detkit.detector.yolo.YoloConfig;
import io.detkit.detector.yolo.YoloDecoder;
import io.detkit.detector.yolo.YoloLoss;
import io.detkit.detector.yolo.YoloModel;
import io.detkit.detector.yolo.YoloSize;
import io.detkit.metrics.Detection;
import io.detkit.metrics.box.IouKind;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds a detector of any supported type from a run config (or from the {@code model.json} a
 * checkpoint keeps), giving the training loop and the inference API one interface: the block, its
 * loss, and its decoder.
 */
public final class DetectorModels {
    private static final ObjectMapper JSON = new ObjectMapper();
    /**
     * Key of a model description that holds the input size inference uses by default when it
     * differs from the training size {@code imgsz} (set from {@code val.imgsz}).
     */
    public static final String INFER_IMGSZ = "infer_imgsz";

    private DetectorModels() {}

    /** Loss parts of one step. */
    public interface LossParts {
        /** @return the total loss (scalar, with gradient) */
        NDArray total();

        /** @return the box part, for logging */
        double box();

        /** @return the classification part, for logging */
        double cls();

        /**
         * The loss terms, each a scalar with its own gradient graph (before their gains), so that a
         * bad gradient can be traced to the term that produced it: {@code box} and {@code cls} for
         * YOLO; {@code rpn_objectness}, {@code rpn_box}, {@code cls} and {@code box} for Faster R-CNN.
         *
         * @return term name → scalar, in a fixed order
         */
        Map<String, NDArray> terms();

        /**
         * @param total the total loss (scalar, with gradient)
         * @param box the box part, already read to the host
         * @param cls the classification part, already read to the host
         * @param terms the loss terms with their gradient graphs ({@link #terms()})
         * @return the parts
         */
        static LossParts of(NDArray total, double box, double cls, Map<String, NDArray> terms) {
            return new Values(total, box, cls, Collections.unmodifiableMap(new LinkedHashMap<>(terms)));
        }
    }

    /** The plain holder behind {@link LossParts#of}. */
    private record Values(NDArray total, double box, double cls, Map<String, NDArray> terms) implements LossParts {}

    /** Computes the loss of a batch. */
    @FunctionalInterface
    public interface LossFunction {
        /**
         * @param preds the block's training-mode output
         * @param gtBoxes N×M×4 xyxy input pixels
         * @param gtClasses N×M class indices (−1 padding)
         * @param gtCount N real boxes per image
         * @return the parts
         */
        LossParts compute(NDList preds, NDArray gtBoxes, NDArray gtClasses, NDArray gtCount);
    }

    /**
     * A built detector.
     *
     * @param block the model block (uninitialised)
     * @param description what rebuilds it: type, size, activation, imgsz (the training input size),
     *     class names; {@value #INFER_IMGSZ} when inference runs at another size ({@code val.imgsz})
     * @param loss its loss
     * @param decoder raw output → detections in input pixels
     * @param targetsInForward whether the training forward pass takes the targets too
     *     ({@code images, gtBoxes, gtClasses, gtCount}): a two-stage model samples its RoIs against
     *     them inside the block
     * @param reseed reseeds the random sampling inside the forward pass and the loss (a no-op for
     *     models without any); the training loop calls it with a seed per step, so a resumed run
     *     draws the same samples as an uninterrupted one
     */
    public record Built(Block block, ObjectNode description, LossFunction loss, Decoder decoder, boolean targetsInForward,
            java.util.function.LongConsumer reseed) {
        /**
         * The training-mode inputs of one batch.
         *
         * @param images N×3×S×S
         * @param gtBoxes N×M×4
         * @param gtClasses N×M
         * @param gtCount N
         * @return the images alone, or with the targets when {@link #targetsInForward()}
         */
        public NDList trainingInputs(NDArray images, NDArray gtBoxes, NDArray gtClasses, NDArray gtCount) {
            return targetsInForward ? new NDList(images, gtBoxes, gtClasses, gtCount) : new NDList(images);
        }

        /**
         * @param batch batch size
         * @return the input shape N×3×S×S
         */
        public Shape inputShape(int batch) {
            int s = description.get("imgsz").asInt();
            return new Shape(batch, 3, s, s);
        }

        /**
         * @param preds raw output
         * @param conf confidence threshold
         * @param iou NMS IoU threshold
         * @param maxDet detections per image
         * @return detections per image, input pixels
         */
        public List<List<Detection>> decode(NDList preds, double conf, double iou, int maxDet) {
            return decoder.decode(preds, (float) conf, (float) iou, maxDet);
        }

        /** @return the description (a copy) */
        public ObjectNode describe() {
            return description.deepCopy();
        }

        /** @return class names in class-index order */
        public List<String> classNames() {
            List<String> out = new ArrayList<>();
            description.get("class_names").forEach(n -> out.add(n.asText()));
            return out;
        }
    }

    /** Raw output → detections. */
    @FunctionalInterface
    public interface Decoder {
        /**
         * @param preds raw output
         * @param conf confidence threshold
         * @param iou NMS IoU threshold
         * @param maxDet detections per image
         * @return detections per image
         */
        List<List<Detection>> decode(NDList preds, float conf, float iou, int maxDet);
    }

    /**
     * @param cfg the run config
     * @param classNames the dataset's class names
     * @return the detector
     */
    public static Built build(RunConfig cfg, List<String> classNames) {
        ObjectNode d = JSON.createObjectNode();
        d.put("type", cfg.model.type);
        d.put("size", cfg.model.size);
        d.put("activation", cfg.model.activation);
        d.put("leaky_slope", cfg.model.leakySlope);
        d.put("elu_alpha", cfg.model.eluAlpha);
        d.put("prelu_init", cfg.model.preluInit);
        d.put("maxout_pieces", cfg.model.maxoutPieces);
        d.put("imgsz", cfg.model.imgsz);
        if (cfg.val.size(cfg.model.imgsz) != cfg.model.imgsz) {
            d.put(INFER_IMGSZ, cfg.val.size(cfg.model.imgsz));
        }
        ObjectNode att = d.putObject("attention");
        att.put("type", cfg.model.attention);
        att.put("reduction", cfg.model.attentionReduction);
        att.put("kernel", cfg.model.attentionKernel);
        cfg.model.attentionStages.forEach(att.putArray("stages")::add);
        d.put("num_classes", classNames.size());
        d.putPOJO("class_names", classNames);
        ObjectNode loss = d.putObject("loss");
        loss.put("box", cfg.train.loss.box);
        loss.put("cls", cfg.train.loss.cls);
        loss.put("box_type", cfg.train.loss.boxType);
        loss.put("cls_type", cfg.train.loss.clsType);
        loss.put("focal_gamma", cfg.train.loss.focalGamma);
        loss.put("focal_alpha", cfg.train.loss.focalAlpha);
        loss.put("varifocal_gamma", cfg.train.loss.varifocalGamma);
        loss.put("varifocal_alpha", cfg.train.loss.varifocalAlpha);
        loss.put("label_smoothing", cfg.train.loss.labelSmoothing);
        if (cfg.model.type.equals("faster_rcnn")) {
            d.set("rcnn", JSON.valueToTree(cfg.model.rcnn));
        }
        return fromDescription(d);
    }

    /**
     * Rebuilds a detector from its description (the {@code model.json} of a checkpoint).
     *
     * @param d the description
     * @return the detector (uninitialised block)
     */
    public static Built fromDescription(JsonNode d) {
        String type = d.get("type").asText();
        if (type.equals("faster_rcnn")) {
            return fasterRcnn(d);
        }
        if (!type.equals("yolo")) {
            throw new IllegalArgumentException("model.type " + type + " is not available in this build");
        }
        int numClasses = d.get("num_classes").asInt();
        YoloConfig yc = new YoloConfig(numClasses, YoloSize.parse(d.get("size").asText()), activation(d), d.get("imgsz").asInt(),
                attention(d.get("attention")));
        YoloModel block = YoloModel.create(yc);
        JsonNode l = d.get("loss");
        YoloLoss.Builder lb = YoloLoss.builder().setNumClasses(numClasses);
        if (l != null) {
            lb.optBoxGain((float) l.get("box").asDouble()).optClsGain((float) l.get("cls").asDouble())
                    .optBoxLoss(IouKind.valueOf(l.get("box_type").asText().toUpperCase(Locale.ROOT)));
            lb.optClsLoss(classificationLoss(l));
        }
        YoloLoss loss = lb.build();
        YoloDecoder decoder = YoloDecoder.create(yc);
        LossFunction lf = (preds, boxes, classes, count) -> {
            YoloLoss.Parts p = loss.compute(preds, boxes, classes, count);
            LinkedHashMap<String, NDArray> terms = new LinkedHashMap<>();
            terms.put("box", p.box());
            terms.put("cls", p.cls());
            return LossParts.of(p.total(), value(p.box()), value(p.cls()), terms);
        };
        return new Built(block, (ObjectNode) d.deepCopy(), lf, decoder::decode, false, seed -> { });
    }

    /** A scalar's value, float32 or float64 (models also run in float64, for gradient checks). */
    private static double value(NDArray scalar) {
        return scalar.getDataType() == ai.djl.ndarray.types.DataType.FLOAT64 ? scalar.getDouble() : scalar.getFloat();
    }

    /** A Faster R-CNN from its description. */
    private static Built fasterRcnn(JsonNode d) {
        RcnnConfig rc = rcnnConfig(d);
        FasterRcnnModel block = FasterRcnnModel.create(rc);
        FasterRcnnLoss loss = new FasterRcnnLoss(block);
        FasterRcnnDecoder decoder = new FasterRcnnDecoder(rc.numClasses());
        LossFunction lf = (preds, boxes, classes, count) -> {
            FasterRcnnLoss.Parts p = loss.compute(preds, boxes, classes, count);
            double box = value(p.rpnBox()) + value(p.box());
            double cls = value(p.objectness()) + value(p.cls());
            LinkedHashMap<String, NDArray> terms = new LinkedHashMap<>();
            terms.put("rpn_objectness", p.objectness());
            terms.put("rpn_box", p.rpnBox());
            terms.put("cls", p.cls());
            terms.put("box", p.box());
            return LossParts.of(p.total(), box, cls, terms);
        };
        return new Built(block, (ObjectNode) d.deepCopy(), lf, decoder::decode, true, seed -> {
            block.setSeed(seed);
            loss.setSeed(seed ^ 0x5DEECE66DL);
        });
    }

    /**
     * The Faster R-CNN config of a description (its {@code rcnn} object; absent keys take the
     * run config's defaults).
     *
     * @param d the description
     * @return the config
     */
    public static RcnnConfig rcnnConfig(JsonNode d) {
        RunConfig.Rcnn r;
        try {
            r = d.hasNonNull("rcnn") ? JSON.treeToValue(d.get("rcnn"), RunConfig.Rcnn.class) : new RunConfig.Rcnn();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("model description: bad rcnn section: " + e.getOriginalMessage(), e);
        }
        float[][] sizes = new float[r.anchorSizes.size()][];
        for (int l = 0; l < sizes.length; l++) {
            List<Double> level = r.anchorSizes.get(l);
            sizes[l] = new float[level.size()];
            for (int j = 0; j < sizes[l].length; j++) {
                sizes[l][j] = level.get(j).floatValue();
            }
        }
        float[] ratios = new float[r.aspectRatios.size()];
        for (int j = 0; j < ratios.length; j++) {
            ratios[j] = r.aspectRatios.get(j).floatValue();
        }
        RunConfig.RcnnRpn p = r.rpn;
        RunConfig.RcnnRoi o = r.roi;
        return new RcnnConfig(d.get("num_classes").asInt(), YoloSize.parse(d.get("size").asText()), activation(d),
                d.get("imgsz").asInt(), r.fpnChannels, sizes, ratios,
                new RcnnConfig.Rpn(p.preNmsTopKTrain, p.preNmsTopKTest, p.postNmsTopKTrain, p.postNmsTopKTest, (float) p.nmsIou,
                        (float) p.fgIou, (float) p.bgIou, p.batchPerImage, (float) p.positiveFraction),
                new RcnnConfig.Roi(o.outputSize, o.samplingRatio, o.headDim, (float) o.fgIou, o.batchPerImage,
                        (float) o.positiveFraction, o.canonicalSize));
    }

    /** The activation of a description; keys a description written before they existed take their defaults. */
    private static ActivationSpec activation(JsonNode d) {
        ActivationType type = ActivationSpec.parse(d.get("activation").asText().toLowerCase(Locale.ROOT)).type();
        return switch (type) {
            case LEAKY_RELU -> ActivationSpec.leakyRelu((float) d.path("leaky_slope").asDouble(type.defaultAlpha()));
            case ELU -> ActivationSpec.elu((float) d.path("elu_alpha").asDouble(type.defaultAlpha()));
            case PRELU -> ActivationSpec.prelu((float) d.path("prelu_init").asDouble(type.defaultAlpha()));
            case MAXOUT -> ActivationSpec.maxout(d.path("maxout_pieces").asInt((int) type.defaultAlpha()));
            default -> ActivationSpec.of(type);
        };
    }

    /** The backbone attention of a description ({@code none} when absent). */
    private static YoloAttention attention(JsonNode a) {
        if (a == null || a.isNull()) {
            return YoloAttention.NONE;
        }
        YoloAttention.Kind kind = YoloAttention.Kind.parse(a.path("type").asText("none"));
        if (kind == YoloAttention.Kind.NONE) {
            return YoloAttention.NONE;
        }
        List<Integer> stages = new ArrayList<>();
        a.path("stages").forEach(n -> stages.add(n.asInt()));
        return new YoloAttention(kind, a.path("reduction").asInt(16), a.path("kernel").asInt(7), stages);
    }

    /** The classification loss of a description's {@code loss} object. */
    private static ClassificationLoss classificationLoss(JsonNode l) {
        float smoothing = (float) l.path("label_smoothing").asDouble(0);
        return switch (ClassificationLoss.Kind.parse(l.path("cls_type").asText("bce"))) {
            case BCE -> ClassificationLoss.bce().withLabelSmoothing(smoothing);
            case FOCAL -> ClassificationLoss.focal((float) l.get("focal_gamma").asDouble(), (float) l.get("focal_alpha").asDouble())
                    .withLabelSmoothing(smoothing);
            case VARIFOCAL -> ClassificationLoss.varifocal((float) l.path("varifocal_alpha").asDouble(0.75),
                    (float) l.path("varifocal_gamma").asDouble(2.0));
        };
    }
}
