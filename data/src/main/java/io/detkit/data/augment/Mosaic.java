package io.detkit.data.augment;

import java.io.IOException;
import java.util.SplittableRandom;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;

/**
 * The 4-image mosaic of YOLOv4/Ultralytics: a {@code 2s × 2s} grey canvas, a random centre
 * {@code (xc, yc)} in {@code [s/2, 3s/2)²}, and four images (the requested one and three random
 * ones), each resized so its longer side is {@code s}, placed in the four quadrants so that they
 * touch the centre: top-left ends at the centre, top-right starts at {@code xc}, bottom-left starts
 * at {@code yc}, bottom-right starts at the centre. Parts that fall outside the canvas are cut off;
 * images never overlap.
 */
final class Mosaic {
    private Mosaic() {}

    /**
     * Builds the canvas and appends the four images' boxes, in canvas pixels and not yet clipped,
     * to {@code boxes}. Draws the centre (2 draws) and the three extra indices (3 draws).
     *
     * @return the {@code 2s × 2s} canvas, owned by the caller
     */
    static Mat build(SplittableRandom rng, int index, SampleSource source, int s, int pad, BoxSet boxes)
            throws IOException {
        int xc = (int) (s / 2.0 + s * rng.nextDouble());
        int yc = (int) (s / 2.0 + s * rng.nextDouble());
        int n = source.size();
        int[] indices = {index, rng.nextInt(n), rng.nextInt(n), rng.nextInt(n)};
        Mat canvas = new Mat(2 * s, 2 * s, CvType.CV_8UC3, new Scalar(pad, pad, pad));
        try {
            for (int q = 0; q < 4; q++) {
                place(q, indices[q], source, s, xc, yc, canvas, boxes);
            }
            return canvas;
        } catch (IOException | RuntimeException | Error e) {
            canvas.release();
            throw e;
        }
    }

    private static void place(int q, int index, SampleSource source, int s, int xc, int yc, Mat canvas, BoxSet boxes)
            throws IOException {
        try (DecodedSample d = source.load(index)) {
            Augmenter.checkImage(d, index);
            Mat img = Augmenter.resizeToLongSide(d.image(), s);
            try {
                int w = img.cols(), h = img.rows();
                int c = 2 * s;
                // destination rectangle [x1a, x2a) × [y1a, y2a) on the canvas
                int x1a = (q == 0 || q == 2) ? Math.max(xc - w, 0) : xc;
                int x2a = (q == 0 || q == 2) ? xc : Math.min(xc + w, c);
                int y1a = (q == 0 || q == 1) ? Math.max(yc - h, 0) : yc;
                int y2a = (q == 0 || q == 1) ? yc : Math.min(yc + h, c);
                // the matching part of the image: left/top-aligned images keep their right/bottom edge
                int x1b = (q == 0 || q == 2) ? w - (x2a - x1a) : 0;
                int y1b = (q == 0 || q == 1) ? h - (y2a - y1a) : 0;
                int rw = x2a - x1a, rh = y2a - y1a;
                if (rw > 0 && rh > 0) {
                    Mat from = img.submat(new Rect(x1b, y1b, rw, rh));
                    Mat to = canvas.submat(new Rect(x1a, y1a, rw, rh));
                    try {
                        from.copyTo(to);
                    } finally {
                        from.release();
                        to.release();
                    }
                }
                double sx = w / (double) d.image().cols(), sy = h / (double) d.image().rows();
                boxes.add(d, sx, sy, x1a - x1b, y1a - y1b);
            } finally {
                if (img != d.image()) {
                    img.release();
                }
            }
        }
    }
}
