package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Residual bottleneck: two 3×3 {@link ConvBnAct} units, {@code c → c·e → c}, plus the input when
 * {@code shortcut} is set and the input has {@code outChannels} channels. Input and output NCHW.
 */
public final class Bottleneck extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outChannels;
    private final boolean shortcut;
    private final ConvBnAct cv1;
    private final ConvBnAct cv2;

    /**
     * @param outChannels output channels
     * @param shortcut add the input to the output (when channel counts agree)
     * @param expansion hidden channels = {@code round(outChannels · expansion)}
     * @param activation activation of both units
     */
    public Bottleneck(int outChannels, boolean shortcut, double expansion, ActivationSpec activation) {
        super(VERSION);
        this.outChannels = outChannels;
        this.shortcut = shortcut;
        int hidden = Math.max(1, (int) Math.round(outChannels * expansion));
        cv1 = addChildBlock("cv1", new ConvBnAct(hidden, 3, 1, activation));
        cv2 = addChildBlock("cv2", new ConvBnAct(outChannels, 3, 1, activation));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray y = cv2.forward(ps, cv1.forward(ps, inputs, training), training).singletonOrThrow();
        return new NDList(residual(x.getShape()) ? x.add(y) : y);
    }

    private boolean residual(Shape input) {
        return shortcut && input.get(1) == outChannels;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {NdOps.withChannels(inputShapes[0], outChannels)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        cv1.initialize(manager, dataType, inputShapes);
        cv2.initialize(manager, dataType, cv1.getOutputShapes(inputShapes));
    }
}
