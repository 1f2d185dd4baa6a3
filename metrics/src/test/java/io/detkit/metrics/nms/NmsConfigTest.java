package io.detkit.metrics.nms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NmsConfigTest {
    @Test
    void defaults() {
        NmsConfig c = NmsConfig.defaults();
        assertEquals(0.5, c.iouThreshold());
        assertEquals(Double.NEGATIVE_INFINITY, c.scoreThreshold());
        assertEquals(Integer.MAX_VALUE, c.maxDetections());
        assertEquals(NmsMethod.GREEDY, c.method());
        assertEquals(0.5, c.sigma());
        assertTrue(c.classAware());
        assertFalse(c.plusOne());
    }

    @Test
    void builderSetsEverythingAndToBuilderCopies() {
        NmsConfig c = NmsConfig.builder()
                .optIouThreshold(0.45)
                .optScoreThreshold(0.05)
                .optMaxDetections(100)
                .optMethod(NmsMethod.SOFT_GAUSSIAN)
                .optSigma(0.3)
                .optClassAware(false)
                .optPlusOne(true)
                .build();
        for (NmsConfig x : new NmsConfig[] {c, c.toBuilder().build()}) {
            assertEquals(0.45, x.iouThreshold());
            assertEquals(0.05, x.scoreThreshold());
            assertEquals(100, x.maxDetections());
            assertEquals(NmsMethod.SOFT_GAUSSIAN, x.method());
            assertEquals(0.3, x.sigma());
            assertFalse(x.classAware());
            assertTrue(x.plusOne());
        }
        assertEquals(c.toString(), c.toBuilder().build().toString());
    }

    @Test
    void rejectsOutOfRangeValues() {
        assertThrows(IllegalArgumentException.class, () -> NmsConfig.builder().optIouThreshold(Double.NaN).build());
        assertThrows(IllegalArgumentException.class,
                () -> NmsConfig.builder().optIouThreshold(Double.POSITIVE_INFINITY).build());
        assertThrows(IllegalArgumentException.class, () -> NmsConfig.builder().optScoreThreshold(Double.NaN).build());
        assertThrows(IllegalArgumentException.class, () -> NmsConfig.builder().optMaxDetections(-1).build());
        assertThrows(IllegalArgumentException.class, () -> NmsConfig.builder().optSigma(0).build());
        assertThrows(IllegalArgumentException.class, () -> NmsConfig.builder().optSigma(Double.NaN).build());
        assertThrows(NullPointerException.class, () -> NmsConfig.builder().optMethod(null));
    }
}
