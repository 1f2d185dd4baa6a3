package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;

/**
 * CSP bottleneck in the YOLOv8 "C2f" layout: two 1×1 units make two halves of {@code c} channels
 * each ({@code c = outChannels · e}); {@code n} {@link Bottleneck}s run one after the other on the
 * second half; the two halves and every bottleneck output ({@code (2 + n)·c} channels) are
 * concatenated and a 1×1 unit maps them to {@code outChannels}. Input and output NCHW, spatial
 * size unchanged.
 *
 * <p>Ultralytics makes the halves with one 1×1 unit of {@code 2c} channels and {@code chunk(2)};
 * two units of {@code c} channels compute the same function with the same parameter count and
 * FLOPs, and give contiguous arrays instead of channel views. On this machine, training steps
 * whose gradients came back non-finite (with finite inputs and loss, at random steps) were
 * markedly rarer without the views (a stress test: 10 of 16 runs hit one with {@code split}, 3 of
 * 16 with two units); the root cause was not found, so a training loop must still check its
 * gradients ({@link GradientGuard}).
 */
public final class C2f extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int outChannels;
    private final int hidden;
    private final ConvBnAct cv1a;
    private final ConvBnAct cv1b;
    private final ConvBnAct cv2;
    private final List<Bottleneck> blocks = new ArrayList<>();

    /**
     * @param outChannels output channels
     * @param n number of bottlenecks (≥ 1)
     * @param shortcut residual connections inside the bottlenecks
     * @param expansion hidden width ratio {@code e} (0.5 in YOLOv8)
     * @param activation activation of every unit
     */
    public C2f(int outChannels, int n, boolean shortcut, double expansion, ActivationSpec activation) {
        super(VERSION);
        if (n < 1) {
            throw new IllegalArgumentException("C2f needs at least one bottleneck, got " + n);
        }
        this.outChannels = outChannels;
        this.hidden = Math.max(1, (int) (outChannels * expansion));
        cv1a = addChildBlock("cv1a", new ConvBnAct(hidden, 1, 1, activation));
        cv1b = addChildBlock("cv1b", new ConvBnAct(hidden, 1, 1, activation));
        for (int i = 0; i < n; i++) {
            blocks.add(addChildBlock("m" + i, new Bottleneck(hidden, shortcut, 1.0, activation)));
        }
        cv2 = addChildBlock("cv2", new ConvBnAct(outChannels, 1, 1, activation));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray last = cv1b.forward(ps, inputs, training).singletonOrThrow();
        NDList parts = new NDList(cv1a.forward(ps, inputs, training).singletonOrThrow(), last);
        for (Bottleneck b : blocks) {
            last = b.forward(ps, new NDList(last), training).singletonOrThrow();
            parts.add(last);
        }
        return cv2.forward(ps, new NDList(NdOps.concatChannels(parts.toArray(new NDArray[0]))), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {NdOps.withChannels(inputShapes[0], outChannels)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        cv1a.initialize(manager, dataType, in);
        cv1b.initialize(manager, dataType, in);
        Shape half = NdOps.withChannels(in, hidden);
        for (Bottleneck b : blocks) {
            b.initialize(manager, dataType, half);
        }
        cv2.initialize(manager, dataType, NdOps.withChannels(in, (long) (2 + blocks.size()) * hidden));
    }
}
