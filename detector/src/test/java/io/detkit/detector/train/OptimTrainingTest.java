package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import io.detkit.detector.config.RunConfig;
import io.detkit.detector.optim.DetkitOptimizer;
import io.detkit.detector.optim.LrSchedules;
import io.detkit.detector.optim.Optimizers;
import org.junit.jupiter.api.Test;

/** The pieces inside DJL's own training loop: Trainer + detkit optimizer + clipper + EMA. */
class OptimTrainingTest {

    @Test
    void fitsALinearModelThroughDjlsTrainer() {
        RunConfig cfg = new RunConfig();
        cfg.train.optimizer.name = "sgd";
        cfg.train.optimizer.lr = 0.1;
        cfg.train.optimizer.nesterov = true;
        cfg.train.schedule.warmupIters = 5;
        cfg.train.clip.norm = 5;
        int iters = 60;
        DetkitOptimizer opt = Optimizers.create(cfg.train.optimizer,
                LrSchedules.create(cfg.train.schedule, cfg.train.optimizer.lr, iters, 1));
        Block block = Linear.builder().setUnits(1).build();
        try (Model model = Model.newInstance("linear")) {
            model.setBlock(block);
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(opt))) {
                trainer.initialize(new Shape(8, 2));
                opt.setNoDecay(Optimizers.noDecayIds(block));
                NDManager m = trainer.getManager();
                NDArray x = m.create(new float[][] {{1, 0}, {0, 1}, {1, 1}, {2, -1}, {-1, 2}, {0.5f, 0.5f}, {-2, -1}, {1, -2}});
                NDArray y = x.matMul(m.create(new float[][] {{2}, {-3}})).add(0.5f); // y = 2·x₀ − 3·x₁ + 0.5
                GradientClipper clipper = GradientClipper.of(cfg.train.clip);
                double first = Double.NaN;
                double last = Double.NaN;
                try (ModelEma ema = ModelEma.of(cfg.train.ema, block)) {
                    for (int i = 0; i < iters; i++) {
                        try (NDManager step = m.newSubManager()) {
                            double loss;
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDArray pred = trainer.forward(new NDList(x)).singletonOrThrow();
                                NDArray l = trainer.getLoss().evaluate(new NDList(y), new NDList(pred));
                                pred.attach(step);
                                l.attach(step);
                                gc.backward(l);
                                loss = l.getFloat();
                            }
                            double norm = clipper.clip(trainer);
                            assertTrue(Double.isFinite(norm));
                            trainer.step();
                            try (NDArray g = block.getParameters().get("weight").getArray().getGradient()) {
                                // zeroed by the optimizer, as DJL's own PyTorch optimizers do
                                assertEquals(0f, g.abs().sum().getFloat());
                            }
                            ema.update(block);
                            if (i == 0) {
                                first = loss;
                            }
                            last = loss;
                        }
                    }
                    assertEquals(iters, ema.updates());
                }
                assertEquals(iters, opt.getUpdateCount());
                assertEquals(iters, opt.stepsOf(block.getParameters().get("weight").getId()));
                assertTrue(last < first * 1e-2, "loss " + first + " → " + last);
                assertTrue(opt.getCurrentLr() < 0.01, "cosine has decayed: " + opt.getCurrentLr());
            }
        }
    }
}
