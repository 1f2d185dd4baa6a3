package io.detkit.detector.rcnn;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * Samples a fixed-size mini-batch of positives and negatives from {@link Matcher} output, as
 * torchvision's {@code BalancedPositiveNegativeSampler}.
 *
 * <p>With batch size {@code B}, positive fraction {@code f}, {@code P} positive candidates (match
 * ≥ 0) and {@code N} negative candidates (match {@link Matcher#BELOW_LOW}; {@link Matcher#BETWEEN}
 * is never sampled), it draws
 *
 * <pre>
 *   p = min(P, ⌊B·f⌋)       positives,
 *   q = min(N, B − p)       negatives,
 * </pre>
 *
 * each uniformly at random without replacement (a partial Fisher–Yates shuffle driven by the given
 * {@link Random}), so that negatives fill the batch when positives are scarce and the batch is
 * smaller than {@code B} only when both kinds run out. For a given seed the result is
 * deterministic.
 *
 * <p>Immutable and thread-safe (the {@code Random} passed in is the caller's).
 */
public final class BalancedSampler {
    private final int batchPerImage;
    private final float positiveFraction;
    private final int maxPositives;

    /**
     * Creates a sampler.
     *
     * @param batchPerImage {@code B}, the number of samples wanted per image, ≥ 1
     * @param positiveFraction {@code f} in {@code [0, 1]}: at most {@code ⌊B·f⌋} positives
     * @throws IllegalArgumentException if {@code B < 1} or {@code f} is outside {@code [0, 1]}
     */
    public BalancedSampler(int batchPerImage, float positiveFraction) {
        if (batchPerImage < 1) {
            throw new IllegalArgumentException("BalancedSampler: batchPerImage " + batchPerImage + " must be ≥ 1");
        }
        if (!(positiveFraction >= 0 && positiveFraction <= 1)) {
            throw new IllegalArgumentException("BalancedSampler: positiveFraction " + positiveFraction
                    + " must be in [0, 1]");
        }
        this.batchPerImage = batchPerImage;
        this.positiveFraction = positiveFraction;
        this.maxPositives = (int) Math.floor(batchPerImage * (double) positiveFraction);
    }

    /** @return {@code B}, the samples wanted per image */
    public int batchPerImage() {
        return batchPerImage;
    }

    /** @return {@code f}, the largest fraction of positives */
    public float positiveFraction() {
        return positiveFraction;
    }

    /**
     * The sampled indices.
     *
     * @param positives indices of the sampled positives, ascending
     * @param negatives indices of the sampled negatives, ascending
     */
    public record Sample(int[] positives, int[] negatives) {
        /** @return the number of sampled indices, {@code |positives| + |negatives|} */
        public int count() {
            return positives.length + negatives.length;
        }
    }

    /**
     * Draws the positives and negatives of one image.
     *
     * @param matches per box the {@link Matcher} result: ≥ 0 positive, {@link Matcher#BELOW_LOW}
     *     negative, {@link Matcher#BETWEEN} ignored
     * @param random the source of randomness
     * @return {@code min(P, ⌊B·f⌋)} positives and {@code min(N, B − #positives)} negatives, drawn
     *     without replacement, each array sorted ascending
     * @throws IllegalArgumentException if a match is below {@link Matcher#BETWEEN}
     */
    public Sample sample(int[] matches, Random random) {
        Objects.requireNonNull(matches, "matches");
        Objects.requireNonNull(random, "random");
        int n = matches.length;
        int[] pos = new int[n];
        int[] neg = new int[n];
        int np = 0, nn = 0;
        for (int i = 0; i < n; i++) {
            int v = matches[i];
            if (v >= 0) {
                pos[np++] = i;
            } else if (v == Matcher.BELOW_LOW) {
                neg[nn++] = i;
            } else if (v != Matcher.BETWEEN) {
                throw new IllegalArgumentException("BalancedSampler: match " + v + " of box " + i
                        + " is neither a GT index nor BELOW_LOW/BETWEEN");
            }
        }
        int p = Math.min(np, maxPositives);
        int q = Math.min(nn, batchPerImage - p);
        return new Sample(draw(pos, np, p, random), draw(neg, nn, q, random));
    }

    /** {@code k} distinct elements of {@code pool[0..size)}, uniformly, sorted ascending; shuffles the pool. */
    private static int[] draw(int[] pool, int size, int k, Random random) {
        if (k < size) {
            for (int i = 0; i < k; i++) {
                int j = i + random.nextInt(size - i);
                int t = pool[i];
                pool[i] = pool[j];
                pool[j] = t;
            }
        }
        int[] out = Arrays.copyOf(pool, k);
        Arrays.sort(out);
        return out;
    }

    @Override
    public String toString() {
        return "BalancedSampler(" + batchPerImage + ", " + positiveFraction + ")";
    }
}
