package io.detkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.format.Datasets;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code detkit convert} and {@code detkit check}: outputs and exit codes. */
class DataCommandsTest {
    @TempDir
    Path dir;

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

    private static void png(Path file, int w, int h) throws IOException {
        Files.createDirectories(file.getParent());
        ImageIO.write(new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB), "png", file.toFile());
    }

    private static void text(Path file, String... lines) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, String.join("\n", lines) + "\n");
    }

    /** A YOLO dataset: a.png 100×50 with two boxes, b.png 40×40 with one. */
    @BeforeEach
    void yolo() throws IOException {
        png(dir.resolve("ds/images/a.png"), 100, 50);
        png(dir.resolve("ds/images/b.png"), 40, 40);
        text(dir.resolve("ds/labels/a.txt"), "0 0.5 0.5 0.2 0.4", "1 0.25 0.25 0.1 0.1");
        text(dir.resolve("ds/labels/b.txt"), "1 0.5 0.5 0.5 0.5");
        text(dir.resolve("ds/data.yaml"), "path: .", "train: images", "val: images", "names: [cat, dog]");
    }

    @Test
    void convertsYoloToCocoAndVoc() throws IOException {
        Run r = run("convert", "--from", "yolo", dir.resolve("ds/data.yaml").toString(), "--to", "coco",
                dir.resolve("out/coco").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("read " + dir.resolve("ds/data.yaml") + " (yolo): 2 images, 3 boxes, 2 classes"), r.out());
        assertTrue(r.out().contains("(coco): 2 images, 3 boxes"), r.out());
        DetectionDataset coco = Datasets.read(dir.resolve("out/coco/annotations.json"));
        assertEquals(List.of("cat", "dog"), coco.classNames());
        assertArrayEquals(new double[] {40, 15, 60, 35, 20, 10, 30, 15}, coco.samples().get(0).boxes(), 1e-9);
        r = run("convert", dir.resolve("out/coco/annotations.json").toString(), "--to", "voc", dir.resolve("out/voc").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("out/voc/Annotations/a.xml")));
        // every box is whole pixels (a.png: 40,15,60,35 and 20,10,30,15; b.png: 10,10,30,30): no rounding note
        assertTrue(!r.out().contains("fractional"), r.out());
        assertEquals(3, Datasets.read(dir.resolve("out/voc")).boxCount());
        assertTrue(!r.err().contains("warning"), r.err());
        // converting again into the same folder, which holds an older extra file: the file is named
        Path old = dir.resolve("out/voc/Annotations/zzz_old.xml");
        text(old, "<annotation/>");
        Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        r = run("convert", dir.resolve("out/coco/annotations.json").toString(), "--to", "voc", dir.resolve("out/voc").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("warning: 1 file(s) under " + dir.resolve("out/voc/Annotations") + " were there before")
                && r.err().contains("zzz_old.xml"), r.err());
    }

    @Test
    void convertStopsOnBadRecordsUnlessAPolicySaysOtherwise() throws IOException {
        text(dir.resolve("ds/labels/b.txt"), "1 0.5 0.5 0.5 0.5", "1 0.5 0.5", "0 0.9 0.5 0.4 0.4");
        Path out = dir.resolve("out/yolo");
        Run r = run("convert", dir.resolve("ds").toString(), "--to", "yolo", out.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("policy fail: 2 problems"), r.err());
        assertTrue(r.err().contains("b.txt:2") && r.err().contains("b.txt:3"), r.err());
        assertFalse(r.err().contains("\tat io.detkit"), "no stack trace: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
        r = run("convert", dir.resolve("ds").toString(), "--to", "yolo", out.toString(), "--policy", "clip");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("policy clip: dropped 0 images, 0 boxes and 1 unreadable records; clipped 1 boxes"), r.err());
        assertEquals("1 0.5 0.5 0.5 0.5\n0 0.85 0.5 0.3 0.4\n", Files.readString(out.resolve("labels/b.txt")));
    }

    @Test
    void convertRejectsUnknownAndReadOnlyFormats() {
        Run r = run("convert", "--from", "kitti", dir.resolve("ds").toString(), "--to", "coco", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown format 'kitti'"), r.err());
        r = run("convert", dir.resolve("ds").toString(), "--to", "dlib", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not write it"), r.err());
    }

    @Test
    void checkPrintsSummaryAndExitsZeroOnCleanData() {
        Run r = run("check", dir.resolve("ds").toString());
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("images 2 (0 without boxes), boxes 3 (0 ignored), classes 2"), r.out());
        assertTrue(r.out().contains("problems: 0 (0 errors, 0 warnings)"), r.out());
        assertTrue(r.out().matches("(?s).*\\n +1 +dog +2\\n.*"), r.out());
    }

    @Test
    void checkExitsOneUnderFailAndListsProblemsWithFileAndLine() throws IOException {
        text(dir.resolve("ds/labels/a.txt"), "0 0.5 0.5 0.2 0.4", "5 0.5 0.5 0.1 0.1", "0 0.5 0.5 0 0.1");
        text(dir.resolve("ds/labels/ghost.txt"), "0 0.5 0.5 0.1 0.1");
        Run r = run("check", dir.resolve("ds/data.yaml").toString());
        assertEquals(1, r.code(), r.out());
        assertTrue(r.out().contains("problems: 3 (2 errors, 1 warnings)"), r.out());
        assertTrue(r.out().contains("error unknown-class " + dir.resolve("ds/labels/a.txt") + ":2: class 5"), r.out());
        assertTrue(r.out().contains("error box-degenerate " + dir.resolve("ds/labels/a.txt") + ":3"), r.out());
        assertTrue(r.out().contains("warning label-without-image " + dir.resolve("ds/labels/ghost.txt")), r.out());
        assertTrue(r.out().contains("policy fail: 2 errors"), r.out());
        r = run("check", dir.resolve("ds/data.yaml").toString(), "--policy", "skip");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("policy skip: dropped 0 images, 1 boxes and 1 unreadable records"), r.out());
        assertTrue(r.out().contains("after the policy: 2 images, 2 boxes"), r.out());
        r = run("check", dir.resolve("ds/data.yaml").toString(), "--max-problems", "1");
        assertTrue(r.out().contains("... 2 more problems"), r.out());
        text(dir.resolve("ds/labels/ghost.txt"));
        Files.delete(dir.resolve("ds/labels/ghost.txt"));
        text(dir.resolve("ds/labels/a.txt"), "0 0.5 0.5 0.2 0.4");
        assertEquals(0, run("check", dir.resolve("ds/data.yaml").toString()).code());
    }

    @Test
    void checkOfUnreadableInputExitsTwoWithAClearMessage() throws IOException {
        Run r = run("check", dir.resolve("nothing").toString());
        assertEquals(2, r.code());
        assertEquals("detkit check: error: " + dir.resolve("nothing") + ": not found", r.err().strip());
        Path json = Files.writeString(dir.resolve("gt.json"), "{\"images\": [\n{\"id\": 1,]}");
        r = run("check", json.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("detkit check: error: " + json + ":2:"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void countsBoxesThatVocWouldRound() {
        // box 0 is whole pixels; box 1 has x1 = 5.5 (one fractional edge is enough); image 2's box is whole
        io.detkit.data.DetectionSample a = io.detkit.data.DetectionSample.of(1, dir.resolve("a.png"), 50, 50,
                new double[] {1, 2, 3, 4, 5.5, 6, 15, 14}, new int[] {0, 0});
        io.detkit.data.DetectionSample b = io.detkit.data.DetectionSample.of(2, dir.resolve("b.png"), 50, 50,
                new double[] {0, 0, 10, 10}, new int[] {0});
        assertEquals(1, ConvertCommand.fractionalBoxes(DetectionDataset.of(List.of("x"), List.of(a, b))));
    }
}
