package io.detkit.data.format;

import static io.detkit.data.Fixtures.image;
import static io.detkit.data.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoundTripTest {
    @TempDir
    Path dir;

    /** A YOLO dataset whose boxes fall on whole pixels (so VOC's integer boxes keep them exactly). */
    private Path yoloSource() {
        image(dir.resolve("src/images/train/a.png"), 200, 100);
        image(dir.resolve("src/images/train/b.jpg"), 64, 48);
        image(dir.resolve("src/images/train/c.png"), 30, 30);
        text(dir.resolve("src/labels/train/a.txt"), "2 0.25 0.5 0.3 0.4", "0 0.6 0.3 0.2 0.2");
        text(dir.resolve("src/labels/train/b.txt"), "1 0.5 0.5 0.5 0.5");
        return text(dir.resolve("src/data.yaml"), "path: .", "train: images/train", "val: images/train",
                "names: [zebra, apple, mango]");
    }

    @Test
    void yoloToCocoToVocToYoloKeepsBoxesAndClasses() throws IOException {
        DetectionDataset y0 = Datasets.read(yoloSource());
        WriteResult coco = Datasets.write(y0, dir.resolve("coco"), Format.COCO);
        assertEquals(dir.resolve("coco/annotations.json"), coco.location());
        assertEquals(3, coco.boxes());
        DetectionDataset c = Datasets.read(coco.location());
        WriteResult voc = Datasets.write(c, dir.resolve("voc"), Format.VOC);
        DetectionDataset v = Datasets.read(voc.location());
        WriteResult yolo = Datasets.write(v, dir.resolve("yolo"), Format.YOLO);
        assertEquals(3, yolo.placedImages(), "images linked next to the labels");
        DetectionDataset y1 = Datasets.read(yolo.location());
        for (DetectionDataset d : List.of(c, v, y1)) {
            assertEquals(List.of("zebra", "apple", "mango"), d.classNames());
            assertArrayEquals(new int[] {0, 1, 2}, d.categoryIds());
            assertSameBoxes(y0, d, 1e-6);
        }
        assertEquals("a.png", y1.samples().get(0).imagePath().getFileName().toString());
        assertTrue(Files.isSymbolicLink(dir.resolve("yolo/images/a.png")) || Files.isRegularFile(dir.resolve("yolo/images/a.png")));
        assertEquals("2 0.25 0.5 0.3 0.4\n0 0.6 0.3 0.2 0.2\n",
                Files.readString(dir.resolve("yolo/labels/a.txt")));
        assertEquals("", Files.readString(dir.resolve("yolo/labels/c.txt")), "an image without boxes gets an empty label file");
        try (Stream<Path> s = Files.walk(dir)) {
            assertFalse(s.anyMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary files left");
        }
    }

    @Test
    void vocRoundsToWholePixels() throws IOException {
        image(dir.resolve("i/a.png"), 100, 100);
        DetectionSample s = DetectionSample.of(1, dir.resolve("i/a.png"), 100, 100, new double[] {10.4, 20.6, 50.5, 60.2},
                new int[] {0});
        Datasets.write(DetectionDataset.of(List.of("x"), List.of(s)), dir.resolve("voc"), Format.VOC);
        DetectionDataset v = Datasets.read(dir.resolve("voc"));
        assertArrayEquals(new double[] {10, 21, 51, 60}, v.samples().get(0).boxes(), 0);
        String xml = Files.readString(dir.resolve("voc/Annotations/a.xml"));
        assertTrue(xml.contains("<xmin>10</xmin>") && xml.contains("<path>" + dir.resolve("i/a.png").toAbsolutePath()), xml);
    }

    private Path cocoSource() {
        image(dir.resolve("cs/p.png"), 40, 30);
        image(dir.resolve("cs/q.png"), 20, 10);
        return text(dir.resolve("cs/gt.json"), CocoReaderTest.GT[0], CocoReaderTest.GT[1],
                "  {\"id\": 7, \"file_name\": \"p.png\", \"width\": 40, \"height\": 30},",
                "  {\"id\": 3, \"file_name\": \"q.png\", \"width\": 20, \"height\": 10}",
                CocoReaderTest.GT[5], CocoReaderTest.GT[6], CocoReaderTest.GT[7], CocoReaderTest.GT[8], CocoReaderTest.GT[9],
                CocoReaderTest.GT[10], CocoReaderTest.GT[11], CocoReaderTest.GT[12], CocoReaderTest.GT[13]);
    }

    @Test
    void cocoToYoloToCocoKeepsNonContiguousIdsAndCountsTheCrowdBoxes() throws IOException {
        DetectionDataset c0 = Datasets.read(cocoSource());
        assertArrayEquals(new int[] {1, 5, 90}, c0.categoryIds());
        WriteResult y = Datasets.write(c0, dir.resolve("y"), Format.YOLO,
                WriteOptions.builder().optImageMode(ImageMode.COPY).build());
        assertEquals(1, y.skippedIgnoredBoxes(), "YOLO has no crowd flag: the crowd box is not written, and counted");
        assertEquals(2, y.boxes());
        assertTrue(Files.isRegularFile(dir.resolve("y/images/p.png")) && !Files.isSymbolicLink(dir.resolve("y/images/p.png")));
        assertTrue(Files.readString(y.location()).contains("category_ids: [1, 5, 90]"));
        DetectionDataset yr = Datasets.read(y.location());
        assertArrayEquals(new int[] {1, 5, 90}, yr.categoryIds());
        WriteResult c = Datasets.write(yr, dir.resolve("c1/gt.json"), Format.COCO);
        DetectionDataset c1 = Datasets.read(c.location());
        assertEquals(List.of("person", "bus", "toothbrush"), c1.classNames());
        assertArrayEquals(new int[] {1, 5, 90}, c1.categoryIds());
        assertEquals(dir.resolve("y/images/p.png").toAbsolutePath(), c1.samples().get(0).imagePath(),
                "info.images_root locates the images");
        assertArrayEquals(new double[] {1, 2, 11, 7}, c1.samples().get(0).boxes(), 1e-4);
        assertArrayEquals(new int[] {2}, c1.samples().get(0).classIds());
        assertArrayEquals(new double[] {2.5, 1.25, 6.5, 4.25}, c1.samples().get(1).boxes(), 1e-4);
    }

    @Test
    void crowdBecomesDifficultAndBack() throws IOException {
        DetectionDataset c0 = Datasets.read(cocoSource());
        Datasets.write(c0, dir.resolve("voc"), Format.VOC);
        DetectionDataset v = Datasets.read(dir.resolve("voc"));
        assertArrayEquals(new boolean[] {false, true}, v.samples().get(0).ignore());
        assertTrue(Files.readString(dir.resolve("voc/Annotations/p.xml")).contains("<difficult>1</difficult>"));
        assertEquals(List.of("person", "bus", "toothbrush"), Files.readAllLines(dir.resolve("voc/classes.txt")));
        Datasets.write(v, dir.resolve("c2"), Format.COCO);
        DetectionDataset c2 = Datasets.read(dir.resolve("c2/annotations.json"));
        assertArrayEquals(new boolean[] {false, true}, c2.samples().get(0).ignore());
        assertArrayEquals(new int[] {2, 0}, c2.samples().get(0).classIds());
    }

    @Test
    void cocoToCocoKeepsEverything() throws IOException {
        DetectionDataset c0 = Datasets.read(cocoSource());
        Datasets.write(c0, dir.resolve("again.json"), Format.COCO);
        DetectionDataset c1 = Datasets.read(dir.resolve("again.json"));
        assertArrayEquals(c0.categoryIds(), c1.categoryIds());
        for (int i = 0; i < c0.samples().size(); i++) {
            DetectionSample a = c0.samples().get(i), b = c1.samples().get(i);
            assertEquals(a.imageId(), b.imageId());
            assertEquals(a.imagePath(), b.imagePath());
            assertArrayEquals(a.boxes(), b.boxes(), 1e-12);
            assertArrayEquals(a.areas(), b.areas(), 0);
            assertArrayEquals(a.ignore(), b.ignore());
        }
    }

    @Test
    void writersRefuseWhatTheirFormatCannotHold() throws IOException {
        DetectionDataset c0 = Datasets.read(cocoSource());
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Datasets.write(c0, dir.resolve("y"),
                Format.YOLO, WriteOptions.builder().optImageMode(ImageMode.REFERENCE).build()));
        assertTrue(e.getMessage().contains("link or copy"), e.getMessage());
        assertThrows(DatasetFormatException.class, () -> Datasets.write(c0, dir.resolve("d"), Format.DLIB));
        DetectionSample s1 = DetectionSample.of(1, dir.resolve("x/a.png"), 10, 10, new double[0], new int[0]);
        DetectionSample s2 = DetectionSample.of(2, dir.resolve("y/a.jpg"), 10, 10, new double[0], new int[0]);
        e = assertThrows(DatasetFormatException.class, () -> Datasets.write(DetectionDataset.of(List.of("x"), List.of(s1, s2)),
                dir.resolve("v"), Format.VOC));
        assertTrue(e.getMessage().contains("two images named a"), e.getMessage());
        // YOLO: x/a.png and x/a.jpg would share labels/a.txt (common root x/): refused before anything is written
        DetectionSample p1 = DetectionSample.of(1, dir.resolve("x/a.png"), 10, 10, new double[] {0, 0, 5, 5}, new int[] {0});
        DetectionSample p2 = DetectionSample.of(3, dir.resolve("x/a.jpg"), 10, 10, new double[] {1, 1, 4, 4}, new int[] {0});
        e = assertThrows(DatasetFormatException.class, () -> Datasets.write(DetectionDataset.of(List.of("x"), List.of(p1, p2)),
                dir.resolve("yd"), Format.YOLO));
        assertTrue(e.getMessage().contains("(image ids 1 and 3) would share the label file labels/a.txt"), e.getMessage());
        assertTrue(!Files.exists(dir.resolve("yd/labels")), "nothing written");
        DetectionSample unknown = DetectionSample.of(1, dir.resolve("x/a.png"), 0, 0, new double[0], new int[0]);
        e = assertThrows(DatasetFormatException.class, () -> Datasets.write(DetectionDataset.of(List.of("x"), List.of(unknown)),
                dir.resolve("yy"), Format.YOLO));
        assertTrue(e.getMessage().contains("image size unknown"), e.getMessage());
    }

    @Test
    void classNamesWithYamlSpecialCharactersSurviveYolo() throws IOException {
        image(dir.resolve("i/a.png"), 10, 10);
        List<String> names = List.of("traffic: light", "say \"hi\"", "# not a comment", "back\\slash");
        DetectionSample s = DetectionSample.of(1, dir.resolve("i/a.png"), 10, 10, new double[] {1, 1, 5, 5}, new int[] {3});
        WriteResult w = Datasets.write(DetectionDataset.of(names, List.of(s)), dir.resolve("y"), Format.YOLO);
        assertEquals(names, Datasets.read(w.location()).classNames());
    }

    /** Same images (by file name), same classes and boxes within {@code tol} × image size. */
    static void assertSameBoxes(DetectionDataset expected, DetectionDataset actual, double tol) {
        assertEquals(expected.samples().size(), actual.samples().size());
        for (int i = 0; i < expected.samples().size(); i++) {
            DetectionSample e = expected.samples().get(i), a = actual.samples().get(i);
            assertEquals(e.imagePath().getFileName(), a.imagePath().getFileName());
            assertEquals(e.width(), a.width());
            assertEquals(e.height(), a.height());
            assertArrayEquals(e.classIds(), a.classIds());
            assertArrayEquals(e.boxes(), a.boxes(), tol * Math.max(e.width(), e.height()), "boxes of " + e.imagePath());
        }
    }
}
