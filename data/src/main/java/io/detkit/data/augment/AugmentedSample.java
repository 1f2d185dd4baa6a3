package io.detkit.data.augment;

import java.util.Objects;
import org.opencv.core.Mat;

/**
 * One augmented training sample: a square BGR image and its boxes in that image's pixels. Closing
 * it releases the image.
 *
 * @param image {@code size × size}, {@code CV_8UC3} BGR, owned by this sample
 * @param boxes xyxy boxes in output pixels, {@code 4·n} values, inside the image
 * @param classIds class index per box
 * @param ignore ignore flag per box
 */
public record AugmentedSample(Mat image, double[] boxes, int[] classIds, boolean[] ignore) implements AutoCloseable {

    /**
     * Checks that the arrays agree in length.
     *
     * @param image see the record description
     * @param boxes see the record description
     * @param classIds see the record description
     * @param ignore see the record description
     */
    public AugmentedSample {
        Objects.requireNonNull(image, "image");
        int n = classIds.length;
        if (boxes.length != 4 * n || ignore.length != n) {
            throw new IllegalArgumentException("boxes/classIds/ignore lengths disagree (" + boxes.length + "/" + n + "/"
                    + ignore.length + ")");
        }
    }

    /** @return number of boxes */
    public int size() {
        return classIds.length;
    }

    /** @return the image's bytes, row-major, BGR interleaved ({@code rows·cols·3} values) */
    public byte[] pixels() {
        Mat m = image.isContinuous() ? image : image.clone();
        try {
            byte[] out = new byte[(int) (m.total() * m.channels())];
            m.get(0, 0, out);
            return out;
        } finally {
            if (m != image) {
                m.release();
            }
        }
    }

    /** Releases {@link #image()}. */
    @Override
    public void close() {
        image.release();
    }
}
