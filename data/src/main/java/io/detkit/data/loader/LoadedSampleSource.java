package io.detkit.data.loader;

/**
 * Produces training-ready samples by index, for a given epoch (augmentation is seeded by the epoch
 * and index, so a sample is reproducible). Implementations must be safe to call from several
 * threads at once.
 */
public interface LoadedSampleSource {
    /** @return number of samples */
    int size();

    /**
     * Loads, augments and converts one sample.
     *
     * @param index sample index in {@code [0, size())}
     * @param epoch the epoch (0-based), part of the augmentation seed
     * @return the sample
     * @throws Exception if the image cannot be read; the loader reports it with the index
     */
    LoadedSample load(int index, int epoch) throws Exception;
}
