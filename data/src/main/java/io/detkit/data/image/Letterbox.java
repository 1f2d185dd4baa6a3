package io.detkit.data.image;

import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * Resizes an image to fit a {@code width × height} canvas keeping its aspect ratio and pads the
 * rest with grey ({@value #DEFAULT_PAD_VALUE}), centred, with Ultralytics' {@code LetterBox}
 * arithmetic: {@code r = min(H/h, W/w)} (capped at 1 without scale-up), resized size
 * {@code round(w·r) × round(h·r)} (half to even), left/top padding {@code round(d − 0.1)} where
 * {@code d} is half the leftover (an odd leftover puts the extra pixel right/bottom). Immutable and
 * thread-safe.
 */
public final class Letterbox {
    /** The padding grey of Ultralytics and YOLOv5. */
    public static final int DEFAULT_PAD_VALUE = 114;

    static {
        OpenCvNatives.load();
    }

    private final int width;
    private final int height;
    private final boolean scaleUp;
    private final int padValue;

    private Letterbox(int width, int height, boolean scaleUp, int padValue) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("letterbox size must be positive, got " + width + "×" + height);
        }
        if (padValue < 0 || padValue > 255) {
            throw new IllegalArgumentException("pad value must be in 0..255, got " + padValue);
        }
        this.width = width;
        this.height = height;
        this.scaleUp = scaleUp;
        this.padValue = padValue;
    }

    /**
     * A letterbox to a {@code size × size} square that scales small images up and pads with 114.
     *
     * @param size canvas side in pixels
     * @return the letterbox
     */
    public static Letterbox square(int size) {
        return new Letterbox(size, size, true, DEFAULT_PAD_VALUE);
    }

    /**
     * A letterbox to a {@code width × height} canvas that scales small images up and pads with 114.
     *
     * @param width canvas width
     * @param height canvas height
     * @return the letterbox
     */
    public static Letterbox of(int width, int height) {
        return new Letterbox(width, height, true, DEFAULT_PAD_VALUE);
    }

    /**
     * @param scaleUp whether images smaller than the canvas are enlarged (default true); when false
     *     they are only padded
     * @return a copy with the setting
     */
    public Letterbox withScaleUp(boolean scaleUp) {
        return new Letterbox(width, height, scaleUp, padValue);
    }

    /**
     * @param padValue grey level of the padding, 0..255 (default 114)
     * @return a copy with the setting
     */
    public Letterbox withPadValue(int padValue) {
        return new Letterbox(width, height, scaleUp, padValue);
    }

    /** @return canvas width */
    public int width() {
        return width;
    }

    /** @return canvas height */
    public int height() {
        return height;
    }

    /**
     * The geometry this letterbox uses for an image of the given size, without touching pixels.
     *
     * @param imageWidth original width
     * @param imageHeight original height
     * @return the transform
     */
    public LetterboxTransform transformFor(int imageWidth, int imageHeight) {
        if (imageWidth <= 0 || imageHeight <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + imageWidth + "×" + imageHeight);
        }
        double r = Math.min((double) height / imageHeight, (double) width / imageWidth);
        if (!scaleUp) {
            r = Math.min(r, 1.0);
        }
        int newW = resizedSide(imageWidth, r, width);
        int newH = resizedSide(imageHeight, r, height);
        int left = (int) Math.rint((width - newW) / 2.0 - 0.1);
        int top = (int) Math.rint((height - newH) / 2.0 - 0.1);
        return new LetterboxTransform(r, left, top, imageWidth, imageHeight, width, height);
    }

    /**
     * Letterboxes an image. The source is not modified or released.
     *
     * @param image a {@code CV_8UC3} image
     * @return the new canvas (owned by the result) and its transform
     */
    public LetterboxResult apply(Mat image) {
        if (image.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("letterbox expects a CV_8UC3 image, got " + CvType.typeToString(image.type()));
        }
        LetterboxTransform t = transformFor(image.cols(), image.rows());
        int newW = resizedSide(image.cols(), t.scale(), width);
        int newH = resizedSide(image.rows(), t.scale(), height);
        Mat canvas = new Mat(height, width, CvType.CV_8UC3, new Scalar(padValue, padValue, padValue));
        Mat roi = canvas.submat(new Rect(t.padX(), t.padY(), newW, newH));
        try {
            if (newW == image.cols() && newH == image.rows()) {
                image.copyTo(roi);
            } else {
                // the ROI already has the target size and type, so resize writes into the canvas
                Imgproc.resize(image, roi, new Size(newW, newH), 0, 0, Imgproc.INTER_LINEAR);
            }
        } finally {
            roi.release();
        }
        return new LetterboxResult(canvas, t);
    }

    /** {@code round(side·r)} half to even (as Python's round), kept within 1..limit. */
    static int resizedSide(int side, double r, int limit) {
        return (int) Math.max(1, Math.min(limit, Math.rint(side * r)));
    }
}
