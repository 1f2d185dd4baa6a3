package io.detkit.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.image.OpenCvNatives;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CachedSampleSourceTest {
    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    /** Counts the loads that reach the underlying source. */
    private static SampleSource counting(SampleSource s, AtomicInteger loads) {
        return new SampleSource() {
            @Override
            public int size() {
                return s.size();
            }

            @Override
            public DecodedSample load(int index) throws IOException {
                loads.incrementAndGet();
                return s.load(index);
            }
        };
    }

    @Test
    void augmentsToTheSameBytesAndDecodesEachImageOnce() throws IOException {
        Augmenter aug = new Augmenter(AugmentConfig.builder().setImageSize(128).optDegrees(5).build());
        AtomicInteger loads = new AtomicInteger();
        try (MemorySource mem = MemorySource.synthetic(6, 8)) {
            CachedSampleSource cached = new CachedSampleSource(counting(mem, loads), 128, Long.MAX_VALUE);
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < 6; i++) {
                    try (AugmentedSample a = aug.apply(2, 0, i, mem); AugmentedSample b = aug.apply(2, 0, i, cached)) {
                        assertArrayEquals(a.pixels(), b.pixels(), "pass " + pass + " index " + i);
                        assertArrayEquals(a.boxes(), b.boxes(), 0);
                        assertArrayEquals(a.classIds(), b.classIds());
                        assertArrayEquals(a.ignore(), b.ignore());
                    }
                }
            }
            assertEquals(6, cached.cachedCount());
            assertTrue(loads.get() <= 6, "each image reached the source once at most, got " + loads.get());
        }
    }

    @Test
    void stopsAddingAtTheBudget() throws IOException {
        AtomicInteger loads = new AtomicInteger();
        try (MemorySource mem = MemorySource.synthetic(6, 9)) {
            // a 64-px image holds at most 64·64·3 bytes: room for two of them
            CachedSampleSource cached = new CachedSampleSource(counting(mem, loads), 64, 2 * (64 * 64 * 3 + 400));
            for (int pass = 0; pass < 3; pass++) {
                for (int i = 0; i < 6; i++) {
                    try (DecodedSample d = cached.load(i)) {
                        assertEquals(64, Math.max(d.image().cols(), d.image().rows()));
                    }
                }
            }
            assertTrue(cached.cachedCount() >= 2 && cached.cachedCount() < 6, "cached " + cached.cachedCount());
            assertTrue(cached.usedBytes() <= 2 * (64 * 64 * 3 + 400));
            assertEquals(6 + 2 * (6 - cached.cachedCount()), loads.get());
        }
    }
}
