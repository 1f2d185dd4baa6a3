package io.detkit.data.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;

/**
 * The synthetic shapes detection dataset, detkit's embedded default: coloured circles, squares,
 * triangles, stars, crosses and rings ({@link ShapeClass}) of COCO small, medium and large sizes,
 * rotated, overlapping, on textured backgrounds with Gaussian noise.
 *
 * <p>Layout written under the output folder:
 * <pre>
 * images/{train,val}/000001.jpg          images, numbered by image id over both splits
 * labels/{train,val}/000001.txt          YOLO "cls cx cy w h" (normalised, 6 decimals)   [YOLO]
 * data.yaml                              Ultralytics data file (path, train, val, names)   [YOLO]
 * annotations/instances_{train,val}.json COCO ground truth, category id = class index + 1  [COCO]
 * synth.json                             the settings that made the folder
 * </pre>
 * Image ids run from 1 over both splits: the first {@link SynthConfig#trainImages()} are the
 * training split, the rest the validation split, so no image is in both. Image {@code k} is
 * rendered from its own seed, derived from the dataset seed and {@code k}: the same seed gives
 * byte-identical files (on the same JDK and OpenCV build) whatever the number of threads.
 *
 * <p>Boxes are exact: the tight box of the shape pixels still visible after all shapes are drawn,
 * in pixel-edge coordinates (a shape covering columns 10..19 has {@code x1 = 10, x2 = 20}); see
 * {@link ImageRenderer} for the occlusion rule (every shape keeps at least
 * {@link SynthConfig#minVisibleFraction()} of its pixels visible, so every drawn shape is labelled).
 * Areas are box areas.
 */
public final class SyntheticDataset {
    /** The class names in class-index order. */
    public static final List<String> CLASS_NAMES = ShapeClass.names();
    private static final JsonFactory JSON = new JsonFactory();

    private SyntheticDataset() {}

    /**
     * Renders the dataset into {@code outDir} with no progress output.
     *
     * @param config the settings
     * @param outDir the output folder: new, empty, or made by an earlier run (whose files are replaced)
     * @return the two splits
     * @throws IOException if a file cannot be written
     * @throws IllegalArgumentException if {@code outDir} is a file or a foreign non-empty folder
     */
    public static SynthSplits generate(SynthConfig config, Path outDir) throws IOException {
        return generate(config, outDir, SynthProgress.none());
    }

    /**
     * Renders the dataset into {@code outDir}, on {@link SynthConfig#threads()} threads.
     *
     * @param config the settings
     * @param outDir the output folder: new, empty, or made by an earlier run (whose files are replaced)
     * @param progress told after each image, in order, on the calling thread
     * @return the two splits
     * @throws IOException if a file cannot be written
     * @throws IllegalArgumentException if {@code outDir} is a file or a foreign non-empty folder
     */
    public static SynthSplits generate(SynthConfig config, Path outDir, SynthProgress progress) throws IOException {
        Natives.load();
        Path root = outDir.toAbsolutePath().normalize();
        OutputFolder.prepare(root);
        writeMarker(root, config);
        Files.createDirectories(root.resolve("images/train"));
        Files.createDirectories(root.resolve("images/val"));
        List<DetectionSample> samples = renderAll(config, root, progress);
        int nTrain = config.trainImages();
        SynthSplits splits = new SynthSplits(root, dataset(samples.subList(0, nTrain)),
                dataset(samples.subList(nTrain, samples.size())));
        if (config.writeYolo()) {
            YoloFiles.writeLabels(root, "train", splits.train());
            YoloFiles.writeLabels(root, "val", splits.val());
            YoloFiles.writeDataYaml(root, CLASS_NAMES);
        }
        if (config.writeCoco()) {
            String what = "detkit synthetic shapes, seed " + config.seed() + ", " + config.imageSize() + "x" + config.imageSize();
            CocoFiles.write(root, "train", splits.train(), what + ", train split");
            CocoFiles.write(root, "val", splits.val(), what + ", val split");
        }
        return splits;
    }

    /**
     * The seed of image {@code index} (0-based over both splits): a SplitMix64 mix of the two.
     *
     * @param seed dataset seed
     * @param index image index
     * @return the image's seed
     */
    static long imageSeed(long seed, int index) {
        long z = seed * 0x9E3779B97F4A7C15L + (index + 1L) * 0xD1B54A32D192ED03L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * Renders image {@code index} exactly as {@link #generate} does, without writing it (for checks).
     *
     * @param config the settings
     * @param index image index (0-based over both splits)
     * @param keepClean whether to keep a copy before noise
     * @return the image (close it)
     */
    static RenderedImage render(SynthConfig config, int index, boolean keepClean) {
        Natives.load();
        return new ImageRenderer(config).render(imageSeed(config.seed(), index), keepClean);
    }

    private static List<DetectionSample> renderAll(SynthConfig config, Path root, SynthProgress progress) throws IOException {
        ImageRenderer renderer = new ImageRenderer(config);
        int total = config.images();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(config.threads(), r -> {
            Thread t = new Thread(r, "detkit-synth-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<DetectionSample>> futures = new ArrayList<>(total);
            for (int k = 0; k < total; k++) {
                int index = k;
                futures.add(pool.submit(() -> renderOne(config, renderer, root, index)));
            }
            List<DetectionSample> samples = new ArrayList<>(total);
            for (int k = 0; k < total; k++) {
                samples.add(futures.get(k).get());
                progress.update(k + 1, total);
            }
            return samples;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while rendering the synthetic dataset", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException u) {
                throw u.getCause();
            }
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            throw new IOException("rendering failed: " + cause, cause);
        } finally {
            pool.shutdownNow();
        }
    }

    private static DetectionSample renderOne(SynthConfig config, ImageRenderer renderer, Path root, int index) {
        long imageId = index + 1L;
        String split = index < config.trainImages() ? "train" : "val";
        Path file = root.resolve("images").resolve(split)
                .resolve(String.format(Locale.ROOT, "%06d%s", imageId, config.imageFormat().extension()));
        try (RenderedImage img = renderer.render(imageSeed(config.seed(), index), false)) {
            Files.write(file, encode(img.image(), config.imageFormat()));
            List<RenderedObject> objects = img.objects();
            double[] boxes = new double[4 * objects.size()];
            int[] classIds = new int[objects.size()];
            for (int i = 0; i < objects.size(); i++) {
                RenderedObject o = objects.get(i);
                boxes[4 * i] = o.x1();
                boxes[4 * i + 1] = o.y1();
                boxes[4 * i + 2] = o.x2();
                boxes[4 * i + 3] = o.y2();
                classIds[i] = o.shape().ordinal();
            }
            return DetectionSample.of(imageId, file, img.width(), img.height(), boxes, classIds);
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write image: " + e.getMessage(), e);
        }
    }

    /**
     * @param image a BGR image
     * @param format the format
     * @return the encoded file bytes
     */
    static byte[] encode(Mat image, ImageFormat format) {
        MatOfByte buf = new MatOfByte();
        MatOfInt params = format == ImageFormat.JPEG ? new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 95) : new MatOfInt();
        try {
            if (!Imgcodecs.imencode(format.extension(), image, buf, params)) {
                throw new IllegalStateException("OpenCV could not encode a " + format + " image");
            }
            return buf.toArray();
        } finally {
            buf.release();
            params.release();
        }
    }

    private static DetectionDataset dataset(List<DetectionSample> samples) {
        int[] categoryIds = new int[CLASS_NAMES.size()];
        for (int c = 0; c < categoryIds.length; c++) {
            categoryIds[c] = c + 1;
        }
        return new DetectionDataset(CLASS_NAMES, categoryIds, samples);
    }

    private static void writeMarker(Path root, SynthConfig c) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(root.resolve(OutputFolder.MARKER).toFile(), JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeStringField("generator", "detkit synthetic shapes");
            g.writeNumberField("seed", c.seed());
            g.writeNumberField("images", c.images());
            g.writeNumberField("train_images", c.trainImages());
            g.writeNumberField("val_images", c.valImages());
            g.writeNumberField("image_size", c.imageSize());
            g.writeNumberField("min_objects", c.minObjects());
            g.writeNumberField("max_objects", c.maxObjects());
            g.writeNumberField("min_visible_fraction", c.minVisibleFraction());
            g.writeNumberField("max_noise_sigma", c.maxNoiseSigma());
            g.writeBooleanField("textured_background", c.texturedBackground());
            g.writeStringField("image_format", c.imageFormat().name().toLowerCase(Locale.ROOT));
            g.writeArrayFieldStart("names");
            for (String n : CLASS_NAMES) {
                g.writeString(n);
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }
}
