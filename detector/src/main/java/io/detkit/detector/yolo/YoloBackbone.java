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
import io.detkit.detector.nn.Sppf;
import java.util.ArrayList;
import java.util.List;

/**
 * CSP backbone (YOLOv8 layout): a 3×3 stride-2 stem, then four stages of (3×3 stride-2
 * {@link ConvBnAct}, {@link C2f} with shortcuts), and {@link Sppf} at the end.
 *
 * <p>Input {@code N×3×H×W} (H, W multiples of 32); output three maps
 * {@code P3 N×c3×H/8×W/8}, {@code P4 N×c4×H/16×W/16}, {@code P5 N×c5×H/32×W/32} with
 * {@code c3, c4, c5} = {@link #outChannels()}.
 *
 * <p>With a {@link YoloAttention}, an SE or CBAM block follows each chosen C2f stage (children
 * {@code att2} … {@code att5}); it keeps the shape, so P3/P4/P5 and every later layer see the
 * attended map. Without attention the layer list, and so the parameter file, is the same as
 * before attention existed.
 *
 * <p>Memory order: from the first stage whose narrowest map has at least
 * {@value #CHANNELS_LAST_MIN} channels on, activations are kept channels-last
 * ({@link NdOps#toChannelsLast}); the outputs are channels-last then, with the same shapes and
 * values. Narrower stages stay NCHW because PyTorch's channels-last batch-norm backward is slow
 * below one AVX-512 vector of channels (8 channels: 30–43 ms instead of 4–6 ms at batch 16). On
 * the t model at 320 px this makes a training step (forward + backward, batch 16) ~15 % faster.
 */
public final class YoloBackbone extends AbstractBlock {
    private static final byte VERSION = 1;
    /** The fewest channels of any map in a stage for that stage to run channels-last. */
    public static final int CHANNELS_LAST_MIN = 16;

    private final List<Block> layers = new ArrayList<>();
    private final int[] outChannels;
    private final int p3Index;
    private final int p4Index;
    /** Index of the layer before which the activations become channels-last; -1 for never. */
    private int channelsLastFrom = -1;

    /**
     * A backbone without attention blocks.
     *
     * @param size multipliers
     * @param act activation
     */
    public YoloBackbone(YoloSize size, ActivationSpec act) {
        this(size, act, YoloAttention.NONE);
    }

    /**
     * @param size multipliers
     * @param act activation
     * @param attention attention blocks after chosen C2f stages
     */
    public YoloBackbone(YoloSize size, ActivationSpec act, YoloAttention attention) {
        super(VERSION);
        int c1 = size.channels(64), c2 = size.channels(128), c3 = size.channels(256);
        int c4 = size.channels(512), c5 = size.channels(1024);
        // the narrowest map of a stage is its C2f's hidden half (c/2), or the stem's output
        startStage(Math.min(c1, c2 / 2));
        add("stem", new ConvBnAct(c1, 3, 2, act)); // 0: /2
        startStage(c2 / 2);
        add("down2", new ConvBnAct(c2, 3, 2, act)); // 1: /4
        add("c2f2", new C2f(c2, size.repeats(3), true, 0.5, act));
        attend(attention, 2, c2);
        startStage(c3 / 2);
        add("down3", new ConvBnAct(c3, 3, 2, act)); // /8
        add("c2f3", new C2f(c3, size.repeats(6), true, 0.5, act));
        attend(attention, 3, c3);
        p3Index = layers.size() - 1; // → P3
        startStage(c4 / 2);
        add("down4", new ConvBnAct(c4, 3, 2, act)); // /16
        add("c2f4", new C2f(c4, size.repeats(6), true, 0.5, act));
        attend(attention, 4, c4);
        p4Index = layers.size() - 1; // → P4
        startStage(c5 / 2);
        add("down5", new ConvBnAct(c5, 3, 2, act)); // /32
        add("c2f5", new C2f(c5, size.repeats(3), true, 0.5, act));
        attend(attention, 5, c5);
        add("sppf", new Sppf(c5, c5 / 2, 5, act)); // → P5
        outChannels = new int[] {c3, c4, c5};
    }

    /** Switches to channels-last before the next layer if this stage is wide enough. */
    private void startStage(int narrowest) {
        if (channelsLastFrom < 0 && narrowest >= CHANNELS_LAST_MIN) {
            channelsLastFrom = layers.size();
        }
    }

    /**
     * @return index of the first layer that runs channels-last, -1 when none does
     */
    int channelsLastFrom() {
        return channelsLastFrom;
    }

    /** Keeps every activation NCHW (for tests that compare the two memory orders). */
    void keepNchw() {
        channelsLastFrom = -1;
    }

    private void add(String name, Block b) {
        layers.add(addChildBlock(name, b));
    }

    private void attend(YoloAttention attention, int stage, int channels) {
        if (attention.after(stage)) {
            add("att" + stage, attention.create(channels));
        }
    }

    /** @return channels of P3, P4, P5 */
    public int[] outChannels() {
        return outChannels.clone();
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDList x = inputs;
        NDArray p3 = null, p4 = null;
        for (int i = 0; i < layers.size(); i++) {
            if (i == channelsLastFrom) {
                x = new NDList(NdOps.toChannelsLast(x.singletonOrThrow()));
            }
            x = layers.get(i).forward(ps, x, training);
            if (i == p3Index) {
                p3 = x.singletonOrThrow();
            } else if (i == p4Index) {
                p4 = x.singletonOrThrow();
            }
        }
        return new NDList(p3, p4, x.singletonOrThrow());
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return walk(null, null, inputShapes[0]);
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        walk(manager, dataType, inputShapes[0]);
    }

    /** Propagates shapes through the layers, initializing each when a manager is given. */
    private Shape[] walk(NDManager manager, DataType dataType, Shape in) {
        Shape[] out = new Shape[3];
        Shape s = in;
        for (int i = 0; i < layers.size(); i++) {
            Block b = layers.get(i);
            if (manager != null) {
                b.initialize(manager, dataType, s);
            }
            s = b.getOutputShapes(new Shape[] {s})[0];
            if (i == p3Index) {
                out[0] = s;
            } else if (i == p4Index) {
                out[1] = s;
            }
        }
        out[2] = s;
        return out;
    }
}
