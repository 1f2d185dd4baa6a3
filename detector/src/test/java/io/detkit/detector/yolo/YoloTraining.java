package io.detkit.detector.yolo;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import io.detkit.detector.nn.ActivationSpec;

/** Test fixtures: a tiny model with a trainer, and synthetic images with one filled rectangle. */
public final class YoloTraining {
    static final int SIZE = 64;

    private YoloTraining() {}

    public static YoloConfig tinyConfig(int numClasses) {
        return new YoloConfig(numClasses, YoloSize.T, ActivationSpec.silu(), SIZE);
    }

    /** A model whose block is the tiny YOLO, and a trainer with Adam at {@code lr}, initialised for batch {@code n}. */
    public static Trainer trainer(Model model, YoloLoss loss, float lr, int batch) {
        DefaultTrainingConfig cfg = new DefaultTrainingConfig(loss)
                .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(lr)).build());
        Trainer trainer = model.newTrainer(cfg);
        trainer.initialize(new Shape(batch, 3, SIZE, SIZE));
        return trainer;
    }

    /**
     * Images {@code N×3×64×64} in [0, 1]: grey background, one filled rectangle per image whose
     * colour depends on its class (class 0 red, class 1 blue).
     *
     * @param boxes per image x1, y1, x2, y2 (integers)
     * @param classes per image class
     */
    public static NDArray images(NDManager m, float[][] boxes, int[] classes) {
        int n = boxes.length;
        float[] px = new float[n * 3 * SIZE * SIZE];
        float[][] colours = {{0.9f, 0.2f, 0.2f}, {0.2f, 0.3f, 0.9f}};
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < 3; c++) {
                for (int y = 0; y < SIZE; y++) {
                    for (int x = 0; x < SIZE; x++) {
                        boolean in = x >= boxes[i][0] && x < boxes[i][2] && y >= boxes[i][1] && y < boxes[i][3];
                        px[((i * 3 + c) * SIZE + y) * SIZE + x] = in ? colours[classes[i]][c] : 0.5f;
                    }
                }
            }
        }
        return m.create(px, new Shape(n, 3, SIZE, SIZE));
    }
}
