package io.detkit.detector.optim;

import io.detkit.detector.config.RunConfig;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.List;
import java.util.Locale;

/**
 * The learning-rate schedules of {@code train.schedule}, as plain functions of the 0-based
 * iteration {@code t} (see {@link LrSchedule}). {@code T} is the number of iterations the schedule
 * covers; after {@code T} every decaying schedule stays at its final value.
 *
 * <table>
 * <caption>Schedules (η₀ the base LR, r = {@code final_lr_ratio})</caption>
 * <tr><th>name</th><th>lr(t)</th></tr>
 * <tr><td>constant</td><td>η₀</td></tr>
 * <tr><td>step</td><td>η₀ · γ^⌊e / step_size⌋, e = ⌊t / itersPerEpoch⌋ the 0-based epoch</td></tr>
 * <tr><td>multistep</td><td>η₀ · γ^|{m ∈ milestones : m ≤ e}| (PyTorch MultiStepLR)</td></tr>
 * <tr><td>cosine</td><td>η_min + ½(η₀ − η_min)(1 + cos(π·t/T)), η_min = r·η₀</td></tr>
 * <tr><td>linear</td><td>η₀ · (1 − (1 − r)·t/T): a₀(1 − t/T) when r = 0, ends at r·η₀</td></tr>
 * <tr><td>inverse_sqrt</td><td>η₀ / √s, s = t + 1 ≥ 1 (s counts the updates since the end of
 *     warm-up, this one included)</td></tr>
 * <tr><td>poly</td><td>(η₀ − η_end)(1 − t/T)^p + η_end, η_end = r·η₀</td></tr>
 * <tr><td>onecycle</td><td>PyTorch {@code OneCycleLR(max_lr=η₀, total_steps=T)} with its defaults
 *     (pct_start 0.3, cos annealing, div_factor 25, final_div_factor 1e4, two phases): cosine from
 *     η₀/25 up to η₀ at step 0.3·T − 1, then cosine down to η₀/25/1e4 at step T − 1; lr(t) is the
 *     LR PyTorch uses for its (t+1)-th optimizer step. Momentum is not cycled.</td></tr>
 * </table>
 *
 * <p><b>Warm-up</b> ({@link #warmup}): with W warm-up iterations, the k-th update (k = 1 … W) uses
 * k/W of the main schedule's value at the end of warm-up (so no update runs at LR 0 and the W-th
 * reaches the full value); from t = W on the main schedule runs. Decaying schedules (cosine,
 * linear, inverse_sqrt, poly, onecycle) start after the warm-up and cover the remaining
 * {@code T − W} iterations; step and multistep count epochs from the start of training, so a
 * milestone at epoch 30 stays at epoch 30 whatever the warm-up.
 */
public final class LrSchedules {
    private LrSchedules() {}

    /**
     * The schedule of a run config.
     *
     * @param cfg the {@code train.schedule} section
     * @param baseLr base (for onecycle: maximum) learning rate, {@code train.optimizer.lr}
     * @param itersPerEpoch optimizer updates per epoch, ≥ 1
     * @param epochs epochs, ≥ 1
     * @return the schedule over {@code epochs · itersPerEpoch} iterations, warm-up included
     * @throws IllegalArgumentException for an unknown name or a value out of range
     */
    public static LrSchedule create(RunConfig.Schedule cfg, double baseLr, int itersPerEpoch, int epochs) {
        if (itersPerEpoch < 1) {
            throw new IllegalArgumentException("iterations per epoch must be ≥ 1, got " + itersPerEpoch);
        }
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be ≥ 1, got " + epochs);
        }
        positive("train.optimizer.lr", baseLr);
        long total = (long) epochs * itersPerEpoch;
        long warm = Math.min(warmupIters(cfg, itersPerEpoch), total);
        long main = Math.max(1, total - warm);
        double r = cfg.finalLrRatio;
        if (!(r >= 0 && r <= 1)) {
            throw new IllegalArgumentException("train.schedule.final_lr_ratio must be in [0, 1], got " + r);
        }
        LrSchedule s;
        boolean absolute = false;
        switch (cfg.name) {
            case "constant" -> s = constant(baseLr);
            case "step" -> {
                s = step(baseLr, itersPerEpoch, cfg.stepSize, cfg.gamma);
                absolute = true;
            }
            case "multistep" -> {
                s = multiStep(baseLr, itersPerEpoch, cfg.milestones, cfg.gamma);
                absolute = true;
            }
            case "cosine" -> s = cosine(baseLr, r * baseLr, main);
            case "linear" -> s = linear(baseLr, r * baseLr, main);
            case "inverse_sqrt" -> s = inverseSqrt(baseLr);
            case "poly" -> s = poly(baseLr, r * baseLr, main, cfg.power);
            case "onecycle" -> s = oneCycle(baseLr, main);
            default -> throw new IllegalArgumentException("unknown train.schedule.name '" + cfg.name
                    + "'; one of constant, step, multistep, cosine, linear, inverse_sqrt, poly, onecycle");
        }
        return warm == 0 ? s : warmup(s, warm, absolute ? 0 : warm);
    }

    /**
     * Warm-up length in iterations: {@code warmup_iters} when &gt; 0, else
     * {@code round(warmup_epochs · itersPerEpoch)}.
     *
     * @param cfg the {@code train.schedule} section
     * @param itersPerEpoch updates per epoch
     * @return warm-up iterations, ≥ 0
     */
    public static long warmupIters(RunConfig.Schedule cfg, int itersPerEpoch) {
        if (cfg.warmupIters < 0 || !(cfg.warmupEpochs >= 0)) {
            throw new IllegalArgumentException("warm-up length must be ≥ 0");
        }
        return cfg.warmupIters > 0 ? cfg.warmupIters : Math.round(cfg.warmupEpochs * itersPerEpoch);
    }

    /**
     * A constant learning rate.
     *
     * @param lr the learning rate
     * @return the schedule
     */
    public static LrSchedule constant(double lr) {
        positive("lr", lr);
        return new Named(t -> lr, fmt("constant %g", lr));
    }

    /**
     * ×γ every {@code stepSize} epochs.
     *
     * @param base base learning rate
     * @param itersPerEpoch updates per epoch
     * @param stepSize epochs per step, ≥ 1
     * @param gamma factor
     * @return the schedule
     */
    public static LrSchedule step(double base, int itersPerEpoch, int stepSize, double gamma) {
        positive("lr", base);
        if (stepSize < 1) {
            throw new IllegalArgumentException("train.schedule.step_size must be ≥ 1, got " + stepSize);
        }
        gamma(gamma);
        return new Named(t -> base * Math.pow(gamma, epoch(t, itersPerEpoch) / stepSize),
                fmt("step ×%g every %d epochs", gamma, stepSize));
    }

    /**
     * ×γ at each milestone epoch: epoch e (0-based) uses η₀·γ^(number of milestones ≤ e).
     *
     * @param base base learning rate
     * @param itersPerEpoch updates per epoch
     * @param milestones epochs, each ≥ 1
     * @param gamma factor
     * @return the schedule
     */
    public static LrSchedule multiStep(double base, int itersPerEpoch, List<Integer> milestones, double gamma) {
        positive("lr", base);
        gamma(gamma);
        long[] ms = milestones.stream().mapToLong(Integer::longValue).sorted().toArray();
        for (long m : ms) {
            if (m < 1) {
                throw new IllegalArgumentException("train.schedule.milestones must be ≥ 1, got " + m);
            }
        }
        return new Named(t -> {
            long e = epoch(t, itersPerEpoch);
            int n = 0;
            for (long m : ms) {
                if (m <= e) {
                    n++;
                }
            }
            return base * Math.pow(gamma, n);
        }, fmt("multistep ×%g at epochs %s", gamma, milestones));
    }

    /**
     * Cosine annealing η(t) = η_min + ½(η_max − η_min)(1 + cos(π·t/T)), constant η_min after T.
     *
     * @param max η_max, the value at t = 0
     * @param min η_min, the value at t = T
     * @param total T, ≥ 1
     * @return the schedule
     */
    public static LrSchedule cosine(double max, double min, long total) {
        positive("lr", max);
        range(min, max);
        total(total);
        return new Named(t -> min + 0.5 * (max - min) * (1 + Math.cos(Math.PI * clampT(t, total) / total)),
                fmt("cosine %g → %g over %d iterations", max, min, total));
    }

    /**
     * Linear decay from {@code start} at t = 0 to {@code end} at t = T.
     *
     * @param start value at t = 0
     * @param end value at t = T and after
     * @param total T, ≥ 1
     * @return the schedule
     */
    public static LrSchedule linear(double start, double end, long total) {
        positive("lr", start);
        range(end, start);
        total(total);
        return new Named(t -> start + (end - start) * clampT(t, total) / total,
                fmt("linear %g → %g over %d iterations", start, end, total));
    }

    /**
     * Inverse square root η₀/√(t + 1).
     *
     * @param base η₀, the value at t = 0
     * @return the schedule
     */
    public static LrSchedule inverseSqrt(double base) {
        positive("lr", base);
        return new Named(t -> base / Math.sqrt(Math.max(0, t) + 1.0), fmt("inverse_sqrt %g/√(t+1)", base));
    }

    /**
     * Polynomial decay (η₀ − η_end)(1 − t/T)^p + η_end.
     *
     * @param base η₀, the value at t = 0
     * @param end η_end, the value at t = T
     * @param total T, ≥ 1
     * @param power p &gt; 0
     * @return the schedule
     */
    public static LrSchedule poly(double base, double end, long total, double power) {
        positive("lr", base);
        range(end, base);
        total(total);
        positive("train.schedule.power", power);
        return new Named(t -> (base - end) * Math.pow(1.0 - (double) clampT(t, total) / total, power) + end,
                fmt("poly p=%g %g → %g over %d iterations", power, base, end, total));
    }

    /**
     * PyTorch's {@code OneCycleLR} with its defaults (pct_start 0.3, div_factor 25,
     * final_div_factor 1e4, cosine annealing, two phases).
     *
     * @param maxLr the peak learning rate
     * @param total total_steps, ≥ 2
     * @return the schedule
     */
    public static LrSchedule oneCycle(double maxLr, long total) {
        return oneCycle(maxLr, total, 0.3, 25, 1e4);
    }

    /**
     * PyTorch's {@code OneCycleLR} (two phases, cosine annealing). Step s (0-based, clamped to
     * T − 1) lies in phase 1 while s ≤ pct·T − 1: cos-anneal from max/div to max over
     * [0, pct·T − 1]; then cos-anneal from max to max/div/final_div over [pct·T − 1, T − 1], where
     * cos-anneal(a, b, p) = b + (a − b)/2·(1 + cos(π·p)).
     *
     * @param maxLr peak learning rate
     * @param total total_steps T, ≥ 2
     * @param pctStart fraction of T spent rising, in (0, 1)
     * @param divFactor initial LR = maxLr / divFactor
     * @param finalDivFactor final LR = initial LR / finalDivFactor
     * @return the schedule
     */
    public static LrSchedule oneCycle(double maxLr, long total, double pctStart, double divFactor, double finalDivFactor) {
        positive("lr", maxLr);
        if (total < 2) {
            throw new IllegalArgumentException("onecycle needs at least 2 iterations, got " + total);
        }
        if (!(pctStart > 0 && pctStart < 1)) {
            throw new IllegalArgumentException("pct_start must be in (0, 1), got " + pctStart);
        }
        positive("div_factor", divFactor);
        positive("final_div_factor", finalDivFactor);
        double initial = maxLr / divFactor;
        double min = initial / finalDivFactor;
        double end1 = pctStart * total - 1;
        double end2 = total - 1;
        return new Named(t -> {
            double s = Math.min(Math.max(t, 0), total - 1);
            if (s <= end1) {
                return cosAnneal(initial, maxLr, (s - 0.0) / (end1 - 0.0));
            }
            return cosAnneal(maxLr, min, (s - end1) / (end2 - end1));
        }, fmt("onecycle %g → %g → %g over %d iterations", initial, maxLr, min, total));
    }

    /**
     * A linear warm-up in front of a schedule: for t &lt; W, lr(t) = main(W − offset)·(t + 1)/W;
     * for t ≥ W, lr(t) = main(t − offset).
     *
     * @param main the schedule after warm-up
     * @param warmupIters W ≥ 1
     * @param mainOffset {@code W} for a schedule that starts after the warm-up, {@code 0} for one on
     *     the absolute iteration (step, multistep)
     * @return the schedule
     */
    public static LrSchedule warmup(LrSchedule main, long warmupIters, long mainOffset) {
        if (warmupIters < 1) {
            throw new IllegalArgumentException("warm-up iterations must be ≥ 1, got " + warmupIters);
        }
        if (mainOffset < 0 || mainOffset > warmupIters) {
            throw new IllegalArgumentException("main schedule offset must be in [0, W], got " + mainOffset);
        }
        double target = main.lr(warmupIters - mainOffset);
        return new Named(t -> t < warmupIters ? target * (t + 1) / warmupIters : main.lr(t - mainOffset),
                fmt("%d warm-up iterations, then %s", warmupIters, main));
    }

    private static double cosAnneal(double start, double end, double pct) {
        return end + (start - end) / 2.0 * (Math.cos(Math.PI * pct) + 1);
    }

    private static long epoch(long t, int itersPerEpoch) {
        if (itersPerEpoch < 1) {
            throw new IllegalArgumentException("iterations per epoch must be ≥ 1, got " + itersPerEpoch);
        }
        return Math.max(0, t) / itersPerEpoch;
    }

    private static long clampT(long t, long total) {
        return Math.min(Math.max(t, 0), total);
    }

    private static void positive(String what, double v) {
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be > 0, got " + v);
        }
    }

    private static void gamma(double gamma) {
        if (!(gamma > 0) || Double.isInfinite(gamma)) {
            throw new IllegalArgumentException("train.schedule.gamma must be > 0, got " + gamma);
        }
    }

    private static void range(double end, double start) {
        if (!(end >= 0 && end <= start)) {
            throw new IllegalArgumentException("final LR must be in [0, " + start + "], got " + end);
        }
    }

    private static void total(long total) {
        if (total < 1) {
            throw new IllegalArgumentException("schedule length must be ≥ 1 iteration, got " + total);
        }
    }

    private static String fmt(String f, Object... args) {
        Object[] a = args.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] instanceof Double d) {
                a[i] = num(d);
            }
        }
        return String.format(Locale.ROOT, f.replace("%g", "%s"), a);
    }

    /** A number with at most 4 significant digits and no trailing zeros (0.002, 2E-5). */
    static String num(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toString();
    }

    /** A schedule with a description for logs and plots. */
    private record Named(LrSchedule f, String description) implements LrSchedule {
        @Override
        public double lr(long iteration) {
            return f.lr(iteration);
        }

        @Override
        public String toString() {
            return description;
        }
    }
}
