package io.detkit.data.format;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.metrics.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Writes the Ultralytics layout: {@code DST/images/<rel>} (a link to, or a copy of, each image),
 * {@code DST/labels/<rel>.txt} with one {@code class cx cy w h} line per box (normalised, 6
 * significant digits as Ultralytics writes them), and {@code DST/data.yaml} ({@code path} = DST,
 * {@code train} and {@code val} = {@code images}, {@code names} as an {@code {index: name}} map, and {@code category_ids} when the
 * category ids are not the class indices). {@code <rel>} is the image path relative to the common
 * folder of all images. YOLO has no ignore flag: ignored boxes (crowd, difficult) are not written,
 * as Ultralytics' own COCO converter does, and are counted in the result. An image without boxes
 * gets an empty label file. Every file is written atomically.
 */
final class YoloWriter {
    private static final MathContext SIX_DIGITS = new MathContext(6, RoundingMode.HALF_EVEN);

    private YoloWriter() {}

    static WriteResult write(DetectionDataset ds, Path dst, WriteOptions o) throws IOException {
        ImageMode mode = o.imageMode(Format.YOLO);
        if (mode == ImageMode.REFERENCE) {
            throw new DatasetFormatException(dst + ": YOLO labels must sit next to the images (…/images/ and …/labels/):"
                    + " use image mode link or copy");
        }
        Path yaml = dst.getFileName().toString().matches("(?i).*\\.ya?ml") ? dst : dst.resolve("data.yaml");
        Path root = yaml.toAbsolutePath().normalize().getParent();
        List<Path> images = ds.samples().stream().map(DetectionSample::imagePath).toList();
        Path imagesRoot = ImageFiles.commonRoot(images);
        // one label file per image stem: two images that map to the same labels/<rel>.txt (a.png and
        // a.jpg, or the same file_name twice) would overwrite each other's boxes
        java.util.Map<Path, Path> labelOwner = new java.util.HashMap<>();
        for (DetectionSample s : ds.samples()) {
            Path label = ImageFiles.withSuffix(Path.of("labels").resolve(ImageFiles.relative(imagesRoot, s.imagePath())), ".txt");
            Path prev = labelOwner.putIfAbsent(label, s.imagePath());
            if (prev != null) {
                throw new DatasetFormatException(dst + ": images " + prev + " and " + s.imagePath() + " (image ids "
                        + idOf(ds, prev) + " and " + s.imageId() + ") would share the label file " + label
                        + "; YOLO needs one file name (without extension) per image");
            }
        }
        int boxes = 0, skipped = 0, placed = 0;
        StringBuilder sb = new StringBuilder();
        for (DetectionSample s : ds.samples()) {
            if (s.width() <= 0 || s.height() <= 0) {
                throw new DatasetFormatException(s.imagePath() + ": image size unknown, cannot write normalised YOLO boxes");
            }
            String rel = ImageFiles.relative(imagesRoot, s.imagePath());
            Path imgTarget = root.resolve("images").resolve(rel);
            Path label = ImageFiles.withSuffix(root.resolve("labels").resolve(rel), ".txt");
            sb.setLength(0);
            double[] b = s.boxes();
            for (int i = 0; i < s.size(); i++) {
                if (s.ignore()[i]) {
                    skipped++;
                    continue;
                }
                double x1 = b[4 * i], y1 = b[4 * i + 1], x2 = b[4 * i + 2], y2 = b[4 * i + 3];
                sb.append(s.classIds()[i]).append(' ')
                        .append(fmt((x1 + x2) / 2 / s.width())).append(' ')
                        .append(fmt((y1 + y2) / 2 / s.height())).append(' ')
                        .append(fmt((x2 - x1) / s.width())).append(' ')
                        .append(fmt((y2 - y1) / s.height())).append('\n');
                boxes++;
            }
            AtomicFiles.writeString(label, sb.toString());
            if (ImageFiles.place(s.imagePath(), imgTarget, mode)) {
                placed++;
            }
        }
        AtomicFiles.writeString(yaml, yaml(ds, root));
        return new WriteResult(yaml, ds.samples().size(), boxes, skipped, placed, root.resolve("images"));
    }

    /**
     * Six significant digits without trailing zeros, like Python's {@code %g} that Ultralytics'
     * converters use (but never in exponent notation).
     */
    static String fmt(double v) {
        if (v == 0 || !Double.isFinite(v)) {
            return v == 0 ? "0" : String.valueOf(v);
        }
        return new BigDecimal(v).round(SIX_DIGITS).stripTrailingZeros().toPlainString();
    }

    private static String yaml(DetectionDataset ds, Path root) {
        StringBuilder sb = new StringBuilder();
        sb.append("# written by detkit\n");
        sb.append("path: ").append(quote(root.toString())).append('\n');
        sb.append("train: images\n");
        sb.append("val: images  # one split was written: val is the same images\n");
        sb.append("nc: ").append(ds.numClasses()).append('\n');
        sb.append("names:\n");
        for (int i = 0; i < ds.numClasses(); i++) {
            sb.append("  ").append(i).append(": ").append(quote(ds.classNames().get(i))).append('\n');
        }
        int[] ids = ds.categoryIds();
        boolean identity = true;
        for (int i = 0; i < ids.length; i++) {
            identity &= ids[i] == i;
        }
        if (!identity) {
            sb.append("# original COCO category id of each class (detkit keeps them; Ultralytics ignores this key)\n");
            sb.append("category_ids: [");
            for (int i = 0; i < ids.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(ids[i]);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    /** A double-quoted YAML scalar. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    private static long idOf(DetectionDataset ds, Path image) {
        return ds.samples().stream().filter(x -> x.imagePath().equals(image)).findFirst().map(DetectionSample::imageId).orElse(-1L);
    }
}
