package io.detkit.data.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.detkit.metrics.box.Box;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class LetterboxTest {
    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    @Test
    void handCheckedLandscapeToSquare() {
        LetterboxTransform t = Letterbox.square(320).transformFor(640, 480);
        assertEquals(0.5, t.scale());
        assertEquals(0, t.padX());
        assertEquals(40, t.padY());
        assertEquals(640, t.originalWidth());
        assertEquals(480, t.originalHeight());
        assertArrayEquals(new double[] {50, 90, 100, 140}, t.forward(new double[] {100, 100, 200, 200}), 0);
        assertArrayEquals(new double[] {100, 100, 200, 200}, t.inverse(new double[] {50, 90, 100, 140}), 0);
        assertEquals(new Box(50, 90, 100, 140), t.forward(new Box(100, 100, 200, 200)));
    }

    @Test
    void imageIsResizedAndPaddedWithGrey() {
        Mat src = new Mat(480, 640, CvType.CV_8UC3, new Scalar(10, 20, 30));
        try (LetterboxResult r = Letterbox.square(320).apply(src)) {
            Mat img = r.image();
            assertEquals(320, img.cols());
            assertEquals(320, img.rows());
            assertArrayEquals(new double[] {114, 114, 114}, img.get(39, 100), 0);
            assertArrayEquals(new double[] {10, 20, 30}, img.get(40, 100), 0);
            assertArrayEquals(new double[] {10, 20, 30}, img.get(279, 319), 0);
            assertArrayEquals(new double[] {114, 114, 114}, img.get(280, 0), 0);
            assertEquals(40, r.transform().padY());
        } finally {
            src.release();
        }
    }

    @Test
    void oddLeftoverPutsTheExtraPixelBottomRight() {
        // 100×51 → 64: r = 0.64, resized 64 × round(32.64) = 33, leftover 31: top 15, bottom 16
        Letterbox lb = Letterbox.square(64);
        LetterboxTransform t = lb.transformFor(100, 51);
        assertEquals(0.64, t.scale(), 1e-15);
        assertEquals(0, t.padX());
        assertEquals(15, t.padY());
        Mat src = new Mat(51, 100, CvType.CV_8UC3, new Scalar(0, 0, 0));
        try (LetterboxResult r = lb.apply(src)) {
            assertArrayEquals(new double[] {114, 114, 114}, r.image().get(14, 5), 0);
            assertArrayEquals(new double[] {0, 0, 0}, r.image().get(15, 5), 0);
            assertArrayEquals(new double[] {0, 0, 0}, r.image().get(47, 5), 0);
            assertArrayEquals(new double[] {114, 114, 114}, r.image().get(48, 5), 0);
        } finally {
            src.release();
        }
    }

    @Test
    void nonSquareTargetAndNoScaleUp() {
        LetterboxTransform t = Letterbox.of(320, 256).transformFor(640, 480);
        assertEquals(0.5, t.scale());
        assertEquals(0, t.padX());
        assertEquals(8, t.padY()); // 256 − 240 = 16 → 8 each side
        LetterboxTransform small = Letterbox.square(320).withScaleUp(false).transformFor(100, 50);
        assertEquals(1.0, small.scale());
        assertEquals(110, small.padX());
        assertEquals(135, small.padY());
        LetterboxTransform up = Letterbox.square(320).transformFor(100, 50);
        assertEquals(3.2, up.scale(), 1e-15);
        assertEquals(80, up.padY());
    }

    @Test
    void resizedSideRoundsHalfToEvenLikePython() {
        assertEquals(2, Letterbox.resizedSide(5, 0.5, 100)); // round(2.5) = 2
        assertEquals(4, Letterbox.resizedSide(7, 0.5, 100)); // round(3.5) = 4
    }

    @Test
    void inverseOfForwardIsIdentityForBoxesInsideTheImage() {
        SplittableRandom rng = new SplittableRandom(3);
        int[][] cases = {{640, 480, 320, 320}, {333, 517, 320, 320}, {1000, 7, 64, 64}, {640, 480, 640, 384},
            {50, 80, 1280, 1280}, {1920, 1080, 416, 256}};
        for (int[] c : cases) {
            LetterboxTransform t = Letterbox.of(c[2], c[3]).transformFor(c[0], c[1]);
            double[] boxes = new double[4 * 50];
            for (int i = 0; i < 50; i++) {
                double x1 = rng.nextDouble() * c[0], x2 = rng.nextDouble() * c[0];
                double y1 = rng.nextDouble() * c[1], y2 = rng.nextDouble() * c[1];
                boxes[4 * i] = Math.min(x1, x2);
                boxes[4 * i + 1] = Math.min(y1, y2);
                boxes[4 * i + 2] = Math.max(x1, x2);
                boxes[4 * i + 3] = Math.max(y1, y2);
            }
            double[] fwd = t.forward(boxes);
            double[] back = t.inverse(fwd);
            assertArrayEquals(boxes, back, 1e-9);
            for (int i = 0; i < fwd.length; i += 2) {
                // forward lands inside the resized image area
                assertEquals(true, fwd[i] >= t.padX() - 1e-9 && fwd[i] <= t.padX() + c[0] * t.scale() + 1e-9);
                assertEquals(true, fwd[i + 1] >= t.padY() - 1e-9 && fwd[i + 1] <= t.padY() + c[1] * t.scale() + 1e-9);
            }
        }
    }

    @Test
    void inverseClipsToTheOriginalImage() {
        LetterboxTransform t = Letterbox.square(320).transformFor(640, 480);
        assertArrayEquals(new double[] {0, 0, 640, 480}, t.inverse(new double[] {-5, 0, 320, 320}), 0);
        assertArrayEquals(new double[] {0, 0, 20, 0}, t.inverse(new double[] {0, 10, 10, 20}), 0);
    }

    @Test
    void rejectsBadInput() {
        LetterboxTransform t = Letterbox.square(320).transformFor(640, 480);
        assertThrows(IllegalArgumentException.class, () -> t.forward(new double[3]));
        assertThrows(IllegalArgumentException.class, () -> Letterbox.square(0));
        Mat grey = new Mat(10, 10, CvType.CV_8UC1);
        try {
            assertThrows(IllegalArgumentException.class, () -> Letterbox.square(32).apply(grey));
        } finally {
            grey.release();
        }
    }
}
