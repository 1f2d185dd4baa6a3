package io.detkit.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.detkit.data.image.OpenCvNatives;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class HsvJitterTest {
    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    private static byte[] bytes(Mat m) {
        byte[] b = new byte[(int) m.total() * 3];
        m.get(0, 0, b);
        return b;
    }

    @Test
    void zeroGainsLeaveEveryByteAlone() {
        Mat m = new Mat(32, 48, CvType.CV_8UC3);
        Core.randu(m, 0, 256);
        byte[] before = bytes(m);
        HsvJitter.apply(new SplittableRandom(1), m, 0, 0, 0);
        assertArrayEquals(before, bytes(m));
        m.release();
    }

    @Test
    void valueGainScalesBrightnessAndSaturationLeavesGreyAlone() {
        Mat grey = new Mat(4, 4, CvType.CV_8UC3, new Scalar(100, 100, 100));
        HsvJitter.apply(grey, 0.3, 0.9, -0.5);
        assertArrayEquals(new double[] {50, 50, 50}, grey.get(2, 2), 0);
        grey.release();
    }

    @Test
    void hueShiftTurnsRedTowardsGreen() {
        // pure red has hue 0; a third of the circle (60 of OpenCV's 180) is pure green
        Mat red = new Mat(2, 2, CvType.CV_8UC3, new Scalar(0, 0, 255));
        HsvJitter.apply(red, 1.0 / 3, 0, 0);
        assertArrayEquals(new double[] {0, 255, 0}, red.get(0, 0), 0);
        // and a negative shift wraps around to blue (hue 120)
        Mat red2 = new Mat(2, 2, CvType.CV_8UC3, new Scalar(0, 0, 255));
        HsvJitter.apply(red2, -1.0 / 3, 0, 0);
        assertArrayEquals(new double[] {255, 0, 0}, red2.get(1, 1), 0);
        red.release();
        red2.release();
    }
}
