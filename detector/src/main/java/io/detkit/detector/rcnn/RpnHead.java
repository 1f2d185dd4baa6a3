package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
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
 * The region proposal network's head, shared by every FPN level: a 3×3 convolution with ReLU, then
 * two 1×1 convolutions giving per location and anchor one objectness logit and four box deltas
 * {@code (dx, dy, dw, dh)} relative to the anchor.
 *
 * <p>Levels may have different numbers of anchors per location {@code A_l}; the 1×1 layers are
 * {@code A_max} and {@code 4·A_max} wide and level {@code l} uses the first {@code A_l} and
 * {@code 4·A_l} channels.
 *
 * <p>Output, for levels {@code 0..L−1}: {@code L} objectness maps {@code N×A_l×H_l×W_l}, then
 * {@code L} delta maps {@code N×4A_l×H_l×W_l} (channel {@code 4a + k} is coordinate k of anchor a).
 * Weights start as N(0, 0.01), biases 0 (torchvision).
 */
public final class RpnHead extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int[] anchorsPerLevel;
    private final int maxAnchors;
    private final Conv2d conv;
    private final Conv2d objectness;
    private final Conv2d deltas;

    /**
     * @param channels channels of the input levels (and of the 3×3 convolution)
     * @param anchorsPerLevel anchors per location at each level
     */
    public RpnHead(int channels, int[] anchorsPerLevel) {
        super(VERSION);
        this.anchorsPerLevel = anchorsPerLevel.clone();
        int max = 0;
        for (int a : anchorsPerLevel) {
            max = Math.max(max, a);
        }
        this.maxAnchors = max;
        conv = addChildBlock("conv", init(Conv2d.builder().setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1)).setFilters(channels)));
        objectness = addChildBlock("objectness", init(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(max)));
        deltas = addChildBlock("deltas", init(Conv2d.builder().setKernelShape(new Shape(1, 1)).setFilters(4 * max)));
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
            NDArray o = objectness.forward(ps, new NDList(t), training).singletonOrThrow();
            NDArray d = deltas.forward(ps, new NDList(t), training).singletonOrThrow();
            int a = anchorsPerLevel[l];
            obj.add(a == maxAnchors ? o : o.get(new NDIndex(":, :{}", a)));
            del.add(a == maxAnchors ? d : d.get(new NDIndex(":, :{}", 4 * a)));
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
        Shape t = conv.getOutputShapes(new Shape[] {inputShapes[0]})[0];
        objectness.initialize(manager, dataType, t);
        deltas.initialize(manager, dataType, t);
    }
}
