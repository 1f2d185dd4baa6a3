package io.detkit.data.format;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.metrics.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Writes the Pascal VOC layout: {@code DST/Annotations/<stem>.xml} per image (filename, absolute
 * path, size, and per object name, pose, truncated, difficult = the ignore flag, and the bndbox
 * rounded to whole pixels as VOC tools expect) and {@code DST/classes.txt} (the class names in index
 * order, so the class indices survive a VOC round trip). With image mode link or copy the images
 * are placed in {@code DST/JPEGImages/}. Image file stems must be unique. Written atomically.
 */
final class VocWriter {
    private VocWriter() {}

    static WriteResult write(DetectionDataset ds, Path dst, WriteOptions o) throws IOException {
        ImageMode mode = o.imageMode(Format.VOC);
        Map<String, Path> stems = new HashMap<>();
        for (DetectionSample s : ds.samples()) {
            Path prev = stems.putIfAbsent(ImageFiles.stem(s.imagePath()), s.imagePath());
            if (prev != null) {
                throw new DatasetFormatException(dst + ": two images named " + ImageFiles.stem(s.imagePath()) + " (" + prev
                        + ", " + s.imagePath() + "): VOC needs one XML file per image name");
            }
        }
        Path ann = dst.resolve("Annotations");
        Path jpeg = dst.resolve("JPEGImages");
        int boxes = 0, placed = 0;
        for (DetectionSample s : ds.samples()) {
            String file = s.imagePath().getFileName().toString();
            if (ImageFiles.place(s.imagePath(), jpeg.resolve(file), mode)) {
                placed++;
            }
            Path folder = mode == ImageMode.REFERENCE ? s.imagePath().toAbsolutePath().normalize().getParent() : jpeg;
            StringBuilder sb = new StringBuilder();
            sb.append("<annotation>\n");
            sb.append("\t<folder>").append(esc(folder.getFileName() == null ? "" : folder.getFileName().toString()))
                    .append("</folder>\n");
            sb.append("\t<filename>").append(esc(file)).append("</filename>\n");
            sb.append("\t<path>").append(esc(folder.toAbsolutePath().resolve(file).toString())).append("</path>\n");
            sb.append("\t<source>\n\t\t<database>detkit</database>\n\t</source>\n");
            sb.append("\t<size>\n\t\t<width>").append(s.width()).append("</width>\n\t\t<height>").append(s.height())
                    .append("</height>\n\t</size>\n");
            sb.append("\t<segmented>0</segmented>\n");
            double[] b = s.boxes();
            for (int i = 0; i < s.size(); i++) {
                sb.append("\t<object>\n");
                sb.append("\t\t<name>").append(esc(ds.classNames().get(s.classIds()[i]))).append("</name>\n");
                sb.append("\t\t<pose>Unspecified</pose>\n\t\t<truncated>0</truncated>\n");
                sb.append("\t\t<difficult>").append(s.ignore()[i] ? 1 : 0).append("</difficult>\n");
                sb.append("\t\t<bndbox>\n");
                sb.append("\t\t\t<xmin>").append(Math.round(b[4 * i])).append("</xmin>\n");
                sb.append("\t\t\t<ymin>").append(Math.round(b[4 * i + 1])).append("</ymin>\n");
                sb.append("\t\t\t<xmax>").append(Math.round(b[4 * i + 2])).append("</xmax>\n");
                sb.append("\t\t\t<ymax>").append(Math.round(b[4 * i + 3])).append("</ymax>\n");
                sb.append("\t\t</bndbox>\n\t</object>\n");
                boxes++;
            }
            sb.append("</annotation>\n");
            AtomicFiles.writeString(ann.resolve(ImageFiles.stem(s.imagePath()) + ".xml"), sb.toString());
        }
        StringBuilder names = new StringBuilder();
        for (String n : ds.classNames()) {
            names.append(n).append('\n');
        }
        AtomicFiles.writeString(dst.resolve("classes.txt"), names.toString());
        return new WriteResult(dst, ds.samples().size(), boxes, 0, placed,
                mode == ImageMode.REFERENCE ? ImageFiles.commonRoot(ds.samples().stream().map(DetectionSample::imagePath)
                        .toList()) : jpeg.toAbsolutePath().normalize());
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
