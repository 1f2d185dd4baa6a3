package io.detkit.bench;

import io.detkit.data.DetectionSample;
import io.detkit.data.augment.AugmentConfig;
import io.detkit.data.augment.AugmentedSample;
import io.detkit.data.augment.Augmenter;
import io.detkit.data.augment.SampleSource;
import io.detkit.data.image.ImageDecoder;
import io.detkit.data.image.OpenCvNatives;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Throughput of the training input pipeline (decode + augment) in images per second, at 320 and
 * 640 pixels, with and without mosaic, decoding JPEGs or from the RAM cache
 * ({@link SampleSource#cached}, a second epoch), on 1 thread and on as many threads as cores; with
 * the process CPU time per image and its resident memory after each row, which must stay flat. The images are synthetic
 * 640×480 JPEGs written to a temporary folder (textured so they decode about as slowly as COCO
 * photos), or the JPEG/PNG files of a folder given with {@code --from}.
 */
public final class AugBench {
    private AugBench() {}

    /**
     * Runs the benchmark.
     *
     * @param out where to print
     * @param samples the images (with known sizes) to decode and augment
     * @param seconds timed seconds per row
     * @param maxThreads thread count of the parallel rows
     * @throws Exception on I/O or thread errors
     */
    public static void run(PrintStream out, List<DetectionSample> samples, double seconds, int maxThreads) throws Exception {
        out.printf(Locale.ROOT, "%-44s %7s %9s %9s %12s %7s%n", "pipeline", "threads", "images/s", "wall ms", "CPU ms/image",
                "RSS MB");
        for (int factor : new int[] {1, 2}) {
            row(out, "decode only" + (factor == 1 ? " (full size)" : " (1/2, DCT-reduced)"), samples, seconds, 1,
                    i -> {
                        Mat m = ImageDecoder.read(samples.get(i).imagePath(), factor);
                        m.release();
                        return 0;
                    });
        }
        for (int size : new int[] {320, 640}) {
            SampleSource files = SampleSource.of(samples, size);
            SampleSource cached = SampleSource.cached(files, size, Long.MAX_VALUE);
            for (int i = 0; i < samples.size(); i++) {
                cached.load(i).close(); // fill the cache: the rows below are a second epoch
            }
            for (boolean mosaic : new boolean[] {false, true}) {
                AugmentConfig cfg = AugmentConfig.builder().setImageSize(size).optMosaicProb(mosaic ? 1 : 0).build();
                Augmenter aug = new Augmenter(cfg);
                for (boolean fromCache : new boolean[] {false, true}) {
                    SampleSource source = fromCache ? cached : files;
                    String name = String.format(Locale.ROOT, "%d px, %s, %s", size, mosaic ? "mosaic" : "letterbox",
                            fromCache ? "RAM cache" : "decode JPEG");
                    for (int threads : maxThreads > 1 ? new int[] {1, maxThreads} : new int[] {1}) {
                        row(out, name, samples, seconds, threads, i -> {
                            try (AugmentedSample s = aug.apply(1, 0, i, source)) {
                                return s.size();
                            }
                        });
                    }
                }
            }
        }
    }

    /** One unit of work on sample {@code i}. */
    @FunctionalInterface
    interface Work {
        int run(int i) throws IOException;
    }

    private static void row(PrintStream out, String name, List<DetectionSample> samples, double seconds, int threads,
            Work work) throws Exception {
        int n = samples.size();
        for (int i = 0; i < Math.min(n, 32); i++) {
            work.run(i); // warm-up: JIT, page cache
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger next = new AtomicInteger();
        long end = System.nanoTime() + (long) (seconds * 1e9);
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                futures.add(pool.submit(() -> {
                    int done = 0;
                    while (System.nanoTime() < end) {
                        work.run(Math.floorMod(next.getAndIncrement(), n));
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> f : futures) {
                total += f.get();
            }
            double s = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (processCpuNanos() - cpu0) / 1e6 / total;
            out.printf(Locale.ROOT, "%-44s %7d %9.0f %9.2f %12.2f %7.0f%n", name, threads, total / s,
                    1000 * s * threads / total, cpuMs, rssMb());
        } finally {
            pool.shutdown();
        }
    }

    /** @return CPU time of the whole process (all threads, OpenCV's included), or 0 if unknown */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    /** @return resident set size of this process in MB (Linux), or NaN */
    static double rssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    /**
     * Writes {@code count} textured 640×480 JPEGs (quality 90) with 2–8 solid boxes each.
     *
     * @param dir the folder
     * @param count number of images
     * @param seed seed
     * @return the samples, with their sizes and boxes
     * @throws IOException if a file cannot be written
     */
    public static List<DetectionSample> generate(Path dir, int count, long seed) throws IOException {
        OpenCvNatives.load();
        Files.createDirectories(dir);
        SplittableRandom rng = new SplittableRandom(seed);
        List<DetectionSample> out = new ArrayList<>();
        int w = 640, h = 480;
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 90);
        for (int i = 0; i < count; i++) {
            Mat img = new Mat(h, w, CvType.CV_8UC3);
            Core.randu(img, 0, 256);
            Imgproc.GaussianBlur(img, img, new Size(5, 5), 1.2);
            int k = 2 + rng.nextInt(7);
            double[] boxes = new double[4 * k];
            int[] cls = new int[k];
            for (int j = 0; j < k; j++) {
                int bw = 20 + rng.nextInt(200), bh = 20 + rng.nextInt(200);
                int x = rng.nextInt(w - bw), y = rng.nextInt(h - bh);
                Imgproc.rectangle(img, new Point(x, y), new Point(x + bw - 1, y + bh - 1),
                        new Scalar(rng.nextInt(256), rng.nextInt(256), rng.nextInt(256)), Imgproc.FILLED);
                boxes[4 * j] = x;
                boxes[4 * j + 1] = y;
                boxes[4 * j + 2] = x + bw;
                boxes[4 * j + 3] = y + bh;
                cls[j] = rng.nextInt(80);
            }
            Path p = dir.resolve(String.format(Locale.ROOT, "img%04d.jpg", i));
            boolean ok = Imgcodecs.imwrite(p.toString(), img, params);
            img.release();
            if (!ok) {
                throw new IOException("cannot write " + p);
            }
            out.add(DetectionSample.of(i + 1, p, w, h, boxes, cls));
        }
        params.release();
        return out;
    }

    /** Samples without boxes for the images of a folder, their sizes read by decoding each once. */
    private static List<DetectionSample> fromFolder(Path dir, int limit) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile)
                    .filter(p -> p.toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png)$")).sorted().limit(limit)
                    .toList();
        }
        List<DetectionSample> out = new ArrayList<>();
        for (Path p : files) {
            Mat m = ImageDecoder.read(p);
            out.add(DetectionSample.of(out.size() + 1, p, m.cols(), m.rows(), new double[] {10, 10, 100, 100}, new int[] {0}));
            m.release();
        }
        if (out.isEmpty()) {
            throw new IOException("no JPEG/PNG images under " + dir);
        }
        return out;
    }

    /**
     * Command-line entry: {@code [--images N] [--seconds S] [--threads T] [--cv-threads T] [--from DIR]}
     * ({@code --cv-threads}: OpenCV's own thread count, {@code Core.setNumThreads}; default
     * OpenCV's).
     *
     * @param args arguments
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int images = 64, threads = Runtime.getRuntime().availableProcessors();
        double seconds = 3;
        Path from = null;
        int cvThreads = -1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--images" -> images = Integer.parseInt(args[++i]);
                case "--seconds" -> seconds = Double.parseDouble(args[++i]);
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--from" -> from = Path.of(args[++i]);
                case "--cv-threads" -> cvThreads = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown argument " + args[i]
                        + " (usage: AugBench [--images N] [--seconds S] [--threads T] [--cv-threads T] [--from DIR])");
            }
        }
        OpenCvNatives.load();
        if (cvThreads >= 0) {
            Core.setNumThreads(cvThreads);
        }
        Path tmp = null;
        List<DetectionSample> samples;
        try {
            if (from != null) {
                samples = fromFolder(from, images);
            } else {
                tmp = Files.createTempDirectory("detkit-augbench");
                samples = generate(tmp, images, 1);
            }
            long bytes = 0;
            for (DetectionSample s : samples) {
                bytes += Files.size(s.imagePath());
            }
            System.out.printf(Locale.ROOT, "AugBench: %d images from %s (average %.0f KB, first %d×%d), %d cores, OpenCV threads %d,"
                    + " %.1f s per row%n", samples.size(), from != null ? from : tmp + " (synthetic)",
                    bytes / 1024.0 / samples.size(), samples.get(0).width(), samples.get(0).height(),
                    Runtime.getRuntime().availableProcessors(), Core.getNumThreads(), seconds);
            System.out.println("images/s is wall-clock throughput; CPU ms/image is process CPU time per image (all threads),"
                    + " which other load on the machine inflates less");
            run(System.out, samples, seconds, threads);
        } finally {
            if (tmp != null) {
                try (Stream<Path> s = Files.walk(tmp)) {
                    s.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                        try {
                            Files.delete(p);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
                }
            }
        }
    }
}
