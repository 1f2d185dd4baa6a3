package io.detkit.data.augment;

import java.util.SplittableRandom;
import org.opencv.core.CvType;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

/**
 * Colour jitter in HSV space as Ultralytics' {@code RandomHSV}: the hue turns by up to ±hgain of
 * the colour circle, saturation and value are multiplied by {@code 1 ± sgain} and
 * {@code 1 ± vgain}. Done with one BGR→HSV conversion, one three-channel look-up table and one
 * HSV→BGR conversion, in place. With all three gains zero the image is not touched at all.
 */
final class HsvJitter {
    private HsvJitter() {}

    /** Draws the three factors (always three draws) and applies them to {@code bgr}. */
    static void apply(SplittableRandom rng, Mat bgr, double hgain, double sgain, double vgain) {
        double dh = (2 * rng.nextDouble() - 1) * hgain;
        double ds = (2 * rng.nextDouble() - 1) * sgain;
        double dv = (2 * rng.nextDouble() - 1) * vgain;
        if (hgain != 0 || sgain != 0 || vgain != 0) {
            apply(bgr, dh, ds, dv);
        }
    }

    /**
     * Shifts hue by {@code dh} turns ({@code dh·180} in OpenCV's 0..179 hue), multiplies saturation
     * by {@code 1 + ds} and value by {@code 1 + dv}, rounding and clamping to 0..255.
     */
    static void apply(Mat bgr, double dh, double ds, double dv) {
        byte[] table = new byte[256 * 3];
        for (int x = 0; x < 256; x++) {
            table[3 * x] = (byte) Math.floorMod(Math.round(x + dh * 180), 180);
            table[3 * x + 1] = (byte) clamp(Math.round(x * (1 + ds)));
            table[3 * x + 2] = (byte) clamp(Math.round(x * (1 + dv)));
        }
        Mat lut = new Mat(1, 256, CvType.CV_8UC3);
        Mat hsv = new Mat();
        try {
            lut.put(0, 0, table);
            Imgproc.cvtColor(bgr, hsv, Imgproc.COLOR_BGR2HSV);
            Core.LUT(hsv, lut, hsv);
            Imgproc.cvtColor(hsv, bgr, Imgproc.COLOR_HSV2BGR);
        } finally {
            lut.release();
            hsv.release();
        }
    }

    private static long clamp(long v) {
        return Math.min(255, Math.max(0, v));
    }
}
