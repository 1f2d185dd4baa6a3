package io.detkit.detector.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.detector.DetectorModels;
import io.detkit.detector.config.RunConfig;
import io.detkit.detector.config.RunConfigLoader;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.nn.ActivationType;
import io.detkit.detector.nn.BoxOps;
import io.detkit.detector.nn.ClassificationLoss;
import io.detkit.detector.testing.GradientCheck;
import io.detkit.metrics.box.IouKind;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The recipe choices inside the YOLO model and loss: activations, attention, classification losses. */
class YoloRecipeTest {

    private static long params(Block b) {
        long n = 0;
        for (Pair<String, Parameter> p : b.getParameters()) {
            Parameter.Type t = p.getValue().getType();
            if (t != Parameter.Type.RUNNING_MEAN && t != Parameter.Type.RUNNING_VAR) {
                n += p.getValue().getArray().getShape().size();
            }
        }
        return n;
    }

    @Test
    void everyActivationAndAttentionRunsInTheModel() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(1, 3, 64, 64);
            NDArray x = m.randomUniform(0, 1, in);
            for (ActivationType t : ActivationType.values()) {
                YoloModel model = YoloModel.create(new YoloConfig(2, YoloSize.T, ActivationSpec.of(t), 64));
                model.initialize(m, DataType.FLOAT32, in);
                NDList out = model.forward(new ParameterStore(m, false), new NDList(x), false);
                Shape[] declared = model.getOutputShapes(new Shape[] {in});
                for (int i = 0; i < 3; i++) {
                    assertEquals(declared[i], out.get(i).getShape(), t + " level " + i);
                    assertTrue(Float.isFinite(out.get(i).abs().max().getFloat()), t.name());
                }
            }
            for (YoloAttention.Kind kind : YoloAttention.Kind.values()) {
                YoloModel model = YoloModel.create(new YoloConfig(2, YoloSize.T, ActivationSpec.silu(), 64,
                        new YoloAttention(kind, 8, 7, List.of(3, 5))));
                model.initialize(m, DataType.FLOAT32, in);
                NDList out = model.forward(new ParameterStore(m, true), new NDList(x), true);
                assertEquals(new Shape(1, 6, 8, 8), out.get(0).getShape(), kind.name());
                assertEquals(new Shape(1, 6, 2, 2), out.get(2).getShape(), kind.name());
            }
        }
    }

    @Test
    void configChoicesReachTheModelAndSurviveTheDescription() {
        RunConfig cfg = RunConfigLoader.parse("r.yaml", """
                model: {size: t, imgsz: 64, activation: maxout, maxout_pieces: 3, attention: cbam, attention_reduction: 8,
                        attention_kernel: 5, attention_stages: [4, 2]}
                train: {loss: {cls_type: varifocal, varifocal_alpha: 0.5}}
                """, List.of());
        DetectorModels.Built built = DetectorModels.build(cfg, List.of("a", "b"));
        YoloModel model = (YoloModel) built.block();
        assertEquals(ActivationSpec.maxout(3), model.getConfig().activation());
        assertEquals(new YoloAttention(YoloAttention.Kind.CBAM, 8, 5, List.of(2, 4)), model.getConfig().attention());
        ObjectNode d = built.describe();
        YoloModel again = (YoloModel) DetectorModels.fromDescription(d).block();
        assertEquals(model.getConfig(), again.getConfig());
        // a description written before these keys existed builds the plain model
        ObjectNode old = d.deepCopy();
        old.remove(List.of("attention", "maxout_pieces", "elu_alpha", "prelu_init"));
        old.put("activation", "leaky_relu");
        ((ObjectNode) old.get("loss")).remove(List.of("label_smoothing", "varifocal_alpha", "varifocal_gamma"));
        ((ObjectNode) old.get("loss")).put("cls_type", "bce");
        YoloConfig plain = ((YoloModel) DetectorModels.fromDescription(old).block()).getConfig();
        assertEquals(YoloAttention.NONE, plain.attention());
        assertEquals(ActivationSpec.leakyRelu((float) cfg.model.leakySlope), plain.activation());
        // parameters: the CBAM blocks add exactly their own
        try (NDManager m = NDManager.newBaseManager()) {
            YoloModel a = YoloModel.create(model.getConfig());
            YoloModel b = YoloModel.create(model.getConfig().withAttention(YoloAttention.NONE));
            a.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            b.initialize(m, DataType.FLOAT32, new Shape(1, 3, 64, 64));
            // stages 2 (C = 16, h = 2) and 4 (C = 64, h = 8): MLP 2·C·h + h + C + spatial 2·5² + 1
            //   = (64 + 2 + 16 + 51) + (1,024 + 8 + 64 + 51) = 133 + 1,147 = 1,280
            assertEquals(1_280, params(a) - params(b));
        }
    }

    /** Predictions N×(4 + C)×H×W per level at imgsz 32 (levels 4×4, 2×2, 1×1 = 21 anchors), constant class logit. */
    private static NDList preds(NDManager m, int classes, double clsLogit, Random rnd) {
        NDList out = new NDList();
        for (int side : new int[] {4, 2, 1}) {
            Shape s = new Shape(1, 4 + classes, side, side);
            double[] v = new double[(int) s.size()];
            int plane = side * side;
            for (int i = 0; i < v.length; i++) {
                v[i] = i < 4 * plane ? (rnd == null ? 0.7 : 0.5 + rnd.nextDouble()) : (rnd == null ? clsLogit : clsLogit + rnd.nextGaussian());
            }
            out.add(m.create(v, s));
        }
        return out;
    }

    @Test
    void classificationChoicesWithoutGroundTruthHandComputed() {
        try (NDManager m = NDManager.newBaseManager()) {
            // no GT: every target score is 0; every class logit −2; 21 anchors × 2 classes = 42 elements; S = max(0, 1) = 1
            NDList p = preds(m, 2, -2, null);
            NDArray boxes = m.zeros(new Shape(1, 0, 4)), classes = m.zeros(new Shape(1, 0)), count = m.zeros(new Shape(1));
            YoloLoss.Builder b = YoloLoss.builder().setNumClasses(2).optStrides(8, 16, 32);
            // BCE(−2, 0) = log(1 + e^−2) = 0.1269280 → 42·0.1269280 = 5.3309765
            assertEquals(5.3309765, b.build().compute(p, boxes, classes, count).cls().getDouble(), 1e-5);
            // smoothing ε = 0.1: target ε/2 = 0.05: BCE(−2, 0.05) = 0 + 2·0.05 + 0.1269280 = 0.2269280 → 42·0.2269280 = 9.5309765
            assertEquals(9.5309765, b.optClsLoss(ClassificationLoss.bce().withLabelSmoothing(0.1f)).build()
                    .compute(p, boxes, classes, count).cls().getDouble(), 1e-5);
            // varifocal α = 0.75, γ = 2, all q = 0: p = σ(−2) = 0.1192029, p² = 0.0142093;
            //   0.75·0.0142093·0.1269280 = 0.0013527 → 42·0.0013527 = 0.0568130
            assertEquals(0.0568130, b.optClsLoss(ClassificationLoss.varifocal(0.75f, 2f)).build()
                    .compute(p, boxes, classes, count).cls().getDouble(), 1e-5);
        }
    }

    /**
     * The whole YOLO loss against central differences. Its pieces are checked in float64 in
     * LossesTest; the task-aligned assigner computes in float32, so this check runs in float32 with
     * a step of 1e-2 and 3e-3 relative tolerance (the largest error seen is 4e-4), which still catches a wrong sign, factor or
     * missing term.
     *
     * <p>The autograd gradient treats the assignment (target boxes and scores, computed from
     * detached predictions) as constant, as Ultralytics does, while the loss value moves with it:
     * the numeric side therefore differentiates the formula of the YoloLoss class comment with the
     * assignment frozen at the base point. GIoU because CIoU's α is also held constant (see
     * LossesTest). This reference mirrors the documented formula and has to follow it if the formula
     * changes.
     */
    @Test
    void lossGradientAgainstCentralDifferences() {
        try (NDManager m = NDManager.newBaseManager()) {
            Random rnd = new Random(8);
            NDList p = new NDList();
            preds(m, 2, -1, rnd).forEach(a -> p.add(a.toType(DataType.FLOAT32, false)));
            NDArray boxes = m.create(new float[] {4, 6, 20, 22, 14, 10, 30, 28}, new Shape(1, 2, 4));
            NDArray classes = m.create(new float[] {0, 1}, new Shape(1, 2));
            NDArray count = m.create(new float[] {2});
            int[] strides = {8, 16, 32};
            NDList anchors = AnchorGrid.of(p, strides).toNd(m);
            NDArray flat0 = YoloOutputs.flatten(p);
            TaskAlignedAssigner.Assignment frozen = new TaskAlignedAssigner().assign(
                    ai.djl.nn.Activation.sigmoid(YoloOutputs.classLogits(flat0)),
                    YoloOutputs.boxes(YoloOutputs.rawBoxes(flat0), anchors.get(0), anchors.get(1)), anchors.get(0), boxes, classes, count);
            assertTrue(frozen.fgMask().sum().getFloat() > 0);
            for (ClassificationLoss cls : new ClassificationLoss[] {ClassificationLoss.bce().withLabelSmoothing(0.1f),
                ClassificationLoss.varifocal(0.75f, 2f), ClassificationLoss.focal(1.5f, 0.25f)}) {
                YoloLoss loss = YoloLoss.builder().setNumClasses(2).optStrides(strides).optBoxLoss(IouKind.GIOU).optClsLoss(cls).build();
                java.util.function.Function<NDList, NDArray> reference = in -> {
                    // total = 7.5·Σ(1 − GIoU)·w/S + 0.5·Σ cls(logit, t)/S, S = max(Σt, 1), w = Σ_classes t
                    NDArray flat = YoloOutputs.flatten(in);
                    NDArray t = frozen.targetScores();
                    NDArray s = t.sum().maximum(1f);
                    NDArray lcls = cls.elementwise(YoloOutputs.classLogits(flat), t).sum().div(s);
                    NDArray bg = frozen.fgMask().neg().add(1f).expandDims(2);
                    NDArray target = frozen.targetBoxes().add(bg.mul(m.create(new float[] {0, 0, 1, 1})));
                    NDArray pred = YoloOutputs.boxes(YoloOutputs.rawBoxes(flat), anchors.get(0), anchors.get(1));
                    NDArray lbox = BoxOps.iou(IouKind.GIOU, pred, target).neg().add(1f).mul(t.sum(new int[] {2})).sum().div(s);
                    return lbox.mul(7.5f).add(lcls.mul(0.5f));
                };
                assertEquals(reference.apply(p).getFloat(), loss.compute(p, boxes, classes, count).total().getFloat(), 1e-5);
                GradientCheck.create().withDataType(DataType.FLOAT32).withStep(1e-2).withTolerance(3e-3, 1e-4)
                        .check(in -> loss.compute(in, boxes, classes, count).total(), reference, p).assertPassed();
            }
        }
    }
}
