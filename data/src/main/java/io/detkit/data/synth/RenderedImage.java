package io.detkit.data.synth;

import java.util.List;
import org.opencv.core.Mat;

/**
 * A rendered image with what is needed to check its labels: the owner map says which object (if
 * any) each pixel shows. Closing it releases the images.
 *
 * @param image the final {@code CV_8UC3} BGR image (with noise)
 * @param clean the image before noise, or {@code null} when not kept
 * @param owner per pixel (row-major), {@code 1 + index} of the object it shows, 0 for background
 * @param objects the labelled objects in drawing order
 */
record RenderedImage(Mat image, Mat clean, byte[] owner, List<RenderedObject> objects) implements AutoCloseable {

    /** @return image width */
    int width() {
        return image.cols();
    }

    /** @return image height */
    int height() {
        return image.rows();
    }

    /**
     * @param object object index
     * @param x column
     * @param y row
     * @return whether pixel {@code (x, y)} shows that object
     */
    boolean shows(int object, int x, int y) {
        return (owner[y * width() + x] & 0xff) == object + 1;
    }

    @Override
    public void close() {
        image.release();
        if (clean != null) {
            clean.release();
        }
    }
}
