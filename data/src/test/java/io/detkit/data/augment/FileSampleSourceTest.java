package io.detkit.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionSample;
import io.detkit.data.image.OpenCvNatives;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class FileSampleSourceTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    private Path jpeg(String name, int w, int h) {
        Mat m = new Mat(h, w, CvType.CV_8UC3, new Scalar(30, 60, 90));
        Path p = dir.resolve(name);
        assertTrue(Imgcodecs.imwrite(p.toString(), m));
        m.release();
        return p;
    }

    @Test
    void decodesFullAndReducedAndScalesBoxes() throws IOException {
        Path p = jpeg("a.jpg", 640, 480);
        DetectionSample s = DetectionSample.of(1, p, 640, 480, new double[] {100, 100, 200, 300}, new int[] {2});
        try (DecodedSample full = SampleSource.of(List.of(s)).load(0)) {
            assertEquals(640, full.image().cols());
            assertArrayEquals(new double[] {100, 100, 200, 300}, full.boxes(), 0);
        }
        SampleSource reduced = SampleSource.of(List.of(s), 160);
        assertEquals(1, reduced.size());
        try (DecodedSample quarter = reduced.load(0)) {
            assertEquals(160, quarter.image().cols());
            assertEquals(120, quarter.image().rows());
            assertArrayEquals(new double[] {25, 25, 50, 75}, quarter.boxes(), 1e-12);
            assertArrayEquals(new int[] {2}, quarter.classIds());
        }
        // unknown size: decoded at full resolution, boxes untouched
        try (DecodedSample unknown = SampleSource.of(List.of(s.withSize(0, 0)), 160).load(0)) {
            assertEquals(640, unknown.image().cols());
            assertArrayEquals(new double[] {100, 100, 200, 300}, unknown.boxes(), 0);
        }
    }

    @Test
    void sizeDisagreementNamesTheFile() {
        Path p = jpeg("rotated.jpg", 480, 640);
        DetectionSample s = DetectionSample.of(7, p, 640, 480, new double[0], new int[0]);
        IOException e = assertThrows(IOException.class, () -> SampleSource.of(List.of(s)).load(0));
        assertTrue(e.getMessage().contains("rotated.jpg") && e.getMessage().contains("480×640"), e.getMessage());
    }
}
