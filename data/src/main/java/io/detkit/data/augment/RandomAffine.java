package io.detkit.data.augment;

import java.util.SplittableRandom;

/**
 * The random affine of the pipeline (Ultralytics' {@code RandomPerspective} without perspective):
 * move the input's centre to the origin, rotate and scale about it, shear, then move it to a random
 * point near the output's centre. Matrices are 2×3, row-major.
 */
final class RandomAffine {
    private RandomAffine() {}

    /**
     * The drawn parameters.
     *
     * @param degrees rotation, counter-clockwise on screen
     * @param scale zoom factor
     * @param shearX shear along x, degrees
     * @param shearY shear along y, degrees
     * @param centreX where the input centre lands, output pixels
     * @param centreY where the input centre lands, output pixels
     */
    record Draw(double degrees, double scale, double shearX, double shearY, double centreX, double centreY) {}

    /** Draws the six parameters, always in the same order, for an {@code outSize} square output. */
    static Draw draw(SplittableRandom rng, AugmentConfig c, int outSize) {
        double deg = uniform(rng, -c.degrees(), c.degrees());
        double s = uniform(rng, 1 - c.scale(), 1 + c.scale());
        double shx = uniform(rng, -c.shear(), c.shear());
        double shy = uniform(rng, -c.shear(), c.shear());
        double cx = uniform(rng, 0.5 - c.translate(), 0.5 + c.translate()) * outSize;
        double cy = uniform(rng, 0.5 - c.translate(), 0.5 + c.translate()) * outSize;
        return new Draw(deg, s, shx, shy, cx, cy);
    }

    /**
     * The matrix {@code T · Sh · R · C} for an input of {@code inW × inH}: C moves the input centre
     * to the origin, R rotates by {@code degrees} and scales, Sh shears, T moves the origin to
     * {@code (centreX, centreY)}.
     */
    static double[] matrix(double inW, double inH, Draw d) {
        double a = Math.toRadians(d.degrees());
        double cos = Math.cos(a) * d.scale(), sin = Math.sin(a) * d.scale();
        // rotation + scale as in cv2.getRotationMatrix2D (positive angle turns the image
        // counter-clockwise on screen, whose y axis points down)
        double r00 = cos, r01 = sin, r10 = -sin, r11 = cos;
        double tx = Math.tan(Math.toRadians(d.shearX())), ty = Math.tan(Math.toRadians(d.shearY()));
        // shear · rotation
        double m00 = r00 + tx * r10, m01 = r01 + tx * r11;
        double m10 = ty * r00 + r10, m11 = ty * r01 + r11;
        // centre offset: M · (p − c) + t
        double cx = inW / 2.0, cy = inH / 2.0;
        return new double[] {
            m00, m01, d.centreX() - (m00 * cx + m01 * cy),
            m10, m11, d.centreY() - (m10 * cx + m11 * cy)
        };
    }

    /** {@code m · translate(dx, dy)}: the same map applied to points first shifted by (dx, dy). */
    static double[] afterShift(double[] m, double dx, double dy) {
        return new double[] {
            m[0], m[1], m[2] + m[0] * dx + m[1] * dy,
            m[3], m[4], m[5] + m[3] * dx + m[4] * dy
        };
    }

    private static double uniform(SplittableRandom rng, double lo, double hi) {
        return lo + (hi - lo) * rng.nextDouble();
    }
}
