package io.detkit.data.augment;

import java.util.SplittableRandom;

/**
 * Derives the random stream of one training sample from {@code (seed, epoch, index)}, so that an
 * augmented sample is reproducible whatever the order, the thread or the worker that produces it,
 * and differs between epochs. The three values are mixed with SplitMix64's finaliser, one after
 * the other, so nearby seeds, epochs and indices give unrelated streams.
 */
public final class SampleRandom {
    private SampleRandom() {}

    /**
     * @param seed run seed
     * @param epoch epoch number
     * @param index sample index in the dataset
     * @return a fresh generator owned by the caller
     */
    public static SplittableRandom of(long seed, int epoch, int index) {
        return new SplittableRandom(key(seed, epoch, index));
    }

    /**
     * @param seed run seed
     * @param epoch epoch number
     * @param index sample index
     * @return the 64-bit key that seeds {@link #of}
     */
    public static long key(long seed, int epoch, int index) {
        long h = mix(seed ^ 0x6A09E667F3BCC908L);
        h = mix(h + 0x9E3779B97F4A7C15L * (epoch + 1L));
        return mix(h + 0xBB67AE8584CAA73BL * (index + 1L));
    }

    /** SplitMix64's finaliser: a bijection of 64-bit values with good avalanche. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
