package io.detkit.data.augment;

import io.detkit.data.DetectionSample;
import io.detkit.data.image.ImageDecoder;
import java.io.IOException;
import java.util.List;
import org.opencv.core.Mat;

/** {@link SampleSource} over {@link DetectionSample}s whose images are files. */
final class FileSampleSource implements SampleSource {
    private final List<DetectionSample> samples;
    private final int longSide;

    FileSampleSource(List<DetectionSample> samples, int longSide) {
        this.samples = List.copyOf(samples);
        this.longSide = longSide;
    }

    @Override
    public int size() {
        return samples.size();
    }

    @Override
    public DecodedSample load(int index) throws IOException {
        DetectionSample s = samples.get(index);
        boolean known = s.width() > 0 && s.height() > 0;
        int factor = longSide > 0 && known ? ImageDecoder.reductionFactor(s.width(), s.height(), longSide) : 1;
        Mat img = ImageDecoder.read(s.imagePath(), factor);
        if (known) {
            int expW = (s.width() + factor - 1) / factor;
            int expH = (s.height() + factor - 1) / factor;
            if (Math.abs(img.cols() - expW) > 1 || Math.abs(img.rows() - expH) > 1) {
                String got = img.cols() * factor + "×" + img.rows() * factor;
                img.release();
                throw new IOException("image " + s.imagePath() + " decodes to " + got + " pixels but its annotation says "
                        + s.width() + "×" + s.height() + " (image " + s.imageId() + ")");
            }
        }
        return DecodedSample.of(img, s);
    }
}
