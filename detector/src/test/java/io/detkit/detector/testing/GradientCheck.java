package io.detkit.detector.testing;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.nio.DoubleBuffer;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

/**
 * Numerical gradient check: DJL autograd against central differences, in float64.
 *
 * <p>For a function {@code f} of some arrays with an output of any shape, the check contracts the
 * output with a fixed random array R (seeded), {@code L = Σ f(x) ⊙ R}, so that every output
 * element's gradient takes part, then compares for every checked input element
 *
 * <pre>
 *   analytic  ∂L/∂x_j  from GradientCollector.backward(L)
 *   numeric   (L(x + h·e_j) − L(x − h·e_j)) / (2h)        (central difference, error O(h²))
 * </pre>
 *
 * and passes when {@code |a − n| ≤ atol + rtol·max(|a|, |n|)} for every element. Inputs are cast to
 * float64 first (float32 central differences would be dominated by rounding: with h = 1e-3 a loss
 * of order 1 has rounding errors of order 1e-4 in the quotient).
 *
 * <p>Pick inputs away from kinks (ReLU at 0, ties of max, |d| = β of smooth L1, boxes with equal
 * coordinates): there the two one-sided derivatives differ and no check can pass.
 *
 * <p>Functions whose gradient is by design not the derivative of their value (a
 * {@code stopGradient} term, such as CIoU's α) are checked with {@link #check(Function, Function,
 * NDList, int...)}: the numeric side differentiates a reference function in which those terms are
 * frozen at the base point.
 *
 * <pre>{@code
 * GradientCheck.Result r = GradientCheck.create().check(in -> Losses.mse(in.get(0), in.get(1)), new NDList(x, y), 0);
 * r.assertPassed();
 * }</pre>
 */
public final class GradientCheck {
    private final double step;
    private final double rtol;
    private final double atol;
    private final long seed;
    private final DataType dataType;

    private GradientCheck(double step, double rtol, double atol, long seed, DataType dataType) {
        this.step = step;
        this.rtol = rtol;
        this.atol = atol;
        this.seed = seed;
        this.dataType = dataType;
    }

    /**
     * The defaults: h = 1e-6, rtol = 1e-6, atol = 1e-8, seed 0.
     *
     * @return a checker
     */
    public static GradientCheck create() {
        return new GradientCheck(1e-6, 1e-6, 1e-8, 0, DataType.FLOAT64);
    }

    /**
     * @param h step of the central difference
     * @return a copy with this step
     */
    public GradientCheck withStep(double h) {
        return new GradientCheck(h, rtol, atol, seed, dataType);
    }

    /**
     * @param relative rtol
     * @param absolute atol
     * @return a copy with these tolerances
     */
    public GradientCheck withTolerance(double relative, double absolute) {
        return new GradientCheck(step, relative, absolute, seed, dataType);
    }

    /**
     * @param s seed of the projection array R
     * @return a copy with this seed
     */
    public GradientCheck withSeed(long s) {
        return new GradientCheck(step, rtol, atol, s, dataType);
    }

    /**
     * Evaluates {@link #check} in another type than float64, for code that works in float32 only.
     * Central differences in float32 carry rounding errors of about 1e-7·|L|/h: use a step near
     * 1e-2 and tolerances near 1e-2, which still catch a wrong sign, factor or missing term.
     *
     * @param type the input type the function sees
     * @return a copy that casts inputs to this type
     */
    public GradientCheck withDataType(DataType type) {
        return new GradientCheck(step, rtol, atol, seed, type);
    }

    /**
     * The outcome of one check.
     *
     * @param name what was checked
     * @param checked number of input elements compared
     * @param maxError the largest {@code |a − n| / (atol/rtol + max(|a|, |n|))}; the check passes
     *     when it is at most rtol
     * @param worst where the largest error is, with both values
     * @param rtol the relative tolerance used
     */
    public record Result(String name, int checked, double maxError, String worst, double rtol) {
        /** @return whether every element is within tolerance */
        public boolean passed() {
            return maxError <= rtol;
        }

        /** Throws an {@link AssertionError} describing the worst element unless the check passed. */
        public void assertPassed() {
            if (!passed() || checked == 0) {
                throw new AssertionError(this.toString());
            }
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "gradient check %s: %d elements, max error %.3g (rtol %.1g)%s", name, checked, maxError,
                    rtol, worst == null ? "" : ", worst " + worst);
        }
    }

    /**
     * Checks {@code f} with respect to some of its inputs.
     *
     * @param f the function, evaluated on float64 copies of {@code inputs}
     * @param inputs its arguments (not modified)
     * @param wrt indices of the arguments to differentiate (all when empty)
     * @return the result
     */
    public Result check(Function<NDList, NDArray> f, NDList inputs, int... wrt) {
        return check(f, f, inputs, wrt);
    }

    /**
     * Checks the autograd gradient of {@code f} against central differences of
     * {@code reference}, which must equal {@code f} in value near the inputs (for example
     * {@code f} with its stop-gradient terms frozen at the base point).
     *
     * @param f the function whose autograd gradient is checked
     * @param reference the function differentiated numerically
     * @param inputs the arguments (not modified)
     * @param wrt indices of the arguments to differentiate (all when empty)
     * @return the result
     */
    public Result check(Function<NDList, NDArray> f, Function<NDList, NDArray> reference, NDList inputs, int... wrt) {
        NDManager manager = inputs.get(0).getManager();
        int[] which = wrt.length > 0 ? wrt : range(inputs.size());
        try (NDManager m = manager.newSubManager()) {
            NDList x = new NDList();
            for (NDArray a : inputs) {
                x.add(fresh(a, m, dataType));
            }
            NDArray r = projection(m, f.apply(x).getShape());
            for (int i : which) {
                x.get(i).setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray y = f.apply(x);
                // in the output's own type: a type cast is not differentiated on this engine
                gc.backward(y.mul(r.toType(y.getDataType(), false)).sum());
            }
            Compare cmp = new Compare();
            for (int i : which) {
                double[] analytic = x.get(i).getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
                double[] base = x.get(i).toType(DataType.FLOAT64, false).toDoubleArray();
                Shape shape = x.get(i).getShape();
                for (int j = 0; j < base.length; j++) {
                    double plus = evalPerturbed(reference, x, i, base, shape, j, step, r, m);
                    double minus = evalPerturbed(reference, x, i, base, shape, j, -step, r, m);
                    cmp.add("input " + i + " element " + j, analytic[j], (plus - minus) / (2 * step));
                }
            }
            return cmp.result("function");
        }
    }

    /**
     * Checks a block: the gradients of its (float64) output with respect to its inputs and to every
     * parameter that requires a gradient. The block must be initialized in float64
     * ({@code block.initialize(manager, DataType.FLOAT64, shapes)}) and must not have been run
     * backward before (DJL accumulates parameter gradients).
     *
     * @param name a name for the report
     * @param block the block
     * @param training forward in training mode (BatchNorm batch statistics)
     * @param inputs its inputs (float64)
     * @return the result
     */
    public Result checkBlock(String name, Block block, boolean training, NDList inputs) {
        NDManager manager = inputs.get(0).getManager();
        try (NDManager m = manager.newSubManager()) {
            ParameterStore ps = new ParameterStore(m, false);
            NDList x = new NDList();
            for (NDArray a : inputs) {
                x.add(fresh(a, m, DataType.FLOAT64));
            }
            NDArray r = projection(m, block.forward(ps, x, training).singletonOrThrow().getShape());
            for (NDArray a : x) {
                a.setRequiresGradient(true);
            }
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                gc.backward(block.forward(ps, x, training).singletonOrThrow().mul(r).sum());
            }
            Compare cmp = new Compare();
            Function<NDList, NDArray> f = in -> block.forward(ps, in, training).singletonOrThrow();
            for (int i = 0; i < x.size(); i++) {
                double[] analytic = x.get(i).getGradient().toDoubleArray();
                double[] base = x.get(i).toDoubleArray();
                for (int j = 0; j < base.length; j++) {
                    double plus = evalPerturbed(f, x, i, base, x.get(i).getShape(), j, step, r, m);
                    double minus = evalPerturbed(f, x, i, base, x.get(i).getShape(), j, -step, r, m);
                    cmp.add("input " + i + " element " + j, analytic[j], (plus - minus) / (2 * step));
                }
            }
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter param = p.getValue();
                if (!param.requiresGradient()) {
                    continue;
                }
                NDArray w = param.getArray();
                if (w.getDataType() != DataType.FLOAT64) {
                    throw new IllegalArgumentException("parameter " + p.getKey() + " is " + w.getDataType()
                            + ": initialize the block in float64");
                }
                double[] analytic = w.getGradient().toDoubleArray();
                double[] base = w.toDoubleArray();
                for (int j = 0; j < base.length; j++) {
                    double plus = evalParam(f, x, w, base, j, step, r);
                    double minus = evalParam(f, x, w, base, j, -step, r);
                    cmp.add(p.getKey() + " element " + j, analytic[j], (plus - minus) / (2 * step));
                }
                w.set(DoubleBuffer.wrap(base));
            }
            return cmp.result(name);
        }
    }

    /** A float64 leaf copy in {@code m}, detached from any graph and gradient of {@code a}. */
    private static NDArray fresh(NDArray a, NDManager m, DataType type) {
        NDArray c = m.create(a.toType(DataType.FLOAT64, false).toDoubleArray(), a.getShape()).toType(type, false)
                .toDevice(a.getDevice(), false);
        c.attach(m);
        return c;
    }

    private NDArray projection(NDManager m, Shape shape) {
        Random rnd = new Random(seed);
        double[] v = new double[Math.toIntExact(shape.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return m.create(v, shape);
    }

    private static double evalPerturbed(Function<NDList, NDArray> f, NDList x, int i, double[] base, Shape shape, int j,
            double h, NDArray r, NDManager m) {
        double[] v = base.clone();
        v[j] += h;
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            NDList moved = new NDList(x);
            moved.set(i, m.create(v, shape).toType(x.get(i).getDataType(), false).toDevice(x.get(i).getDevice(), false));
            return f.apply(moved).toType(DataType.FLOAT64, false).mul(r).sum().getDouble();
        }
    }

    private static double evalParam(Function<NDList, NDArray> f, NDList x, NDArray w, double[] base, int j, double h, NDArray r) {
        double[] v = base.clone();
        v[j] += h;
        w.set(DoubleBuffer.wrap(v));
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            return f.apply(x).mul(r).sum().getDouble();
        }
    }

    private static int[] range(int n) {
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        return out;
    }

    /** Accumulates the comparison. */
    private final class Compare {
        private int count;
        private double max;
        private String worst;

        void add(String where, double analytic, double numeric) {
            count++;
            double err = Math.abs(analytic - numeric) / (atol / rtol + Math.max(Math.abs(analytic), Math.abs(numeric)));
            if (Double.isNaN(err)) {
                err = Double.POSITIVE_INFINITY;
            }
            if (worst == null || err > max) {
                max = err;
                worst = String.format(Locale.ROOT, "%s: autograd %.10g, numeric %.10g", where, analytic, numeric);
            }
        }

        Result result(String name) {
            return new Result(name, count, max, worst, rtol);
        }
    }
}
