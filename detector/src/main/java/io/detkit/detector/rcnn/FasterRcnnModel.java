package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import io.detkit.detector.yolo.YoloAttention;
import io.detkit.detector.yolo.YoloBackbone;
import java.util.Random;

/**
 * Faster R-CNN (Ren et al. 2015) with an FPN (Lin et al. 2017) as one DJL block: the CSP backbone
 * of the YOLO-style model → {@link RcnnFpn} (P3–P5) → {@link RpnHead} → proposals
 * ({@link ProposalGenerator}, plain Java, no gradient) → {@link MultiScaleRoiAlign} →
 * {@link BoxHead}.
 *
 * <p><b>Inputs</b>: {@code images N×3×H×W} (float32 RGB in [0, 1], H and W multiples of 32); in
 * training, also the targets {@code gtBoxes N×M×4} (xyxy input pixels), {@code gtClasses N×M}
 * (class ids, −1 padding) and {@code gtCount N}: the second stage samples its RoIs against them
 * ({@link ProposalTargets}), so they must reach the block.
 *
 * <p><b>Training output</b> (inputs with targets, training mode), {@code L = 3} levels:
 * {@code L} RPN objectness maps {@code N×A_l×H_l×W_l}, {@code L} RPN delta maps
 * {@code N×4A_l×H_l×W_l}, the box head's class logits {@code R×(C+1)} and deltas
 * {@code R×4(C+1)} for the {@code R} sampled RoIs, their labels {@code R} (int32, 0 background)
 * and regression targets {@code R×4}. {@link FasterRcnnLoss} reads it.
 *
 * <p><b>Inference output</b> (no targets): the proposals {@code R×4} (all images, in image order),
 * proposals per image {@code N} (int32), class logits {@code R×(C+1)}, deltas
 * {@code R×4(C+1)}, and the input size {@code (H, W)} (int32). {@link FasterRcnnDecoder} reads it.
 *
 * <p>The RoI sampling draws from a generator that the training loop reseeds every step
 * ({@link #setSeed}, with a seed from the run's seed and the iteration), so a resumed run samples
 * as an uninterrupted one.
 */
public final class FasterRcnnModel extends AbstractBlock {
    private static final byte VERSION = 1;

    private final RcnnConfig config;
    private final YoloBackbone backbone;
    private final RcnnFpn fpn;
    private final RpnHead rpnHead;
    private final BoxHead boxHead;
    private final AnchorGenerator anchors;
    private final MultiScaleRoiAlign roiAlign;
    private final ProposalGenerator trainProposals;
    private final ProposalGenerator testProposals;
    private final ProposalTargets proposalTargets;
    private final AnchorCache anchorCache;
    private Random random = new Random(0);

    private FasterRcnnModel(RcnnConfig config) {
        super(VERSION);
        this.config = config;
        backbone = addChildBlock("backbone", new YoloBackbone(config.size(), config.activation(), YoloAttention.NONE));
        fpn = addChildBlock("fpn", new RcnnFpn(config.fpnChannels()));
        anchors = config.anchorGenerator();
        int[] perLevel = new int[anchors.levels()];
        for (int l = 0; l < perLevel.length; l++) {
            perLevel[l] = anchors.anchorsPerLocation(l);
        }
        rpnHead = addChildBlock("rpn", new RpnHead(config.fpnChannels(), perLevel));
        boxHead = addChildBlock("box_head", new BoxHead(config.numClasses(), config.roi().headDim()));
        RcnnConfig.Roi roi = config.roi();
        roiAlign = new MultiScaleRoiAlign(config.strides(), roi.outputSize(), roi.samplingRatio(), roi.canonicalSize(), 4);
        RcnnConfig.Rpn rpn = config.rpn();
        BoxCoder rpnCoder = new BoxCoder(1, 1, 1, 1);
        trainProposals = new ProposalGenerator(rpnCoder, rpn.preNmsTopKTrain(), rpn.postNmsTopKTrain(), rpn.nmsThreshold(), 1e-3f, 0f);
        testProposals = new ProposalGenerator(rpnCoder, rpn.preNmsTopKTest(), rpn.postNmsTopKTest(), rpn.nmsThreshold(), 1e-3f, 0f);
        proposalTargets = new ProposalTargets(new Matcher(roi.fgIou(), roi.fgIou(), false),
                new BalancedSampler(roi.batchPerImage(), roi.positiveFraction()), FasterRcnnDecoder.BOX_CODER);
        anchorCache = new AnchorCache(anchors);
    }

    /**
     * Builds the (uninitialised) block.
     *
     * @param config the config
     * @return the model block
     */
    public static FasterRcnnModel create(RcnnConfig config) {
        return new FasterRcnnModel(config);
    }

    /** @return the config it was built from */
    public RcnnConfig getConfig() {
        return config;
    }

    /** @return the anchors' cache (per feature-map size), shared with the loss */
    AnchorCache anchorCache() {
        return anchorCache;
    }

    /**
     * Reseeds the sampling of RoIs.
     *
     * @param seed the seed
     */
    public void setSeed(long seed) {
        random = new Random(seed);
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training, PairList<String, Object> params) {
        NDArray x = inputs.get(0);
        checkInput(x.getShape());
        int n = (int) x.getShape().get(0);
        int imgH = (int) x.getShape().get(2), imgW = (int) x.getShape().get(3);
        NDList features = fpn.forward(ps, backbone.forward(ps, new NDList(x), training), training);
        NDList rpnOut = rpnHead.forward(ps, features, training);
        int levels = features.size();
        boolean withTargets = training && inputs.size() >= 4;
        RpnReadout readout = RpnReadout.of(rpnOut, levels);
        float[][] levelAnchors = anchorCache.perLevel(features);
        ProposalGenerator generator = withTargets ? trainProposals : testProposals;
        ProposalGenerator.Proposals[] proposals = new ProposalGenerator.Proposals[n];
        for (int i = 0; i < n; i++) {
            proposals[i] = readout.finite(i) ? generator.propose(readout.logits(i), readout.deltas(i), levelAnchors, imgH, imgW)
                    : new ProposalGenerator.Proposals(new float[0], new float[0]);
        }
        NDManager manager = x.getManager();
        if (withTargets) {
            GroundTruthArrays gt = GroundTruthArrays.of(inputs.get(1), inputs.get(2), inputs.get(3));
            RoiBatch batch = new RoiBatch();
            for (int i = 0; i < n; i++) {
                ProposalTargets.Sample s = proposalTargets.sample(proposals[i].boxes(), gt.boxes(i), gt.classes(i), random);
                batch.add(i, s.rois(), s.labels(), s.regression());
            }
            NDList head = boxHead.forward(ps, new NDList(roiAlign.apply(features, batch.rois(), batch.imageIndex())), training);
            NDList out = new NDList(rpnOut);
            out.add(head.get(0));
            out.add(head.get(1));
            out.add(manager.create(batch.labels()));
            out.add(manager.create(batch.regression(), new Shape(batch.count(), 4)));
            return out;
        }
        RoiBatch batch = new RoiBatch();
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            batch.add(i, proposals[i].boxes(), null, null);
            counts[i] = proposals[i].count();
        }
        NDList head = boxHead.forward(ps, new NDList(roiAlign.apply(features, batch.rois(), batch.imageIndex())), training);
        return new NDList(manager.create(batch.rois(), new Shape(batch.count(), 4)), manager.create(counts), head.get(0), head.get(1),
                manager.create(new int[] {imgH, imgW}));
    }

    private static void checkInput(Shape s) {
        if (s.dimension() != 4 || s.get(1) != 3 || s.get(2) % 32 != 0 || s.get(3) % 32 != 0 || s.get(2) == 0 || s.get(3) == 0) {
            throw new IllegalArgumentException("Faster R-CNN input must be N×3×H×W with H and W positive multiples of 32, got " + s);
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        checkInput(inputShapes[0]);
        long n = inputShapes[0].get(0);
        long r = n * config.rpn().postNmsTopKTest();
        int c = config.numClasses() + 1;
        return new Shape[] {new Shape(r, 4), new Shape(n), new Shape(r, c), new Shape(r, 4L * c), new Shape(2)};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        checkInput(inputShapes[0]);
        backbone.initialize(manager, dataType, inputShapes[0]);
        Shape[] b = backbone.getOutputShapes(new Shape[] {inputShapes[0]});
        fpn.initialize(manager, dataType, b);
        Shape[] f = fpn.getOutputShapes(b);
        rpnHead.initialize(manager, dataType, f);
        // the box head's recorded batch is the inference proposals of the N images, so a profile
        // of the model counts the second stage at its inference cost
        int s = config.roi().outputSize();
        boxHead.initialize(manager, dataType, new Shape(inputShapes[0].get(0) * config.rpn().postNmsTopKTest(), config.fpnChannels(), s, s));
    }

    /** @return the backbone */
    public YoloBackbone getBackbone() {
        return backbone;
    }

    /** @return the FPN */
    public RcnnFpn getFpn() {
        return fpn;
    }

    /** @return the RPN head */
    public RpnHead getRpnHead() {
        return rpnHead;
    }

    /** @return the box head */
    public BoxHead getBoxHead() {
        return boxHead;
    }

    @Override
    public String toString() {
        return "FasterRcnnModel(" + config + ")";
    }
}
