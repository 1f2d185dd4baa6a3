package io.detkit.detector.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

class AdaptiveAvgPool2dTest {

    private static float[] run(AdaptiveAvgPool2d pool, int h, int w) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.arange(0f, h * w).reshape(1, 1, h, w);
            pool.initialize(m, DataType.FLOAT32, x.getShape());
            NDArray y = pool.forward(new ParameterStore(m, false), new NDList(x), false).singletonOrThrow();
            assertEquals(pool.getOutputShapes(new Shape[] {x.getShape()})[0], y.getShape());
            return y.toFloatArray();
        }
    }

    @Test
    void overlappingBinsAsPyTorch() {
        // 5 → 3: bins [0,2) [1,4) [3,5) (start ⌊i·5/3⌋, end ⌈(i+1)·5/3⌉) along both axes of 0..24
        // cell = 5 · (mean row) + (mean column); row/column means 0.5, 2, 3.5 per bin, so
        // (0,0) = 2.5 + 0.5 = 3, (0,1) = 2.5 + 2 = 4.5, ..., (2,2) = 17.5 + 3.5 = 21
        float[] y = run(new AdaptiveAvgPool2d(3, 3), 5, 5);
        float[] expected = {3f, 4.5f, 6f, 10.5f, 12f, 13.5f, 18f, 19.5f, 21f};
        assertArrayEquals(expected, y, 1e-5f);
    }

    @Test
    void divisibleSizesAreAnAveragePoolAndEqualSizesTheIdentity() {
        assertArrayEquals(new float[] {2.5f, 4.5f, 10.5f, 12.5f}, run(AdaptiveAvgPool2d.of(2), 4, 4), 1e-6f);
        assertArrayEquals(new float[] {0f, 1f, 2f, 3f}, run(AdaptiveAvgPool2d.of(2), 2, 2), 0f);
        assertEquals(4 * 4, AdaptiveAvgPool2d.of(2).binAreaSum(4, 4));
        assertEquals(7 * 7, new AdaptiveAvgPool2d(3, 3).binAreaSum(5, 5)); // bin lengths 2 + 3 + 2 per axis
    }
}
