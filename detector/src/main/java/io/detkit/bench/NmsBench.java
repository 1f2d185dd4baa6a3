package io.detkit.bench;

import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;
import io.detkit.metrics.nms.Nms;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Benchmark of greedy NMS: detkit's {@link Nms} against a naive O(n·k) loop (each candidate against
 * every kept box, {@code Iou.compute} per pair) and against torchvision's CPU {@code nms} /
 * {@code batched_nms} times measured on this machine class.
 *
 * <p>Input, seeded: n boxes with x1, y1 ~ U[0, 1000), w, h ~ U[1, 100] (so x2 = x1 + w, y2 = y1 + h),
 * scores ~ U[0, 1), doubles; IoU threshold 0.5. For the batched case, classes ~ U{0..79}. Each
 * timing is the median of several runs after warm-up (detkit: 31 runs, 9 at 100k; baseline: 31, 7,
 * and a single run at 100k); detkit's result is checked to be identical (same indices, same order)
 * to the naive loop's.
 */
public final class NmsBench {
    private static final double IOU_THRESHOLD = 0.5;
    private static final long SEED = 42;
    private static final int[] SIZES = {1_000, 10_000, 100_000};
    /** torchvision CPU nms on this machine class, ms, for {@link #SIZES}. */
    private static final double[] TORCHVISION_MS = {3.1, 290, 16_900};
    private static final int BATCHED_N = 10_000;
    private static final int BATCHED_CLASSES = 80;
    private static final double TORCHVISION_BATCHED_MS = 21.5;
    private static final double GOAL = 3.0;

    private NmsBench() {}

    /**
     * Runs the benchmark on standard output; exits with status 1 if a result differed from the
     * naive loop's.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        if (!run(System.out)) {
            System.exit(1);
        }
    }

    /**
     * Runs the benchmark and prints its table.
     *
     * @param out where the table goes
     * @return true if every detkit result equalled the naive loop's
     */
    public static boolean run(PrintStream out) {
        out.println("detkit NMS benchmark: greedy NMS, IoU threshold " + IOU_THRESHOLD + ", seed " + SEED);
        out.println("boxes: x1,y1 ~ U[0,1000), w,h ~ U[1,100], scores ~ U[0,1), float64");
        out.printf(Locale.ROOT, "Java %s, %d cores available, system load average %.1f; times are medians in ms%n",
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        warmUp();
        boolean allIdentical = true;
        out.println();
        out.println("       n     kept   detkit ms  (fastest)  baseline ms  vs baseline  torchvision ms  vs torchvision  identical");
        for (int i = 0; i < SIZES.length; i++) {
            int n = SIZES[i];
            Input in = Input.uniform(SEED + n, n, 1);
            int detkitRuns = n <= 10_000 ? 31 : 9;
            int baselineRuns = n <= 1_000 ? 31 : n <= 10_000 ? 7 : 1; // one 100k run takes ~45 s
            Timed<int[]> fast = time(detkitRuns, () -> Nms.greedy(in.boxes, in.scores, IOU_THRESHOLD));
            Timed<int[]> slow = time(baselineRuns, () -> baseline(in.boxes, in.scores, null, IOU_THRESHOLD));
            boolean identical = Arrays.equals(fast.result, slow.result);
            allIdentical &= identical;
            out.printf(Locale.ROOT, "%8d %8d %11.3f %10.3f %12.2f %11.1fx %14.1f %14.1fx%s  %s%n", n, fast.result.length,
                    fast.medianMs, fast.minMs, slow.medianMs, slow.medianMs / fast.medianMs, TORCHVISION_MS[i],
                    TORCHVISION_MS[i] / fast.medianMs, TORCHVISION_MS[i] / fast.medianMs >= GOAL ? " " : "!",
                    identical ? "yes" : "NO");
        }
        Input in = Input.uniform(SEED, BATCHED_N, BATCHED_CLASSES);
        Timed<int[]> fast = time(31, () -> Nms.batched(in.boxes, in.scores, in.classes, IOU_THRESHOLD));
        Timed<int[]> slow = time(7, () -> baseline(in.boxes, in.scores, in.classes, IOU_THRESHOLD));
        boolean identical = Arrays.equals(fast.result, slow.result);
        allIdentical &= identical;
        out.println();
        out.println("batched (class-aware) NMS, " + BATCHED_CLASSES + " classes ~ U{0.." + (BATCHED_CLASSES - 1) + "}:");
        out.printf(Locale.ROOT, "%8d %8d %11.3f %10.3f %12.2f %11.1fx %14.1f %14.1fx%s  %s%n", BATCHED_N, fast.result.length,
                fast.medianMs, fast.minMs, slow.medianMs, slow.medianMs / fast.medianMs, TORCHVISION_BATCHED_MS,
                TORCHVISION_BATCHED_MS / fast.medianMs, TORCHVISION_BATCHED_MS / fast.medianMs >= GOAL ? " " : "!",
                identical ? "yes" : "NO");
        out.println();
        out.println("speed-ups use medians; (fastest) is detkit's best run, a hint of the unloaded time.");
        out.println("baseline: the plain loop, each candidate vs every kept box (Iou.compute), boxed stable sort.");
        out.println("torchvision: CPU nms / batched_nms times measured on this machine class (given, not re-measured);");
        out.printf(Locale.ROOT, "goal: at least %.0fx faster than torchvision ('!' marks a miss). The machine is shared: numbers are noisy.%n",
                GOAL);
        return allIdentical;
    }

    /** Compiles both code paths at every size class before anything is timed. */
    private static void warmUp() {
        Input small = Input.uniform(1, 2_000, 1);
        Input mid = Input.uniform(2, 20_000, 1);
        Input classes = Input.uniform(3, 10_000, BATCHED_CLASSES);
        Input big = Input.uniform(4, 100_000, 1);
        long deadline = System.nanoTime() + 3_000_000_000L;
        for (int i = 0; i < 10 || System.nanoTime() < deadline; i++) {
            Nms.greedy(small.boxes, small.scores, IOU_THRESHOLD);
            Nms.greedy(mid.boxes, mid.scores, IOU_THRESHOLD);
            Nms.batched(classes.boxes, classes.scores, classes.classes, IOU_THRESHOLD);
            baseline(small.boxes, small.scores, null, IOU_THRESHOLD);
            baseline(classes.boxes, classes.scores, classes.classes, IOU_THRESHOLD);
            if (i < 3) {
                Nms.greedy(big.boxes, big.scores, IOU_THRESHOLD);
            }
        }
    }

    /**
     * The naive greedy NMS: stable sort by score, then each candidate against every kept box (of its
     * class, when classes are given).
     */
    static int[] baseline(double[] boxes, double[] scores, int[] classes, double threshold) {
        int n = scores.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
        int[] kept = new int[n];
        int k = 0;
        for (int c : order) {
            boolean keep = true;
            for (int j = 0; j < k; j++) {
                int q = kept[j];
                if ((classes == null || classes[q] == classes[c])
                        && Iou.compute(IouKind.IOU, boxes, 4 * q, boxes, 4 * c, false) > threshold) {
                    keep = false;
                    break;
                }
            }
            if (keep) {
                kept[k++] = c;
            }
        }
        return Arrays.copyOf(kept, k);
    }

    private static <T> Timed<T> time(int runs, Supplier<T> task) {
        double[] ms = new double[runs];
        T result = null;
        for (int r = 0; r < runs; r++) {
            long t0 = System.nanoTime();
            result = task.get();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return new Timed<>(result, ms[runs / 2], ms[0]);
    }

    private record Timed<T>(T result, double medianMs, double minMs) {}

    /** Seeded random boxes, see the class documentation. */
    private record Input(double[] boxes, double[] scores, int[] classes) {
        static Input uniform(long seed, int n, int numClasses) {
            SplittableRandom rnd = new SplittableRandom(seed);
            double[] boxes = new double[4 * n];
            double[] scores = new double[n];
            int[] classes = new int[n];
            for (int i = 0; i < n; i++) {
                double x = rnd.nextDouble(0, 1000), y = rnd.nextDouble(0, 1000);
                boxes[4 * i] = x;
                boxes[4 * i + 1] = y;
                boxes[4 * i + 2] = x + rnd.nextDouble(1, 100);
                boxes[4 * i + 3] = y + rnd.nextDouble(1, 100);
                scores[i] = rnd.nextDouble();
                classes[i] = rnd.nextInt(numClasses);
            }
            return new Input(boxes, scores, classes);
        }
    }
}
