package io.detkit.data.format;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.metrics.report.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes COCO ground truth: {@code info} (with {@code images_root}, the folder the
 * {@code file_name}s are relative to), {@code images} (id, file name, size), {@code categories}
 * (the dataset's category ids and names) and {@code annotations} (ids from 1, {@code bbox} xywh,
 * {@code area}, {@code iscrowd} = the ignore flag, an empty {@code segmentation}). The target is the
 * JSON file when it ends in {@code .json}, else {@code DST/annotations.json}. With image mode link
 * or copy the images are placed under {@code images/} next to the JSON. Written atomically.
 */
final class CocoWriter {
    private static final JsonFactory FACTORY = new JsonFactory();

    private CocoWriter() {}

    static WriteResult write(DetectionDataset ds, Path dst, WriteOptions o) throws IOException {
        Path json = dst.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json") ? dst
                : dst.resolve("annotations.json");
        Path dir = json.toAbsolutePath().normalize().getParent();
        ImageMode mode = o.imageMode(Format.COCO);
        List<Path> paths = ds.samples().stream().map(DetectionSample::imagePath).toList();
        Path common = ImageFiles.commonRoot(paths);
        Path root = mode == ImageMode.REFERENCE ? common : dir.resolve("images");
        int placed = 0;
        int boxes;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("info");
            g.writeStringField("description", "written by detkit");
            g.writeStringField("images_root", root.toString());
            g.writeEndObject();
            g.writeArrayFieldStart("images");
            for (DetectionSample s : ds.samples()) {
                String rel = ImageFiles.relative(common, s.imagePath());
                if (mode != ImageMode.REFERENCE && ImageFiles.place(s.imagePath(), root.resolve(rel), mode)) {
                    placed++;
                }
                g.writeStartObject();
                g.writeNumberField("id", s.imageId());
                g.writeStringField("file_name", rel);
                g.writeNumberField("width", s.width());
                g.writeNumberField("height", s.height());
                g.writeEndObject();
            }
            g.writeEndArray();
            CocoGroundTruthJson.writeCategories(g, ds, "");
            boxes = CocoGroundTruthJson.writeAnnotations(g, ds, true);
            g.writeEndObject();
        }
        AtomicFiles.write(json, bytes.toByteArray());
        return new WriteResult(json, ds.samples().size(), boxes, 0, placed, root);
    }
}
