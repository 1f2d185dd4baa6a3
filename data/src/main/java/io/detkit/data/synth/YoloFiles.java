package io.detkit.data.synth;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the Ultralytics YOLO layout: one {@code labels/<split>/<stem>.txt} per image with one
 * {@code "cls cx cy w h"} line per box (normalised by the image size, 6 decimals), and
 * {@code data.yaml} with {@code path} (the absolute dataset folder), {@code train}, {@code val} and
 * {@code names}. Small on purpose: the general YOLO writer of {@code io.detkit.data} can replace it.
 */
final class YoloFiles {
    private YoloFiles() {}

    /**
     * @param root dataset folder
     * @param split split name ({@code train} or {@code val})
     * @param dataset the split
     * @throws IOException if a file cannot be written
     */
    static void writeLabels(Path root, String split, DetectionDataset dataset) throws IOException {
        Path dir = Files.createDirectories(root.resolve("labels").resolve(split));
        for (DetectionSample s : dataset.samples()) {
            Files.writeString(dir.resolve(stem(s.imagePath()) + ".txt"), labelText(s), StandardCharsets.UTF_8);
        }
    }

    /**
     * @param s a sample with its image size set
     * @return the label file text: one line per box, each ending in a newline
     */
    static String labelText(DetectionSample s) {
        StringBuilder sb = new StringBuilder(s.size() * 40);
        double w = s.width(), h = s.height();
        double[] b = s.boxes();
        for (int i = 0; i < s.size(); i++) {
            double x1 = b[4 * i], y1 = b[4 * i + 1], x2 = b[4 * i + 2], y2 = b[4 * i + 3];
            sb.append(String.format(Locale.ROOT, "%d %.6f %.6f %.6f %.6f%n", s.classIds()[i], (x1 + x2) / 2 / w,
                    (y1 + y2) / 2 / h, (x2 - x1) / w, (y2 - y1) / h));
        }
        return sb.toString().replace(System.lineSeparator(), "\n");
    }

    /**
     * @param root dataset folder (written as {@code path})
     * @param names class names in index order
     * @throws IOException if the file cannot be written
     */
    static void writeDataYaml(Path root, List<String> names) throws IOException {
        StringBuilder sb = new StringBuilder();
        sb.append("# detkit synthetic shapes (Ultralytics YOLO layout)\n");
        sb.append("path: ").append(quote(root.toAbsolutePath().toString())).append('\n');
        sb.append("train: images/train\n");
        sb.append("val: images/val\n");
        sb.append("nc: ").append(names.size()).append('\n');
        sb.append("names:\n");
        for (int i = 0; i < names.size(); i++) {
            sb.append("  ").append(i).append(": ").append(names.get(i)).append('\n');
        }
        Files.writeString(root.resolve("data.yaml"), sb.toString(), StandardCharsets.UTF_8);
    }

    /** A YAML single-quoted scalar. */
    private static String quote(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    /**
     * @param file a file
     * @return its name without the last extension
     */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }
}
