package io.detkit.detector.yolo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import io.detkit.detector.nn.GradientGuard;
import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The tiny model must fit two synthetic 64×64 images: the loss falls by at least half. */
class YoloOverfitTest {
    private static final int ITERATIONS = 40;

    @Test
    void tinyModelOverfitsTwoImages() {
        float[][] boxes = {{8, 12, 40, 44}, {22, 18, 58, 50}};
        int[] classes = {0, 1};
        YoloConfig config = YoloTraining.tinyConfig(2);
        float[] curve = new float[ITERATIONS];
        int skipped = 0;
        try (Model model = Model.newInstance("yolo")) {
            model.setBlock(YoloModel.create(config));
            YoloLoss loss = YoloLoss.of(config);
            try (Trainer trainer = YoloTraining.trainer(model, loss, 2e-3f, 2)) {
                for (int it = 0; it < ITERATIONS; it++) {
                    try (NDManager step = trainer.getManager().newSubManager()) {
                        NDArray x = YoloTraining.images(step, boxes, classes);
                        NDArray gtBoxes = step.create(new float[] {8, 12, 40, 44, 22, 18, 58, 50}, new Shape(2, 1, 4));
                        NDArray gtClasses = step.create(new float[] {0, 1}, new Shape(2, 1));
                        NDArray gtCount = step.create(new float[] {1, 1});
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            NDList preds = trainer.forward(new NDList(x));
                            YoloLoss.Parts p = loss.compute(preds, gtBoxes, gtClasses, gtCount);
                            curve[it] = p.total().getFloat();
                            gc.backward(p.total());
                        }
                        if (GradientGuard.allFinite(model.getBlock(), step)) {
                            trainer.step();
                        } else {
                            GradientGuard.zero(model.getBlock());
                            skipped++;
                        }
                    }
                }
                StringBuilder sb = new StringBuilder("YOLO overfit loss:");
                for (float v : curve) {
                    sb.append(String.format(Locale.ROOT, " %.3f", v));
                }
                System.out.println(sb + " (steps skipped for non-finite gradients: " + skipped + ")");
                for (float v : curve) {
                    assertTrue(Float.isFinite(v), "loss not finite: " + Arrays.toString(curve));
                }
                // see GradientGuard: an occasional step with non-finite gradients is skipped
                assertTrue(skipped <= ITERATIONS / 4, "skipped " + skipped + " steps");
                float first = curve[0];
                float last = (curve[ITERATIONS - 1] + curve[ITERATIONS - 2] + curve[ITERATIONS - 3]) / 3;
                assertTrue(last <= 0.5f * first, "loss fell from " + first + " to " + last + ": " + Arrays.toString(curve));

                // decode the training-mode output (BatchNorm on batch statistics: after 40 steps
                // the running statistics, momentum 0.97, still lean on their initial values)
                try (NDManager step = trainer.getManager().newSubManager()) {
                    NDList preds = trainer.forward(new NDList(YoloTraining.images(step, boxes, classes)));
                    List<List<Detection>> dets = YoloDecoder.create(config).decode(preds, 0.1f, 0.6f, 3);
                    System.out.println("YOLO overfit detections: " + dets);
                    for (int i = 0; i < 2; i++) {
                        assertFalse(dets.get(i).isEmpty(), "nothing found in image " + i);
                        Detection top = dets.get(i).get(0);
                        Box want = new Box(boxes[i][0], boxes[i][1], boxes[i][2], boxes[i][3]);
                        assertEquals(classes[i], top.classId(), "class in image " + i);
                        assertTrue(top.box().iou(want) > 0.5, "image " + i + ": " + top + " vs " + want);
                    }
                }
            }
        }
    }
}
