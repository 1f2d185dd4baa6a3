package io.detkit.data.augment;

import io.detkit.data.DetectionSample;
import java.util.Objects;
import org.opencv.core.Mat;

/**
 * A decoded image with its boxes in that image's pixels: what a {@link SampleSource} hands to the
 * {@link Augmenter}. Closing it releases the image; the augmenter closes every sample it loads.
 *
 * @param image the image, {@code CV_8UC3} BGR, owned by this sample
 * @param boxes xyxy boxes in pixels of {@code image}, {@code 4·n} values
 * @param classIds class index per box
 * @param ignore ignore flag per box (crowd / difficult)
 */
public record DecodedSample(Mat image, double[] boxes, int[] classIds, boolean[] ignore) implements AutoCloseable {

    /**
     * Checks that the arrays agree in length.
     *
     * @param image see the record description
     * @param boxes see the record description
     * @param classIds see the record description
     * @param ignore see the record description
     */
    public DecodedSample {
        Objects.requireNonNull(image, "image");
        int n = classIds.length;
        if (boxes.length != 4 * n || ignore.length != n) {
            throw new IllegalArgumentException("boxes/classIds/ignore lengths disagree (" + boxes.length + "/" + n + "/"
                    + ignore.length + ")");
        }
    }

    /**
     * Pairs a decoded image with a sample's boxes. When the sample knows its image size and the
     * image has another size (decoded at reduced resolution), the boxes are scaled to the image.
     *
     * @param image the decoded image, ownership passes to the result
     * @param sample the sample it was decoded from
     * @return the decoded sample
     */
    public static DecodedSample of(Mat image, DetectionSample sample) {
        double[] b = sample.boxes().clone();
        if (sample.width() > 0 && sample.height() > 0
                && (image.cols() != sample.width() || image.rows() != sample.height())) {
            double sx = image.cols() / (double) sample.width();
            double sy = image.rows() / (double) sample.height();
            for (int i = 0; i < b.length; i += 2) {
                b[i] *= sx;
                b[i + 1] *= sy;
            }
        }
        return new DecodedSample(image, b, sample.classIds().clone(), sample.ignore().clone());
    }

    /** @return number of boxes */
    public int size() {
        return classIds.length;
    }

    /** Releases {@link #image()}. */
    @Override
    public void close() {
        image.release();
    }
}
