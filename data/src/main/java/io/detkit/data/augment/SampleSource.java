package io.detkit.data.augment;

import io.detkit.data.DetectionSample;
import java.io.IOException;
import java.util.List;

/**
 * Random access to decoded training samples, so that the {@link Augmenter} can fetch the extra
 * images a mosaic needs. Implementations must be safe for concurrent {@link #load} calls when the
 * augmenter runs on several threads, and must return the same pixels for the same index.
 */
public interface SampleSource {

    /** @return number of samples */
    int size();

    /**
     * Decodes sample {@code index}. The caller owns (and closes) the result.
     *
     * @param index 0 ≤ index &lt; {@link #size()}
     * @return the image and its boxes in that image's pixels
     * @throws IOException if the image cannot be read (the message names the file)
     */
    DecodedSample load(int index) throws IOException;

    /**
     * A source that decodes each sample's {@link DetectionSample#imagePath()} at full resolution.
     *
     * @param samples the samples (boxes in original pixels)
     * @return the source
     */
    static SampleSource of(List<DetectionSample> samples) {
        return new FileSampleSource(samples, 0);
    }

    /**
     * A source that decodes images at reduced resolution (JPEG DCT scaling by 2, 4 or 8) when that
     * still leaves the longer side at least {@code longSide} pixels: several times faster for
     * large photos that the augmenter shrinks to {@code longSide} anyway. Only samples whose
     * width and height are known are reduced; boxes are scaled to the decoded size.
     *
     * @param samples the samples
     * @param longSide the longer side the augmenter needs, usually the training image size
     * @return the source
     */
    static SampleSource of(List<DetectionSample> samples, int longSide) {
        if (longSide <= 0) {
            throw new IllegalArgumentException("longSide must be positive, got " + longSide);
        }
        return new FileSampleSource(samples, longSide);
    }

    /**
     * Wraps a source with an in-memory cache of decoded images resized so their longer side is
     * {@code longSide} (pass the augmenter's image size), filled in first-load order until
     * {@code maxBytes} of pixels are held on the Java heap, never evicted. Decoding is the cost
     * that dominates augmentation, so a dataset that fits runs several times faster from its second
     * epoch on; an augmenter gives the same bytes with or without the cache. Size the heap
     * ({@code -Xmx}) for the budget.
     *
     * @param source the source to cache
     * @param longSide the augmenter's image size
     * @param maxBytes the most bytes of pixels to keep
     * @return the caching source, safe for concurrent use if {@code source} is
     */
    static SampleSource cached(SampleSource source, int longSide, long maxBytes) {
        if (longSide <= 0 || maxBytes < 0) {
            throw new IllegalArgumentException("longSide must be positive and maxBytes non-negative, got " + longSide + ", "
                    + maxBytes);
        }
        return new CachedSampleSource(source, longSide, maxBytes);
    }
}
