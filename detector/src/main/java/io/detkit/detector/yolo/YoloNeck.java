package io.detkit.detector.yolo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.nn.C2f;
import io.detkit.detector.nn.ConvBnAct;
import io.detkit.detector.nn.NdOps;

/**
 * FPN + PAN neck (YOLOv8 layout). Top-down: {@code H4 = C2f(cat(up(P5), P4))},
 * {@code N3 = C2f(cat(up(H4), P3))}; bottom-up: {@code N4 = C2f(cat(conv_s2(N3), H4))},
 * {@code N5 = C2f(cat(conv_s2(N4), P5))}. Upsampling is nearest ×2
 * ({@link NdOps#upsampleNearest2x}); the C2f blocks have no shortcut.
 *
 * <p>Input {@code (P3, P4, P5)} from {@link YoloBackbone}; output {@code (N3, N4, N5)} at the same
 * strides with {@link #outChannels()} channels.
 */
public final class YoloNeck extends AbstractBlock {
    private static final byte VERSION = 1;

    private final C2f td4;
    private final C2f td3;
    private final ConvBnAct down3;
    private final C2f bu4;
    private final ConvBnAct down4;
    private final C2f bu5;
    private final int[] outChannels;

    /**
     * @param size multipliers
     * @param act activation
     */
    public YoloNeck(YoloSize size, ActivationSpec act) {
        super(VERSION);
        int c3 = size.channels(256), c4 = size.channels(512), c5 = size.channels(1024);
        int n = size.repeats(3);
        td4 = addChildBlock("td4", new C2f(c4, n, false, 0.5, act));
        td3 = addChildBlock("td3", new C2f(c3, n, false, 0.5, act));
        down3 = addChildBlock("down3", new ConvBnAct(c3, 3, 2, act));
        bu4 = addChildBlock("bu4", new C2f(c4, n, false, 0.5, act));
        down4 = addChildBlock("down4", new ConvBnAct(c4, 3, 2, act));
        bu5 = addChildBlock("bu5", new C2f(c5, n, false, 0.5, act));
        outChannels = new int[] {c3, c4, c5};
    }

    /** @return channels of N3, N4, N5 */
    public int[] outChannels() {
        return outChannels.clone();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray p3 = inputs.get(0), p4 = inputs.get(1), p5 = inputs.get(2);
        NDArray h4 = one(td4, ps, NdOps.concatChannels(NdOps.upsampleNearest2x(p5), p4), training);
        NDArray n3 = one(td3, ps, NdOps.concatChannels(NdOps.upsampleNearest2x(h4), p3), training);
        NDArray n4 = one(bu4, ps, NdOps.concatChannels(one(down3, ps, n3, training), h4), training);
        NDArray n5 = one(bu5, ps, NdOps.concatChannels(one(down4, ps, n4, training), p5), training);
        return new NDList(n3, n4, n5);
    }

    private static NDArray one(Block b, ParameterStore ps, NDArray x, boolean training) {
        return b.forward(ps, new NDList(x), training).singletonOrThrow();
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return walk(null, null, inputShapes);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        walk(manager, dataType, inputShapes);
    }

    private Shape[] walk(NDManager manager, DataType dataType, Shape[] in) {
        Shape p3 = in[0], p4 = in[1], p5 = in[2];
        Shape h4 = step(td4, manager, dataType, NdOps.concatChannelsShape(NdOps.upsampled2x(p5), p4));
        Shape n3 = step(td3, manager, dataType, NdOps.concatChannelsShape(NdOps.upsampled2x(h4), p3));
        Shape d3 = step(down3, manager, dataType, n3);
        Shape n4 = step(bu4, manager, dataType, NdOps.concatChannelsShape(d3, h4));
        Shape d4 = step(down4, manager, dataType, n4);
        Shape n5 = step(bu5, manager, dataType, NdOps.concatChannelsShape(d4, p5));
        return new Shape[] {n3, n4, n5};
    }

    private static Shape step(Block b, NDManager manager, DataType dataType, Shape in) {
        if (manager != null) {
            b.initialize(manager, dataType, in);
        }
        return b.getOutputShapes(new Shape[] {in})[0];
    }
}
