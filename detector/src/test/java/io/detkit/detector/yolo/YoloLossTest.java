package io.detkit.detector.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.detkit.metrics.box.IouKind;
import org.junit.jupiter.api.Test;

class YoloLossTest {

    @Test
    void partsAddUpAndEveryVariantIsFinite() {
        YoloConfig config = YoloTraining.tinyConfig(2);
        try (Model model = Model.newInstance("yolo")) {
            model.setBlock(YoloModel.create(config));
            YoloLoss loss = YoloLoss.of(config);
            try (Trainer trainer = YoloTraining.trainer(model, loss, 1e-3f, 2);
                    NDManager step = trainer.getManager().newSubManager()) {
                float[][] boxes = {{8, 12, 40, 44}, {20, 16, 58, 50}};
                NDArray x = YoloTraining.images(step, boxes, new int[] {0, 1});
                NDList preds = trainer.evaluate(new NDList(x));
                // image 0: one box + one padded slot; image 1: one box
                NDArray gtBoxes = step.create(new float[] {8, 12, 40, 44, 0, 0, 0, 0, 20, 16, 58, 50, 0, 0, 0, 0},
                        new Shape(2, 2, 4));
                NDArray gtClasses = step.create(new float[] {0, -1, 1, -1}, new Shape(2, 2));
                NDArray gtCount = step.create(new float[] {1, 1});
                YoloLoss.Parts p = loss.compute(preds, gtBoxes, gtClasses, gtCount);
                assertEquals(7.5f * p.box().getFloat() + 0.5f * p.cls().getFloat(), p.total().getFloat(), 1e-4);
                assertTrue(p.numForeground().getFloat() > 0);
                assertTrue(p.box().getFloat() > 0 && p.box().getFloat() < 2);
                assertEquals(p.total().getFloat(), loss.evaluate(new NDList(gtBoxes, gtClasses, gtCount), preds).getFloat(),
                        1e-6);
                for (YoloLoss variant : new YoloLoss[] {
                    YoloLoss.builder().setNumClasses(2).optBoxLoss(IouKind.GIOU).build(),
                    YoloLoss.builder().setNumClasses(2).optFocal(1.5f, 0.25f).build()}) {
                    assertTrue(Float.isFinite(variant.compute(preds, gtBoxes, gtClasses, gtCount).total().getFloat()));
                }
                assertThrows(IllegalArgumentException.class,
                        () -> YoloLoss.builder().setNumClasses(3).build().compute(preds, gtBoxes, gtClasses, gtCount));
            }
        }
    }

    /** A batch without any GT must still train: DJL's first step throws if all gradients sum to 0. */
    @Test
    void batchWithoutGroundTruthGivesAUsableGradient() {
        YoloConfig config = YoloTraining.tinyConfig(1);
        try (Model model = Model.newInstance("yolo")) {
            model.setBlock(YoloModel.create(config));
            YoloLoss loss = YoloLoss.of(config);
            try (Trainer trainer = YoloTraining.trainer(model, loss, 1e-3f, 2);
                    NDManager step = trainer.getManager().newSubManager()) {
                NDArray x = step.full(new Shape(2, 3, 64, 64), 0.5f);
                float total;
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    NDList preds = trainer.forward(new NDList(x));
                    YoloLoss.Parts p = loss.compute(preds, step.zeros(new Shape(2, 3, 4)), step.zeros(new Shape(2, 3)),
                            step.zeros(new Shape(2)));
                    assertEquals(0f, p.box().getFloat(), 0f);
                    assertEquals(0f, p.numForeground().getFloat(), 0f);
                    total = p.total().getFloat();
                    gc.backward(p.total());
                }
                // 1 class, per image: 64 cells × BCE(log(5/64) = −2.549, 0) = 64 × 0.0753 = 4.82,
                // 16 × BCE(log(5/16) = −1.163, 0) = 16 × 0.272 = 4.35, 4 × BCE(log 0.5, 0) = 4 × 0.405 = 1.62;
                // (10.79 per image) × 2 images × λ_cls 0.5 / S (= 1, no targets) ≈ 10.8
                assertEquals(10.8, total, 1.0, "loss " + total);
                trainer.step(); // throws "Gradient values are all zeros" if the loss ignored the parameters
            }
        }
    }

    @Test
    void gradientGuardFindsAndClearsNonFiniteGradients() {
        try (NDManager m = NDManager.newBaseManager()) {
            ai.djl.nn.Block block = ai.djl.nn.core.Linear.builder().setUnits(1).optBias(false).build();
            block.initialize(m, ai.djl.ndarray.types.DataType.FLOAT32, new Shape(1, 3));
            NDArray w = block.getParameters().get(0).getValue().getArray();
            w.setRequiresGradient(true);
            try (GradientCollector gc = ai.djl.engine.Engine.getInstance().newGradientCollector()) {
                // d/dw Σ log(w·x) is computed as x/(w·x): 0/0 = NaN for the entry with x = 0
                gc.backward(w.mul(m.create(new float[] {1, 1, 0}).reshape(1, 3)).log().sum());
            }
            assertTrue(!Float.isFinite(w.getGradient().sum().getFloat()));
            try (NDManager scope = m.newSubManager()) {
                assertTrue(!io.detkit.detector.nn.GradientGuard.allFinite(block, scope));
                io.detkit.detector.nn.GradientGuard.zero(block);
                assertTrue(io.detkit.detector.nn.GradientGuard.allFinite(block, scope));
            }
            assertEquals(0f, w.getGradient().abs().sum().getFloat(), 0f);
        }
    }

    /** Targets from a long-lived manager: no temporary may land there (it would leak every step). */
    @Test
    void temporariesStayInTheStepManager() {
        YoloConfig config = YoloTraining.tinyConfig(2);
        try (Model model = Model.newInstance("yolo")) {
            model.setBlock(YoloModel.create(config));
            YoloLoss loss = YoloLoss.of(config);
            try (Trainer trainer = YoloTraining.trainer(model, loss, 1e-3f, 1);
                    NDManager targets = trainer.getManager().newSubManager()) {
                NDArray gtBoxes = targets.create(new float[] {8, 12, 40, 44}, new Shape(1, 1, 4));
                NDArray gtClasses = targets.create(new int[] {1}, new Shape(1, 1));
                NDArray gtCount = targets.create(new int[] {1});
                int before = targets.getManagedArrays().size();
                for (int i = 0; i < 2; i++) {
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        NDArray x = YoloTraining.images(step, new float[][] {{8, 12, 40, 44}}, new int[] {1});
                        loss.compute(trainer.forward(new NDList(x)), gtBoxes, gtClasses, gtCount).total().getFloat();
                    }
                }
                assertEquals(before, targets.getManagedArrays().size());
                assertEquals(1, gtCount.getInt()); // the targets are untouched
            }
        }
    }
}
