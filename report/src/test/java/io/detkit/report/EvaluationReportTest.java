package io.detkit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvaluationReportTest {
    private static final List<String> CHARTS = List.of("per_class_ap", "pr_curves", "pr_per_class", "precision_confidence",
            "recall_confidence", "f1_confidence", "confusion_matrix", "confusion_matrix_normalized", "ap_by_size", "errors",
            "presence_roc");
    private static final List<String> SECTIONS = List.of("summary", "per-class", "pr", "confidence", "confusion", "size",
            "errors", "presence", "gallery", "notes");

    @TempDir
    Path dir;

    /** 8 images of 160×120, 3 categories, boxes with every kind of error; seeded. */
    private static CocoGroundTruth groundTruth() {
        CocoGroundTruth.Builder b = CocoGroundTruth.builder().addCategory(1, "cat").addCategory(2, "dog")
                .addCategory(5, "bird");
        SplittableRandom r = new SplittableRandom(3);
        long ann = 1;
        for (int i = 1; i <= 8; i++) {
            b.addImage(new CocoImage(i, "img" + i + ".jpg", 160, 120));
            for (int k = 0; k < 3; k++) {
                double x = r.nextInt(100), y = r.nextInt(70), w = 20 + r.nextInt(40), h = 20 + r.nextInt(40);
                b.addAnnotation(ann++, i, new int[] {1, 2, 5}[k], x, y, Math.min(w, 160 - x), Math.min(h, 120 - y),
                        w * h, i == 8 && k == 0);
            }
        }
        return b.build();
    }

    private static CocoDetections detections(CocoGroundTruth gt) {
        SplittableRandom r = new SplittableRandom(4);
        CocoDetections d = new CocoDetections();
        long[] img = gt.annotationImageIds();
        int[] cat = gt.annotationCategoryIds();
        double[] box = gt.annotationBoxesXywh();
        for (int a = 0; a < img.length; a++) {
            double u = r.nextDouble();
            if (u < 0.15) {
                continue; // missed
            }
            int c = u < 0.3 ? (cat[a] == 1 ? 2 : 1) : cat[a]; // some class errors
            double j = u > 0.85 ? 0.3 : 0.03; // some localisation errors
            d.add(img[a], c, box[4 * a] + j * box[4 * a + 2], box[4 * a + 1], box[4 * a + 2], box[4 * a + 3],
                    Math.round(r.nextDouble() * 1000) / 1000.0);
            if (r.nextDouble() < 0.2) {
                d.add(img[a], c, box[4 * a], box[4 * a + 1], box[4 * a + 2], box[4 * a + 3], 0.05); // duplicate
            }
        }
        for (int i = 1; i <= 8; i++) {
            d.add(i, 5, 140, 100, 15, 15, 0.6); // background
        }
        return d;
    }

    private static void writeImages(Path folder, int count) throws Exception {
        Files.createDirectories(folder);
        for (int i = 1; i <= count; i++) {
            BufferedImage im = new BufferedImage(160, 120, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = im.createGraphics();
            g.setColor(new Color(40 * i % 255, 120, 200));
            g.fillRect(0, 0, 160, 120);
            g.dispose();
            ImageIO.write(im, "jpg", folder.resolve("img" + i + ".jpg").toFile());
        }
    }

    @Test
    void writesEveryFileAndSectionSelfContained() throws Exception {
        CocoGroundTruth gt = groundTruth();
        CocoDetections dt = detections(gt);
        Path images = dir.resolve("images");
        writeImages(images, 8);
        Path out = dir.resolve("out");
        Files.createDirectories(out.resolve("gallery"));
        Files.writeString(out.resolve("gallery/worst_99.jpg"), "stale");
        EvaluationReport report = EvaluationReport.builder(gt, dt).optTitle("unit <test>")
                .optImages(ImageLocator.inFolders(List.of(images))).optInput("gt", "gt.json").optGallery(4, 128)
                .optSvg(true).build();
        WrittenReport w = report.write(out);

        for (String c : CHARTS) {
            Path png = out.resolve("charts/" + c + ".png");
            assertTrue(Files.isRegularFile(png), c);
            BufferedImage img = ImageIO.read(png.toFile());
            assertNotNull(img, c + " decodes");
            assertTrue(img.getWidth() > 200 && img.getHeight() > 200, c);
        }
        assertTrue(Files.isRegularFile(out.resolve("charts/errors.svg")));
        assertFalse(Files.exists(out.resolve("gallery/worst_99.jpg")), "stale gallery image removed");
        assertEquals(4, w.gallery().size());
        for (Path g : w.gallery()) {
            assertNotNull(ImageIO.read(g.toFile()), g + " decodes");
        }

        String html = Files.readString(w.html());
        for (String s : SECTIONS) {
            assertTrue(html.contains("<section id=\"" + s + "\">"), s);
        }
        assertTrue(html.contains("unit &lt;test&gt;"), "title escaped");
        assertFalse(html.contains("http://") || html.contains("https://"), "no external URL");
        assertFalse(html.contains("<link"), "no external stylesheet");
        Matcher src = Pattern.compile("src=\"([^\"]*)\"").matcher(html);
        int pngs = 0, jpegs = 0;
        while (src.find()) {
            assertTrue(src.group(1).startsWith("data:image/"), "embedded: " + src.group(1).substring(0, 20));
            pngs += src.group(1).startsWith("data:image/png;base64,") ? 1 : 0;
            jpegs += src.group(1).startsWith("data:image/jpeg;base64,") ? 1 : 0;
        }
        assertEquals(CHARTS.size(), pngs);
        assertEquals(4, jpegs);
        assertTrue(html.contains("class=\"sortable\""));
        Matcher ids = Pattern.compile(" id=\"([^\"]+)\"").matcher(html);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (ids.find()) {
            assertTrue(seen.add(ids.group(1)), "id used twice: " + ids.group(1));
        }
        assertTrue(html.contains("reportCheck"), "the check script is in the page");
        assertEquals(Files.size(w.html()), w.htmlBytes());

        String md = Files.readString(w.markdown());
        for (String h : List.of("## Summary", "## Per class", "## Precision–recall curves", "## Detection confusion matrix",
                "## AP by object size", "## Error breakdown (TIDE)", "## Image-level presence ROC", "## Worst images")) {
            assertTrue(md.contains(h), h);
        }
        assertTrue(md.contains("](charts/pr_curves.png)"));
        assertTrue(md.contains("](gallery/worst_01.jpg)"));

        JsonNode j = new ObjectMapper().readTree(w.metricsJson().toFile());
        for (String k : List.of("coco", "per_class", "voc", "ap_by_size", "pr_curves", "confidence_curves",
                "confusion_matrix", "errors", "presence_roc", "inputs", "report")) {
            assertTrue(j.has(k), k);
        }
        assertEquals("gt.json", j.get("inputs").get("gt").asText());
        assertEquals(4, j.get("report").get("gallery").size());
        assertEquals("gallery/worst_01.jpg", j.get("report").get("gallery").get(0).get("file").asText());
        assertTrue(j.get("report").get("charts").toString().contains("charts/pr_curves.png"));
        // the report's COCO numbers are the evaluator's
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.addAll(dt);
        assertEquals(ev.evaluate().stat("AP"), j.get("coco").get("AP").asDouble(), 0);
        assertEquals(j.get("coco").get("AP50").asDouble(), j.get("errors").get("base_mAP").asDouble(), 1e-12);
        try (var s = Files.list(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void withoutImagesTheGalleryIsLeftOutWithANote() throws Exception {
        CocoGroundTruth gt = groundTruth();
        WrittenReport w = EvaluationReport.builder(gt, detections(gt)).build().write(dir);
        assertTrue(w.gallery().isEmpty());
        assertTrue(w.notes().stream().anyMatch(n -> n.startsWith("Gallery of worst images omitted")), w.notes().toString());
        String html = Files.readString(w.html());
        assertTrue(html.contains("Gallery of worst images omitted"));
        assertFalse(html.contains("data:image/jpeg"));
        assertTrue(Files.readString(w.markdown()).contains("> Gallery of worst images omitted"));
        assertFalse(Files.exists(dir.resolve("gallery")));
    }

    @Test
    void manyClassesAreCutInChartsButKeptInTables() throws Exception {
        CocoGroundTruth.Builder b = CocoGroundTruth.builder();
        CocoDetections d = new CocoDetections();
        for (int c = 1; c <= 40; c++) {
            b.addCategory(c, "c" + c);
        }
        for (int i = 1; i <= 40; i++) {
            for (int c = 1; c <= i; c += 3) {
                b.addAnnotation(i, c, 10 * (c % 5), 10, 30, 30, false);
                d.add(i, c, 10 * (c % 5) + 1, 10, 30, 30, 0.5 + c / 100.0);
            }
        }
        EvaluationReport r = EvaluationReport.builder(b.build(), d).optTopClasses(6).build();
        WrittenReport w = r.write(dir);
        assertEquals(6, r.topClasses().size());
        String html = Files.readString(w.html());
        assertTrue(html.contains("The 6 classes with the most ground truth are shown, of 40"));
        assertTrue(w.notes().stream().anyMatch(n -> n.contains("summed into \"other\"")), w.notes().toString());
        Matcher rows = Pattern.compile("<tr>").matcher(html.substring(html.indexOf("<table id=\"table-per-class\""),
                html.indexOf("</table>", html.indexOf("<table id=\"table-per-class\""))));
        int n = 0;
        while (rows.find()) {
            n++;
        }
        assertEquals(41, n, "header + one row per class");
        Charts.Reduced red = new Charts(r).reducedConfusion();
        assertEquals(Charts.CONFUSION_CLASSES + 1, red.labels().size());
        assertEquals("other", red.labels().get(Charts.CONFUSION_CLASSES - 1));
        long total = 0;
        for (long[] row : red.counts()) {
            for (long v : row) {
                total += v;
            }
        }
        assertEquals(r.confusionMatrix().total(), total, "nothing lost when classes are summed");
        Map<String, Double> s = r.seconds();
        assertTrue(s.containsKey("charts") && s.containsKey("analyses"));
    }
}
