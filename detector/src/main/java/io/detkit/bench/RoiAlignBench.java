package io.detkit.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.detkit.detector.rcnn.RoiAlign;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * Benchmark of {@link RoiAlign} (separable interpolation matrices, two matrix products per image)
 * against a naive four-gather RoIAlign kept here as the same-run baseline, forward and
 * forward + backward, float32, 7×7 bins, sampling ratio 2, aligned.
 *
 * <p>Cases: (a) a 2×256×50×50 map (stride 16 of 800×800 images) with 512 RoIs, 256 per image,
 * the case measured in DJL-NOTES; (b) a 16×64×40×40 map (stride 16 of 640×640 images) with 16×256
 * RoIs, the planned training configuration. RoIs, seeded: centres uniform in the image, sides
 * log-uniform in [16, 512] px with an aspect ratio in [1/2, 2], clipped to the image. Each figure
 * is the median of several runs after two warm-up runs; every run works in its own sub-manager,
 * closed after the run. Forward + backward differentiates {@code sum(out)} with respect to the
 * features. Both implementations' forward outputs and feature gradients are compared.
 *
 * <p>The baseline samples every point separately: for the R·7²·2² sample points it gathers the four
 * neighbouring rows of the N·H·W × C feature matrix, weights them (weights 0 for samples outside
 * the map) and averages each bin's 4 points.
 */
public final class RoiAlignBench {
    private static final int OUT = 7;
    private static final int SAMPLING = 2;
    private static final long SEED = 42;

    private RoiAlignBench() {}

    /** One benchmark case. */
    private record Case(String name, int n, int c, int size, int stride, int roisPerImage, int runs, int baselineRuns) {}

    /**
     * Runs both cases and prints the table.
     *
     * @param args {@code [--skip-baseline]}: time RoiAlign only (e.g. to read its peak memory)
     */
    public static void main(String[] args) {
        boolean baseline = !Arrays.asList(args).contains("--skip-baseline");
        System.out.printf(Locale.ROOT, "detkit RoIAlign benchmark: %dx%d bins, sampling %d, aligned, float32; seed %d%n", OUT, OUT,
                SAMPLING, SEED);
        System.out.printf(Locale.ROOT, "Java %s, %d cores available, PyTorch threads %s, system load average %.1f; times are medians in ms%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                System.getProperty("ai.djl.pytorch.num_threads", "default (cores)"),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        Case[] cases = {new Case("(a) 2x256x50x50, 512 RoIs", 2, 256, 50, 16, 256, 9, 5),
                new Case("(b) 16x64x40x40, 4096 RoIs", 16, 64, 40, 16, 256, 7, 3)};
        System.out.println();
        System.out.println("case                          pass         detkit ms (fastest)  baseline ms  baseline/detkit  rel. diff");
        boolean ok = true;
        for (Case k : cases) {
            ok &= run(k, baseline);
        }
        System.out.println();
        System.out.println("rel. diff: max |detkit - baseline| / max |baseline|, forward outputs and feature gradients of sum(out^2).");
        System.out.println("baseline: naive RoIAlign, four row gathers per sample point (in this class only).");
        System.out.println("torchvision roi_align on case (a), forward: about 130 ms on this machine class (DJL-NOTES; not re-measured).");
        System.out.println("(fastest) is detkit's best run, a hint of the unloaded time. The machine is shared: numbers are noisy.");
        System.out.printf(Locale.ROOT, "peak resident memory of this JVM: %s (load average now %.1f)%n", peakRss(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        if (!ok) {
            System.out.println("FAILED: the implementations disagree");
            System.exit(1);
        }
    }

    private static boolean run(Case k, boolean withBaseline) {
        SplittableRandom rnd = new SplittableRandom(SEED + k.n);
        int imgSize = k.size * k.stride;
        int r = k.n * k.roisPerImage;
        float[] rois = new float[4 * r];
        int[] batch = new int[r];
        for (int i = 0; i < r; i++) {
            double side = Math.exp(rnd.nextDouble(Math.log(16), Math.log(512)));
            double aspect = Math.exp(rnd.nextDouble(Math.log(0.5), Math.log(2)));
            double w = side * Math.sqrt(aspect), h = side / Math.sqrt(aspect);
            double cx = rnd.nextDouble(imgSize), cy = rnd.nextDouble(imgSize);
            rois[4 * i] = (float) Math.max(0, cx - w / 2);
            rois[4 * i + 1] = (float) Math.max(0, cy - h / 2);
            rois[4 * i + 2] = (float) Math.min(imgSize, cx + w / 2);
            rois[4 * i + 3] = (float) Math.min(imgSize, cy + h / 2);
            batch[i] = i % k.n; // interleaved: the result has to be put back in RoI order
        }
        float scale = 1f / k.stride;
        RoiAlign align = new RoiAlign(OUT, SAMPLING, true);
        Function<NDArray, NDArray> detkit = f -> align.apply(f, rois, batch, scale);
        Function<NDArray, NDArray> naive = f -> gatherRoiAlign(f, rois, batch, scale, OUT, SAMPLING);
        try (NDManager base = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed((int) SEED);
            NDArray features = base.randomNormal(new Shape(k.n, k.c, k.size, k.size));
            double[] fwd = time(features, detkit, false, k.runs);
            double[] fwdBwd = time(features, detkit, true, k.runs);
            double[] bFwd = null, bFwdBwd = null;
            double diffFwd = Double.NaN, diffGrad = Double.NaN;
            if (withBaseline) {
                bFwd = time(features, naive, false, k.baselineRuns);
                bFwdBwd = time(features, naive, true, k.baselineRuns);
                diffFwd = maxDiff(features, detkit, naive, false);
                diffGrad = maxDiff(features, detkit, naive, true);
            }
            print(k.name, "forward", fwd, bFwd, diffFwd);
            print("", "forward+backward", fwdBwd, bFwdBwd, diffGrad);
            return !withBaseline || (diffFwd < 1e-5 && diffGrad < 1e-5);
        }
    }

    private static void print(String name, String pass, double[] detkit, double[] baseline, double diff) {
        if (baseline == null) {
            System.out.printf(Locale.ROOT, "%-29s %-17s %8.1f %8.1f%n", name, pass, detkit[0], detkit[1]);
        } else {
            System.out.printf(Locale.ROOT, "%-29s %-17s %8.1f %8.1f %12.1f %15.2fx %11.2g%n", name, pass, detkit[0], detkit[1],
                    baseline[0], baseline[0] / detkit[0], diff);
        }
    }

    /** @return {median, fastest} in ms of {@code runs} timed runs after two untimed ones */
    private static double[] time(NDArray features, Function<NDArray, NDArray> op, boolean backward, int runs) {
        features.setRequiresGradient(backward);
        double[] ms = new double[runs];
        for (int i = -2; i < runs; i++) {
            long t0 = System.nanoTime();
            try (NDManager scope = features.getManager().newSubManager()) {
                scope.tempAttachAll(features);
                if (backward) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        gc.backward(op.apply(features).sum());
                    }
                } else {
                    op.apply(features).sum().getFloat(); // waits for the result
                }
            }
            if (i >= 0) {
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
        }
        Arrays.sort(ms);
        return new double[] {ms[runs / 2], ms[0]};
    }

    /**
     * Largest absolute difference of the outputs (or of the feature gradients of {@code sum(out²)}),
     * relative to the largest absolute value of the baseline's.
     */
    private static double maxDiff(NDArray features, Function<NDArray, NDArray> a, Function<NDArray, NDArray> b, boolean gradient) {
        float[][] v = new float[2][];
        for (int i = 0; i < 2; i++) {
            try (NDManager scope = features.getManager().newSubManager()) {
                NDArray f = features.duplicate(); // a fresh leaf: gradients of earlier runs do not add in
                f.attach(scope);
                f.setRequiresGradient(gradient);
                Function<NDArray, NDArray> op = i == 0 ? a : b;
                if (gradient) {
                    try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                        NDArray y = op.apply(f);
                        gc.backward(y.mul(y).sum());
                    }
                    v[i] = f.getGradient().toFloatArray();
                } else {
                    v[i] = op.apply(f).toFloatArray();
                }
            }
        }
        double max = 0, scale = 0;
        for (int j = 0; j < v[0].length; j++) {
            max = Math.max(max, Math.abs(v[0][j] - v[1][j]));
            scale = Math.max(scale, Math.abs(v[1][j]));
        }
        return max / scale;
    }

    /**
     * The naive RoIAlign: four row gathers of the (N·H·W) × C feature matrix per sample point, the
     * bilinear weights (torchvision's bilinear_interpolate, 0 outside the map), the mean over each
     * bin's s×s points. Fixed sampling ratio only.
     */
    static NDArray gatherRoiAlign(NDArray features, float[] rois, int[] batchIndex, float scale, int out, int s) {
        Shape fs = features.getShape();
        int c = (int) fs.get(1), h = (int) fs.get(2), w = (int) fs.get(3);
        int r = batchIndex.length;
        int points = r * out * out * s * s;
        long[][] index = new long[4][points];
        float[][] weight = new float[4][points];
        int p = 0;
        for (int k = 0; k < r; k++) {
            double x0 = rois[4 * k] * (double) scale - 0.5, y0 = rois[4 * k + 1] * (double) scale - 0.5;
            double binW = (rois[4 * k + 2] * (double) scale - 0.5 - x0) / out;
            double binH = (rois[4 * k + 3] * (double) scale - 0.5 - y0) / out;
            long plane = (long) batchIndex[k] * h * w;
            for (int i = 0; i < out; i++) {
                for (int j = 0; j < out; j++) {
                    for (int iy = 0; iy < s; iy++) {
                        for (int ix = 0; ix < s; ix++, p++) {
                            double y = y0 + i * binH + (iy + 0.5) * binH / s;
                            double x = x0 + j * binW + (ix + 0.5) * binW / s;
                            if (y < -1 || y > h || x < -1 || x > w) {
                                continue; // weights stay 0, indices 0
                            }
                            y = Math.max(y, 0);
                            x = Math.max(x, 0);
                            int yl = (int) y, xl = (int) x, yh, xh;
                            if (yl >= h - 1) {
                                yl = yh = h - 1;
                                y = yl;
                            } else {
                                yh = yl + 1;
                            }
                            if (xl >= w - 1) {
                                xl = xh = w - 1;
                                x = xl;
                            } else {
                                xh = xl + 1;
                            }
                            double ly = y - yl, lx = x - xl;
                            index[0][p] = plane + (long) yl * w + xl;
                            index[1][p] = plane + (long) yl * w + xh;
                            index[2][p] = plane + (long) yh * w + xl;
                            index[3][p] = plane + (long) yh * w + xh;
                            weight[0][p] = (float) ((1 - ly) * (1 - lx));
                            weight[1][p] = (float) ((1 - ly) * lx);
                            weight[2][p] = (float) (ly * (1 - lx));
                            weight[3][p] = (float) (ly * lx);
                        }
                    }
                }
            }
        }
        NDManager m = features.getManager();
        NDArray rows = features.transpose(0, 2, 3, 1).reshape(-1, c);
        NDArray sum = null;
        for (int q = 0; q < 4; q++) {
            NDArray term = rows.get(new NDIndex("{}", m.create(index[q]))).mul(m.create(weight[q], new Shape(points, 1)));
            sum = sum == null ? term : sum.add(term);
        }
        return sum.reshape(r * out * out, s * s, c).mean(new int[] {1}).reshape(r, out, out, c).transpose(0, 3, 1, 2);
    }

    private static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return String.format(Locale.ROOT, "%.0f MB", Long.parseLong(line.replaceAll("\\D", "")) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException e) {
            // not on Linux
        }
        return "n/a";
    }
}
