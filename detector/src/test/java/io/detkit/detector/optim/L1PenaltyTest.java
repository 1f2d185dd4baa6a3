package io.detkit.detector.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;
import io.detkit.detector.config.RunConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The L1 penalty of the optimizers: g ← g + λ·sign(w) for the parameters that get weight decay. */
class L1PenaltyTest {
    private static final LrSchedule LR = t -> 0.1;

    private static float[] step(DetkitOptimizer opt, String id, float[] w0, float[] grad) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(w0);
            opt.update(id, w, m.create(grad));
            return w.toFloatArray();
        }
    }

    @Test
    void sgdStepHandComputed() {
        Sgd sgd = new Sgd(LR, 0, false, 0);
        sgd.setL1(0.05);
        // w = (1, −2, 0.5, 0), ∇ = (1, −1, 1, 0.3), λ = 0.05, lr = 0.1:
        //   g = ∇ + λ·sign(w) = (1.05, −1.05, 1.05, 0.3)   (sign(0) = 0: no push at exactly zero)
        //   w − lr·g = (1 − 0.105, −2 + 0.105, 0.5 − 0.105, 0 − 0.03) = (0.895, −1.895, 0.395, −0.03)
        assertArrayEquals(new float[] {0.895f, -1.895f, 0.395f, -0.03f},
                step(sgd, "w", new float[] {1, -2, 0.5f, 0}, new float[] {1, -1, 1, 0.3f}), 1e-6f);
        // an exempt parameter (bias, BatchNorm, PReLU slope) gets neither weight decay nor L1:
        //   w − lr·∇ = (1 − 0.1, −2 + 0.1) = (0.9, −1.9)
        sgd.setNoDecay(List.of("b"));
        assertArrayEquals(new float[] {0.9f, -1.9f}, step(sgd, "b", new float[] {1, -2}, new float[] {1, -1}), 1e-6f);
        assertThrows(IllegalArgumentException.class, () -> sgd.setL1(-1));
    }

    @Test
    void addsToL2AndIsCoupledInAdamW() {
        // SGD with L2 wd = 0.1 and λ = 0.05: g = ∇ + λ·sign(w) + wd·w; w = 2, ∇ = 1:
        //   g = 1 + 0.05 + 0.2 = 1.25, w = 2 − 0.1·1.25 = 1.875
        Sgd sgd = new Sgd(LR, 0, false, 0.1);
        sgd.setL1(0.05);
        assertEquals(1.875f, step(sgd, "w", new float[] {2}, new float[] {1})[0], 1e-6f);
        // AdamW (β₁ = 0.9, β₂ = 0.999, ε = 1e-8, wd = 0.1), λ = 0.05, w = 2, ∇ = 1, first step:
        //   decoupled decay w ← 2·(1 − 0.1·0.1) = 1.98; g = 1 + 0.05 = 1.05 (L1 goes into the gradient);
        //   m̂ = g, v̂ = g², update lr·m̂/(√v̂ + ε) = 0.1·1.05/(1.05 + 1e-8) ≈ 0.1 → w = 1.88
        AdamW adamw = new AdamW(LR, 0.9, 0.999, 1e-8, 0.1);
        adamw.setL1(0.05);
        assertEquals(1.88f, step(adamw, "w", new float[] {2}, new float[] {1})[0], 1e-6f);
        // Adam's first step is sign-like, so L1 shows in the second moment: with ∇ = −0.02 and
        //   λ = 0.05 at w = 2 the gradient changes sign: g = 0.03 > 0, w = 2 − 0.1 = 1.9 (without L1: 2.1)
        Adam adam = new Adam(LR, 0.9, 0.999, 1e-8, 0);
        adam.setL1(0.05);
        assertEquals(1.9f, step(adam, "w", new float[] {2}, new float[] {-0.02f})[0], 1e-6f);
    }

    @Test
    void equalsTheGradientOfTheL1Term() {
        // λ·sign(w) is ∂(λ·Σ|w|)/∂w: an SGD step with the penalty in the optimizer equals a plain
        // SGD step on the loss ½Σw² + λ·Σ|w| differentiated by autograd
        float lambda = 0.3f;
        float[] w0 = {0.7f, -1.3f, 2.2f, -0.1f};
        float[] viaOptimizer;
        float[] viaAutograd;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(w0);
            w.setRequiresGradient(true);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(w.square().sum().mul(0.5f).add(w.abs().sum().mul(lambda)));
            }
            viaAutograd = step(new Sgd(LR, 0, false, 0), "w", w0, w.getGradient().toFloatArray());
        }
        Sgd sgd = new Sgd(LR, 0, false, 0);
        sgd.setL1(lambda);
        viaOptimizer = step(sgd, "w", w0, w0.clone()); // ∇(½Σw²) = w
        assertArrayEquals(viaAutograd, viaOptimizer, 1e-6f);
    }

    @Test
    void configKeys() {
        RunConfig.Optimizer c = new RunConfig.Optimizer();
        c.name = "rmsprop";
        c.l1 = 1e-4;
        assertEquals(1e-4, Optimizers.create(c, LR).l1());
        c.l1 = 0;
        assertEquals(0, Optimizers.create(c, LR).l1());
    }
}
