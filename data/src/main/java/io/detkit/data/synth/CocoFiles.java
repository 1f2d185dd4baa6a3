package io.detkit.data.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.format.CocoGroundTruthJson;
import io.detkit.metrics.report.AtomicFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one COCO ground-truth file per split, {@code annotations/instances_<split>.json}: images
 * ({@code file_name} relative to {@code images/<split>/}), categories with the dataset's category
 * ids (1..C for the synthetic set), and annotations with {@code bbox} = [x, y, w, h] in pixels,
 * {@code area} = w·h and {@code iscrowd} 0; annotation ids count from 1 per file. Compact JSON,
 * one line, as COCO ships its own files; written atomically. Unlike the general COCO writer
 * ({@code Datasets.write}) it records no absolute image folder, so the same seed gives the same bytes
 * wherever the dataset is generated.
 */
final class CocoFiles {
    private static final JsonFactory FACTORY = new JsonFactory();

    private CocoFiles() {}

    /**
     * @param root dataset folder
     * @param split split name
     * @param dataset the split
     * @param description the {@code info.description} text
     * @throws IOException if the file cannot be written
     */
    static void write(Path root, String split, DetectionDataset dataset, String description) throws IOException {
        Path file = Files.createDirectories(root.resolve("annotations")).resolve("instances_" + split + ".json");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        try (JsonGenerator g = FACTORY.createGenerator(bytes, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeObjectFieldStart("info");
            g.writeStringField("description", description);
            g.writeEndObject();
            g.writeArrayFieldStart("images");
            for (DetectionSample s : dataset.samples()) {
                g.writeStartObject();
                g.writeNumberField("id", s.imageId());
                g.writeStringField("file_name", s.imagePath().getFileName().toString());
                g.writeNumberField("width", s.width());
                g.writeNumberField("height", s.height());
                g.writeEndObject();
            }
            g.writeEndArray();
            CocoGroundTruthJson.writeCategories(g, dataset, "shape");
            CocoGroundTruthJson.writeAnnotations(g, dataset, false);
            g.writeEndObject();
            g.writeRaw('\n');
        }
        AtomicFiles.write(file, bytes.toByteArray());
    }
}
