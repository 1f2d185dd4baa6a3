package io.detkit.detector.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import io.detkit.detector.yolo.YoloConfig;
import io.detkit.detector.yolo.YoloLoss;
import io.detkit.detector.yolo.YoloModel;
import io.detkit.detector.yolo.YoloTraining;
import io.detkit.metrics.box.IouKind;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Gradients must not depend on when the JVM collects garbage.
 *
 * <p>DJL's PyTorch {@code NDArray.mul(Number)} (and {@code div}, {@code pow}, {@code maximum},
 * {@code minimum}) wraps the number in a tensor over a direct buffer and closes it right after the
 * op, while autograd keeps that tensor for the backward pass. Once the GC frees the buffer the
 * backward pass reads whatever the memory holds next — the source of the sporadic 1e31/NaN
 * gradients seen in training. Each case here runs the forward pass, then collects garbage and
 * refills freed small blocks with NaN, then runs the backward pass, and requires the gradient to be
 * bit-identical to the one of an undisturbed run.
 */
class ScalarLifetimeTest {

    /** Forward, [GC + NaN-filled allocations], backward; returns the gradient of {@code x}. */
    private static float[] gradient(Function<NDArray, NDArray> f, boolean disturb) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new float[] {-2.5f, -0.7f, -0.1f, 0.05f, 0.3f, 1.2f, 3.5f, 0.9f});
            x.setRequiresGradient(true);
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x).sum();
                if (disturb) {
                    disturbFreedMemory();
                }
                gc.backward(y);
            }
            return x.getGradient().toFloatArray();
        }
    }

    /** Makes the cleaner free unreachable direct buffers, then reuses small freed blocks with NaN. */
    static void disturbFreedMemory() {
        for (int round = 0; round < 3; round++) {
            System.gc();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        List<ByteBuffer> keep = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            ByteBuffer b = ByteBuffer.allocateDirect(4 + (i % 4) * 4).order(ByteOrder.nativeOrder());
            while (b.remaining() >= 4) {
                b.putFloat(Float.NaN);
            }
            keep.add(b);
        }
        HOLD.add(keep); // keep them alive until the backward pass has run
    }

    private static final List<Object> HOLD = new ArrayList<>();

    private static void assertStable(String what, Function<NDArray, NDArray> f) {
        float[] clean = gradient(f, false);
        for (float g : clean) {
            assertTrue(Float.isFinite(g), what + ": undisturbed gradient not finite");
        }
        float[] disturbed = gradient(f, true);
        HOLD.clear();
        assertArrayEquals(clean, disturbed, what + ": the gradient changed when freed memory was reused");
    }

    @Test
    void activationsKeepTheirConstantsAlive() {
        for (ActivationType t : ActivationType.values()) {
            if (t == ActivationType.PRELU) {
                // a block with learnable slopes: the function it applies, slopes as a constant array
                assertStable(t.name(), x -> PRelu.prelu(x.reshape(1, 8), x.getManager().full(new Shape(8), 0.25f)));
            } else if (t == ActivationType.MAXOUT) {
                assertStable(t.name(), x -> t.apply(x.reshape(1, 8), 2f));
            } else {
                assertStable(t.name(), x -> t.apply(x, 0.1f));
            }
        }
    }

    /** Parameter and input gradients of the recipe blocks, clean and with freed memory reused in between. */
    @Test
    void recipeBlocksKeepTheirConstantsAlive() {
        for (java.util.function.Supplier<ai.djl.nn.Block> make : List.<java.util.function.Supplier<ai.djl.nn.Block>>of(
                () -> new SqueezeExcitation(8, 4), () -> new Cbam(8, 4, 3), () -> new ConvBnAct(4, 3, 1, ActivationSpec.prelu(0.25f)),
                () -> new ConvBnAct(4, 3, 1, ActivationSpec.maxout(2)), () -> new ConvBnAct(4, 3, 1, ActivationSpec.elu(1f)))) {
            float[][] clean = blockGradients(make.get(), false);
            float[][] disturbed = blockGradients(make.get(), true);
            HOLD.clear();
            for (int i = 0; i < clean.length; i++) {
                assertArrayEquals(clean[i], disturbed[i], make.get() + " gradient " + i);
            }
        }
    }

    private static float[][] blockGradients(ai.djl.nn.Block block, boolean disturb) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(5);
        try (NDManager m = NDManager.newBaseManager()) {
            Shape in = new Shape(2, 8, 6, 6);
            block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, in);
            NDArray x = m.randomNormal(in);
            x.setRequiresGradient(true);
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                NDArray y = block.forward(new ai.djl.training.ParameterStore(m, false), new NDList(x), true).singletonOrThrow();
                NDArray l = y.square().sum();
                if (disturb) {
                    disturbFreedMemory();
                }
                gc.backward(l);
            }
            List<float[]> out = new ArrayList<>();
            out.add(x.getGradient().toFloatArray());
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray w = p.getValue().getArray();
                if (w.hasGradient()) {
                    out.add(w.getGradient().toFloatArray());
                }
            }
            return out.toArray(new float[0][]);
        }
    }

    @Test
    void scalarOpsKeepTheirConstantsAlive() {
        assertStable("mul", x -> ScalarOps.mul(x, 2.5f));
        assertStable("div", x -> ScalarOps.div(x, 4f));
        assertStable("pow", x -> ScalarOps.pow(x.abs(), 1.5f));
        assertStable("maximum", x -> ScalarOps.maximum(x, 0.2f));
        assertStable("minimum", x -> ScalarOps.minimum(x, 0.2f));
    }

    @Test
    void lossesKeepTheirConstantsAlive() {
        assertStable("bce", x -> Losses.bceWithLogits(x, x.getManager().full(x.getShape(), 0.3f)));
        assertStable("focal", x -> Losses.focalWithLogits(x, x.getManager().full(x.getShape(), 0.3f), 1.5f, 0.25f));
        assertStable("varifocal", x -> Losses.varifocalWithLogits(x,
                x.getManager().create(new float[] {0, 0.8f, 0, 0.3f, 1, 0, 0, 0.5f}), 0.75f, 2f));
        assertStable("smoothed bce", x -> ClassificationLoss.bce().withLabelSmoothing(0.1f).elementwise(x,
                x.getManager().full(x.getShape(), 1f)));
        assertStable("softmax ce", x -> Losses.softmaxCrossEntropy(x.reshape(2, 4), x.getManager().create(new long[] {1, 3}), 0.1f));
        assertStable("smooth l1", x -> Losses.smoothL1(x, x.getManager().zeros(x.getShape()), 0.5f));
        assertStable("huber", x -> Losses.huber(x, x.getManager().zeros(x.getShape()), 0.5f));
        assertStable("l1", x -> Losses.l1(x, x.getManager().zeros(x.getShape())));
        assertStable("mse", x -> Losses.mse(x, x.getManager().zeros(x.getShape())));
        assertStable("kl", x -> Losses.klDivergence(x.reshape(2, 4).logSoftmax(1),
                x.getManager().create(new float[] {0.1f, 0.2f, 0.3f, 0.4f, 0, 0.5f, 0.5f, 0}, new Shape(2, 4))));
        for (IouKind kind : new IouKind[] {IouKind.IOU, IouKind.GIOU, IouKind.DIOU, IouKind.CIOU}) {
            // x as (x1, y1) offsets of two predicted boxes against one target
            assertStable("box " + kind, x -> {
                NDArray p = x.reshape(2, 4).mul(x.getManager().create(new float[] {3, 3, 5, 5})).add(
                        x.getManager().create(new float[] {10, 10, 30, 40}));
                return BoxOps.iou(kind, p, x.getManager().create(new float[] {12, 8, 33, 37}).reshape(1, 4));
            });
        }
    }

    /** The whole YOLO model and loss: parameter gradients identical with and without GC in between. */
    @Test
    void yoloGradientsDoNotDependOnGarbageCollection() {
        YoloConfig config = YoloTraining.tinyConfig(2);
        float[][] clean = yoloGradients(config, false);
        float[][] disturbed = yoloGradients(config, true);
        HOLD.clear();
        for (int i = 0; i < clean.length; i++) {
            assertArrayEquals(clean[i], disturbed[i], "parameter " + i);
        }
    }

    private static float[][] yoloGradients(YoloConfig config, boolean disturb) {
        ai.djl.engine.Engine.getInstance().setRandomSeed(7);
        try (Model model = Model.newInstance("yolo")) {
            model.setBlock(YoloModel.create(config));
            YoloLoss loss = YoloLoss.builder().setNumClasses(2).build();
            try (Trainer trainer = YoloTraining.trainer(model, loss, 1e-3f, 2);
                    NDManager step = trainer.getManager().newSubManager()) {
                float[][] boxes = {{8, 12, 40, 44}, {20, 16, 58, 50}};
                NDArray x = YoloTraining.images(step, boxes, new int[] {0, 1});
                NDArray gtBoxes = step.create(new float[] {8, 12, 40, 44, 20, 16, 58, 50}, new Shape(2, 1, 4));
                NDArray gtClasses = step.create(new float[] {0, 1}, new Shape(2, 1));
                NDArray gtCount = step.create(new float[] {1, 1});
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList preds = trainer.forward(new NDList(x));
                    NDArray total = loss.compute(preds, gtBoxes, gtClasses, gtCount).total();
                    if (disturb) {
                        disturbFreedMemory();
                    }
                    gc.backward(total);
                }
                List<float[]> out = new ArrayList<>();
                for (Pair<String, Parameter> p : model.getBlock().getParameters()) {
                    NDArray w = p.getValue().getArray();
                    if (w.hasGradient()) {
                        out.add(w.getGradient().toFloatArray());
                    }
                }
                return out.toArray(new float[0][]);
            }
        }
    }
}
