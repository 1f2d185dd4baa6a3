package io.detkit.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.data.augment.AugmentationGrid;
import io.detkit.data.image.ImageDecoder;
import io.detkit.detector.DetectedObject;
import io.detkit.detector.Detector;
import io.detkit.metrics.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.opencv.core.Mat;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code detkit predict}: run a checkpoint on images, draw the boxes, write COCO results. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {"Detect objects in an image or a folder of images with a trained checkpoint.",
            "Writes DIR/<image> with boxes drawn and DIR/predictions.json (COCO results; image_id is the file's",
            "numeric name when every file has a distinct one, else each file's 1-based position; DIR/images.json",
            "maps ids to files)."})
public final class PredictCommand implements Callable<Integer> {
    @Option(names = "--weights", required = true, paramLabel = "CKPT", description = "Checkpoint file or run folder.")
    Path weights;

    @Option(names = "--source", required = true, paramLabel = "FILE|DIR", description = "An image or a folder of images.")
    Path source;

    @Option(names = "--out", defaultValue = "runs/predict", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--conf", defaultValue = "0.25", description = "Confidence threshold (default: ${DEFAULT-VALUE}).")
    double conf;

    @Option(names = "--iou", defaultValue = "0.45", description = "NMS IoU threshold (default: ${DEFAULT-VALUE}).")
    double iou;

    @Option(names = "--max-det", defaultValue = "300", description = "Detections per image (default: ${DEFAULT-VALUE}).")
    int maxDet;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu[:N]",
            description = "Where to run: auto (the first GPU if the engine sees one, else the CPU), cpu, gpu or gpu:N"
                    + " (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--imgsz", paramLabel = "PX", defaultValue = "0",
            description = "Input size, a multiple of 32 (default: the checkpoint's, i.e. its run's val.imgsz, else its training size).")
    int imgsz;

    @Override
    public Integer call() throws Exception {
        List<Path> images;
        if (Files.isDirectory(source)) {
            try (Stream<Path> s = Files.list(source)) {
                images = s.filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).matches(".*\\.(jpe?g|png|bmp|webp|tiff?)"))
                        .sorted().toList();
            }
        } else if (Files.exists(source)) {
            images = List.of(source);
        } else {
            throw new UserException(source + ": no such file or folder");
        }
        if (images.isEmpty()) {
            throw new UserException(source + ": no images (jpg, png, bmp, webp, tif)");
        }
        Path sourceDir = (Files.isDirectory(source) ? source : source.toAbsolutePath().getParent()).toAbsolutePath().normalize();
        if (Files.exists(out) && Files.isSameFile(out, sourceDir) || out.toAbsolutePath().normalize().equals(sourceDir)) {
            throw new UserException("--out " + out + " is the folder of the source images: the drawn images would replace"
                    + " them; choose another folder");
        }
        Files.createDirectories(out);
        ObjectMapper json = new ObjectMapper();
        ArrayNode results = json.createArrayNode();
        ObjectNode ids = json.createObjectNode();
        long t0 = System.nanoTime();
        int total = 0;
        List<String> skipped = new ArrayList<>();
        double detectMs = 0;
        boolean numericIds = numericIdsAreUnique(images);
        try (Detector d = load()) {
            d.setConf(conf);
            d.setIou(iou);
            d.setMaxDet(maxDet);
            for (int i = 0; i < images.size(); i++) {
                Path img = images.get(i);
                long id = numericIds ? imageId(img, -1) : i + 1;
                Mat m;
                try {
                    m = ImageDecoder.read(img);
                } catch (IOException e) {
                    // one unreadable file in a folder of thousands should not cost the others' results
                    System.err.printf(Locale.ROOT, "%d/%d skipped: %s%n", i + 1, images.size(), e.getMessage());
                    skipped.add(img.toString());
                    continue;
                }
                ids.put(String.valueOf(id), img.toString());
                try {
                    long td = System.nanoTime();
                    List<DetectedObject> dets = d.detect(m);
                    double ms = (System.nanoTime() - td) / 1e6;
                    detectMs += ms;
                    total += dets.size();
                    double[] boxes = new double[4 * dets.size()];
                    int[] cls = new int[dets.size()];
                    String[] labels = new String[dets.size()];
                    for (int k = 0; k < dets.size(); k++) {
                        DetectedObject o = dets.get(k);
                        boxes[4 * k] = o.box().x1();
                        boxes[4 * k + 1] = o.box().y1();
                        boxes[4 * k + 2] = o.box().x2();
                        boxes[4 * k + 3] = o.box().y2();
                        cls[k] = o.classId();
                        labels[k] = String.format(Locale.ROOT, "%s %.2f", o.className(), o.score());
                        ObjectNode r = results.addObject();
                        r.put("image_id", id);
                        r.put("category_id", o.classId());
                        ArrayNode bb = r.putArray("bbox");
                        bb.add(round(o.box().x1())).add(round(o.box().y1())).add(round(o.box().width())).add(round(o.box().height()));
                        r.put("score", Math.round(o.score() * 1e5) / 1e5);
                    }
                    AugmentationGrid.drawBoxes(m, boxes, cls, labels, new boolean[cls.length]);
                    Path drawn = out.resolve(img.getFileName());
                    if (!Imgcodecs.imwrite(drawn.toString(), m, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 92))) {
                        throw new UserException("cannot write " + drawn + " (a folder of that name, no space or no permission?)");
                    }
                    System.err.printf(Locale.ROOT, "%d/%d %s %dx%d: %s, %.1f ms%n", i + 1, images.size(), img.getFileName(), m.cols(),
                            m.rows(), countsByClass(dets), ms);
                } finally {
                    m.release();
                }
            }
        }
        if (skipped.size() == images.size()) {
            throw new UserException("none of the " + images.size() + " image(s) under " + source + " could be decoded (first: "
                    + skipped.get(0) + ")");
        }
        AtomicFiles.writeString(out.resolve("predictions.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(results));
        AtomicFiles.writeString(out.resolve("images.json"), json.writerWithDefaultPrettyPrinter().writeValueAsString(ids));
        double s = (System.nanoTime() - t0) / 1e9;
        int done = images.size() - skipped.size();
        System.out.printf(Locale.ROOT, "%d images, %d objects in %.1f s (model load and image files included; detection %.1f"
                + " ms/image); wrote %s%n", done, total, s, detectMs / done, out);
        if (!skipped.isEmpty()) {
            System.out.printf(Locale.ROOT, "%d unreadable image(s) skipped (listed above), e.g. %s%n", skipped.size(), skipped.get(0));
        }
        return 0;
    }

    /**
     * Whether every image's file name is a number ({@code 000123.jpg}) and no two give the same
     * number; then those numbers are the image ids (COCO's own files are named so), else every image
     * gets its 1-based position, so ids never collide.
     */
    static boolean numericIdsAreUnique(List<Path> images) {
        java.util.Set<Long> seen = new java.util.HashSet<>();
        for (Path p : images) {
            long id = imageId(p, -1);
            if (id < 0 || !seen.add(id)) {
                return false;
            }
        }
        return true;
    }

    private static long imageId(Path p, long fallback) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String stem = dot > 0 ? n.substring(0, dot) : n;
        try {
            return Long.parseLong(stem);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private Detector load() throws java.io.IOException {
        if (imgsz != 0 && (imgsz < 32 || imgsz % 32 != 0 || imgsz > Detector.MAX_IMGSZ)) {
            throw new UserException("--imgsz must be a multiple of 32 (the largest stride) from 32 to " + Detector.MAX_IMGSZ
                    + ", got " + imgsz);
        }
        if (!(conf >= 0 && conf <= 1) || !(iou >= 0 && iou <= 1)) {
            throw new UserException("--conf and --iou must be in [0, 1], got " + conf + " and " + iou);
        }
        if (maxDet < 1) {
            throw new UserException("--max-det must be at least 1, got " + maxDet);
        }
        return Detector.load(weights, io.detkit.detector.train.Devices.parse(device, "--device"), imgsz);
    }

    /**
     * The detections of one image counted per class, in class order: {@code "circle 2, star 1"}, or
     * {@code "no objects"}.
     */
    static String countsByClass(List<DetectedObject> dets) {
        if (dets.isEmpty()) {
            return "no objects";
        }
        java.util.TreeMap<Integer, String> names = new java.util.TreeMap<>();
        java.util.Map<Integer, Integer> counts = new java.util.HashMap<>();
        for (DetectedObject o : dets) {
            names.putIfAbsent(o.classId(), o.className());
            counts.merge(o.classId(), 1, Integer::sum);
        }
        StringBuilder b = new StringBuilder();
        names.forEach((c, name) -> b.append(b.length() == 0 ? "" : ", ").append(name).append(' ').append(counts.get(c)));
        return b.toString();
    }
}
