package io.detkit.bench;

import ai.djl.Device;
import io.detkit.data.image.ImageDecoder;
import io.detkit.data.image.OpenCvNatives;
import io.detkit.detector.Detector;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.opencv.core.Mat;

/**
 * Inference latency of a checkpoint: {@code Detector.detect(Mat)} end to end (letterbox, forward,
 * decode, NMS, mapping back to original pixels) per image at batch 1, and per image at batch 8,
 * at each requested input size, on real images. The first {@code warmup} images are not timed.
 */
public final class InferBench {
    private InferBench() {}

    /** Timing of one input size. */
    record Result(int imgsz, double medianMs, double p90Ms, double meanMs, double batchMsPerImage, double detsPerImage) {}

    static Result measure(Path weights, int imgsz, List<Mat> images, int warmup) throws IOException {
        try (Detector d = Detector.load(weights, Device.cpu(), imgsz)) {
            for (int i = 0; i < warmup; i++) {
                d.detect(images.get(i % images.size()));
            }
            double[] ms = new double[images.size()];
            long dets = 0;
            for (int i = 0; i < images.size(); i++) {
                long t0 = System.nanoTime();
                dets += d.detect(images.get(i)).size();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double mean = Arrays.stream(ms).average().orElse(Double.NaN);
            Arrays.sort(ms);
            int batch = 8;
            d.detectBatch(images.subList(0, Math.min(batch, images.size()))); // warm the batch shape
            long t0 = System.nanoTime();
            int done = 0;
            for (int i = 0; i + batch <= images.size(); i += batch) {
                d.detectBatch(images.subList(i, i + batch));
                done += batch;
            }
            double batchMs = done == 0 ? Double.NaN : (System.nanoTime() - t0) / 1e6 / done;
            return new Result(imgsz, ms[ms.length / 2], ms[(int) Math.min(ms.length - 1, Math.ceil(0.9 * ms.length) - 1)], mean,
                    batchMs, dets / (double) images.size());
        }
    }

    /**
     * @param args {@code WEIGHTS IMAGE_DIR [N_IMAGES [SIZES]]}, sizes comma-separated (default 320,640)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: InferBench WEIGHTS IMAGE_DIR [N_IMAGES [SIZE,SIZE...]]");
            System.exit(2);
        }
        Path weights = Path.of(args[0]);
        Path dir = Path.of(args[1]);
        int n = args.length > 2 ? Integer.parseInt(args[2]) : 48;
        int[] sizes = Arrays.stream((args.length > 3 ? args[3] : "320,640").split(",")).mapToInt(Integer::parseInt).toArray();
        OpenCvNatives.load();
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().matches("(?i).*\\.(jpe?g|png|bmp)$")).sorted().limit(n).toList();
        }
        if (files.isEmpty()) {
            throw new IOException("no images in " + dir);
        }
        List<Mat> images = new ArrayList<>();
        for (Path f : files) {
            images.add(ImageDecoder.decode(Files.readAllBytes(f), f.toString()));
        }
        System.out.printf(Locale.ROOT, "inference latency, %s, %d images from %s (%dx%d), 1 JVM, %d cores%n", weights, images.size(),
                dir, images.get(0).cols(), images.get(0).rows(), Runtime.getRuntime().availableProcessors());
        System.out.println("imgsz  batch-1 median ms  p90 ms  mean ms  batch-8 ms/image  detections/image");
        for (int s : sizes) {
            Result r = measure(weights, s, images, 8);
            System.out.printf(Locale.ROOT, "%5d  %17.1f  %6.1f  %7.1f  %16.1f  %16.2f%n", r.imgsz(), r.medianMs(), r.p90Ms(), r.meanMs(),
                    r.batchMsPerImage(), r.detsPerImage());
        }
    }
}
