package io.detkit.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoJson;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * COCO evaluation benchmark on a val2017-sized synthetic case ({@link SyntheticCocoCase}): JSON
 * load time, evaluate + accumulate time, peak heap; optionally pycocotools on the same files in the
 * same run (the baseline), with the stats compared to 1e-12.
 */
public final class CocoBench {
    private CocoBench() {}

    /**
     * Runs the benchmark.
     *
     * @param out where to print
     * @param dir folder for the generated JSON files
     * @param images number of images
     * @param detsPerImage detections per image
     * @param seed seed
     * @param repeats timed evaluation runs after the first (cold) one
     * @param pycocotools also run scripts/pycocotools_eval.py (python3 + pycocotools) as baseline
     * @return true if the pycocotools comparison (when run) matched
     * @throws Exception on I/O or process errors
     */
    public static boolean run(PrintStream out, Path dir, int images, int detsPerImage, long seed, int repeats,
            boolean pycocotools) throws Exception {
        Files.createDirectories(dir);
        long t0 = System.nanoTime();
        SyntheticCocoCase c = SyntheticCocoCase.generate(images, 80, detsPerImage, seed);
        Path gtFile = dir.resolve("bench_gt.json"), dtFile = dir.resolve("bench_dt.json");
        c.writeGroundTruth(gtFile);
        c.writeDetections(dtFile);
        long t1 = System.nanoTime();
        int crowd = 0;
        for (boolean b : c.groundTruth().annotationCrowd()) {
            crowd += b ? 1 : 0;
        }
        out.printf(Locale.ROOT, "case: %d images, 80 categories, %d GT (%.2f per image, %d crowd), %d detections (seed %d)%n",
                images, c.groundTruth().annotationCount(), c.groundTruth().annotationCount() / (double) images, crowd,
                c.detections().size(), seed);
        out.printf(Locale.ROOT, "  generated and wrote %s (%.1f MB) and %s (%.1f MB) in %.1f s%n", gtFile,
                Files.size(gtFile) / 1e6, dtFile, Files.size(dtFile) / 1e6, (t1 - t0) / 1e9);
        c = null;
        System.gc();

        resetPeaks();
        long a = System.nanoTime();
        CocoGroundTruth gt = CocoJson.readGroundTruth(gtFile);
        long b = System.nanoTime();
        CocoDetections dt = CocoJson.readResults(dtFile, gt);
        long e = System.nanoTime();
        out.printf(Locale.ROOT, "load: GT %.3f s, detections %.3f s (%d records; goal < 2 s)%n", (b - a) / 1e9, (e - b) / 1e9,
                dt.size());

        double best = Double.MAX_VALUE, cold = 0;
        CocoEvaluation ev = null;
        for (int i = 0; i <= repeats; i++) {
            CocoEvaluator evaluator = new CocoEvaluator(gt);
            evaluator.addAll(dt);
            long s0 = System.nanoTime();
            ev = evaluator.evaluate();
            double s = (System.nanoTime() - s0) / 1e9;
            if (i == 0) {
                cold = s;
            }
            best = Math.min(best, s);
        }
        long peak = peakHeap();
        out.printf(Locale.ROOT, "evaluate+accumulate: first run %.3f s, best of %d %.3f s; peak heap %.0f MB (max heap %.0f MB)%n",
                cold, repeats + 1, best, peak / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
        out.printf(Locale.ROOT, "  vs published peers on this machine class: faster-coco-eval 10–14.5 s -> %.1f–%.1fx faster"
                + " (first run); pycocotools 84–116 s -> %.0f–%.0fx faster%n", 10 / cold, 14.5 / cold, 84 / cold, 116 / cold);
        double[] stats = ev.stats();
        out.printf(Locale.ROOT, "  stats: %s%n", java.util.Arrays.toString(stats));

        boolean ok = true;
        if (pycocotools) {
            Path script = Path.of("scripts/pycocotools_eval.py");
            out.println("baseline: running pycocotools on the same files (this takes a minute or two) ...");
            Process p = new ProcessBuilder("python3", script.toString(), gtFile.toString(), dtFile.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                out.println("  pycocotools run failed (is pycocotools installed?)");
                return false;
            }
            JsonNode r = new ObjectMapper().readTree(json);
            double pyEval = r.get("evaluate_s").asDouble() + r.get("accumulate_s").asDouble();
            double maxDiff = 0;
            for (int i = 0; i < 12; i++) {
                maxDiff = Math.max(maxDiff, Math.abs(r.get("stats").get(i).asDouble() - stats[i]));
            }
            ok = maxDiff <= 1e-12;
            out.printf(Locale.ROOT, "  pycocotools: load DT %.2f s, evaluate+accumulate %.1f s -> detkit %.1fx faster (first run),"
                    + " %.1fx (best); max |stat diff| %.1e %s%n", r.get("load_dt_s").asDouble(), pyEval, pyEval / cold,
                    pyEval / best, maxDiff, ok ? "(equal to 1e-12)" : "MISMATCH");
        }
        return ok;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    private static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    /**
     * Command-line entry: {@code [--images N] [--dets N] [--seed S] [--repeats R] [--dir DIR] [--pycocotools]}.
     *
     * @param args arguments
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int images = 5000, dets = 100, repeats = 3;
        long seed = 1;
        Path dir = Path.of("bench-out");
        boolean py = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--dets" -> dets = Integer.parseInt(args[++i]);
                case "--seed" -> seed = Long.parseLong(args[++i]);
                case "--repeats" -> repeats = Integer.parseInt(args[++i]);
                case "--dir" -> dir = Path.of(args[++i]);
                case "--pycocotools" -> py = true;
                default -> throw new IllegalArgumentException("unknown argument " + args[i]);
            }
        }
        System.exit(run(System.out, dir, images, dets, seed, repeats, py) ? 0 : 1);
    }
}
