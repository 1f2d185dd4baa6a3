package io.detkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    @TempDir
    Path dir;

    private static final String GT = """
            {"images": [{"id": 1}, {"id": 2}],
             "categories": [{"id": 1, "name": "cat"}, {"id": 2, "name": "dog"}],
             "annotations": [{"id": 1, "image_id": 1, "category_id": 1, "bbox": [0, 0, 40, 40], "area": 1600, "iscrowd": 0},
                             {"id": 2, "image_id": 2, "category_id": 2, "bbox": [10, 10, 100, 100], "area": 10000, "iscrowd": 0}]}
            """;

    record Run(int code, String out, String err) {}

    private Run run(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Detkit.execute(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void writesMetricsJsonWithStableKeys() throws Exception {
        Path gt = Files.writeString(dir.resolve("gt.json"), GT);
        // cat found exactly; dog missed (detection far away)
        Path dt = Files.writeString(dir.resolve("dt.json"), """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 40, 40], "score": 0.9},
                 {"image_id": 2, "category_id": 2, "bbox": [300, 300, 50, 50], "score": 0.8}]
                """);
        Path out = dir.resolve("out");
        Run r = run("eval", "--gt", gt.toString(), "--dt", dt.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains(" Average Precision (AP) @[ IoU=0.50:0.95 | area=   all | maxDets=100 ] = 0.500"), r.out());
        assertTrue(r.out().contains("cat"), r.out());
        JsonNode m = new ObjectMapper().readTree(out.resolve("metrics.json").toFile());
        String[] keys = {"AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl"};
        for (String k : keys) {
            assertTrue(m.get("coco").get(k).isNumber(), k);
        }
        // mean over cat (≈1) and dog (0) = 0.5; no small objects -> -1
        assertEquals(0.5, m.get("coco").get("AP").asDouble(), 1e-15);
        assertEquals(-1, m.get("coco").get("APs").asDouble());
        assertEquals(0, m.get("per_class").get("dog").get("AP").asDouble());
        assertEquals(1.0, m.get("per_class").get("cat").get("AR100").asDouble());
        assertTrue(m.get("per_class").get("cat").has("AP50"));
        // the report: HTML, Markdown and charts next to metrics.json, and no temporary file left behind
        assertTrue(Files.isRegularFile(out.resolve("report.html")));
        assertTrue(Files.isRegularFile(out.resolve("report.md")));
        assertTrue(Files.isRegularFile(out.resolve("charts/pr_curves.png")));
        assertTrue(m.has("errors") && m.has("presence_roc") && m.has("confusion_matrix") && m.has("voc"));
        assertTrue(r.out().contains("wrote " + out.resolve("report.html")), r.out());
        try (var s = Files.walk(out)) {
            assertEquals(0, s.filter(p -> p.getFileName().toString().endsWith(".tmp")).count(), "no temporary files left behind");
        }
    }

    @Test
    void vocOptionAddsVocSection() throws Exception {
        Path gt = Files.writeString(dir.resolve("gt.json"), GT);
        Path dt = Files.writeString(dir.resolve("dt.json"), """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 40, 40], "score": 0.9},
                 {"image_id": 2, "category_id": 2, "bbox": [300, 300, 50, 50], "score": 0.8}]
                """);
        Path out = dir.resolve("voc");
        Run r = run("eval", "--gt", gt.toString(), "--dt", dt.toString(), "--out", out.toString(), "--voc");
        assertEquals(0, r.code(), r.err());
        JsonNode voc = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("voc");
        // cat: one TP, precision 1 at recall 1 -> AP 1; dog: one FP, npos 1 -> AP 0; mAP = 0.5
        assertEquals(1.0, voc.get("per_class").get("cat").get("AP").asDouble());
        assertEquals(0.0, voc.get("per_class").get("dog").get("AP").asDouble());
        assertEquals(0.5, voc.get("mAP").asDouble());
        assertEquals(0.5, voc.get("iou").asDouble());
    }

    @Test
    void galleryFindsImagesNextToTheGroundTruth() throws Exception {
        Path gt = Files.writeString(dir.resolve("gt.json"), GT.replace("{\"id\": 1}", "{\"id\": 1, \"file_name\": \"a.png\"}")
                .replace("{\"id\": 2}", "{\"id\": 2, \"file_name\": \"b.png\"}"));
        Path images = Files.createDirectories(dir.resolve("images"));
        for (String f : new String[] {"a.png", "b.png"}) {
            javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(200, 200, java.awt.image.BufferedImage.TYPE_INT_RGB),
                    "png", images.resolve(f).toFile());
        }
        Path dt = Files.writeString(dir.resolve("dt.json"), """
                [{"image_id": 1, "category_id": 1, "bbox": [0, 0, 40, 40], "score": 0.9},
                 {"image_id": 2, "category_id": 2, "bbox": [150, 150, 50, 50], "score": 0.8}]
                """);
        Path out = dir.resolve("g");
        Run r = run("eval", "--gt", gt.toString(), "--dt", dt.toString(), "--out", out.toString(), "--quiet");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(out.resolve("gallery/worst_01.jpg")), r.out());
        JsonNode rep = new ObjectMapper().readTree(out.resolve("metrics.json").toFile()).get("report");
        assertEquals(2, rep.get("gallery").get(0).get("image_id").asLong(), "the image with the missed dog comes first");
    }

    @Test
    void badInputGivesOneClearMessageAndNonZeroExit() throws Exception {
        Path gt = Files.writeString(dir.resolve("gt.json"), GT);
        Path dt = Files.writeString(dir.resolve("dt.json"),
                "[{\"image_id\": 1, \"category_id\": 9, \"bbox\": [0, 0, 40, 40], \"score\": 0.9}]");
        Run r = run("eval", "--gt", gt.toString(), "--dt", dt.toString(), "--out", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(dt + ": detections[0] (line 1): field 'category_id': 9 is not a category"), r.err());
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(Files.exists(dir.resolve("o/metrics.json")));

        Run missing = run("eval", "--gt", dir.resolve("none.json").toString(), "--dt", dt.toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.json: file not found"), missing.err());
    }

    @Test
    void versionAndHelp() {
        Run v = run("--version");
        assertEquals(0, v.code());
        assertTrue(v.out().startsWith("detkit "), v.out());
        Run h = run("--help");
        assertTrue(h.out().contains("eval"), h.out());
    }
}
