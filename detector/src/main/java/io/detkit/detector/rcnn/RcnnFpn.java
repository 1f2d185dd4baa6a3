package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.detkit.detector.nn.ConvBnAct;
import io.detkit.detector.nn.NdOps;

/**
 * Feature pyramid network (Lin et al. 2017) over the backbone's P3, P4, P5: a 1×1 lateral
 * convolution brings each level to {@code F} channels, the top-down path adds the 2× nearest
 * upsampled coarser level, and a 3×3 convolution smooths each sum:
 *
 * <pre>
 *   L5 = lat5(C5),  L4 = lat4(C4) + up(L5),  L3 = lat3(C3) + up(L4)
 *   P_l = BN(conv3×3(L_l))
 * </pre>
 *
 * <p>Unlike torchvision's FPN the output convolutions are followed by BatchNorm (no activation):
 * the model trains from scratch, and normalised pyramid levels keep the RPN and RoI heads' inputs
 * on one scale from the first step.
 *
 * <p>Input the three backbone maps; output three maps {@code N×F×H_l×W_l}.
 */
public final class RcnnFpn extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int channels;
    private final Block[] lateral;
    private final Block[] output;

    /**
     * @param channels F, the width of every level
     */
    public RcnnFpn(int channels) {
        super(VERSION);
        this.channels = channels;
        int levels = RcnnConfig.STRIDES.length;
        lateral = new Block[levels];
        output = new Block[levels];
        for (int i = 0; i < levels; i++) {
            lateral[i] = addChildBlock("lateral" + i, Conv2d.builder().setFilters(channels).setKernelShape(new Shape(1, 1)).build());
            output[i] = addChildBlock("output" + i, new ai.djl.nn.SequentialBlock()
                    .add(Conv2d.builder().setFilters(channels).setKernelShape(new Shape(3, 3)).optPadding(new Shape(1, 1))
                            .optBias(false).build())
                    .add(BatchNorm.builder().optMomentum(ConvBnAct.BN_MOMENTUM).optEpsilon(ConvBnAct.BN_EPSILON).build()));
        }
    }

    /** @return F */
    public int channels() {
        return channels;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        int levels = lateral.length;
        NDArray[] sums = new NDArray[levels];
        for (int i = levels - 1; i >= 0; i--) {
            NDArray lat = lateral[i].forward(ps, new NDList(inputs.get(i)), training).singletonOrThrow();
            sums[i] = i == levels - 1 ? lat : lat.add(NdOps.upsampleNearest2x(sums[i + 1]));
        }
        NDList out = new NDList(levels);
        for (int i = 0; i < levels; i++) {
            out.add(output[i].forward(ps, new NDList(sums[i]), training).singletonOrThrow());
        }
        return out;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        Shape[] out = new Shape[inputShapes.length];
        for (int i = 0; i < inputShapes.length; i++) {
            out[i] = NdOps.withChannels(inputShapes[i], channels);
        }
        return out;
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        if (inputShapes.length != lateral.length) {
            throw new IllegalArgumentException("RcnnFpn expects " + lateral.length + " levels, got " + inputShapes.length);
        }
        for (int i = 0; i < inputShapes.length; i++) {
            lateral[i].initialize(manager, dataType, inputShapes[i]);
            output[i].initialize(manager, dataType, NdOps.withChannels(inputShapes[i], channels));
        }
    }
}
