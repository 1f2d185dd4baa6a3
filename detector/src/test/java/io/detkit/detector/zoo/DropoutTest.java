package io.detkit.detector.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.norm.Dropout;
import ai.djl.training.ParameterStore;
import org.junit.jupiter.api.Test;

/**
 * Dropout, as the FC heads of the reference nets (AlexNet, VGG-16) use it: the identity in
 * inference; in training each element is 0 with probability p and x/(1 − p) otherwise ("inverted"
 * dropout, so the expected value is x and inference needs no rescaling).
 */
class DropoutTest {

    @Test
    void identityInInferenceScaledInTraining() {
        float p = 0.25f;
        Block dropout = Dropout.builder().optRate(p).build();
        try (NDManager m = NDManager.newBaseManager()) {
            Engine.getInstance().setRandomSeed(3);
            Shape s = new Shape(40, 250);
            dropout.initialize(m, DataType.FLOAT32, s);
            NDArray x = m.randomUniform(1, 2, s);
            ParameterStore ps = new ParameterStore(m, false);
            NDArray inference = dropout.forward(ps, new NDList(x), false).singletonOrThrow();
            assertArrayEquals(x.toFloatArray(), inference.toFloatArray(), 0f);
            float[] in = x.toFloatArray();
            float[] out = dropout.forward(ps, new NDList(x), true).singletonOrThrow().toFloatArray();
            int zeros = 0;
            for (int i = 0; i < in.length; i++) {
                if (out[i] == 0f) {
                    zeros++;
                } else {
                    // kept: x/(1 − p) = x/0.75 = x·1.3333333
                    assertEquals(in[i] / (1 - p), out[i], 1e-5f);
                }
            }
            // 10,000 elements: zeros ~ Binomial(10,000, 0.25), mean 2,500, sd √(10,000·0.25·0.75) = 43.3;
            // ±250 is about six standard deviations
            assertTrue(Math.abs(zeros - 2500) < 250, "zeros " + zeros);
        }
    }

    @Test
    void referenceNetsHaveDropoutInTheirFcHeads() {
        for (Block net : new Block[] {ReferenceNets.alexnet(10), ReferenceNets.vgg16(10)}) {
            assertEquals(2, dropouts(net), "two Dropout(0.5) in the FC head");
        }
        assertEquals(0, dropouts(ReferenceNets.resnet50(10)), "no FC head with dropout");
    }

    private static int dropouts(Block b) {
        int n = b instanceof Dropout ? 1 : 0;
        for (Block c : b.getChildren().values()) {
            n += dropouts(c);
        }
        return n;
    }
}
