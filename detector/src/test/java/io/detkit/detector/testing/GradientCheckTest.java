package io.detkit.detector.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import org.junit.jupiter.api.Test;

/** The gradient check itself: it passes correct gradients and catches wrong ones. */
class GradientCheckTest {

    @Test
    void passesACorrectGradientAndCatchesAWrongOne() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.create(new double[] {0.3, -1.2, 2.0});
            // f(x) = x³: autograd and central differences agree (3x²)
            GradientCheck.Result ok = GradientCheck.create().check(in -> in.get(0).pow(3), new NDList(x));
            ok.assertPassed();
            assertEquals(3, ok.checked());
            // f(x) = x·stop(x) has autograd gradient x, but the value x² changes at rate 2x
            GradientCheck.Result wrong = GradientCheck.create().check(in -> in.get(0).mul(in.get(0).stopGradient()), new NDList(x));
            assertFalse(wrong.passed(), wrong.toString());
            assertTrue(wrong.maxError() > 0.3, wrong.toString()); // |x − 2x| / 2|x| = 0.5
            assertThrows(AssertionError.class, wrong::assertPassed);
            // ... and the same function passes against the reference with the stopped term frozen:
            // x·x₀ has derivative x₀ = x at the base point
            NDArray x0 = x.duplicate();
            GradientCheck.create().check(in -> in.get(0).mul(in.get(0).stopGradient()), in -> in.get(0).mul(x0), new NDList(x))
                    .assertPassed();
        }
    }

    @Test
    void checksABlockWithItsParameters() {
        try (NDManager m = NDManager.newBaseManager()) {
            Linear fc = Linear.builder().setUnits(3).build();
            fc.initialize(m, DataType.FLOAT64, new Shape(2, 4));
            NDArray x = m.create(new double[] {0.1, -0.4, 0.7, 1.1, -0.9, 0.2, 0.5, -1.3}, new Shape(2, 4));
            GradientCheck.Result r = GradientCheck.create().checkBlock("linear", fc, true, new NDList(x));
            r.assertPassed();
            assertEquals(8 + 12 + 3, r.checked(), "input, weight and bias elements");
        }
    }
}
