package io.detkit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.augment.AugmentationGrid;
import io.detkit.data.image.ImageDecoder;
import io.detkit.data.image.OpenCvNatives;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;
import picocli.CommandLine;

class ShowAugCommandTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    private Path yoloFolder() throws IOException {
        Path images = Files.createDirectories(dir.resolve("ds/images/train"));
        Path labels = Files.createDirectories(dir.resolve("ds/labels/train"));
        for (int i = 0; i < 3; i++) {
            Mat m = new Mat(120, 200, CvType.CV_8UC3, new Scalar(40 * i, 90, 160));
            assertTrue(Imgcodecs.imwrite(images.resolve("img" + i + ".jpg").toString(), m));
            m.release();
        }
        Files.writeString(labels.resolve("img0.txt"), "0 0.5 0.5 0.5 0.5\n1 0.25 0.25 0.1 0.2\n");
        Files.writeString(labels.resolve("img1.txt"), "1 0.1 0.1 0.3 0.1 0.3 0.5 0.1 0.5\n");
        return dir.resolve("ds");
    }

    @Test
    void writesAGridOfTheRequestedShape() throws IOException {
        Path data = yoloFolder();
        Path png = dir.resolve("out/grid.png");
        StringWriter sw = new StringWriter();
        CommandLine cl = new CommandLine(new ShowAugCommand());
        cl.setOut(new PrintWriter(sw));
        int code = cl.execute(data.toString(), "--out", png.toString(), "--size", "96", "--tile", "0", "--count", "5",
                "--cols", "2", "--names", "cat,dog", "--seed", "3");
        assertEquals(0, code, sw.toString());
        assertTrue(sw.toString().contains("3 images, 2 classes; 5 augmented samples"), sw.toString());
        Mat grid = ImageDecoder.read(png);
        try {
            assertEquals(2 * 96 + 3 * AugmentationGrid.GAP, grid.cols());
            assertEquals(3 * 96 + 4 * AugmentationGrid.GAP, grid.rows());
        } finally {
            grid.release();
        }
    }

    @Test
    void yoloFolderReaderConvertsNormalisedBoxesAndPolygons() throws IOException {
        Path data = yoloFolder();
        DetectionDataset ds = new YoloFolderSource(List.of(), 10).load(data);
        assertEquals(List.of("0", "1"), ds.classNames());
        assertEquals(3, ds.samples().size());
        DetectionSample s0 = ds.samples().get(0);
        assertEquals(200, s0.width());
        assertEquals(120, s0.height());
        assertArrayEquals(new double[] {50, 30, 150, 90, 40, 18, 60, 42}, s0.boxes(), 1e-9);
        assertArrayEquals(new int[] {0, 1}, s0.classIds());
        assertArrayEquals(new double[] {20, 12, 60, 60}, ds.samples().get(1).boxes(), 1e-9);
        assertEquals(0, ds.samples().get(2).size());
        assertEquals(2, new YoloFolderSource(List.of(), 2).load(data).samples().size());
    }

    @Test
    void labelsFolderIsTheImagesFolderWithImagesReplaced() {
        Path p = Path.of("/d/coco/images/train2017");
        assertEquals(Path.of("/d/coco/labels/train2017"), YoloFolderSource.labelsFolderFor(p));
        assertEquals(Path.of("/d/flat"), YoloFolderSource.labelsFolderFor(Path.of("/d/flat")));
    }

    @Test
    void badLabelsNameTheFileAndLine() throws IOException {
        Path data = yoloFolder();
        Files.writeString(data.resolve("labels/train/img2.txt"), "0 0.5 0.5 0.1 0.1\n5 0.5 0.5 0.1 0.1\n");
        IOException e = assertThrows(IOException.class, () -> new YoloFolderSource(List.of("a", "b"), 10).load(data));
        assertTrue(e.getMessage().contains("img2.txt line 2") && e.getMessage().contains("class 5"), e.getMessage());
        Files.writeString(data.resolve("labels/train/img2.txt"), "0 0.5 x 0.1 0.1\n");
        IOException e2 = assertThrows(IOException.class, () -> new YoloFolderSource(List.of(), 10).load(data));
        assertTrue(e2.getMessage().contains("img2.txt line 1: field 3 'x'"), e2.getMessage());
        IOException e3 = assertThrows(IOException.class, () -> new YoloFolderSource(List.of(), 10).load(dir.resolve("none")));
        assertTrue(e3.getMessage().contains("none"), e3.getMessage());
    }
}
