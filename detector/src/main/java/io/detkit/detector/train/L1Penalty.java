package io.detkit.detector.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/** The L1 penalty Σ|w| over the weights (not biases, not BatchNorm) of a block. */
final class L1Penalty {
    private L1Penalty() {}

    static NDArray of(Block block, NDManager scope) {
        NDArray sum = scope.zeros(new ai.djl.ndarray.types.Shape());
        for (Pair<String, Parameter> p : block.getParameters()) {
            if (p.getValue().getType() == Parameter.Type.WEIGHT && p.getValue().requiresGradient()) {
                sum = sum.add(p.getValue().getArray().abs().sum());
            }
        }
        return sum;
    }
}
