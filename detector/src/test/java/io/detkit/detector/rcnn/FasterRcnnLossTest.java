package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.yolo.YoloSize;
import org.junit.jupiter.api.Test;

/** The four Faster R-CNN loss terms on a case small enough to work out by hand. */
class FasterRcnnLossTest {
    /**
     * A 32×32 input: P3 4×4, P4 2×2, P5 1×1, one square anchor per location (sizes 8, 16, 32),
     * so 16 + 4 + 1 = 21 anchors, all sampled (batch 256 > 21, at most 128 positives).
     */
    private static FasterRcnnModel model() {
        RcnnConfig c = new RcnnConfig(2, YoloSize.T, ActivationSpec.silu(), 32, 8, new float[][] {{8}, {16}, {32}}, new float[] {1},
                new RcnnConfig.Rpn(100, 100, 100, 100, 0.7f, 0.7f, 0.3f, 256, 0.5f), new RcnnConfig.Roi(7, 2, 16, 0.5f, 8, 0.25f, 224));
        return FasterRcnnModel.create(c);
    }

    @Test
    void handWorkedValues() {
        FasterRcnnModel model = model();
        FasterRcnnLoss loss = new FasterRcnnLoss(model);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = new NDList();
            // RPN maps: all logits 0 and all deltas 0
            preds.add(m.zeros(new Shape(1, 1, 4, 4)));
            preds.add(m.zeros(new Shape(1, 1, 2, 2)));
            preds.add(m.zeros(new Shape(1, 1, 1, 1)));
            preds.add(m.zeros(new Shape(1, 4, 4, 4)));
            preds.add(m.zeros(new Shape(1, 4, 2, 2)));
            preds.add(m.zeros(new Shape(1, 4, 1, 1)));
            // two RoIs, C + 1 = 3 classes, zero logits and deltas; RoI 0 foreground class 2 (label 2), RoI 1 background
            preds.add(m.zeros(new Shape(2, 3)));
            preds.add(m.zeros(new Shape(2, 12)));
            preds.add(m.create(new int[] {2, 0}));
            preds.add(m.create(new float[] {0.05f, 0f, 1f, 0f, 9f, 9f, 9f, 9f}, new Shape(2, 4)));
            // one GT equal to the P4 anchor at cell (0, 0): centre (8, 8), size 16 → [0, 0, 16, 16]
            NDArray gtBoxes = m.create(new float[] {0, 0, 16, 16}, new Shape(1, 1, 4));
            NDArray gtClasses = m.create(new float[] {1}, new Shape(1, 1));
            NDArray gtCount = m.create(new float[] {1});
            FasterRcnnLoss.Parts p = loss.compute(preds, gtBoxes, gtClasses, gtCount);
            // L_obj: every sampled anchor has logit 0, BCE(0, y) = log 2 whatever y → mean log 2
            assertEquals(Math.log(2), p.objectness().getFloat(), 1e-6);
            // L_rpn: the only positive (IoU 1) is the GT's own anchor, whose target deltas are 0 → 0
            assertEquals(0, p.rpnBox().getFloat(), 1e-7);
            // L_cls: zero logits over 3 classes, CE = log 3 for both RoIs → mean log 3
            assertEquals(Math.log(3), p.cls().getFloat(), 1e-6);
            // L_box: RoI 0 only (background's targets 9 ignored), predicted 0 vs targets (0.05, 0, 1, 0), β = 1/9:
            //   |0.05| < β: 0.5·0.05²/β = 0.5·0.0025·9 = 0.01125;  |1| ≥ β: 1 − 0.5/9 = 0.944444
            //   sum 0.955694, divided by R = 2 → 0.477847
            assertEquals(0.477847, p.box().getFloat(), 1e-5);
            assertEquals(Math.log(2) + Math.log(3) + 0.477847, p.total().getFloat(), 1e-5);
        }
    }

    @Test
    void rpnBoxLossOfAShiftedPositive() {
        FasterRcnnModel model = model();
        FasterRcnnLoss loss = new FasterRcnnLoss(model);
        try (NDManager m = NDManager.newBaseManager()) {
            NDList preds = new NDList();
            preds.add(m.zeros(new Shape(1, 1, 4, 4)));
            preds.add(m.zeros(new Shape(1, 1, 2, 2)));
            preds.add(m.zeros(new Shape(1, 1, 1, 1)));
            preds.add(m.zeros(new Shape(1, 4, 4, 4)));
            preds.add(m.zeros(new Shape(1, 4, 2, 2)));
            preds.add(m.zeros(new Shape(1, 4, 1, 1)));
            preds.add(m.zeros(new Shape(1, 3)));
            preds.add(m.zeros(new Shape(1, 12)));
            preds.add(m.create(new int[] {0}));
            preds.add(m.zeros(new Shape(1, 4)));
            // GT [1, 0, 17, 16]: the P4 anchor [0, 0, 16, 16] has IoU 240/272 = 0.882 ≥ 0.7 → positive, the
            // only one (its neighbours overlap by ≤ 1/31); target dx = (9 − 8)/16 = 0.0625, dy = dw = dh = 0
            // smooth L1 (β = 1/9) of 0.0625: 0.5·0.0625²·9 = 0.017578; divided by |S| = 21 sampled anchors
            NDArray gtBoxes = m.create(new float[] {1, 0, 17, 16}, new Shape(1, 1, 4));
            FasterRcnnLoss.Parts p = loss.compute(preds, gtBoxes, m.create(new float[] {0}, new Shape(1, 1)), m.create(new float[] {1}));
            assertEquals(0.017578125 / 21, p.rpnBox().getFloat(), 1e-7);
            // and with no foreground RoI, no box loss
            assertEquals(0, p.box().getFloat(), 0);
        }
    }

    @Test
    void inferenceOutputIsRejectedWithAClearMessage() {
        FasterRcnnLoss loss = new FasterRcnnLoss(model());
        try (NDManager m = NDManager.newBaseManager()) {
            NDList five = new NDList(m.zeros(new Shape(1, 4)), m.zeros(new Shape(1)), m.zeros(new Shape(1, 3)), m.zeros(new Shape(1, 12)),
                    m.zeros(new Shape(2)));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.compute(five, m.zeros(new Shape(1, 1, 4)), m.zeros(new Shape(1, 1)), m.ones(new Shape(1))));
            assertEquals(true, e.getMessage().contains("training mode"), e.getMessage());
        }
    }
}
