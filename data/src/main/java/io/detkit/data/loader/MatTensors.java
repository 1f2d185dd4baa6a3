package io.detkit.data.loader;

import org.opencv.core.CvType;
import org.opencv.core.Mat;

/** Conversions between OpenCV images and the planar float layout the models take. */
public final class MatTensors {
    private MatTensors() {}

    /**
     * An 8-bit BGR interleaved image as planar RGB floats in [0, 1] ({@code 3·H·W}: all R, then G, then B).
     *
     * @param bgr a {@code CV_8UC3} image
     * @return the planar floats
     */
    public static float[] toPlanarRgb(Mat bgr) {
        if (bgr.type() != CvType.CV_8UC3) {
            throw new IllegalArgumentException("expected an 8-bit 3-channel image, got type " + bgr.type());
        }
        int h = bgr.rows(), w = bgr.cols(), plane = h * w;
        byte[] px = new byte[plane * 3];
        bgr.get(0, 0, px);
        float[] out = new float[plane * 3];
        final float s = 1f / 255f;
        for (int i = 0, j = 0; i < plane; i++, j += 3) {
            out[i] = (px[j + 2] & 0xff) * s; // R
            out[plane + i] = (px[j + 1] & 0xff) * s; // G
            out[2 * plane + i] = (px[j] & 0xff) * s; // B
        }
        return out;
    }
}
