package io.detkit.bench;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.augment.AugmentConfig;
import io.detkit.data.augment.Augmenter;
import io.detkit.data.augment.SampleSource;
import io.detkit.data.loader.AugmentingSource;
import io.detkit.data.loader.Batch;
import io.detkit.data.loader.BatchLoader;
import io.detkit.data.synth.SynthConfig;
import io.detkit.data.synth.SynthSplits;
import io.detkit.data.synth.SyntheticDataset;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Loader throughput: images/s for decode + augment + batch (into NDArrays) at 320 and 640 px, with
 * and without mosaic and the RAM cache, on the synthetic dataset, with the loader's default 2
 * worker threads; then, when given, the training throughput of the default YOLO config measured in
 * the same run, and the ratio (goal: the loader sustains at least 3× what training consumes).
 */
public final class DataBench {
    private DataBench() {}

    /**
     * @param out where to print
     * @param dir working folder (the synthetic dataset is generated there once)
     * @param seconds time per configuration
     * @param trainImagesPerSecond the training throughput to compare with (from the same run), or NaN
     * @return the slowest loader throughput at 320 px among the configurations the default config uses
     * @throws Exception on failure
     */
    public static double run(PrintStream out, Path dir, double seconds, DoubleSupplier trainImagesPerSecond) throws Exception {
        Path data = dir.resolve("synth-bench");
        SynthSplits splits;
        if (Files.exists(data.resolve("data.yaml"))) {
            Files.walk(data).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        splits = SyntheticDataset.generate(SynthConfig.builder().optImages(300).optSeed(7).optImageSize(640).build(), data);
        DetectionDataset train = splits.train();
        List<DetectionSample> samples = train.samples();
        long[] ids = samples.stream().mapToLong(DetectionSample::imageId).toArray();
        out.printf(Locale.ROOT, "loader: %d synthetic 640×640 JPEG images, batch 16, 2 worker threads, %.0f s per row%n",
                samples.size(), seconds);
        out.printf(Locale.ROOT, "%6s %8s %7s %10s%n", "imgsz", "mosaic", "cache", "images/s");
        double slowest320 = Double.MAX_VALUE;
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int size : new int[] {320, 640}) {
                for (boolean mosaic : new boolean[] {true, false}) {
                    for (boolean cache : new boolean[] {true, false}) {
                        SampleSource decoded = SampleSource.of(samples, size);
                        if (cache) {
                            decoded = SampleSource.cached(decoded, size, 2L << 30);
                        }
                        AugmentConfig ac = AugmentConfig.builder().setImageSize(size).optMosaicProb(mosaic ? 1 : 0).build();
                        AugmentingSource src = new AugmentingSource(decoded, new Augmenter(ac), 0, ids);
                        double rate;
                        try (BatchLoader loader = BatchLoader.builder(src).setBatchSize(16).optWorkers(2).build()) {
                            if (cache) {
                                drain(loader, manager, 0, Double.MAX_VALUE); // fill the cache (one epoch)
                            }
                            rate = drain(loader, manager, 1, seconds);
                        }
                        if (size == 320 && cache) {
                            slowest320 = Math.min(slowest320, rate);
                        }
                        out.printf(Locale.ROOT, "%6d %8s %7s %10.1f%n", size, mosaic ? "yes" : "no", cache ? "yes" : "no", rate);
                    }
                }
            }
        }
        double trainRate = trainImagesPerSecond == null ? Double.NaN : trainImagesPerSecond.getAsDouble();
        if (Double.isFinite(trainRate)) {
            double ratio = slowest320 / trainRate;
            out.printf(Locale.ROOT, "training (default config, same run): %.1f images/s; loader at 320 with cache (the default): %.1f"
                    + " images/s -> %.1fx (goal ≥ 3x) %s%n", trainRate, slowest320, ratio, ratio >= 3 ? "OK" : "MISSED");
        }
        return slowest320;
    }

    /** Iterates epochs from {@code firstEpoch}, converting each batch to NDArrays, for about {@code seconds}. */
    private static double drain(BatchLoader loader, NDManager manager, int firstEpoch, double seconds) {
        long t0 = System.nanoTime();
        long images = 0;
        for (int epoch = firstEpoch;; epoch++) {
            Iterator<Batch> it = loader.epoch(epoch);
            while (it.hasNext()) {
                Batch b = it.next();
                try (NDManager scope = manager.newSubManager()) {
                    NDList l = b.toNDList(scope);
                    l.get(0).getShape();
                }
                images += b.size();
                double s = (System.nanoTime() - t0) / 1e9;
                if (s >= seconds) {
                    return images / s;
                }
            }
            if (seconds == Double.MAX_VALUE) {
                return images / ((System.nanoTime() - t0) / 1e9);
            }
        }
    }

    /**
     * @param args {@code [DIR] [SECONDS]}
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "bench-out");
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 8;
        run(System.out, dir, seconds, TrainBench::imagesPerSecond);
    }
}
