package io.detkit.detector.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.detector.config.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Schedule values at hand-computed iterations (t is 0-based: update t + 1 uses lr(t)). */
class LrSchedulesTest {
    private static final double EPS = 1e-12;

    private static RunConfig.Schedule cfg(String name) {
        RunConfig.Schedule c = new RunConfig.Schedule();
        c.name = name;
        c.warmupEpochs = 0;
        return c;
    }

    @Test
    void constant() {
        LrSchedule s = LrSchedules.constant(0.01);
        assertEquals(0.01, s.lr(0), 0);
        assertEquals(0.01, s.lr(1_000_000), 0);
    }

    @Test
    void stepEveryThreeEpochs() {
        // 10 iterations per epoch, ×0.5 every 3 epochs: epochs 0-2 → 0.1, 3-5 → 0.05, 6-8 → 0.025
        LrSchedule s = LrSchedules.step(0.1, 10, 3, 0.5);
        assertEquals(0.1, s.lr(29), EPS); // last iteration of epoch 2
        assertEquals(0.05, s.lr(30), EPS); // first of epoch 3
        assertEquals(0.025, s.lr(60), EPS);
    }

    @Test
    void multiStepAtThirtySixtyNinety() {
        // ×0.1 at epochs 30, 60, 90 with 5 iterations per epoch: epoch e starts at t = 5e
        LrSchedule s = LrSchedules.multiStep(0.1, 5, List.of(60, 30, 90), 0.1);
        assertEquals(0.1, s.lr(0), EPS);
        assertEquals(0.1, s.lr(30 * 5 - 1), EPS); // epoch 29
        assertEquals(0.01, s.lr(30 * 5), EPS); // epoch 30
        assertEquals(0.01, s.lr(60 * 5 - 1), EPS);
        assertEquals(0.001, s.lr(60 * 5), EPS);
        assertEquals(1e-4, s.lr(90 * 5), EPS);
        assertEquals(1e-4, s.lr(1000 * 5), EPS);
    }

    @Test
    void cosine() {
        // η_max 0.1, η_min 0.001, T = 100
        LrSchedule s = LrSchedules.cosine(0.1, 0.001, 100);
        assertEquals(0.1, s.lr(0), EPS);
        assertEquals((0.1 + 0.001) / 2, s.lr(50), EPS); // t = T/2: cos(π/2) = 0
        // t = 25: 0.001 + ½·0.099·(1 + cos(π/4)) = 0.001 + 0.0495·1.7071067811865476
        assertEquals(0.001 + 0.0495 * 1.7071067811865476, s.lr(25), EPS);
        assertEquals(0.001, s.lr(100), EPS);
        assertEquals(0.001, s.lr(250), EPS); // stays at η_min after T
    }

    @Test
    void linear() {
        // a₀(1 − t/T) with a₀ = 0.01, T = 100, final 0: t = 25 → 0.0075
        LrSchedule s = LrSchedules.linear(0.01, 0, 100);
        assertEquals(0.0075, s.lr(25), EPS);
        assertEquals(0, s.lr(100), EPS);
        // with final_lr_ratio r = 0.01: a₀(1 − (1 − r)·t/T): t = 50 → 0.01·(1 − 0.495) = 0.00505, t = T → 1e-4
        RunConfig.Schedule c = cfg("linear");
        LrSchedule f = LrSchedules.create(c, 0.01, 10, 10);
        assertEquals(0.00505, f.lr(50), EPS);
        assertEquals(1e-4, f.lr(100), EPS);
    }

    @Test
    void inverseSqrt() {
        // a₀/√s with s = t + 1: t = 0 → a₀, t = 3 → a₀/2, t = 99 → a₀/10
        LrSchedule s = LrSchedules.inverseSqrt(0.01);
        assertEquals(0.01, s.lr(0), EPS);
        assertEquals(0.005, s.lr(3), EPS);
        assertEquals(0.001, s.lr(99), EPS);
    }

    @Test
    void polynomial() {
        // a₀(1 − t/T)^p: a₀ = 0.1, T = 10, p = 2, t = 5 → 0.1·0.25
        LrSchedule s = LrSchedules.poly(0.1, 0, 10, 2);
        assertEquals(0.025, s.lr(5), EPS);
        assertEquals(0, s.lr(10), EPS);
        // with η_end = 0.001, p = 1: 0.099·0.5 + 0.001
        assertEquals(0.0505, LrSchedules.poly(0.1, 0.001, 10, 1).lr(5), EPS);
    }

    @Test
    void oneCycleLikePyTorch() {
        // max 0.1, T = 70: initial 0.1/25 = 0.004, final 0.004/1e4 = 4e-7;
        // phase 1 ends at step 0.3·70 − 1 = 20, phase 2 at step 69
        LrSchedule s = LrSchedules.oneCycle(0.1, 70);
        assertEquals(0.004, s.lr(0), EPS);
        assertEquals((0.004 + 0.1) / 2, s.lr(10), EPS); // halfway up: pct 0.5
        assertEquals(0.1, s.lr(20), EPS);
        // halfway down: (t − 20)/(69 − 20) = 0.5 would be t = 44.5; check t = 44 by the formula
        double pct = (44 - 20) / 49.0;
        assertEquals(4e-7 + (0.1 - 4e-7) / 2 * (Math.cos(Math.PI * pct) + 1), s.lr(44), EPS);
        assertEquals(4e-7, s.lr(69), EPS);
        assertEquals(4e-7, s.lr(500), EPS);
        // from a config: the main schedule spans all iterations when there is no warm-up
        LrSchedule c = LrSchedules.create(cfg("onecycle"), 0.1, 7, 10);
        assertEquals(0.1, c.lr(20), EPS);
    }

    @Test
    void warmupInIterationsInFrontOfCosine() {
        // W = 10, then cosine over T − W = 100 iterations from 0.1 to 0.001
        RunConfig.Schedule c = cfg("cosine");
        c.warmupIters = 10;
        LrSchedule s = LrSchedules.create(c, 0.1, 10, 11);
        assertEquals(0.01, s.lr(0), EPS); // update 1 of 10: 1/10 of 0.1
        assertEquals(0.05, s.lr(4), EPS); // update 5: 5/10
        assertEquals(0.1, s.lr(9), EPS); // update 10: full
        assertEquals(0.1, s.lr(10), EPS); // cosine t' = 0
        assertEquals((0.1 + 0.001) / 2, s.lr(60), EPS); // cosine t' = 50 = T'/2
        assertEquals(0.001, s.lr(110), EPS);
        for (int t = 1; t < 10; t++) {
            assertTrue(s.lr(t) > s.lr(t - 1), "ramp rises");
        }
    }

    @Test
    void warmupInEpochs() {
        // warmup_epochs 0.5 with 8 iterations per epoch → W = 4
        RunConfig.Schedule c = cfg("constant");
        c.warmupEpochs = 0.5;
        assertEquals(4, LrSchedules.warmupIters(c, 8));
        LrSchedule s = LrSchedules.create(c, 0.02, 8, 3);
        assertEquals(0.005, s.lr(0), EPS);
        assertEquals(0.015, s.lr(2), EPS);
        assertEquals(0.02, s.lr(3), EPS);
        assertEquals(0.02, s.lr(4), EPS);
        // warmup_iters overrides warmup_epochs
        c.warmupIters = 2;
        assertEquals(2, LrSchedules.warmupIters(c, 8));
    }

    @Test
    void warmupKeepsMultistepMilestonesOnAbsoluteEpochs() {
        // 1 warm-up epoch of 10 iterations, ×0.1 at epoch 2
        RunConfig.Schedule c = cfg("multistep");
        c.warmupEpochs = 1;
        c.milestones = List.of(2);
        LrSchedule s = LrSchedules.create(c, 0.1, 10, 5);
        assertEquals(0.01, s.lr(0), EPS);
        assertEquals(0.1, s.lr(9), EPS);
        assertEquals(0.1, s.lr(19), EPS); // epoch 1
        assertEquals(0.01, s.lr(20), EPS); // epoch 2
    }

    @Test
    void inverseSqrtCountsFromTheEndOfWarmup() {
        RunConfig.Schedule c = cfg("inverse_sqrt");
        c.warmupIters = 4;
        LrSchedule s = LrSchedules.create(c, 0.01, 10, 10);
        assertEquals(0.0025, s.lr(0), EPS);
        assertEquals(0.01, s.lr(4), EPS); // s = 1
        assertEquals(0.005, s.lr(7), EPS); // s = 4
    }

    @Test
    void everyConfigNameBuildsAndStaysInRange() {
        for (String n : List.of("constant", "step", "multistep", "cosine", "linear", "inverse_sqrt", "poly", "onecycle")) {
            RunConfig.Schedule c = new RunConfig.Schedule(); // defaults: 1 warm-up epoch
            c.name = n;
            LrSchedule s = LrSchedules.create(c, 0.01, 20, 30);
            for (long t = 0; t <= 600; t++) {
                double v = s.lr(t);
                assertTrue(v > 0 && v <= 0.01 + 1e-15, n + " at " + t + ": " + v);
            }
        }
        // warm-up longer than training is clamped, not an error
        RunConfig.Schedule c = cfg("cosine");
        c.warmupEpochs = 5;
        assertEquals(0.01, LrSchedules.create(c, 0.01, 10, 2).lr(19), EPS);
        c.name = "cyclic";
        assertThrows(IllegalArgumentException.class, () -> LrSchedules.create(c, 0.01, 10, 2));
    }
}
