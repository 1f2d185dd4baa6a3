package io.detkit.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class SynthConfigTest {
    @Test
    void defaultsAreTheEmbeddedDataset() {
        SynthConfig c = SynthConfig.defaults();
        assertEquals(1000, c.images());
        assertEquals(320, c.imageSize());
        assertEquals(0, c.seed());
        assertEquals(800, c.trainImages());
        assertEquals(200, c.valImages());
        assertEquals(1, c.minObjects());
        assertEquals(8, c.maxObjects());
        assertEquals(ImageFormat.JPEG, c.imageFormat());
        assertTrue(c.writeYolo() && c.writeCoco() && c.texturedBackground());
    }

    @Test
    void valImagesAreRounded() {
        assertEquals(1, SynthConfig.builder().optImages(5).build().valImages());
        assertEquals(0, SynthConfig.builder().optImages(2).build().valImages());
        assertEquals(0, SynthConfig.builder().optImages(10).optValFraction(0).build().valImages());
        assertEquals(3, SynthConfig.builder().optImages(10).optValFraction(0.25).build().valImages());
    }

    @Test
    void outOfRangeSettingsAreNamed() {
        assertEquals("images must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().optImages(0).build()).getMessage());
        assertEquals("val fraction must be in [0, 1), got 1.0",
                assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().optValFraction(1).build()).getMessage());
        assertEquals("max objects must be in [min objects, 100], got 2 (min 3)",
                assertThrows(IllegalArgumentException.class,
                        () -> SynthConfig.builder().optMinObjects(3).optMaxObjects(2).build()).getMessage());
        assertEquals("image size must be in [64, 8192], got 32",
                assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().optImageSize(32).build()).getMessage());
        assertEquals("min visible fraction must be in (0, 1], got 0.0",
                assertThrows(IllegalArgumentException.class,
                        () -> SynthConfig.builder().optMinVisibleFraction(0).build()).getMessage());
        assertEquals("threads must be at least 1, got 0",
                assertThrows(IllegalArgumentException.class, () -> SynthConfig.builder().optThreads(0).build()).getMessage());
    }
}
