package io.detkit.detector.rcnn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.detkit.detector.nn.Losses;
import io.detkit.detector.nn.ScalarOps;
import java.util.Random;

/**
 * The four Faster R-CNN losses (torchvision's {@code rpn} and {@code roi_heads} losses), each a
 * mean over its sampled set:
 *
 * <pre>
 *   RPN objectness  L_obj = Σ_{a ∈ S} BCE(o_a, y_a) / |S|          S: 256 sampled anchors per image (≤ 50 % positive)
 *   RPN box         L_rpn = Σ_{a ∈ S+} smoothL1_β(t_a − t*_a) / |S|  S+: the positives among them, β = 1/9
 *   RoI class       L_cls = Σ_r CE(z_r, c_r) / R                   R sampled RoIs, c_r ∈ {0 (background), 1..C}
 *   RoI box         L_box = Σ_{r: c_r &gt; 0} smoothL1_β(d_{r,c_r} − d*_r) / R   class-specific deltas, β = 1/9
 * </pre>
 *
 * with smooth L1 summed over the four coordinates, {@code |S|} and {@code R} over the whole batch,
 * the anchors' targets from {@link RpnTargets} (IoU ≥ 0.7 positive, &lt; 0.3 negative, each GT's
 * best anchors positive) and the RoIs' from {@link ProposalTargets} (computed in the model's
 * forward pass). The total is the plain sum; the training log shows {@code box = L_rpn + L_box}
 * and {@code cls = L_obj + L_cls}.
 */
public final class FasterRcnnLoss {
    /** β of the smooth L1 box losses (torchvision: 1/9). */
    public static final float SMOOTH_L1_BETA = 1f / 9f;

    private final FasterRcnnModel model;
    private final RpnTargets rpnTargets;
    private Random random = new Random(1);

    /**
     * @param model the model whose outputs are scored (for its anchors and settings)
     */
    public FasterRcnnLoss(FasterRcnnModel model) {
        this.model = model;
        RcnnConfig.Rpn rpn = model.getConfig().rpn();
        rpnTargets = new RpnTargets(new Matcher(rpn.fgIou(), rpn.bgIou(), true), new BalancedSampler(rpn.batchPerImage(),
                rpn.positiveFraction()), new BoxCoder(1, 1, 1, 1));
    }

    /**
     * Reseeds the anchor sampling.
     *
     * @param seed the seed
     */
    public void setSeed(long seed) {
        random = new Random(seed);
    }

    /**
     * The loss values.
     *
     * @param objectness L_obj
     * @param rpnBox L_rpn
     * @param cls L_cls
     * @param box L_box
     * @param total their sum
     */
    public record Parts(NDArray objectness, NDArray rpnBox, NDArray cls, NDArray box, NDArray total) {}

    /**
     * @param preds the model's training output
     * @param gtBoxes N×M×4 xyxy input pixels
     * @param gtClasses N×M class ids (−1 padding)
     * @param gtCount N
     * @return the parts
     */
    public Parts compute(NDList preds, NDArray gtBoxes, NDArray gtClasses, NDArray gtCount) {
        int levels = RcnnConfig.STRIDES.length;
        if (preds.size() != 2 * levels + 4) {
            throw new IllegalArgumentException("Faster R-CNN loss needs the training output (" + (2 * levels + 4)
                    + " arrays: RPN maps, RoI logits, deltas, labels, targets), got " + preds.size()
                    + "; was the model called in training mode with the targets?");
        }
        NDArray first = preds.get(0);
        NDManager manager = first.getManager();
        int n = (int) first.getShape().get(0);
        NDList obj = new NDList(levels);
        NDList del = new NDList(levels);
        for (int l = 0; l < levels; l++) {
            NDArray o = preds.get(l);
            Shape s = o.getShape();
            long a = s.get(1), h = s.get(2), w = s.get(3);
            obj.add(o.transpose(0, 2, 3, 1).reshape(n, h * w * a));
            del.add(preds.get(levels + l).reshape(n, a, 4, h, w).transpose(0, 3, 4, 1, 2).reshape(n, h * w * a, 4));
        }
        NDArray objAll = NDArrays.concat(obj, 1);
        NDArray delAll = NDArrays.concat(del, 1);
        float[] anchors = model.anchorCache().concatenated(new NDList(preds.subList(0, levels)));
        int total = anchors.length / 4;
        GroundTruthArrays gt = GroundTruthArrays.of(gtBoxes, gtClasses, gtCount);
        float[] labels = new float[n * total];
        float[] sampled = new float[n * total];
        float[] positive = new float[n * total];
        float[] regression = new float[n * total * 4];
        int sampledCount = 0;
        for (int i = 0; i < n; i++) {
            RpnTargets.Result r = rpnTargets.compute(anchors, gt.boxes(i), random);
            float[] lab = r.labels();
            for (int j = 0; j < total; j++) {
                int k = i * total + j;
                if (lab[j] >= 0) {
                    sampled[k] = 1;
                    labels[k] = lab[j];
                    positive[k] = lab[j] > 0 ? 1 : 0;
                }
            }
            System.arraycopy(r.regression(), 0, regression, i * total * 4, total * 4);
            sampledCount += r.positives() + r.negatives();
        }
        DataType dt = objAll.getDataType();
        NDArray yObj = manager.create(labels, new Shape(n, total)).toType(dt, false);
        NDArray mObj = manager.create(sampled, new Shape(n, total)).toType(dt, false);
        NDArray mPos = manager.create(positive, new Shape(n, total, 1)).toType(dt, false);
        NDArray tReg = manager.create(regression, new Shape(n, total, 4)).toType(dt, false);
        float invSampled = 1f / Math.max(1, sampledCount);
        NDArray lObj = ScalarOps.mul(Losses.bceWithLogits(objAll, yObj).mul(mObj).sum(), invSampled);
        NDArray lRpn = ScalarOps.mul(Losses.smoothL1(delAll, tReg, SMOOTH_L1_BETA).mul(mPos).sum(), invSampled);

        NDArray logits = preds.get(2 * levels);
        NDArray deltas = preds.get(2 * levels + 1);
        NDArray roiLabels = preds.get(2 * levels + 2);
        NDArray roiTargets = preds.get(2 * levels + 3).toType(deltas.getDataType(), false);
        long r = logits.getShape().get(0);
        long c = logits.getShape().get(1);
        float invR = 1f / Math.max(1, r);
        NDArray lCls = ScalarOps.mul(Losses.softmaxCrossEntropy(logits, roiLabels, 0f).sum(), invR);
        // class-specific deltas: select class c_r's four numbers with a one-hot mask, zero for background
        int[] lab = roiLabels.toType(DataType.INT32, false).toIntArray();
        float[] select = new float[(int) (r * c)];
        for (int i = 0; i < lab.length; i++) {
            if (lab[i] > 0) {
                select[(int) (i * c + lab[i])] = 1;
            }
        }
        NDArray mask = manager.create(select, new Shape(r, c, 1)).toType(deltas.getDataType(), false);
        NDArray chosen = deltas.reshape(r, c, 4).mul(mask).sum(new int[] {1});
        NDArray fg = mask.sum(new int[] {1});
        NDArray lBox = ScalarOps.mul(Losses.smoothL1(chosen, roiTargets, SMOOTH_L1_BETA).mul(fg).sum(), invR);
        return new Parts(lObj, lRpn, lCls, lBox, lObj.add(lRpn).add(lCls).add(lBox));
    }
}
