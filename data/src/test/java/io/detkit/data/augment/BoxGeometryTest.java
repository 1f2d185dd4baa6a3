package io.detkit.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import io.detkit.data.image.OpenCvNatives;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

class BoxGeometryTest {
    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    private static BoxSet set(double[] boxes, int[] cls, boolean[] ign) {
        BoxSet s = new BoxSet();
        Mat dummy = new Mat(1, 1, CvType.CV_8UC3);
        try (DecodedSample d = new DecodedSample(dummy, boxes, cls, ign)) {
            s.add(d, 1, 1, 0, 0);
        }
        return s;
    }

    @Test
    void flipMapsTheBriefsExample() {
        BoxSet s = set(new double[] {10, 20, 30, 40}, new int[] {0}, new boolean[1]);
        s.flipX(100);
        assertArrayEquals(new double[] {70, 20, 90, 40}, s.boxes(), 0);
        s.flipY(50);
        assertArrayEquals(new double[] {70, 10, 90, 30}, s.boxes(), 0);
    }

    @Test
    void addScalesAndShifts() {
        BoxSet s = new BoxSet();
        Mat dummy = new Mat(1, 1, CvType.CV_8UC3);
        try (DecodedSample d = new DecodedSample(dummy, new double[] {10, 20, 30, 40}, new int[] {2}, new boolean[] {true})) {
            s.add(d, 0.5, 2, 100, -10);
        }
        assertArrayEquals(new double[] {105, 30, 115, 70}, s.boxes(), 0);
        assertArrayEquals(new int[] {2}, s.classIds());
        assertArrayEquals(new boolean[] {true}, s.ignore());
    }

    @Test
    void filterAppliesSizeVisibilityAndAspectAndKeepsLabelsAligned() {
        double[] boxes = {
            0, 0, 10, 10, // kept
            -50, 0, 10, 10, // clipped to 10×10 of 60×10: visibility 1/6
            0, 0, 1.5, 10, // narrower than 2 px
            0, 0, 300, 2.5, // aspect 120
            5, 5, 25, 45 // kept
        };
        BoxSet s = set(boxes, new int[] {1, 2, 3, 4, 5}, new boolean[] {false, true, false, true, true});
        s.clip(400, 400);
        s.filter(2, 0.2, 100);
        assertArrayEquals(new double[] {0, 0, 10, 10, 5, 5, 25, 45}, s.boxes(), 0);
        assertArrayEquals(new int[] {1, 5}, s.classIds());
        assertArrayEquals(new boolean[] {false, true}, s.ignore());

        BoxSet loose = set(boxes, new int[] {1, 2, 3, 4, 5}, new boolean[5]);
        loose.clip(400, 400);
        loose.filter(1, 0.1, 200);
        assertEquals(5, loose.size());
    }

    @Test
    void affineScalesReferenceAreaSoZoomAloneKeepsFullVisibility() {
        // a pure ×2 zoom: the box grows 4× in area, and so does its reference
        BoxSet s = set(new double[] {10, 10, 20, 20}, new int[] {0}, new boolean[1]);
        s.affine(new double[] {2, 0, 0, 0, 2, 0}, 4);
        assertArrayEquals(new double[] {20, 20, 40, 40}, s.boxes(), 0);
        s.filter(0, 1.0, 100);
        assertEquals(1, s.size());
    }

    @Test
    void rotationMatrixTurnsCounterClockwiseOnScreenAboutTheCentre() {
        // 90°: the input's right-middle point goes to the output's top-middle
        RandomAffine.Draw d = new RandomAffine.Draw(90, 1, 0, 0, 50, 50);
        double[] m = RandomAffine.matrix(100, 100, d);
        double x = 100, y = 50;
        assertEquals(50, m[0] * x + m[1] * y + m[2], 1e-9);
        assertEquals(0, m[3] * x + m[4] * y + m[5], 1e-9);
        BoxSet s = set(new double[] {60, 40, 80, 50}, new int[] {0}, new boolean[1]);
        s.affine(m, 1);
        assertArrayEquals(new double[] {40, 20, 50, 40}, s.boxes(), 1e-9);
    }

    @Test
    void scaleAndTranslationMatrix() {
        // zoom 1.5 about the input centre (50, 50), which lands at (60, 40)
        double[] m = RandomAffine.matrix(100, 100, new RandomAffine.Draw(0, 1.5, 0, 0, 60, 40));
        assertArrayEquals(new double[] {1.5, 0, -15, 0, 1.5, -35}, m, 1e-12);
        double[] shifted = RandomAffine.afterShift(m, 10, 20);
        assertArrayEquals(new double[] {1.5, 0, 0, 0, 1.5, -5}, shifted, 1e-12);
    }

    @Test
    void drawsStayInTheirRanges() {
        AugmentConfig c = AugmentConfig.builder().setImageSize(640).optDegrees(10).optShear(3).build();
        SplittableRandom rng = new SplittableRandom(1);
        for (int i = 0; i < 1000; i++) {
            RandomAffine.Draw d = RandomAffine.draw(rng, c, 640);
            assertEquals(true, Math.abs(d.degrees()) <= 10 && Math.abs(d.shearX()) <= 3 && Math.abs(d.shearY()) <= 3);
            assertEquals(true, d.scale() >= 0.5 && d.scale() <= 1.5);
            assertEquals(true, d.centreX() >= 0.4 * 640 && d.centreX() <= 0.6 * 640);
        }
    }

    @Test
    void sampleRandomSeparatesSeedEpochAndIndex() {
        Set<Long> keys = new HashSet<>();
        for (int s = 0; s < 4; s++) {
            for (int e = 0; e < 4; e++) {
                for (int i = 0; i < 4; i++) {
                    keys.add(SampleRandom.key(s, e, i));
                }
            }
        }
        assertEquals(64, keys.size());
        assertEquals(SampleRandom.of(1, 2, 3).nextLong(), SampleRandom.of(1, 2, 3).nextLong());
        assertNotEquals(SampleRandom.key(0, 1, 0), SampleRandom.key(0, 0, 1));
    }
}
