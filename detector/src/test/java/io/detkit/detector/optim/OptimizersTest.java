package io.detkit.detector.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import io.detkit.detector.config.RunConfig;
import org.junit.jupiter.api.Test;

/**
 * Each optimizer on f(w) = ½·Σ aᵢ·wᵢ², whose gradient is aᵢ·wᵢ: three updates through DJL
 * NDArrays (float32) equal the update formulas evaluated here in plain doubles, to 1e-6.
 *
 * <p>The schedule is lr(t) = 0.1/(t + 1), so updates 1, 2, 3 use 0.1, 0.05, 0.0333…: a wrong
 * iteration index shows up as a wrong step. g below is always aᵢ·wᵢ + wd·wᵢ (L2) unless said.
 */
class OptimizersTest {
    private static final double[] W0 = {1.0, -2.0, 0.5};
    private static final double[] A = {1.0, 0.5, 2.0};
    private static final double WD = 0.01;
    private static final int STEPS = 3;
    private static final LrSchedule LR = t -> 0.1 / (t + 1);

    /** Runs {@code steps} updates of {@code opt} on the quadratic; returns w. */
    static double[] runNd(DetkitOptimizer opt, int steps) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray w = m.create(toFloat(W0));
            NDArray a = m.create(toFloat(A));
            for (int k = 0; k < steps; k++) {
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    opt.update("w", w, w.mul(a)); // ∇f = a·w
                }
            }
            float[] f = w.toFloatArray();
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
    }

    private static float[] toFloat(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static double lr(int k) {
        return 0.1 / k; // update k (1-based) uses lr(k − 1) = 0.1/k
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertClose(expected, actual, 1e-6);
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance) {
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tolerance, "w[" + i + "]");
        }
    }

    /**
     * Adam and AdamW run as one fused engine call that takes β₂ as a float: 1 − (float) 0.999 is
     * 1.3e-5 (relative) below 0.001, so √v̂ is 6.5e-6 smaller and every step that much larger
     * (one step here: 0.1000007 instead of 0.1). Three steps move w by about 0.2, so the
     * difference stays under 1e-5; a wrong bias correction or decay term is off by 1e-2 or more.
     */
    private static final double ADAM_TOLERANCE = 1e-5;

    @Test
    void sgdPlain() {
        // w ← w − lr·(a·w + wd·w)
        // hand check of update 1 for w₀ = 1, a = 1: g = 1 + 0.01 = 1.01, w = 1 − 0.1·1.01 = 0.899
        double[] w = W0.clone();
        for (int k = 1; k <= STEPS; k++) {
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i] + WD * w[i];
                w[i] -= lr(k) * g;
            }
        }
        assertEquals(0.899, 1.0 - 0.1 * 1.01, 1e-15);
        assertClose(w, runNd(new Sgd(LR, 0, false, WD), STEPS));
        assertEquals(0.899, runNd(new Sgd(LR, 0, false, WD), 1)[0], 1e-6);
    }

    @Test
    void sgdMomentumPyTorchSemantics() {
        // b ← μ·b + g (b = g at the first update, dampening 0); w ← w − lr·b
        double mu = 0.9;
        double[] w = W0.clone();
        double[] b = new double[w.length];
        double afterTwo = 0;
        for (int k = 1; k <= STEPS; k++) {
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i] + WD * w[i];
                b[i] = k == 1 ? g : mu * b[i] + g;
                w[i] -= lr(k) * b[i];
            }
            if (k == 2) {
                afterTwo = w[0];
            }
        }
        // hand check, coordinate 0 (a = 1): update 1: g = 1.01, b = 1.01, w = 0.899;
        // update 2: g = 1.01·0.899 = 0.90799, b = 0.9·1.01 + 0.90799 = 1.81699, w = 0.899 − 0.05·1.81699
        assertEquals(0.899 - 0.05 * 1.81699, afterTwo, 1e-12);
        assertEquals(afterTwo, runNd(new Sgd(LR, mu, false, WD), 2)[0], 1e-6);
        assertClose(w, runNd(new Sgd(LR, mu, false, WD), STEPS));
    }

    @Test
    void sgdNesterov() {
        // b ← μ·b + g; w ← w − lr·(g + μ·b)
        double mu = 0.9;
        double[] w = W0.clone();
        double[] b = new double[w.length];
        for (int k = 1; k <= STEPS; k++) {
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i] + WD * w[i];
                b[i] = k == 1 ? g : mu * b[i] + g;
                w[i] -= lr(k) * (g + mu * b[i]);
            }
        }
        assertClose(w, runNd(new Sgd(LR, mu, true, WD), STEPS));
    }

    @Test
    void adaGrad() {
        // s ← s + g²; w ← w − lr·g/(√s + ε)
        double eps = 1e-10;
        double[] w = W0.clone();
        double[] s = new double[w.length];
        for (int k = 1; k <= STEPS; k++) {
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i] + WD * w[i];
                s[i] += g * g;
                w[i] -= lr(k) * g / (Math.sqrt(s[i]) + eps);
            }
        }
        assertClose(w, runNd(new AdaGrad(LR, eps, WD), STEPS));
    }

    @Test
    void rmsProp() {
        // v ← α·v + (1 − α)·g²; w ← w − lr·g/(√v + ε)
        double alpha = 0.9;
        double eps = 1e-8;
        double[] w = W0.clone();
        double[] v = new double[w.length];
        for (int k = 1; k <= STEPS; k++) {
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i] + WD * w[i];
                v[i] = alpha * v[i] + (1 - alpha) * g * g;
                w[i] -= lr(k) * g / (Math.sqrt(v[i]) + eps);
            }
        }
        assertClose(w, runNd(new RmsProp(LR, alpha, eps, WD), STEPS));
    }

    @Test
    void adaDelta() {
        // v ← ρ·v + (1 − ρ)·g²; Δ = √(u + ε)/√(v + ε)·g; u ← ρ·u + (1 − ρ)·Δ²; w ← w − lr·Δ
        // (lr scaled ×10 here: AdaDelta steps are ~√ε, so the check stays meaningful at 1e-6)
        double rho = 0.9;
        double eps = 1e-6;
        LrSchedule lr10 = t -> 1.0 / (t + 1);
        double[] w = W0.clone();
        double[] v = new double[w.length];
        double[] u = new double[w.length];
        for (int k = 1; k <= STEPS; k++) {
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i] + WD * w[i];
                v[i] = rho * v[i] + (1 - rho) * g * g;
                double delta = Math.sqrt(u[i] + eps) / Math.sqrt(v[i] + eps) * g;
                u[i] = rho * u[i] + (1 - rho) * delta * delta;
                w[i] -= 10 * lr(k) * delta;
            }
        }
        double[] got = runNd(new AdaDelta(lr10, rho, eps, WD), STEPS);
        assertClose(w, got);
        // the steps are not lost in the tolerance: w moved by more than 1e-3
        assertEquals(true, Math.abs(got[0] - W0[0]) > 1e-3);
    }

    @Test
    void adamWithBiasCorrection() {
        // m ← β₁m + (1 − β₁)g; v ← β₂v + (1 − β₂)g²; w ← w − lr/(1 − β₁ᵗ)·m/(√v/√(1 − β₂ᵗ) + ε)
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int t = 1; t <= STEPS; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i] + WD * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double bc1 = 1 - Math.pow(b1, t);
                double bc2 = 1 - Math.pow(b2, t);
                w[i] -= lr(t) / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + eps);
            }
        }
        // update 1 moves each coordinate by lr·g/(|g| + ε·…) ≈ 0.1 against the gradient's sign
        assertEquals(0.9, runNd(new Adam(LR, b1, b2, eps, WD), 1)[0], ADAM_TOLERANCE);
        assertClose(w, runNd(new Adam(LR, b1, b2, eps, WD), STEPS), ADAM_TOLERANCE);
    }

    @Test
    void adamWDecoupledDecay() {
        // w ← w·(1 − lr·wd), then Adam on g = a·w_old (no L2 term); weight decay 0.1 to make it visible
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double wd = 0.1;
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        for (int t = 1; t <= STEPS; t++) {
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i];
                w[i] *= 1 - lr(t) * wd;
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double bc1 = 1 - Math.pow(b1, t);
                double bc2 = 1 - Math.pow(b2, t);
                w[i] -= lr(t) / bc1 * m[i] / (Math.sqrt(v[i]) / Math.sqrt(bc2) + eps);
            }
        }
        assertClose(w, runNd(new AdamW(LR, b1, b2, eps, wd), STEPS), ADAM_TOLERANCE);
        // update 1, coordinate 0: 1·(1 − 0.1·0.1) − 0.1 = 0.89
        assertEquals(0.89, runNd(new AdamW(LR, b1, b2, eps, wd), 1)[0], ADAM_TOLERANCE);
    }

    @Test
    void nadamPyTorch() {
        // μₜ = β₁(1 − ½·0.96^(tψ)), Π ← Π·μₜ, m, v as Adam, d = √(v/(1 − β₂ᵗ)) + ε,
        // w ← w − lr(1 − μₜ)/(1 − Π)·g/d − lr·μₜ₊₁/(1 − Π·μₜ₊₁)·m/d
        double b1 = 0.9;
        double b2 = 0.999;
        double eps = 1e-8;
        double psi = 4e-3;
        double[] w = W0.clone();
        double[] m = new double[w.length];
        double[] v = new double[w.length];
        double prod = 1;
        for (int t = 1; t <= STEPS; t++) {
            double mu = b1 * (1 - 0.5 * Math.pow(0.96, t * psi));
            double muNext = b1 * (1 - 0.5 * Math.pow(0.96, (t + 1) * psi));
            prod *= mu;
            for (int i = 0; i < w.length; i++) {
                double g = A[i] * w[i] + WD * w[i];
                m[i] = b1 * m[i] + (1 - b1) * g;
                v[i] = b2 * v[i] + (1 - b2) * g * g;
                double d = Math.sqrt(v[i] / (1 - Math.pow(b2, t))) + eps;
                w[i] -= lr(t) * (1 - mu) / (1 - prod) * g / d + lr(t) * muNext / (1 - prod * muNext) * m[i] / d;
            }
        }
        assertClose(w, runNd(new NAdam(LR, b1, b2, eps, WD), STEPS));
    }

    @Test
    void currentLrAndCountsFollowTheSchedule() {
        Sgd sgd = new Sgd(LR, 0.9, false, 0);
        assertEquals(0.1, sgd.getCurrentLr(), 0); // before any update: the first update's LR
        runNd(sgd, 3);
        assertEquals(3, sgd.getUpdateCount());
        assertEquals(3, sgd.stepsOf("w"));
        assertEquals(0.1 / 3, sgd.getCurrentLr(), 1e-15);
    }

    @Test
    void noDecayExemptsParameters() {
        Sgd sgd = new Sgd(LR, 0, false, 0.5);
        sgd.setNoDecay(java.util.List.of("w"));
        double[] w = W0.clone();
        for (int i = 0; i < w.length; i++) {
            w[i] -= 0.1 * A[i] * w[i];
        }
        assertClose(w, runNd(sgd, 1));
    }

    @Test
    void factoryMapsConfigNames() {
        RunConfig.Optimizer c = new RunConfig.Optimizer();
        LrSchedule s = LrSchedules.constant(0.01);
        String[] names = {"sgd", "adam", "adamw", "nadam", "rmsprop", "adagrad", "adadelta"};
        Class<?>[] types = {Sgd.class, Adam.class, AdamW.class, NAdam.class, RmsProp.class, AdaGrad.class, AdaDelta.class};
        for (int i = 0; i < names.length; i++) {
            c.name = names[i];
            DetkitOptimizer o = Optimizers.create(c, s);
            assertInstanceOf(types[i], o);
            assertEquals(names[i], o.kind());
            assertEquals(c.weightDecay, o.weightDecay(), 0);
        }
        c.name = "sgd";
        c.momentum = 0;
        c.nesterov = true;
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create(c, s));
        c.name = "lion";
        assertThrows(IllegalArgumentException.class, () -> Optimizers.create(c, s));
    }

    @Test
    void sgdFromConfigUsesMomentumAndNesterov() {
        RunConfig.Optimizer c = new RunConfig.Optimizer();
        c.name = "sgd";
        c.momentum = 0.8;
        c.nesterov = true;
        Sgd sgd = (Sgd) Optimizers.create(c, LR);
        assertEquals(0.8, sgd.momentum(), 0);
        assertEquals(true, sgd.nesterov());
    }
}
