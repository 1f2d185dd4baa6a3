package io.detkit.data.validate;

import static io.detkit.data.Fixtures.image;
import static io.detkit.data.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.format.Datasets;
import io.detkit.data.format.Format;
import io.detkit.data.format.ReadOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidatorTest {
    @TempDir
    Path dir;

    @Test
    void reportsBoxProblemsWithLabelFileAndLine() throws IOException {
        image(dir.resolve("images/a.png"), 100, 50);
        Path label = text(dir.resolve("labels/a.txt"),
                "0 0.5 0.5 0.2 0.2",
                "0 0.95 0.5 0.2 0.2",
                "1 0.5 0.5 0 0.2",
                "1 0.5 0.5 0.2 -0.1",
                "0 0.9 0.9 0.2000001 0.2000001");
        text(dir.resolve("data.yaml"), "train: images", "names: [a, b]");
        ValidationReport r = Validator.defaults().validate(Datasets.load(dir.resolve("data.yaml")));
        List<Problem> ps = r.problems();
        assertEquals(3, ps.size(), ps.toString());
        Path abs = label.toAbsolutePath().normalize();
        assertEquals(ProblemKind.BOX_OUTSIDE_IMAGE, ps.get(0).kind());
        assertEquals(Location.of(abs, 2), ps.get(0).location());
        assertEquals(0, ps.get(0).sample());
        assertEquals(1, ps.get(0).box());
        assertTrue(ps.get(0).message().contains("5 px outside the 100×50 image"), ps.get(0).message());
        assertEquals(ProblemKind.BOX_DEGENERATE, ps.get(1).kind());
        assertEquals(Location.of(abs, 3), ps.get(1).location());
        assertTrue(ps.get(1).message().contains("width 0"), ps.get(1).message());
        assertEquals(ProblemKind.BOX_DEGENERATE, ps.get(2).kind());
        assertEquals(4, ps.get(2).location().line());
        assertTrue(r.hasErrors());
        assertEquals(Map.of(ProblemKind.BOX_OUTSIDE_IMAGE, 1, ProblemKind.BOX_DEGENERATE, 2), r.countsByKind());
    }

    @Test
    void warnsAboutNamesThatConversionWouldMerge() {
        // d/a.png and d/a.jpg share the stem d/a; classes 0 and 2 (ids 1 and 9) are both 'cat'
        DetectionSample a = DetectionSample.of(1, dir.resolve("d/a.png"), 10, 10, new double[0], new int[0]);
        DetectionSample b = DetectionSample.of(3, dir.resolve("d/a.jpg"), 10, 10, new double[0], new int[0]);
        DetectionSample c = DetectionSample.of(4, dir.resolve("e/a.jpg"), 10, 10, new double[0], new int[0]);
        DetectionDataset ds = new DetectionDataset(List.of("cat", "dog", "cat"), new int[] {1, 3, 9}, List.of(a, b, c));
        ValidationReport r = Validator.builder().optCheckImages(false).build().validate(LoadedDataset.of(ds));
        List<Problem> ps = r.problems();
        assertEquals(2, ps.size(), ps.toString());
        assertFalse(r.hasErrors(), "warnings: the dataset itself reads fine");
        assertEquals(ProblemKind.DUPLICATE_NAME, ps.get(0).kind());
        assertTrue(ps.get(0).message().contains("classes 0 and 2 (category ids 1 and 9) are both named 'cat'"), ps.get(0).message());
        assertEquals(ProblemKind.DUPLICATE_NAME, ps.get(1).kind());
        assertEquals(1, ps.get(1).sample(), "the second image is named, e/a.jpg is not a duplicate");
        assertTrue(ps.get(1).message().contains("(id 3) has the same name without extension as " + dir.resolve("d/a.png") + " (id 1)"),
                ps.get(1).message());
    }

    @Test
    void reportsMissingUnreadableAndWrongSizeImagesAtTheirRecord() throws IOException {
        image(dir.resolve("ok.png"), 40, 30);
        image(dir.resolve("small.png"), 20, 10);
        Files.writeString(dir.resolve("junk.jpg"), "not an image");
        Path json = text(dir.resolve("gt.json"),
                "{\"categories\": [{\"id\": 1, \"name\": \"x\"}], \"annotations\": [], \"images\": [",
                "  {\"id\": 1, \"file_name\": \"ok.png\", \"width\": 40, \"height\": 30},",
                "  {\"id\": 2, \"file_name\": \"gone.png\", \"width\": 40, \"height\": 30},",
                "  {\"id\": 3, \"file_name\": \"junk.jpg\", \"width\": 40, \"height\": 30},",
                "  {\"id\": 4, \"file_name\": \"small.png\", \"width\": 40, \"height\": 30}",
                "]}");
        LoadedDataset l = Datasets.load(json);
        ValidationReport r = Validator.defaults().validate(l);
        assertEquals(List.of(ProblemKind.IMAGE_MISSING, ProblemKind.IMAGE_UNREADABLE, ProblemKind.SIZE_MISMATCH),
                r.problems().stream().map(Problem::kind).toList());
        assertEquals(new Location(json, 3, "images[1]"), r.problems().get(0).location());
        assertEquals(new Location(json, 4, "images[2]"), r.problems().get(1).location());
        assertTrue(r.problems().get(1).message().contains("junk.jpg"), r.problems().get(1).message());
        Problem size = r.problems().get(2);
        assertEquals(new Location(json, 5, "images[3]"), size.location());
        assertTrue(size.message().contains("annotation says 40×30") && size.message().contains("is 20×10"), size.message());
        assertEquals(3, size.sample());
        assertEquals(Problem.WHOLE_IMAGE, size.box());
        // without the image check, nothing is wrong
        assertFalse(Validator.builder().optCheckImages(false).build().validate(l).hasErrors());
    }

    @Test
    void inMemoryDatasetsAreCheckedForClassIdsAndDuplicateIds() {
        DetectionSample a = DetectionSample.of(5, dir.resolve("a.png"), 10, 10, new double[] {1, 1, 4, 4, 1, 1, 4, 4},
                new int[] {0, 3});
        DetectionSample b = DetectionSample.of(5, dir.resolve("b.png"), 10, 10, new double[0], new int[0]);
        ValidationReport r = Validator.builder().optCheckImages(false).build()
                .validate(LoadedDataset.of(DetectionDataset.of(List.of("x", "y"), List.of(a, b))));
        assertEquals(List.of(ProblemKind.UNKNOWN_CLASS, ProblemKind.DUPLICATE_ID),
                r.problems().stream().map(Problem::kind).toList());
        assertEquals(new Location(dir.resolve("a.png"), 0, "box[1]"), r.problems().get(0).location());
        assertEquals(1, r.problems().get(1).sample());
    }

    @Test
    void edgeToleranceAbsorbsRoundingOnly() {
        DetectionSample s = DetectionSample.of(1, dir.resolve("a.png"), 100, 100,
                new double[] {-0.005, 0, 100.005, 100, 0, 0, 100.5, 100}, new int[] {0, 0});
        LoadedDataset l = LoadedDataset.of(DetectionDataset.of(List.of("x"), List.of(s)));
        ValidationReport r = Validator.builder().optCheckImages(false).build().validate(l);
        assertEquals(1, r.problems().size());
        assertEquals(1, r.problems().get(0).box());
        assertTrue(Validator.builder().optCheckImages(false).optEdgeTolerance(1).build().validate(l).problems().isEmpty());
    }

    @Test
    void summaryCountsImagesBoxesClassesSizesAndEmptyImages() {
        DetectionSample a = new DetectionSample(1, dir.resolve("a.png"), 500, 500,
                new double[] {0, 0, 10, 10, 0, 0, 40, 40, 0, 0, 200, 200, 0, 0, 32, 32},
                new int[] {0, 2, 2, 1}, new boolean[] {false, false, true, false}, new double[] {100, 1600, 40000, 1024});
        DetectionSample b = DetectionSample.of(2, dir.resolve("b.png"), 10, 10, new double[0], new int[0]);
        DatasetSummary s = DatasetSummary.of(DetectionDataset.of(List.of("p", "q", "r"), List.of(a, b)));
        assertEquals(2, s.images());
        assertEquals(4, s.boxes());
        assertEquals(1, s.ignoredBoxes());
        assertEquals(1, s.emptyImages());
        assertArrayEquals(new int[] {1, 1, 2}, s.boxesPerClass());
        assertEquals(1, s.small(), "area 100");
        assertEquals(2, s.medium(), "area 1600 and exactly 32²");
        assertEquals(1, s.large());
        String text = s.format();
        assertTrue(text.contains("images 2 (1 without boxes), boxes 4 (1 ignored), classes 3"), text);
        assertTrue(text.contains("small 1, medium 2, large 1"), text);
    }

    @Test
    void readerProblemsComeFirstInTheReport() throws IOException {
        image(dir.resolve("images/a.png"), 10, 10);
        text(dir.resolve("labels/a.txt"), "0 0.5 0.5", "0 0.5 0.5 2 2");
        text(dir.resolve("labels/ghost.txt"), "0 0.5 0.5 0.5 0.5");
        LoadedDataset l = Datasets.load(dir, Format.YOLO, ReadOptions.defaults());
        ValidationReport r = Validator.defaults().validate(l);
        assertEquals(List.of(ProblemKind.MALFORMED, ProblemKind.LABEL_WITHOUT_IMAGE, ProblemKind.BOX_OUTSIDE_IMAGE),
                r.problems().stream().map(Problem::kind).toList());
        assertEquals(2, r.errors().size());
        assertEquals(1, r.warnings().size());
        assertTrue(r.problems().get(1).toString().startsWith("warning label-without-image "), r.problems().get(1).toString());
    }
}
