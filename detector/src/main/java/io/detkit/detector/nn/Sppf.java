package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Spatial pyramid pooling, fast (SPPF): a 1×1 unit to {@code hidden} channels, three chained
 * {@code k×k} stride-1 max pools (receptive fields k, 2k−1, 3k−2, like SPP's parallel 5/9/13 for
 * k = 5), concatenation of the four maps and a 1×1 unit to {@code outChannels}. NCHW, spatial
 * size unchanged.
 */
public final class Sppf extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outChannels;
    private final int hidden;
    private final Shape poolKernel;
    private final Shape poolPad;
    private final ConvBnAct cv1;
    private final ConvBnAct cv2;

    /**
     * @param outChannels output channels
     * @param hidden channels after the first unit (YOLOv8: input channels / 2)
     * @param poolKernel max-pool size (odd; 5 in YOLOv5/v8)
     * @param activation activation of both units
     */
    public Sppf(int outChannels, int hidden, int poolKernel, ActivationSpec activation) {
        super(VERSION);
        if (poolKernel % 2 == 0) {
            throw new IllegalArgumentException("SPPF pool kernel must be odd, got " + poolKernel);
        }
        this.outChannels = outChannels;
        this.hidden = hidden;
        this.poolKernel = new Shape(poolKernel, poolKernel);
        this.poolPad = new Shape(poolKernel / 2, poolKernel / 2);
        cv1 = addChildBlock("cv1", new ConvBnAct(hidden, 1, 1, activation));
        cv2 = addChildBlock("cv2", new ConvBnAct(outChannels, 1, 1, activation));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = cv1.forward(ps, inputs, training).singletonOrThrow();
        Shape one = new Shape(1, 1);
        NDArray y1 = Pool.maxPool2d(x, poolKernel, one, poolPad, false);
        NDArray y2 = Pool.maxPool2d(y1, poolKernel, one, poolPad, false);
        NDArray y3 = Pool.maxPool2d(y2, poolKernel, one, poolPad, false);
        return cv2.forward(ps, new NDList(NdOps.concatChannels(x, y1, y2, y3)), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {NdOps.withChannels(inputShapes[0], outChannels)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        cv1.initialize(manager, dataType, inputShapes);
        cv2.initialize(manager, dataType, NdOps.withChannels(inputShapes[0], 4L * hidden));
    }
}
