package io.detkit.data.synth;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one COCO ground-truth file per split, {@code annotations/instances_<split>.json}: images
 * ({@code file_name} relative to {@code images/<split>/}), categories with the dataset's category
 * ids (1..C for the synthetic set), and annotations with {@code bbox} = [x, y, w, h] in pixels,
 * {@code area} = w·h and {@code iscrowd} 0; annotation ids count from 1 per file. Compact JSON,
 * one line, as COCO ships its own files. Small on purpose:
 * the general COCO writer of {@code io.detkit.data} can replace it.
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
        try (JsonGenerator g = FACTORY.createGenerator(file.toFile(), JsonEncoding.UTF8)) {
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
            g.writeArrayFieldStart("categories");
            for (int c = 0; c < dataset.numClasses(); c++) {
                g.writeStartObject();
                g.writeNumberField("id", dataset.categoryIds()[c]);
                g.writeStringField("name", dataset.classNames().get(c));
                g.writeStringField("supercategory", "shape");
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("annotations");
            long id = 1;
            for (DetectionSample s : dataset.samples()) {
                double[] b = s.boxes();
                for (int i = 0; i < s.size(); i++) {
                    g.writeStartObject();
                    g.writeNumberField("id", id++);
                    g.writeNumberField("image_id", s.imageId());
                    g.writeNumberField("category_id", dataset.categoryIds()[s.classIds()[i]]);
                    g.writeArrayFieldStart("bbox");
                    g.writeNumber(b[4 * i]);
                    g.writeNumber(b[4 * i + 1]);
                    g.writeNumber(b[4 * i + 2] - b[4 * i]);
                    g.writeNumber(b[4 * i + 3] - b[4 * i + 1]);
                    g.writeEndArray();
                    g.writeNumberField("area", s.areas()[i]);
                    g.writeNumberField("iscrowd", s.ignore()[i] ? 1 : 0);
                    g.writeEndObject();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }
}
