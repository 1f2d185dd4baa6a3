package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The region proposal network's head: a 3×3 convolution with ReLU shared by every FPN level, then
 * per level two 1×1 convolutions giving per location and anchor one objectness logit and four box
 * deltas {@code (dx, dy, dw, dh)} relative to the anchor.
 *
 * <p>torchvision shares the 1×1 predictors too, which works because its anchors have one size per
 * level and a constant size/stride ratio, so channel a means the same relative anchor everywhere.
 * Here anchor sizes are free per level (and levels may differ in their number of anchors
 * {@code A_l}); a shared predictor would have to turn on a different channel for the same
 * scale-normalised pattern at each level, so each level has its own.
 *
 * <p>Output, for levels {@code 0..L−1}: {@code L} objectness maps {@code N×A_l×H_l×W_l}, then
 * {@code L} delta maps {@code N×4A_l×H_l×W_l} (channel {@code 4a + k} is coordinate k of anchor a).
 * Weights start as N(0, 0.01), biases 0 (torchvision).
 */
public final class RpnHead extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int[] anchorsPerLevel;
    private final Conv2d conv;
    private final Conv2d[] objectness;
    private final Conv2d[] deltas;

    /**
     * @param channels channels of the input levels (and of the 3×3 convolution)
     * @param anchorsPerLevel anchors per location at each level
     */
    public RpnHead(int channels, int[] anchorsPerLevel) {
        super(VERSION);
        this.anchorsPerLevel = anchorsPerLevel.clone();
        conv = addChildBlock("conv", init(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels)));
        int levels = anchorsPerLevel.length;
        objectness = new Conv2d[levels];
        deltas = new Conv2d[levels];
        for (int l = 0; l < levels; l++) {
            objectness[l] = addChildBlock("objectness" + l, init(Conv2d.builder().setKernelShape(new Shape(1, 1))
                    .setFilters(anchorsPerLevel[l])));
            deltas[l] = addChildBlock("deltas" + l, init(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4 * anchorsPerLevel[l])));
        }
    }

    private static Conv2d init(Conv2d.Builder b) {
        Conv2d c = b.build();
        c.setInitializer(new NormalInitializer(0.01f), Parameter.Type.WEIGHT);
        c.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
        return c;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int levels = inputs.size();
        NDList obj = new NDList(levels);
        NDList del = new NDList(levels);
        for (int l = 0; l < levels; l++) {
            NDArray t = Activation.relu(conv.forward(ps, new NDList(inputs.get(l)), training).singletonOrThrow());
            obj.add(objectness[l].forward(ps, new NDList(t), training).singletonOrThrow());
            del.add(deltas[l].forward(ps, new NDList(t), training).singletonOrThrow());
        }
        obj.addAll(del);
        return obj;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[2 * inputShapes.length];
        for (int l = 0; l < inputShapes.length; l++) {
            Shape s = inputShapes[l];
            out[l] = new Shape(s.get(0), anchorsPerLevel[l], s.get(2), s.get(3));
            out[inputShapes.length + l] = new Shape(s.get(0), 4L * anchorsPerLevel[l], s.get(2), s.get(3));
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length != anchorsPerLevel.length) {
            throw new IllegalArgumentException("RpnHead expects " + anchorsPerLevel.length + " levels, got " + inputShapes.length);
        }
        conv.initialize(manager, dataType, inputShapes[0]);
        for (int l = 0; l < inputShapes.length; l++) {
            Shape t = conv.getOutputShapes(new Shape[] {inputShapes[l]})[0];
            objectness[l].initialize(manager, dataType, t);
            deltas[l].initialize(manager, dataType, t);
        }
    }
}
