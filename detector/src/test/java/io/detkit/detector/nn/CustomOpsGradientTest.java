package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.detkit.detector.testing.GradientCheck;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The numerical gradient check on detkit's other custom ops and blocks (the losses, activations
 * and attention blocks have their own tests): adaptive average pooling, nearest upsampling, the
 * spatial reductions, and the YOLO building blocks with their BatchNorm in training mode.
 */
class CustomOpsGradientTest {

    private static NDArray random(NDManager m, long seed, long... shape) {
        Random rnd = new Random(seed);
        Shape s = new Shape(shape);
        double[] v = new double[Math.toIntExact(s.size())];
        for (int i = 0; i < v.length; i++) {
            v[i] = rnd.nextGaussian();
        }
        return m.create(v, s);
    }

    @Test
    void poolingAndResampling() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, 1, 2, 3, 5, 7);
            GradientCheck gc = GradientCheck.create();
            for (int[] out : new int[][] {{2, 3}, {5, 7}, {1, 1}, {3, 2}}) { // uneven bins, identity, global, mixed
                AdaptiveAvgPool2d pool = new AdaptiveAvgPool2d(out[0], out[1]);
                pool.initialize(m, DataType.FLOAT64, x.getShape());
                gc.checkBlock("adaptive avg pool " + out[0] + "x" + out[1], pool, true, new NDList(x)).assertPassed();
            }
            NDArray even = random(m, 2, 1, 2, 6, 4);
            AdaptiveAvgPool2d half = new AdaptiveAvgPool2d(3, 2);
            half.initialize(m, DataType.FLOAT64, even.getShape());
            gc.checkBlock("adaptive avg pool, even", half, true, new NDList(even)).assertPassed();
            gc.check(in -> NdOps.upsampleNearest2x(in.get(0)), new NDList(x)).assertPassed();
            gc.check(in -> NdOps.spatialMean(in.get(0)), new NDList(x)).assertPassed();
            gc.check(in -> NdOps.spatialMax(in.get(0)), new NDList(x)).assertPassed();
            gc.check(in -> NdOps.concatChannels(in.get(0), in.get(1).mul(in.get(1))), new NDList(x, x.flip(3))).assertPassed();
        }
    }

    /**
     * Deep blocks sum many rounding errors into the numeric side (BatchNorm statistics, chained max
     * pools): tolerances 1e-5 relative, 1e-7 absolute (the largest error seen was 1.1e-6).
     */
    private static void checkBlock(String name, Block b, NDArray x) {
        b.initialize(x.getManager(), DataType.FLOAT64, x.getShape());
        GradientCheck.create().withTolerance(1e-5, 1e-7).checkBlock(name, b, true, new NDList(x)).assertPassed();
    }

    @Test
    void yoloBuildingBlocks() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = random(m, 3, 2, 4, 6, 6);
            checkBlock("ConvBnAct silu s2", new ConvBnAct(4, 3, 2, ActivationSpec.silu()), x);
            checkBlock("Bottleneck", new Bottleneck(4, true, 0.5, ActivationSpec.silu()), x);
            checkBlock("C2f", new C2f(4, 1, true, 0.5, ActivationSpec.of(ActivationType.MISH)), x);
            checkBlock("SPPF", new Sppf(4, 2, 3, ActivationSpec.silu()), x);
        }
    }
}
