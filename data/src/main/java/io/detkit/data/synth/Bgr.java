package io.detkit.data.synth;

import java.util.SplittableRandom;
import org.opencv.core.Scalar;

/**
 * An 8-bit colour in OpenCV's channel order, with the two palettes of the generator: vivid or
 * neutral colours for shapes, muted ones for backgrounds.
 */
record Bgr(int b, int g, int r) {

    /** @return the colour as an OpenCV scalar */
    Scalar scalar() {
        return new Scalar(b, g, r);
    }

    /**
     * @param o another colour
     * @return Euclidean distance in BGR space to {@code o}
     */
    double distance(Bgr o) {
        int db = b - o.b, dg = g - o.g, dr = r - o.r;
        return Math.sqrt(db * db + dg * dg + dr * dr);
    }

    /**
     * @param s a scalar whose first three channels are BGR
     * @return its colour, rounded and clamped to 8 bits
     */
    static Bgr of(Scalar s) {
        return new Bgr(clamp(s.val[0]), clamp(s.val[1]), clamp(s.val[2]));
    }

    /**
     * A shape colour: 80 % saturated and bright of any hue, 20 % near-black or near-white.
     *
     * @param rnd randomness
     * @return the colour
     */
    static Bgr shape(SplittableRandom rnd) {
        if (rnd.nextDouble() < 0.8) {
            return hsv(rnd.nextDouble(360), rnd.nextDouble(0.55, 1.0), rnd.nextDouble(0.55, 1.0));
        }
        double v = rnd.nextBoolean() ? rnd.nextDouble(0.0, 0.2) : rnd.nextDouble(0.85, 1.0);
        return hsv(rnd.nextDouble(360), rnd.nextDouble(0.0, 0.15), v);
    }

    /**
     * A background colour: low saturation, mid brightness.
     *
     * @param rnd randomness
     * @return the colour
     */
    static Bgr muted(SplittableRandom rnd) {
        return hsv(rnd.nextDouble(360), rnd.nextDouble(0.0, 0.4), rnd.nextDouble(0.15, 0.8));
    }

    /**
     * @param h hue in degrees [0, 360)
     * @param s saturation in [0, 1]
     * @param v value in [0, 1]
     * @return the colour
     */
    static Bgr hsv(double h, double s, double v) {
        double c = v * s;
        double hp = (h % 360) / 60.0;
        double x = c * (1 - Math.abs(hp % 2 - 1));
        double r1, g1, b1;
        switch ((int) hp) {
            case 0 -> { r1 = c; g1 = x; b1 = 0; }
            case 1 -> { r1 = x; g1 = c; b1 = 0; }
            case 2 -> { r1 = 0; g1 = c; b1 = x; }
            case 3 -> { r1 = 0; g1 = x; b1 = c; }
            case 4 -> { r1 = x; g1 = 0; b1 = c; }
            default -> { r1 = c; g1 = 0; b1 = x; }
        }
        double m = v - c;
        return new Bgr(clamp(255 * (b1 + m)), clamp(255 * (g1 + m)), clamp(255 * (r1 + m)));
    }

    private static int clamp(double x) {
        return (int) Math.max(0, Math.min(255, Math.round(x)));
    }
}
