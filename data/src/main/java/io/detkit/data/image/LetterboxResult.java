package io.detkit.data.image;

import org.opencv.core.Mat;

/**
 * A letterboxed image and the transform that maps boxes into it and back. Closing it releases the
 * image.
 *
 * @param image the letterboxed image, {@code CV_8UC3}, owned by this result
 * @param transform the geometry of the letterbox
 */
public record LetterboxResult(Mat image, LetterboxTransform transform) implements AutoCloseable {

    /** Releases {@link #image()}. */
    @Override
    public void close() {
        image.release();
    }
}
