package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.util.Pair;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.yolo.YoloSize;
import org.junit.jupiter.api.Test;

class FasterRcnnModelTest {
    private static RcnnConfig config() {
        return new RcnnConfig(3, YoloSize.T, ActivationSpec.silu(), 64, 16, new float[][] {{8, 16}, {24}, {48}},
                new float[] {0.5f, 1f, 2f}, new RcnnConfig.Rpn(50, 40, 30, 20, 0.7f, 0.7f, 0.3f, 32, 0.5f),
                new RcnnConfig.Roi(7, 2, 32, 0.5f, 16, 0.25f, 224));
    }

    @Test
    void trainingAndInferenceOutputsAndGradients() {
        FasterRcnnModel block = FasterRcnnModel.create(config());
        try (Model model = Model.newInstance("rcnn")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                trainer.initialize(new Shape(2, 3, 64, 64));
                NDManager m = trainer.getManager();
                try (NDManager scope = m.newSubManager()) {
                    NDArray x = scope.randomUniform(0, 1, new Shape(2, 3, 64, 64));
                    // image 0: two boxes; image 1: one box and a padding row (class −1)
                    NDArray boxes = scope.create(new float[] {4, 4, 20, 24, 30, 30, 60, 50, 8, 8, 40, 40, 0, 0, 0, 0},
                            new Shape(2, 2, 4));
                    NDArray classes = scope.create(new float[] {0, 2, 1, -1}, new Shape(2, 2));
                    NDArray count = scope.create(new float[] {2, 1});
                    FasterRcnnLoss loss = new FasterRcnnLoss(block);
                    NDList preds;
                    try (GradientCollector gc = trainer.newGradientCollector()) {
                        preds = trainer.forward(new NDList(x, boxes, classes, count));
                        assertEquals(10, preds.size());
                        // anchors per location: 2 sizes × 3 ratios at P3, 3 at P4 and P5
                        assertArrayEquals(new long[] {2, 6, 8, 8}, preds.get(0).getShape().getShape());
                        assertArrayEquals(new long[] {2, 3, 4, 4}, preds.get(1).getShape().getShape());
                        assertArrayEquals(new long[] {2, 3, 2, 2}, preds.get(2).getShape().getShape());
                        assertArrayEquals(new long[] {2, 24, 8, 8}, preds.get(3).getShape().getShape());
                        long r = preds.get(6).getShape().get(0);
                        assertTrue(r > 0 && r <= 2 * 16, "at most 16 RoIs per image, got " + r);
                        assertArrayEquals(new long[] {r, 4}, preds.get(6).getShape().getShape());
                        assertArrayEquals(new long[] {r, 16}, preds.get(7).getShape().getShape());
                        int[] labels = preds.get(8).toIntArray();
                        int fg = 0;
                        for (int l : labels) {
                            assertTrue(l >= 0 && l <= 3);
                            fg += l > 0 ? 1 : 0;
                        }
                        // the 3 GT boxes are among the proposals, so at least 3 foreground RoIs (≤ 25 % of 16 per image)
                        assertTrue(fg >= 3 && fg <= 8, "foreground " + fg);
                        FasterRcnnLoss.Parts p = loss.compute(preds, boxes, classes, count);
                        assertTrue(Float.isFinite(p.total().getFloat()) && p.total().getFloat() > 0);
                        gc.backward(p.total());
                    }
                    // every part gets a gradient (DJL names children 01backbone, 02fpn, …)
                    for (String part : new String[] {"backbone", "fpn", "rpn", "box_head"}) {
                        double g = 0;
                        for (Pair<String, Parameter> e : block.getParameters()) {
                            if (e.getKey().substring(2).startsWith(part) && e.getValue().requiresGradient()) {
                                g += e.getValue().getArray().getGradient().abs().sum().getFloat();
                            }
                        }
                        assertTrue(g > 0, part + " has no gradient");
                    }
                    // inference: proposals, counts, logits, deltas, size
                    NDList inf = block.forward(new ai.djl.training.ParameterStore(scope, false), new NDList(x), false);
                    assertEquals(5, inf.size());
                    int[] counts = inf.get(1).toIntArray();
                    assertEquals(2, counts.length);
                    assertTrue(counts[0] <= 20 && counts[1] <= 20);
                    assertEquals(counts[0] + counts[1], inf.get(0).getShape().get(0));
                    assertArrayEquals(new int[] {64, 64}, inf.get(4).toIntArray());
                    assertEquals(DataType.INT32, inf.get(1).getDataType());
                    new FasterRcnnDecoder(3).decode(inf, 0.0f, 0.5f, 10).forEach(d -> assertTrue(d.size() <= 10));
                }
            }
        }
    }
}
