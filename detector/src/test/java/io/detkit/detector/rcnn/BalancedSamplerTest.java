package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Sample sizes, validity and determinism of the balanced sampler. */
class BalancedSamplerTest {

    /** {@code pos} positives (match 0), then {@code neg} negatives, then {@code ignored} BETWEEN, shuffled. */
    private static int[] matches(int pos, int neg, int ignored, long seed) {
        int[] m = new int[pos + neg + ignored];
        Arrays.fill(m, 0, pos, 0);
        Arrays.fill(m, pos, pos + neg, Matcher.BELOW_LOW);
        Arrays.fill(m, pos + neg, m.length, Matcher.BETWEEN);
        Random r = new Random(seed);
        for (int i = m.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = m[i];
            m[i] = m[j];
            m[j] = t;
        }
        return m;
    }

    /** Sorted strictly ascending (so no duplicates) and every index of the wanted kind. */
    private static void checkValid(int[] picked, int[] matches, boolean positive) {
        for (int k = 0; k < picked.length; k++) {
            if (k > 0) {
                assertTrue(picked[k - 1] < picked[k], "ascending without duplicates at " + k);
            }
            int v = matches[picked[k]];
            assertTrue(positive ? v >= 0 : v == Matcher.BELOW_LOW, "index " + picked[k] + " has match " + v);
        }
    }

    @Test
    void halfPositiveBatchOf256() {
        int[] m = matches(200, 700, 100, 1);
        BalancedSampler.Sample s = new BalancedSampler(256, 0.5f).sample(m, new Random(5));
        // ⌊256·0.5⌋ = 128 of 200 positives, then 256 − 128 = 128 of 700 negatives
        assertEquals(128, s.positives().length);
        assertEquals(128, s.negatives().length);
        assertEquals(256, s.count());
        checkValid(s.positives(), m, true);
        checkValid(s.negatives(), m, false);
    }

    @Test
    void negativesFillWhenPositivesAreFew() {
        int[] m = matches(10, 700, 50, 2);
        BalancedSampler.Sample s = new BalancedSampler(256, 0.5f).sample(m, new Random(5));
        // all 10 positives, 256 − 10 = 246 negatives
        assertEquals(10, s.positives().length);
        assertEquals(246, s.negatives().length);
        checkValid(s.positives(), m, true);
        checkValid(s.negatives(), m, false);
        // every positive is taken: they are exactly the positive indices
        int[] all = new int[10];
        for (int i = 0, k = 0; i < m.length; i++) {
            if (m[i] >= 0) {
                all[k++] = i;
            }
        }
        assertArrayEquals(all, s.positives());
    }

    @Test
    void smallerBatchWhenBothKindsRunOut() {
        int[] m = matches(10, 20, 5, 3);
        BalancedSampler.Sample s = new BalancedSampler(256, 0.5f).sample(m, new Random(5));
        assertEquals(10, s.positives().length);
        assertEquals(20, s.negatives().length);
        // no positives: all 256 negatives
        s = new BalancedSampler(256, 0.5f).sample(matches(0, 1000, 0, 4), new Random(5));
        assertEquals(0, s.positives().length);
        assertEquals(256, s.negatives().length);
        assertEquals(0, new BalancedSampler(256, 0.5f).sample(new int[0], new Random(5)).count());
    }

    @Test
    void quarterOf512IsAtMost128Positives() {
        int[] m = matches(1000, 1000, 0, 5);
        BalancedSampler.Sample s = new BalancedSampler(512, 0.25f).sample(m, new Random(9));
        // ⌊512·0.25⌋ = 128, 512 − 128 = 384
        assertEquals(128, s.positives().length);
        assertEquals(384, s.negatives().length);
        checkValid(s.positives(), m, true);
        checkValid(s.negatives(), m, false);
    }

    @Test
    void deterministicForASeed() {
        int[] m = matches(300, 3000, 300, 6);
        BalancedSampler sampler = new BalancedSampler(256, 0.5f);
        BalancedSampler.Sample a = sampler.sample(m, new Random(42));
        BalancedSampler.Sample b = sampler.sample(m, new Random(42));
        BalancedSampler.Sample c = sampler.sample(m, new Random(43));
        assertArrayEquals(a.positives(), b.positives());
        assertArrayEquals(a.negatives(), b.negatives());
        assertFalse(Arrays.equals(a.positives(), c.positives()), "another seed, another sample");
    }

    @Test
    void drawsAreUniform() {
        // 1 positive of 4 candidates, 4000 times: each is drawn 1000 times on average (σ ≈ 27)
        int[] m = {0, 0, 0, 0};
        BalancedSampler sampler = new BalancedSampler(2, 0.5f);
        Random r = new Random(11);
        int[] counts = new int[4];
        for (int t = 0; t < 4000; t++) {
            counts[sampler.sample(m, r).positives()[0]]++;
        }
        for (int c : counts) {
            assertTrue(Math.abs(c - 1000) < 150, Arrays.toString(counts));
        }
    }

    @Test
    void badArgumentsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new BalancedSampler(0, 0.5f));
        assertThrows(IllegalArgumentException.class, () -> new BalancedSampler(256, 1.5f));
        assertThrows(IllegalArgumentException.class, () -> new BalancedSampler(256, Float.NaN));
        assertThrows(IllegalArgumentException.class,
                () -> new BalancedSampler(256, 0.5f).sample(new int[] {0, -3}, new Random(1)));
    }
}
