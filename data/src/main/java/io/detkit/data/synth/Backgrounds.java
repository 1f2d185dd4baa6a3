package io.detkit.data.synth;

import java.util.SplittableRandom;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Paints the background of an image before the shapes: one muted colour, or (textured) a flat,
 * linear-gradient or radial-gradient base, soft blurred blobs and thin straight lines, all in muted
 * colours so they do not look like the vivid shapes.
 */
final class Backgrounds {
    /** Steps of a gradient ramp: finer than the 8-bit colour steps of any ramp between muted colours. */
    private static final int LEVELS = 1024;

    private Backgrounds() {}

    /**
     * @param canvas a {@code CV_8UC3} image to overwrite
     * @param rnd randomness
     * @param textured whether to add gradient, blobs and lines
     */
    static void paint(Mat canvas, SplittableRandom rnd, boolean textured) {
        Bgr base = Bgr.muted(rnd);
        if (!textured) {
            canvas.setTo(base.scalar());
            return;
        }
        int w = canvas.cols(), h = canvas.rows();
        double scale = Math.min(w, h) / 320.0;
        gradient(canvas, base, Bgr.muted(rnd), rnd.nextInt(3), rnd);
        int blobs = rnd.nextInt(0, 8);
        if (blobs > 0) {
            blobs(canvas, blobs, scale, rnd);
        }
        int lines = rnd.nextInt(0, 9);
        for (int i = 0; i < lines; i++) {
            Point a = new Point(rnd.nextDouble(w), rnd.nextDouble(h));
            Point b = new Point(rnd.nextDouble(w), rnd.nextDouble(h));
            Imgproc.line(canvas, a, b, Bgr.muted(rnd).scalar(), rnd.nextInt(1, 3), Imgproc.LINE_AA);
        }
    }

    /**
     * Soft blobs: filled ellipses blurred with a Gaussian of σ 3–8 px (at 320). Drawn and blurred at
     * a quarter of the resolution and scaled back up, which looks the same on these smooth layers
     * and costs a small fraction of a full-size blur.
     */
    private static void blobs(Mat canvas, int count, double scale, SplittableRandom rnd) {
        int w = canvas.cols(), h = canvas.rows();
        double f = 0.25;
        Mat small = new Mat();
        try {
            Imgproc.resize(canvas, small, new Size(Math.max(1, Math.round(w * f)), Math.max(1, Math.round(h * f))), 0, 0,
                    Imgproc.INTER_AREA);
            for (int i = 0; i < count; i++) {
                Point c = new Point(rnd.nextDouble(w) * f, rnd.nextDouble(h) * f);
                Size axes = new Size(rnd.nextDouble(15, 80) * scale * f, rnd.nextDouble(15, 80) * scale * f);
                Imgproc.ellipse(small, c, axes, rnd.nextDouble(180), 0, 360, Bgr.muted(rnd).scalar(), -1, Imgproc.LINE_8);
            }
            Imgproc.GaussianBlur(small, small, new Size(0, 0), rnd.nextDouble(3, 8) * scale * f);
            Imgproc.resize(small, canvas, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
        } finally {
            small.release();
        }
    }

    /** kind 0: flat {@code a}; 1: linear from {@code a} to {@code b} at a random angle; 2: radial. */
    private static void gradient(Mat canvas, Bgr a, Bgr b, int kind, SplittableRandom rnd) {
        int w = canvas.cols(), h = canvas.rows();
        if (kind == 0) {
            canvas.setTo(a.scalar());
            return;
        }
        double angle = rnd.nextDouble(2 * Math.PI);
        double dx = StrictMath.cos(angle), dy = StrictMath.sin(angle);
        double px = rnd.nextDouble(w), py = rnd.nextDouble(h);
        double reach = kind == 1 ? Math.abs(dx) * w + Math.abs(dy) * h : Math.sqrt((double) w * w + (double) h * h) * rnd.nextDouble(0.4, 1.0);
        double offset = kind == 1 ? Math.min(0, dx * w) + Math.min(0, dy * h) : 0;
        // colours of LEVELS + 1 evenly spaced points of the ramp; each pixel picks the nearest
        byte[] lut = new byte[3 * (LEVELS + 1)];
        for (int l = 0; l <= LEVELS; l++) {
            double t = (double) l / LEVELS;
            lut[3 * l] = (byte) Math.round(a.b() + t * (b.b() - a.b()));
            lut[3 * l + 1] = (byte) Math.round(a.g() + t * (b.g() - a.g()));
            lut[3 * l + 2] = (byte) Math.round(a.r() + t * (b.r() - a.r()));
        }
        byte[] px3 = new byte[w * h * 3];
        for (int y = 0, i = 0; y < h; y++) {
            for (int x = 0; x < w; x++, i += 3) {
                double t = kind == 1 ? (x * dx + y * dy - offset) / reach : Math.sqrt((x - px) * (x - px) + (y - py) * (y - py)) / reach;
                int l = 3 * (int) (Math.min(1, Math.max(0, t)) * LEVELS + 0.5);
                px3[i] = lut[l];
                px3[i + 1] = lut[l + 1];
                px3[i + 2] = lut[l + 2];
            }
        }
        canvas.put(0, 0, px3);
    }
}
