package io.detkit.data.synth;

import java.util.List;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfPoint;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/**
 * Rasterises one shape into a binary mask with OpenCV's non-antialiased (8-connected) drawing, so
 * that every pixel is either wholly the shape's colour or untouched: the mask is exactly the set of
 * pixels the shape paints. Polygons use 4 fractional bits of vertex precision; circles and rings use
 * OpenCV's integer circle rasteriser.
 */
final class ShapeMasks {
    private static final int SHIFT = 4;
    private static final double ONE = 1 << SHIFT;
    private static final Scalar ON = new Scalar(255);
    private static final Scalar OFF = new Scalar(0);

    private ShapeMasks() {}

    /**
     * The pixel rectangle that holds the whole shape, with one pixel of margin, clipped to the image.
     *
     * @param s the shape
     * @param width image width
     * @param height image height
     * @return the rectangle
     */
    static Rect bounds(ShapeSpec s, int width, int height) {
        int x0 = Math.max(0, (int) Math.floor(s.cx() - s.radius()) - 1);
        int y0 = Math.max(0, (int) Math.floor(s.cy() - s.radius()) - 1);
        int x1 = Math.min(width, (int) Math.ceil(s.cx() + s.radius()) + 2);
        int y1 = Math.min(height, (int) Math.ceil(s.cy() + s.radius()) + 2);
        return new Rect(x0, y0, x1 - x0, y1 - y0);
    }

    /**
     * Draws the shape into a new mask covering {@code roi}.
     *
     * @param s the shape, in image coordinates
     * @param roi the part of the image the mask covers
     * @return a {@code CV_8UC1} mask of the size of {@code roi}: 255 on the shape, 0 elsewhere (the
     *     caller releases it)
     */
    static Mat draw(ShapeSpec s, Rect roi) {
        Mat mask = Mat.zeros(roi.height, roi.width, CvType.CV_8UC1);
        double cx = s.cx() - roi.x, cy = s.cy() - roi.y, r = s.radius();
        switch (s.shape()) {
            case CIRCLE -> disc(mask, cx, cy, r, ON);
            case RING -> {
                disc(mask, cx, cy, r, ON);
                disc(mask, cx, cy, r * s.inner(), OFF);
            }
            case SQUARE -> polygon(mask, cx, cy, regular(4, r, s.rotation() + Math.PI / 4));
            case TRIANGLE -> polygon(mask, cx, cy, regular(3, r, s.rotation() - Math.PI / 2));
            case STAR -> polygon(mask, cx, cy, star(r, s.inner(), s.rotation() - Math.PI / 2));
            case CROSS -> polygon(mask, cx, cy, cross(r, s.inner(), s.rotation()));
            default -> throw new IllegalStateException("no geometry for " + s.shape());
        }
        return mask;
    }

    private static void disc(Mat mask, double cx, double cy, double r, Scalar value) {
        Imgproc.circle(mask, new Point(Math.round(cx), Math.round(cy)), (int) Math.round(r), value, -1, Imgproc.LINE_8, 0);
    }

    /** Polygon vertices relative to the centre, as {x0, y0, x1, y1, ...}. */
    private static double[] regular(int n, double r, double start) {
        double[] v = new double[2 * n];
        for (int i = 0; i < n; i++) {
            double a = start + 2 * Math.PI * i / n;
            v[2 * i] = r * StrictMath.cos(a);
            v[2 * i + 1] = r * StrictMath.sin(a);
        }
        return v;
    }

    private static double[] star(double r, double innerRatio, double start) {
        double[] v = new double[20];
        for (int i = 0; i < 10; i++) {
            double a = start + Math.PI * i / 5;
            double rr = i % 2 == 0 ? r : r * innerRatio;
            v[2 * i] = rr * StrictMath.cos(a);
            v[2 * i + 1] = rr * StrictMath.sin(a);
        }
        return v;
    }

    /** A plus sign whose arms reach {@code r} along the axes (before rotation), half-width {@code t·r}. */
    private static double[] cross(double r, double halfWidthRatio, double rotation) {
        double t = r * halfWidthRatio;
        // arm ends are squared off: the corners of an arm end lie at distance sqrt(l² + t²) = r
        double l = Math.sqrt(r * r - t * t);
        double[] base = {t, l, t, t, l, t, l, -t, t, -t, t, -l, -t, -l, -t, -t, -l, -t, -l, t, -t, t, -t, l};
        double c = StrictMath.cos(rotation), s = StrictMath.sin(rotation);
        double[] v = new double[base.length];
        for (int i = 0; i < base.length; i += 2) {
            v[i] = c * base[i] - s * base[i + 1];
            v[i + 1] = s * base[i] + c * base[i + 1];
        }
        return v;
    }

    private static void polygon(Mat mask, double cx, double cy, double[] v) {
        Point[] pts = new Point[v.length / 2];
        for (int i = 0; i < pts.length; i++) {
            pts[i] = new Point(Math.round((cx + v[2 * i]) * ONE), Math.round((cy + v[2 * i + 1]) * ONE));
        }
        MatOfPoint poly = new MatOfPoint(pts);
        try {
            Imgproc.fillPoly(mask, List.of(poly), ON, Imgproc.LINE_8, SHIFT, new Point(0, 0));
        } finally {
            poly.release();
        }
    }
}
