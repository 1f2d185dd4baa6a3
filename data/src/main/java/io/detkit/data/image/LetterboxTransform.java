package io.detkit.data.image;

import io.detkit.metrics.box.Box;

/**
 * The geometry of one letterbox: an image of {@code originalWidth × originalHeight} pixels was
 * scaled by {@code scale} and placed at {@code (padX, padY)} in a {@code width × height} canvas.
 * Maps boxes from original pixels to canvas pixels ({@link #forward}) and back
 * ({@link #inverse}, which clips to the original image), exactly as Ultralytics'
 * {@code scale_boxes} undoes its {@code LetterBox}: {@code inverse(forward(b)) == b} up to
 * floating-point rounding for every box inside the image.
 *
 * @param scale the resize factor (the same on both axes)
 * @param padX left padding in canvas pixels
 * @param padY top padding in canvas pixels
 * @param originalWidth width of the original image
 * @param originalHeight height of the original image
 * @param width canvas width
 * @param height canvas height
 */
public record LetterboxTransform(double scale, int padX, int padY, int originalWidth, int originalHeight, int width,
        int height) {

    /**
     * Checks that the scale and the sizes are positive.
     *
     * @param scale see the record description
     * @param padX see the record description
     * @param padY see the record description
     * @param originalWidth see the record description
     * @param originalHeight see the record description
     * @param width see the record description
     * @param height see the record description
     */
    public LetterboxTransform {
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("letterbox scale must be positive and finite, got " + scale);
        }
        if (originalWidth <= 0 || originalHeight <= 0 || width <= 0 || height <= 0) {
            throw new IllegalArgumentException("letterbox sizes must be positive: original " + originalWidth + "×"
                    + originalHeight + ", canvas " + width + "×" + height);
        }
    }

    /**
     * Maps xyxy boxes from original-image pixels to canvas pixels: {@code x·scale + padX},
     * {@code y·scale + padY}.
     *
     * @param boxes xyxy boxes, {@code 4·n} values (not modified)
     * @return the mapped boxes, a new array
     */
    public double[] forward(double[] boxes) {
        checkLength(boxes);
        double[] out = new double[boxes.length];
        for (int i = 0; i < boxes.length; i += 2) {
            out[i] = boxes[i] * scale + padX;
            out[i + 1] = boxes[i + 1] * scale + padY;
        }
        return out;
    }

    /**
     * Maps xyxy boxes from canvas pixels back to original-image pixels, {@code (x − padX) / scale},
     * and clips them to {@code [0, originalWidth] × [0, originalHeight]}. Use it on predictions
     * made on the letterboxed image.
     *
     * @param boxes xyxy boxes in canvas pixels, {@code 4·n} values (not modified)
     * @return the mapped and clipped boxes, a new array
     */
    public double[] inverse(double[] boxes) {
        checkLength(boxes);
        double[] out = new double[boxes.length];
        for (int i = 0; i < boxes.length; i += 2) {
            out[i] = clip((boxes[i] - padX) / scale, originalWidth);
            out[i + 1] = clip((boxes[i + 1] - padY) / scale, originalHeight);
        }
        return out;
    }

    /**
     * @param box a box in original-image pixels
     * @return the box in canvas pixels
     */
    public Box forward(Box box) {
        double[] b = forward(box.toXyxy());
        return new Box(b[0], b[1], b[2], b[3]);
    }

    /**
     * @param box a box in canvas pixels
     * @return the box in original-image pixels, clipped to the image
     */
    public Box inverse(Box box) {
        double[] b = inverse(box.toXyxy());
        return new Box(b[0], b[1], b[2], b[3]);
    }

    private static double clip(double v, int max) {
        return Math.min(Math.max(v, 0), max);
    }

    private static void checkLength(double[] boxes) {
        if (boxes.length % 4 != 0) {
            throw new IllegalArgumentException("xyxy boxes need 4·n values, got " + boxes.length);
        }
    }
}
