package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;

/**
 * The second stage's box head (torchvision's {@code TwoMLPHead} + {@code FastRCNNPredictor}): the
 * RoI features {@code R×F×S×S} are flattened, go through two fully connected layers of width
 * {@code D} with ReLU, then two linear predictors: class logits over {@code C + 1} classes (index 0
 * background) and class-specific box deltas {@code 4·(C + 1)} ({@code (dx, dy, dw, dh)} per class,
 * relative to the RoI, with the coder weights 10, 10, 5, 5).
 *
 * <p>Output {@code (R×(C+1) logits, R×4(C+1) deltas)}. The predictors start as N(0, 0.01) (class)
 * and N(0, 0.001) (box) with zero biases, as torchvision.
 */
public final class BoxHead extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int numClasses;
    private final Linear fc1;
    private final Linear fc2;
    private final Linear cls;
    private final Linear box;

    /**
     * @param numClasses foreground classes C
     * @param hidden width D of the two fully connected layers
     */
    public BoxHead(int numClasses, int hidden) {
        super(VERSION);
        this.numClasses = numClasses;
        fc1 = addChildBlock("fc1", Linear.builder().setUnits(hidden).build());
        fc2 = addChildBlock("fc2", Linear.builder().setUnits(hidden).build());
        cls = addChildBlock("cls", predictor(numClasses + 1, 0.01f));
        box = addChildBlock("box", predictor(4L * (numClasses + 1), 0.001f));
    }

    private static Linear predictor(long units, float sigma) {
        Linear l = Linear.builder().setUnits(units).build();
        l.setInitializer(new NormalInitializer(sigma), Parameter.Type.WEIGHT);
        l.setInitializer(new ConstantInitializer(0f), Parameter.Type.BIAS);
        return l;
    }

    /** @return foreground classes C */
    public int numClasses() {
        return numClasses;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape s = x.getShape();
        x = x.reshape(s.get(0), s.get(1) * s.get(2) * s.get(3)); // not (R, −1): ambiguous when R = 0
        x = Activation.relu(fc1.forward(ps, new NDList(x), training).singletonOrThrow());
        x = Activation.relu(fc2.forward(ps, new NDList(x), training).singletonOrThrow());
        NDArray logits = cls.forward(ps, new NDList(x), training).singletonOrThrow();
        NDArray deltas = box.forward(ps, new NDList(x), training).singletonOrThrow();
        return new NDList(logits, deltas);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long r = inputShapes[0].get(0);
        return new Shape[] {new Shape(r, numClasses + 1), new Shape(r, 4L * (numClasses + 1))};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        Shape in = inputShapes[0];
        Shape flat = new Shape(in.get(0), in.size() / in.get(0));
        fc1.initialize(manager, dataType, flat);
        Shape h = fc1.getOutputShapes(new Shape[] {flat})[0];
        fc2.initialize(manager, dataType, h);
        cls.initialize(manager, dataType, h);
        box.initialize(manager, dataType, h);
    }
}
