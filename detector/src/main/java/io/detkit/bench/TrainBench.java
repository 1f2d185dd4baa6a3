package io.detkit.bench;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.detkit.detector.DetectorModels;
import io.detkit.detector.config.RunConfig;
import io.detkit.detector.config.RunConfigLoader;
import io.detkit.detector.optim.LrSchedules;
import io.detkit.detector.optim.Optimizers;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Training-step throughput of a run config (default {@code configs/yolo-shapes.yaml}): forward,
 * loss, backward and optimizer step on random images with a few boxes each, in images/s.
 */
public final class TrainBench {
    private TrainBench() {}

    /** @return images/s of the default config's training step (NaN when it cannot run) */
    public static double imagesPerSecond() {
        try {
            return imagesPerSecond(RunConfigLoader.load(Path.of("configs/yolo-shapes.yaml"), List.of()), 3, 8);
        } catch (Exception e) {
            System.err.println("training benchmark failed: " + e);
            return Double.NaN;
        }
    }

    /**
     * @param cfg the run config (model, batch, optimizer)
     * @param warmup untimed steps
     * @param steps timed steps
     * @return images per second
     */
    public static double imagesPerSecond(RunConfig cfg, int warmup, int steps) {
        List<String> names = List.of("a", "b", "c", "d", "e", "f");
        DetectorModels.Built built = DetectorModels.build(cfg, names);
        int batch = cfg.train.batch, s = cfg.model.imgsz;
        try (Model model = Model.newInstance("bench", Device.cpu())) {
            model.setBlock(built.block());
            var opt = Optimizers.create(cfg.train.optimizer, LrSchedules.create(cfg.train.schedule, cfg.train.optimizer.lr, 100, 10));
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(opt))) {
                trainer.initialize(built.inputShape(1));
                long t0 = 0;
                for (int i = 0; i < warmup + steps; i++) {
                    if (i == warmup) {
                        t0 = System.nanoTime();
                    }
                    try (NDManager scope = trainer.getManager().newSubManager()) {
                        NDArray x = scope.randomUniform(0, 1, new Shape(batch, 3, s, s));
                        float[] boxes = new float[batch * 3 * 4];
                        float[] cls = new float[batch * 3];
                        int[] count = new int[batch];
                        for (int b = 0; b < batch; b++) {
                            count[b] = 3;
                            for (int j = 0; j < 3; j++) {
                                int o = (b * 3 + j) * 4;
                                boxes[o] = 20 + 60 * j;
                                boxes[o + 1] = 30 + 50 * j;
                                boxes[o + 2] = boxes[o] + 40 + 20 * j;
                                boxes[o + 3] = boxes[o + 1] + 50;
                                cls[b * 3 + j] = j;
                            }
                        }
                        NDArray gb = scope.create(boxes, new Shape(batch, 3, 4));
                        NDArray gc = scope.create(cls, new Shape(batch, 3));
                        NDArray gn = scope.create(count, new Shape(batch));
                        try (GradientCollector g = trainer.newGradientCollector()) {
                            NDList preds = trainer.forward(new NDList(x));
                            g.backward(built.loss().compute(preds, gb, gc, gn).total());
                        }
                        trainer.step();
                    }
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                return steps * batch / secs;
            }
        }
    }

    /**
     * @param args {@code [CONFIG]}
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        RunConfig cfg = RunConfigLoader.load(Path.of(args.length > 0 ? args[0] : "configs/yolo-shapes.yaml"), List.of());
        double ips = imagesPerSecond(cfg, 3, 8);
        System.out.printf(Locale.ROOT, "training step, %s %s at %d px, batch %d: %.2f images/s, %.3f s/iteration%n", cfg.model.type,
                cfg.model.size, cfg.model.imgsz, cfg.train.batch, ips, cfg.train.batch / ips);
    }
}
