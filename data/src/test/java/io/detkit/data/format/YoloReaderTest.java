package io.detkit.data.format;

import static io.detkit.data.Fixtures.image;
import static io.detkit.data.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.validate.DatasetProblemsException;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.Problem;
import io.detkit.data.validate.ProblemKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YoloReaderTest {
    @TempDir
    Path dir;

    /** images/train/{a.png 100×50, b.jpg 64×48, c.png 10×10 without label}, labels/train/{a,b,orphan}.txt. */
    private Path ultralytics() {
        image(dir.resolve("images/train/a.png"), 100, 50);
        image(dir.resolve("images/train/b.jpg"), 64, 48);
        image(dir.resolve("images/train/c.png"), 10, 10);
        text(dir.resolve("labels/train/a.txt"), "0 0.5 0.5 0.2 0.4");
        text(dir.resolve("labels/train/b.txt"), "1 0.25 0.5 0.5 1.0", "", "0 0.75 0.25 0.25 0.5");
        text(dir.resolve("labels/train/orphan.txt"), "0 0.5 0.5 0.1 0.1", "1 0.5 0.5 0.1 0.1");
        return text(dir.resolve("data.yaml"), "path: .", "train: images/train", "val: val.txt",
                "names:", "  0: cat", "  1: dog");
    }

    @Test
    void readsUltralyticsLayoutAndUnNormalisesWithTheImageSize() throws IOException {
        LoadedDataset l = Datasets.load(ultralytics(), Format.YOLO, ReadOptions.defaults());
        DetectionDataset ds = l.dataset();
        assertEquals(List.of("cat", "dog"), ds.classNames());
        assertArrayEquals(new int[] {0, 1}, ds.categoryIds());
        assertEquals(3, ds.samples().size());
        DetectionSample a = ds.samples().get(0);
        assertEquals("a.png", a.imagePath().getFileName().toString());
        assertEquals(100, a.width());
        assertEquals(50, a.height());
        assertArrayEquals(new double[] {40, 15, 60, 35}, a.boxes(), 1e-12);
        assertArrayEquals(new int[] {0}, a.classIds());
        assertEquals(400, a.areas()[0], 1e-9);
        DetectionSample b = ds.samples().get(1);
        assertEquals(64, b.width());
        assertArrayEquals(new double[] {0, 0, 32, 48, 40, 0, 56, 24}, b.boxes(), 1e-12);
        assertArrayEquals(new int[] {1, 0}, b.classIds());
        assertEquals(Location.of(dir.resolve("labels/train/b.txt").toAbsolutePath().normalize(), 3), l.source(1, 1));
        DetectionSample c = ds.samples().get(2);
        assertEquals(0, c.size(), "an image without label file is an image without boxes");
        assertEquals(10, c.width());
        assertEquals(List.of(1L, 2L, 3L), ds.samples().stream().map(DetectionSample::imageId).toList());
        assertTrue(l.sizesFromImages());
        Problem orphan = single(l.problems());
        assertEquals(ProblemKind.LABEL_WITHOUT_IMAGE, orphan.kind());
        assertEquals("orphan.txt", orphan.location().file().getFileName().toString());
        assertTrue(orphan.message().contains("2 labels"), orphan.message());
        // the orphan is a warning: a strict read still works
        assertEquals(3, Datasets.read(dir.resolve("data.yaml")).samples().size());
    }

    @Test
    void listFileSplitReportsMissingImageWithLine() throws IOException {
        ultralytics();
        image(dir.resolve("images/val/v.png"), 20, 10);
        text(dir.resolve("labels/val/v.txt"), "1 0.5 0.5 1 1");
        text(dir.resolve("val.txt"), "./images/val/v.png", "images/val/gone.png");
        LoadedDataset l = Datasets.load(dir.resolve("data.yaml"), null, ReadOptions.builder().optSplit("val").build());
        assertEquals(1, l.dataset().samples().size());
        assertArrayEquals(new double[] {0, 0, 20, 10}, l.dataset().samples().get(0).boxes(), 1e-12);
        Problem p = single(l.problems());
        assertEquals(ProblemKind.IMAGE_MISSING, p.kind());
        assertEquals(Location.of(dir.resolve("val.txt"), 2), p.location());
        DatasetProblemsException e = assertThrows(DatasetProblemsException.class,
                () -> Datasets.read(dir.resolve("data.yaml"), Format.YOLO, ReadOptions.builder().optSplit("val").build()));
        assertTrue(e.getMessage().contains("val.txt:2"), e.getMessage());
    }

    @Test
    void badLinesAreReportedWithFileAndLineAndLeftOut() throws IOException {
        image(dir.resolve("images/train/a.png"), 100, 100);
        Path label = text(dir.resolve("labels/train/a.txt"),
                "0 0.5 0.5 0.2 0.2",
                "0 0.5 0.5 0.2",
                "x 0.5 0.5 0.2 0.2",
                "7 0.5 0.5 0.2 0.2",
                "1 0.5 nan 0.2 0.2",
                "1 0.1 0.1 0.3 0.1 0.2 0.4");
        text(dir.resolve("data.yaml"), "train: images/train", "names: [cat, dog]");
        LoadedDataset l = Datasets.load(dir.resolve("data.yaml"));
        DetectionSample s = l.dataset().samples().get(0);
        // line 1 and the polygon of line 6 (its bounding box) are kept
        assertArrayEquals(new double[] {40, 40, 60, 60, 10, 10, 30, 40}, s.boxes(), 1e-9);
        assertArrayEquals(new int[] {0, 1}, s.classIds());
        List<Problem> ps = l.problems();
        assertEquals(4, ps.size());
        Path abs = label.toAbsolutePath().normalize();
        assertEquals(new Location(abs, 2, null), ps.get(0).location());
        assertEquals(ProblemKind.MALFORMED, ps.get(0).kind());
        assertTrue(ps.get(0).message().contains("expected 5 values"), ps.get(0).message());
        assertEquals(3, ps.get(1).location().line());
        assertTrue(ps.get(1).message().contains("'x' is not an integer"), ps.get(1).message());
        assertEquals(ProblemKind.UNKNOWN_CLASS, ps.get(2).kind());
        assertEquals(4, ps.get(2).location().line());
        assertEquals(ProblemKind.MALFORMED, ps.get(3).kind());
        assertEquals(5, ps.get(3).location().line());
        assertTrue(ps.stream().allMatch(Problem::excludedRecord));
        DatasetProblemsException e = assertThrows(DatasetProblemsException.class, () -> Datasets.read(dir.resolve("data.yaml")));
        assertEquals(4, e.problems().size());
        assertTrue(e.getMessage().contains("a.txt:4"), e.getMessage());
    }

    @Test
    void unreadableImageIsReportedAndLeftOut() throws IOException {
        image(dir.resolve("images/ok.png"), 10, 10);
        java.nio.file.Files.createDirectories(dir.resolve("images"));
        Path bad = java.nio.file.Files.writeString(dir.resolve("images/bad.jpg"), "garbage");
        text(dir.resolve("labels/bad.txt"), "0 0.5 0.5 0.5 0.5");
        LoadedDataset l = Datasets.load(dir, Format.YOLO, ReadOptions.defaults());
        assertEquals(1, l.dataset().samples().size());
        Problem p = single(l.problems());
        assertEquals(ProblemKind.IMAGE_UNREADABLE, p.kind());
        assertEquals(Location.of(bad), p.location());
        assertTrue(p.message().contains("bad.txt is not used"), p.message());
    }

    @Test
    void flatLabelsWithSeparateImageFolderAndNamesFile() throws IOException {
        image(dir.resolve("pics/p1.png"), 200, 100);
        image(dir.resolve("pics/p2.png"), 50, 50);
        text(dir.resolve("txt/p1.txt"), "2 0.5 0.5 0.5 0.5");
        text(dir.resolve("txt/stray.txt"), "0 0.5 0.5 0.5 0.5");
        text(dir.resolve("classes.txt"), "a", "b", "c");
        LoadedDataset l = Datasets.load(dir.resolve("txt"), Format.YOLO, ReadOptions.builder().optImages(dir.resolve("pics")).build());
        assertEquals(List.of("a", "b", "c"), l.dataset().classNames(), "classes.txt in the parent folder is found");
        assertEquals(2, l.dataset().samples().size());
        assertArrayEquals(new double[] {50, 25, 150, 75}, l.dataset().samples().get(0).boxes(), 1e-12);
        assertEquals(0, l.dataset().samples().get(1).size());
        assertEquals(ProblemKind.LABEL_WITHOUT_IMAGE, single(l.problems()).kind());
    }

    @Test
    void labelsNextToImagesWithoutNamesGetNumericNames() throws IOException {
        image(dir.resolve("d/x.jpg"), 10, 20);
        text(dir.resolve("d/x.txt"), "3 0.5 0.5 1 1");
        DetectionDataset ds = Datasets.read(dir.resolve("d"), Format.YOLO);
        assertEquals(List.of("0", "1", "2", "3"), ds.classNames());
        assertArrayEquals(new double[] {0, 0, 10, 20}, ds.samples().get(0).boxes(), 1e-12);
    }

    @Test
    void yamlErrorsNameTheFile() {
        Path bad = text(dir.resolve("bad.yaml"), "train: images", "names: [a, b", "val: x");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Datasets.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ":"), e.getMessage());
        Path gap = text(dir.resolve("gap.yaml"), "train: images", "names:", "  0: a", "  2: c");
        e = assertThrows(DatasetFormatException.class, () -> Datasets.read(gap));
        assertTrue(e.getMessage().contains("index 1 is missing"), e.getMessage());
        Path noSplit = text(dir.resolve("nosplit.yaml"), "names: [a]");
        e = assertThrows(DatasetFormatException.class, () -> Datasets.read(noSplit));
        assertTrue(e.getMessage().contains("no 'train' split"), e.getMessage());
    }

    @Test
    void labelPathFollowsUltralytics() {
        Path img = Path.of("/data/images/x/images/train/a.b.jpg");
        assertEquals(Path.of("/data/images/x/labels/train/a.b.txt"), YoloReader.labelOf(img));
        assertEquals(Path.of("/data/flat/a.txt"), YoloReader.labelOf(Path.of("/data/flat/a.png")));
    }

    private static Problem single(List<Problem> ps) {
        assertEquals(1, ps.size(), ps.toString());
        return ps.get(0);
    }
}
