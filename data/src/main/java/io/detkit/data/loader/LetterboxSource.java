package io.detkit.data.loader;

import io.detkit.data.DetectionSample;
import io.detkit.data.image.ImageDecoder;
import io.detkit.data.image.Letterbox;
import io.detkit.data.image.LetterboxResult;
import java.util.List;
import org.opencv.core.Mat;

/**
 * Evaluation samples: each image decoded and letterboxed, without augmentation; the sample's
 * {@code meta} is its {@link io.detkit.data.image.LetterboxTransform}, so predictions map back to
 * original pixels. Thread-safe.
 */
public final class LetterboxSource implements LoadedSampleSource {
    private final List<DetectionSample> samples;
    private final Letterbox letterbox;

    /**
     * @param samples the images and their boxes
     * @param size the square input size
     */
    public LetterboxSource(List<DetectionSample> samples, int size) {
        this.samples = List.copyOf(samples);
        this.letterbox = Letterbox.square(size);
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public LoadedSample load(int index, int epoch) throws Exception {
        DetectionSample s = samples.get(index);
        Mat img = ImageDecoder.read(s.imagePath());
        try (LetterboxResult r = letterbox.apply(img)) {
            float[] px = MatTensors.toPlanarRgb(r.image());
            double[] fwd = r.transform().forward(s.boxes());
            float[] boxes = new float[fwd.length];
            for (int i = 0; i < fwd.length; i++) {
                boxes[i] = (float) fwd[i];
            }
            return new LoadedSample(px, r.image().rows(), r.image().cols(), boxes, s.classIds(), s.ignore(), s.imageId(),
                    r.transform());
        } finally {
            img.release();
        }
    }
}
