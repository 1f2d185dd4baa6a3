package io.detkit.data.synth;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;

/**
 * Renders one image of the synthetic dataset from a seed: background, shapes, labels, noise.
 *
 * <p>How labels stay exact: each shape is first rasterised into its own binary mask
 * ({@link ShapeMasks}), then painted through that mask, so the painted pixels are exactly the mask.
 * An owner map records which shape each pixel shows; a later shape takes over the pixels it covers.
 * After the last shape, each box is the tight box of the pixels its shape still owns.
 *
 * <p>Occlusion rule: a shape is placed only where it leaves every earlier shape with at least
 * {@link SynthConfig#minVisibleFraction()} of its painted pixels visible; otherwise another
 * position is tried (up to {@value #TRIES} times) and then the shape is left out. So every shape in
 * the image is labelled, and no label covers a mostly hidden shape. Shapes lie wholly inside the
 * image; larger shapes are drawn first, so small ones lie on top of large ones.
 *
 * <p>Colours: each shape's colour is drawn until it differs (Euclidean BGR distance ≥
 * {@value #MIN_CONTRAST}) from the mean background under it and from every earlier shape near it;
 * after {@value #COLOUR_TRIES} draws the most distinct one is kept. Noise is added last and is not
 * part of any mask.
 */
final class ImageRenderer {
    /** Positions tried per shape before it is left out. */
    static final int TRIES = 30;
    /** Colours drawn per shape at most. */
    static final int COLOUR_TRIES = 16;
    /** Wanted BGR distance of a shape's colour from what lies under and next to it. */
    static final double MIN_CONTRAST = 90;
    /** Diameter bands at 320 px: small, medium, large (box areas below 32², between, above 96²). */
    private static final double[][] BANDS = {{16, 30}, {36, 92}, {104, 168}};
    private static final double[] BAND_CUMULATIVE = {0.4, 0.8, 1.0};
    private static final int MAX_LARGE = 2;
    private static final ShapeClass[] SHAPES = ShapeClass.values();

    private final SynthConfig config;
    private final int size;
    private final double scale;

    /** @param config the settings */
    ImageRenderer(SynthConfig config) {
        this.config = config;
        this.size = config.imageSize();
        this.scale = size / 320.0;
    }

    /**
     * @param seed the image's seed
     * @param keepClean whether to keep a copy of the image before noise
     * @return the image and its labels (close it to release the images)
     */
    RenderedImage render(long seed, boolean keepClean) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Mat canvas = new Mat(size, size, CvType.CV_8UC3);
        Backgrounds.paint(canvas, rnd, config.texturedBackground());
        byte[] owner = new byte[size * size];
        List<Placed> placed = new ArrayList<>();
        for (Planned p : plan(rnd)) {
            Placed q = place(p, canvas, owner, placed, rnd);
            if (q != null) {
                placed.add(q);
            }
        }
        List<RenderedObject> objects = boxes(owner, placed);
        Mat clean = keepClean ? canvas.clone() : null;
        double sigma = rnd.nextDouble() * config.maxNoiseSigma();
        Noise.add(canvas, sigma, rnd);
        return new RenderedImage(canvas, clean, owner, objects);
    }

    private record Planned(ShapeClass shape, double diameter) {}

    private static final class Placed {
        final ShapeClass shape;
        final Bgr colour;
        final Rect roi;
        final int fullPixels;
        int visiblePixels;

        Placed(ShapeClass shape, Bgr colour, Rect roi, int fullPixels) {
            this.shape = shape;
            this.colour = colour;
            this.roi = roi;
            this.fullPixels = fullPixels;
            this.visiblePixels = fullPixels;
        }
    }

    /** Draws the number of shapes, their classes and sizes; largest first. */
    private List<Planned> plan(SplittableRandom rnd) {
        int n = rnd.nextInt(config.minObjects(), config.maxObjects() + 1);
        List<Planned> out = new ArrayList<>(n);
        int large = 0;
        double maxDiameter = size - 8;
        for (int i = 0; i < n; i++) {
            ShapeClass shape = SHAPES[rnd.nextInt(SHAPES.length)];
            double u = rnd.nextDouble();
            int band = u < BAND_CUMULATIVE[0] ? 0 : u < BAND_CUMULATIVE[1] ? 1 : 2;
            if (band == 2 && large == MAX_LARGE) {
                band = 1;
            }
            large += band == 2 ? 1 : 0;
            double d = Math.min(maxDiameter, rnd.nextDouble(BANDS[band][0], BANDS[band][1]) * scale);
            out.add(new Planned(shape, d));
        }
        out.sort(Comparator.comparingDouble(Planned::diameter).reversed());
        return out;
    }

    private Placed place(Planned p, Mat canvas, byte[] owner, List<Placed> placed, SplittableRandom rnd) {
        double r = p.diameter() / 2;
        int[] covered = new int[placed.size()];
        for (int attempt = 0; attempt < TRIES; attempt++) {
            ShapeSpec spec = new ShapeSpec(p.shape(), rnd.nextDouble(r + 2, size - r - 2), rnd.nextDouble(r + 2, size - r - 2),
                    r, rnd.nextDouble(2 * Math.PI), inner(p.shape(), rnd));
            Rect roi = ShapeMasks.bounds(spec, size, size);
            Mat mask = ShapeMasks.draw(spec, roi);
            try {
                byte[] m = new byte[roi.width * roi.height];
                mask.get(0, 0, m);
                Arrays.fill(covered, 0);
                int full = 0;
                for (int y = 0; y < roi.height; y++) {
                    for (int x = 0; x < roi.width; x++) {
                        if (m[y * roi.width + x] != 0) {
                            full++;
                            int o = owner[(roi.y + y) * size + roi.x + x] & 0xff;
                            if (o > 0) {
                                covered[o - 1]++;
                            }
                        }
                    }
                }
                if (full == 0 || !leavesVisible(placed, covered)) {
                    continue;
                }
                Bgr colour = colour(canvas, roi, mask, placed, rnd);
                Mat target = canvas.submat(roi);
                target.setTo(colour.scalar(), mask);
                target.release();
                byte id = (byte) (placed.size() + 1);
                for (int y = 0; y < roi.height; y++) {
                    for (int x = 0; x < roi.width; x++) {
                        if (m[y * roi.width + x] != 0) {
                            owner[(roi.y + y) * size + roi.x + x] = id;
                        }
                    }
                }
                for (int j = 0; j < covered.length; j++) {
                    placed.get(j).visiblePixels -= covered[j];
                }
                return new Placed(p.shape(), colour, roi, full);
            } finally {
                mask.release();
            }
        }
        return null;
    }

    private boolean leavesVisible(List<Placed> placed, int[] covered) {
        for (int j = 0; j < covered.length; j++) {
            Placed q = placed.get(j);
            if (covered[j] > 0 && q.visiblePixels - covered[j] < config.minVisibleFraction() * q.fullPixels) {
                return false;
            }
        }
        return true;
    }

    private static double inner(ShapeClass shape, SplittableRandom rnd) {
        return switch (shape) {
            case STAR -> rnd.nextDouble(0.40, 0.50);
            case CROSS -> rnd.nextDouble(0.26, 0.36);
            case RING -> rnd.nextDouble(0.45, 0.65);
            default -> 0;
        };
    }

    /** A shape colour distinct from the background under the mask and from earlier shapes nearby. */
    private static Bgr colour(Mat canvas, Rect roi, Mat mask, List<Placed> placed, SplittableRandom rnd) {
        Mat under = canvas.submat(roi);
        Bgr background = Bgr.of(Core.mean(under, mask));
        under.release();
        Rect near = new Rect(roi.x - 2, roi.y - 2, roi.width + 4, roi.height + 4);
        List<Bgr> neighbours = new ArrayList<>();
        for (Placed q : placed) {
            if (overlaps(near, q.roi)) {
                neighbours.add(q.colour);
            }
        }
        Bgr best = null;
        double bestContrast = -1;
        for (int i = 0; i < COLOUR_TRIES; i++) {
            Bgr c = Bgr.shape(rnd);
            double contrast = c.distance(background);
            for (Bgr n : neighbours) {
                contrast = Math.min(contrast, c.distance(n));
            }
            if (contrast > bestContrast) {
                best = c;
                bestContrast = contrast;
            }
            if (contrast >= MIN_CONTRAST) {
                break;
            }
        }
        return best;
    }

    private static boolean overlaps(Rect a, Rect b) {
        return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
    }

    /** Tight boxes of the pixels each shape still shows. */
    private List<RenderedObject> boxes(byte[] owner, List<Placed> placed) {
        int n = placed.size();
        int[] x1 = new int[n], y1 = new int[n], x2 = new int[n], y2 = new int[n], count = new int[n];
        Arrays.fill(x1, Integer.MAX_VALUE);
        Arrays.fill(y1, Integer.MAX_VALUE);
        Arrays.fill(x2, -1);
        Arrays.fill(y2, -1);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                int o = (owner[y * size + x] & 0xff) - 1;
                if (o >= 0) {
                    count[o]++;
                    x1[o] = Math.min(x1[o], x);
                    y1[o] = Math.min(y1[o], y);
                    x2[o] = Math.max(x2[o], x);
                    y2[o] = Math.max(y2[o], y);
                }
            }
        }
        List<RenderedObject> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Placed q = placed.get(i);
            if (count[i] != q.visiblePixels) {
                throw new IllegalStateException("visible pixel count drifted for object " + i);
            }
            out.add(new RenderedObject(q.shape, q.colour, x1[i], y1[i], x2[i] + 1, y2[i] + 1, count[i], q.fullPixels));
        }
        return out;
    }
}
