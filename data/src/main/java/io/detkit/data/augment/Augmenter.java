package io.detkit.data.augment;

import io.detkit.data.image.OpenCvNatives;
import java.io.IOException;
import java.util.Objects;
import java.util.SplittableRandom;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The training-time augmentation pipeline, in Ultralytics' order:
 *
 * <ol>
 *   <li>with probability {@code mosaicProb}, a 4-image {@linkplain Mosaic mosaic} on a
 *       {@code 2s × 2s} canvas (boxes clipped to it); otherwise the image resized so its longer
 *       side is {@code s} and letterboxed (centred, grey) to {@code s × s};
 *   <li>a random affine (rotation, scale, shear, translation) to the {@code s × s} output, in one
 *       {@code warpAffine}; boxes become the bounding boxes of their transformed corners and are
 *       clipped to the output;
 *   <li>box filtering: width and height ≥ {@code minBoxSize}, visible area ≥ {@code minVisibility}
 *       of the box's scaled original area, aspect ratio ≤ {@code maxAspectRatio}; class ids and
 *       ignore flags follow their boxes;
 *   <li>HSV jitter (look-up table), then left-right and up-down flips.
 * </ol>
 *
 * <p>Every random number comes from one {@link SplittableRandom} derived from
 * {@code (seed, epoch, index)} ({@link SampleRandom}), so a sample is the same bytes whichever thread
 * makes it and whenever. Resizing is bilinear. The augmenter is immutable and thread-safe; every
 * {@code Mat} it creates is released, except the output owned by the returned sample.
 */
public final class Augmenter {
    static {
        OpenCvNatives.load();
    }

    private final AugmentConfig config;

    /**
     * @param config the pipeline settings
     */
    public Augmenter(AugmentConfig config) {
        this.config = Objects.requireNonNull(config, "config");
    }

    /** @return the pipeline settings */
    public AugmentConfig config() {
        return config;
    }

    /**
     * Augments sample {@code index} of {@code source} with the random stream of
     * {@code (seed, epoch, index)}.
     *
     * @param seed run seed
     * @param epoch epoch number
     * @param index sample index, 0 ≤ index &lt; source.size()
     * @param source where the sample and the mosaic partners are decoded from
     * @return the augmented sample, owned by the caller
     * @throws IOException if an image cannot be read
     */
    public AugmentedSample apply(long seed, int epoch, int index, SampleSource source) throws IOException {
        return apply(SampleRandom.of(seed, epoch, index), index, source);
    }

    /**
     * Augments sample {@code index} of {@code source} drawing from {@code rng}.
     *
     * @param rng the random stream (advanced by this call)
     * @param index sample index
     * @param source the sample source
     * @return the augmented sample, owned by the caller
     * @throws IOException if an image cannot be read
     */
    public AugmentedSample apply(SplittableRandom rng, int index, SampleSource source) throws IOException {
        Objects.checkIndex(index, source.size());
        int s = config.imageSize();
        BoxSet boxes = new BoxSet();
        Mat out = new Mat();
        try {
            boolean mosaic = rng.nextDouble() < config.mosaicProb();
            if (mosaic) {
                Mat canvas = Mosaic.build(rng, index, source, s, config.padValue(), boxes);
                try {
                    boxes.clip(canvas.cols(), canvas.rows());
                    RandomAffine.Draw d = RandomAffine.draw(rng, config, s);
                    double[] m = RandomAffine.matrix(canvas.cols(), canvas.rows(), d);
                    warp(canvas, out, m, s);
                    boxes.affine(m, d.scale() * d.scale());
                } finally {
                    canvas.release();
                }
            } else {
                try (DecodedSample d = source.load(index)) {
                    checkImage(d, index);
                    Mat img = resizeToLongSide(d.image(), s);
                    try {
                        int w = img.cols(), h = img.rows();
                        boxes.add(d, w / (double) d.image().cols(), h / (double) d.image().rows(), 0, 0);
                        // letterbox to s × s (Ultralytics' rounding), folded into the affine
                        int padX = (int) Math.rint((s - w) / 2.0 - 0.1);
                        int padY = (int) Math.rint((s - h) / 2.0 - 0.1);
                        RandomAffine.Draw a = RandomAffine.draw(rng, config, s);
                        double[] m = RandomAffine.afterShift(RandomAffine.matrix(s, s, a), padX, padY);
                        warp(img, out, m, s);
                        boxes.affine(m, a.scale() * a.scale());
                    } finally {
                        if (img != d.image()) {
                            img.release();
                        }
                    }
                }
            }
            boxes.clip(s, s);
            boxes.filter(config.minBoxSize(), config.minVisibility(), config.maxAspectRatio());
            HsvJitter.apply(rng, out, config.hsvH(), config.hsvS(), config.hsvV());
            if (rng.nextDouble() < config.flipProb()) {
                Core.flip(out, out, 1);
                boxes.flipX(s);
            }
            if (rng.nextDouble() < config.flipUdProb()) {
                Core.flip(out, out, 0);
                boxes.flipY(s);
            }
            return new AugmentedSample(out, boxes.boxes(), boxes.classIds(), boxes.ignore());
        } catch (IOException | RuntimeException | Error e) {
            out.release();
            throw e;
        }
    }

    private void warp(Mat src, Mat dst, double[] m, int s) {
        Mat mm = new Mat(2, 3, CvType.CV_64F);
        try {
            mm.put(0, 0, m);
            int p = config.padValue();
            Imgproc.warpAffine(src, dst, mm, new Size(s, s), Imgproc.INTER_LINEAR, Core.BORDER_CONSTANT,
                    new Scalar(p, p, p));
        } finally {
            mm.release();
        }
    }

    /**
     * Ultralytics' {@code load_image} resize: longer side to {@code s}, the other
     * {@code ceil(side·s/long)} (capped at {@code s}), bilinear.
     *
     * @return {@code image} itself when it already has that size, else a new {@code Mat}
     */
    static Mat resizeToLongSide(Mat image, int s) {
        int w0 = image.cols(), h0 = image.rows();
        int longSide = Math.max(w0, h0);
        if (longSide == s) {
            return image;
        }
        int w = (int) Math.min(s, Math.max(1, ((long) w0 * s + longSide - 1) / longSide));
        int h = (int) Math.min(s, Math.max(1, ((long) h0 * s + longSide - 1) / longSide));
        Mat out = new Mat();
        Imgproc.resize(image, out, new Size(w, h), 0, 0, Imgproc.INTER_LINEAR);
        return out;
    }

    static void checkImage(DecodedSample d, int index) {
        Mat m = d.image();
        if (m.empty() || m.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("sample " + index + ": the source must decode to a non-empty CV_8UC3 image, got "
                    + (m.empty() ? "an empty image" : CvType.typeToString(m.type())));
        }
    }
}
