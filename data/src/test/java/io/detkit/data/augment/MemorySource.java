package io.detkit.data.augment;

import io.detkit.data.image.OpenCvNatives;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.imgproc.Imgproc;

/** A {@link SampleSource} over images held in memory; {@link #load} hands out copies. */
final class MemorySource implements SampleSource, AutoCloseable {
    /** Saturated colours, far from the dark background and from the 114 grey padding. */
    static final double[][] COLOURS = {
        {0, 0, 255}, {0, 255, 0}, {255, 0, 0}, {0, 255, 255}, {255, 0, 255}, {255, 255, 0}, {255, 255, 255}, {0, 128, 255}
    };

    private final List<Mat> images = new ArrayList<>();
    private final List<double[]> boxes = new ArrayList<>();
    private final List<int[]> classes = new ArrayList<>();
    private final List<boolean[]> ignores = new ArrayList<>();

    static {
        OpenCvNatives.load();
    }

    void add(Mat image, double[] b, int[] c, boolean[] ign) {
        images.add(image);
        boxes.add(b);
        classes.add(c);
        ignores.add(ign);
    }

    /**
     * Images of random size, dark noisy background, with up to 4 non-overlapping solid rectangles,
     * each filled with colour {@code COLOURS[class]}; image {@code i}'s boxes have classes chosen so
     * that a box's colour identifies its class. Every second box is flagged ignore.
     */
    static MemorySource synthetic(int count, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        MemorySource src = new MemorySource();
        for (int i = 0; i < count; i++) {
            int w = 200 + rng.nextInt(400), h = 200 + rng.nextInt(400);
            Mat img = new Mat(h, w, CvType.CV_8UC3);
            Mat noise = new Mat(h, w, CvType.CV_8UC3);
            org.opencv.core.Core.randu(noise, 0, 60);
            noise.copyTo(img);
            noise.release();
            int n = 1 + rng.nextInt(4);
            double[] b = new double[4 * n];
            int[] c = new int[n];
            boolean[] ign = new boolean[n];
            // one rectangle per quadrant of the image: they never overlap
            for (int k = 0; k < n; k++) {
                int qx = (k % 2) * (w / 2), qy = (k / 2) * (h / 2);
                int bw = 30 + rng.nextInt(w / 2 - 40), bh = 30 + rng.nextInt(h / 2 - 40);
                int x1 = qx + 5 + rng.nextInt(w / 2 - bw - 9);
                int y1 = qy + 5 + rng.nextInt(h / 2 - bh - 9);
                c[k] = rng.nextInt(COLOURS.length);
                ign[k] = k % 2 == 1;
                double[] col = COLOURS[c[k]];
                Imgproc.rectangle(img, new Point(x1, y1), new Point(x1 + bw - 1, y1 + bh - 1),
                        new Scalar(col[0], col[1], col[2]), Imgproc.FILLED);
                b[4 * k] = x1;
                b[4 * k + 1] = y1;
                b[4 * k + 2] = x1 + bw;
                b[4 * k + 3] = y1 + bh;
            }
            src.add(img, b, c, ign);
        }
        return src;
    }

    @Override
    public int size() {
        return images.size();
    }

    @Override
    public DecodedSample load(int index) {
        return new DecodedSample(images.get(index).clone(), boxes.get(index).clone(), classes.get(index).clone(),
                ignores.get(index).clone());
    }

    @Override
    public void close() {
        images.forEach(Mat::release);
    }
}
