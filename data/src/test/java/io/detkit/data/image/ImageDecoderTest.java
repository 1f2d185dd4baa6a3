package io.detkit.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Scalar;
import org.opencv.imgcodecs.Imgcodecs;

class ImageDecoderTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    private Path write(String name, Mat m) throws IOException {
        MatOfByte buf = new MatOfByte();
        try {
            assertTrue(Imgcodecs.imencode(name.substring(name.lastIndexOf('.')), m, buf));
            Path p = dir.resolve(name);
            Files.write(p, buf.toArray());
            return p;
        } finally {
            buf.release();
            m.release();
        }
    }

    @Test
    void greyscalePngDecodesToThreeEqualChannels() throws IOException {
        Mat g = new Mat(6, 8, CvType.CV_8UC1, new Scalar(77));
        g.put(2, 3, new byte[] {(byte) 200});
        Path p = write("grey.png", g);
        Mat m = ImageDecoder.read(p);
        try {
            assertEquals(CvType.CV_8UC3, m.type());
            assertEquals(8, m.cols());
            assertEquals(6, m.rows());
            assertArrayEquals(new double[] {77, 77, 77}, m.get(0, 0), 0);
            assertArrayEquals(new double[] {200, 200, 200}, m.get(2, 3), 0);
        } finally {
            m.release();
        }
    }

    @Test
    void alphaPngDropsAlpha() throws IOException {
        Path p = write("alpha.png", new Mat(5, 7, CvType.CV_8UC4, new Scalar(10, 20, 30, 128)));
        Mat m = ImageDecoder.read(p);
        try {
            assertEquals(CvType.CV_8UC3, m.type());
            assertArrayEquals(new double[] {10, 20, 30}, m.get(4, 6), 0);
        } finally {
            m.release();
        }
    }

    @Test
    void sixteenBitPngBecomesEightBit() throws IOException {
        Path p = write("deep.png", new Mat(4, 4, CvType.CV_16UC3, new Scalar(65535, 0, 100 * 256)));
        Mat m = ImageDecoder.read(p);
        try {
            assertEquals(CvType.CV_8UC3, m.type());
            assertArrayEquals(new double[] {255, 0, 100}, m.get(1, 1), 1);
        } finally {
            m.release();
        }
    }

    @Test
    void jpegDecodesAndReducedDecodingShrinks() throws IOException {
        Path p = write("photo.jpg", new Mat(480, 640, CvType.CV_8UC3, new Scalar(40, 120, 200)));
        Mat full = ImageDecoder.read(p);
        Mat half = ImageDecoder.read(p, 2);
        Mat eighth = ImageDecoder.read(p, 8);
        try {
            assertEquals(CvType.CV_8UC3, full.type());
            assertEquals(640, full.cols());
            assertEquals(480, full.rows());
            assertEquals(320, half.cols());
            assertEquals(240, half.rows());
            assertEquals(80, eighth.cols());
            assertEquals(60, eighth.rows());
            assertArrayEquals(new double[] {40, 120, 200}, half.get(100, 100), 3);
        } finally {
            full.release();
            half.release();
            eighth.release();
        }
        assertThrows(IllegalArgumentException.class, () -> ImageDecoder.read(p, 3));
    }

    @Test
    void reductionFactorKeepsTheLongSideAtLeastTheTarget() {
        assertEquals(2, ImageDecoder.reductionFactor(640, 480, 320));
        assertEquals(4, ImageDecoder.reductionFactor(640, 480, 100));
        assertEquals(8, ImageDecoder.reductionFactor(4000, 3000, 320));
        assertEquals(1, ImageDecoder.reductionFactor(639, 480, 320));
        assertEquals(1, ImageDecoder.reductionFactor(300, 200, 320));
    }

    @Test
    void errorsNameTheFile() throws IOException {
        Path missing = dir.resolve("nope.jpg");
        IOException e1 = assertThrows(IOException.class, () -> ImageDecoder.read(missing));
        assertTrue(e1.getMessage().contains("not found") && e1.getMessage().contains("nope.jpg"), e1.getMessage());

        Path junk = dir.resolve("junk.png");
        Files.writeString(junk, "this is not an image", StandardCharsets.UTF_8);
        IOException e2 = assertThrows(IOException.class, () -> ImageDecoder.read(junk));
        assertTrue(e2.getMessage().contains("junk.png") && e2.getMessage().contains("cannot decode"), e2.getMessage());

        Path empty = Files.createFile(dir.resolve("empty.jpg"));
        IOException e3 = assertThrows(IOException.class, () -> ImageDecoder.read(empty));
        assertTrue(e3.getMessage().contains("empty.jpg") && e3.getMessage().contains("empty"), e3.getMessage());

        IOException e4 = assertThrows(IOException.class, () -> ImageDecoder.read(dir));
        assertTrue(e4.getMessage().contains(dir.toString()), e4.getMessage());
    }
}
