package io.detkit.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.types.Shape;
import io.detkit.detector.nn.ActivationSpec;
import io.detkit.detector.rcnn.FasterRcnnModel;
import io.detkit.detector.rcnn.RcnnConfig;
import io.detkit.detector.yolo.YoloSize;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The profiler's figures for the Faster R-CNN's own parts, checked by hand. */
class RcnnProfileTest {
    private static LayerProfile row(List<LayerProfile> rows, String suffix) {
        return rows.stream().filter(r -> r.name().endsWith(suffix)).findFirst().orElseThrow(() -> new AssertionError(suffix));
    }

    @Test
    void rpnHeadSharedOverLevelsAndBoxHeadPerRoi() {
        // F = 8, one size × 3 ratios at every level → A = 3; 2 classes; box head 16 wide; 10 inference RoIs; 64×64 input
        RcnnConfig c = new RcnnConfig(2, YoloSize.T, ActivationSpec.silu(), 64, 8, new float[][] {{8}, {16}, {32}},
                new float[] {0.5f, 1f, 2f}, new RcnnConfig.Rpn(20, 20, 10, 10, 0.7f, 0.7f, 0.3f, 16, 0.5f),
                new RcnnConfig.Roi(7, 2, 16, 0.5f, 8, 0.25f, 224));
        ProfileReport r = Profiler.profile(FasterRcnnModel.create(c), new Shape(1, 3, 64, 64));
        LayerProfile rpn = row(r.layers(), "rpn");
        // params: shared 3×3 conv 9·8·8 + 8 = 584; per level objectness 8·3 + 3 = 27 and deltas 8·12 + 12 = 108
        //   → 584 + 3·135 = 989
        assertEquals(989, rpn.params());
        // P3 8×8, P4 4×4, P5 2×2 → 84 positions; per position F·(9·F + A + 4·A) = 8·(72 + 15) = 696 → 58,464
        assertEquals(58_464, rpn.macs());
        // other ops per position: bias + ReLU 2·F = 16, the 1×1 biases 5·A = 15 → 31 · 84 = 2,604
        assertEquals(2_604, rpn.otherOps());
        // box head fc1: 10 RoIs × (8·7·7 = 392) × 16 = 62,720 MACs
        assertEquals(62_720, row(r.layers(), "fc1").macs());
        assertEquals(392 * 16 + 16, row(r.layers(), "fc1").params());
        // cls 16 → 3 and box 16 → 12 for 10 RoIs
        assertEquals(10 * 16 * 3, row(r.layers(), "cls").macs());
        assertEquals(10 * 16 * 12, row(r.layers(), "box").macs());
        // RoIAlign (the model's own row): 10 RoIs · 8 channels · 49 bins · 2² samples · 4 taps = 62,720 other ops
        assertEquals(62_720, r.layers().get(r.layers().size() - 1).otherOps());
    }
}
