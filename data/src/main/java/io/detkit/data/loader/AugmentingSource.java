package io.detkit.data.loader;

import io.detkit.data.augment.AugmentedSample;
import io.detkit.data.augment.Augmenter;
import io.detkit.data.augment.SampleSource;

/**
 * Training samples: decoded images (optionally cached) run through the {@link Augmenter}, seeded
 * by {@code (seed, epoch, index)}, and converted to planar RGB floats. Thread-safe.
 */
public final class AugmentingSource implements LoadedSampleSource {
    private final SampleSource decoded;
    private final Augmenter augmenter;
    private final long seed;
    private final long[] imageIds;

    /**
     * @param decoded the decoded images with their boxes
     * @param augmenter the augmentation pipeline (its config fixes the output size)
     * @param seed the run's seed
     * @param imageIds image id of each index (for bookkeeping)
     */
    public AugmentingSource(SampleSource decoded, Augmenter augmenter, long seed, long[] imageIds) {
        if (imageIds.length != decoded.size()) {
            throw new IllegalArgumentException("one image id per sample needed");
        }
        this.decoded = decoded;
        this.augmenter = augmenter;
        this.seed = seed;
        this.imageIds = imageIds.clone();
    }

    @Override
    public int size() {
        return decoded.size();
    }

    @Override
    public LoadedSample load(int index, int epoch) throws Exception {
        try (AugmentedSample a = augmenter.apply(seed, epoch, index, decoded)) {
            float[] px = MatTensors.toPlanarRgb(a.image());
            double[] b = a.boxes();
            float[] boxes = new float[b.length];
            for (int i = 0; i < b.length; i++) {
                boxes[i] = (float) b[i];
            }
            return new LoadedSample(px, a.image().rows(), a.image().cols(), boxes, a.classIds(), a.ignore(), imageIds[index], null);
        }
    }
}
