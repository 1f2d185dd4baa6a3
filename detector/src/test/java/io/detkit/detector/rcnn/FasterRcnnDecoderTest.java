package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class FasterRcnnDecoderTest {
    @Test
    void scoresDecodeClipAndNms() {
        try (NDManager m = NDManager.newBaseManager()) {
            float l3 = (float) Math.log(3);
            // image 0: RoIs 0 and 1 the same box; image 1: RoI 2 partly outside the 64×64 input
            float[] rois = {10, 10, 30, 30, 10, 10, 30, 30, 50, 40, 80, 60};
            // softmax of (0, log 3, 0) = (1, 3, 1)/5 → P(class 1) = 0.6 (detkit class 0)
            // softmax of (0, 0, log 3)            → P(class 2) = 0.6 (detkit class 1), P(class 1) = 0.2
            float[] logits = {0, l3, 0, 0, l3, 0, 0, 0, l3};
            float[] deltas = new float[3 * 12];
            // RoI 1, class 1: dx = 10·(Δcx/w) = 1 → shift by w/10 = 2 px: [12, 10, 32, 30] (IoU with RoI 0: 360/440 = 0.82)
            deltas[12 + 4] = 1;
            // RoI 2, class 2: dw = 5·log(gw/w) = 5·log 2 → width 60 around centre 65: [35, 40, 95, 60] → clipped to x2 = 64
            deltas[24 + 8 + 2] = (float) (5 * Math.log(2));
            NDList preds = new NDList(m.create(rois, new Shape(3, 4)), m.create(new int[] {2, 1}), m.create(logits, new Shape(3, 3)),
                    m.create(deltas, new Shape(3, 12)), m.create(new int[] {64, 64}));
            List<List<Detection>> out = new FasterRcnnDecoder(2).decode(preds, 0.5f, 0.5f, 100);
            assertEquals(2, out.size());
            // image 0: two class-0 boxes with score 0.6; NMS at 0.5 keeps the first (ties: input order)
            assertEquals(1, out.get(0).size());
            Detection d = out.get(0).get(0);
            assertEquals(0, d.classId());
            assertEquals(0.6, d.score(), 1e-6);
            assertBox(new Box(10, 10, 30, 30), d.box());
            Detection e = out.get(1).get(0);
            assertEquals(1, e.classId());
            assertBox(new Box(35, 40, 64, 60), e.box());
            // a lower threshold lets the 0.2 scores in too, and maxDet cuts
            List<List<Detection>> low = new FasterRcnnDecoder(2).decode(preds, 0.1f, 0.5f, 1);
            assertEquals(1, low.get(1).size());
            assertEquals(0.6, low.get(1).get(0).score(), 1e-6);
            List<List<Detection>> all = new FasterRcnnDecoder(2).decode(preds, 0.1f, 0.5f, 100);
            // image 1: class 1 at 0.6 and class 0 at 0.2 (different classes never suppress each other)
            assertEquals(2, all.get(1).size());
        }
    }

    private static void assertBox(Box expected, Box actual) {
        assertEquals(expected.x1(), actual.x1(), 1e-3, actual.toString());
        assertEquals(expected.y1(), actual.y1(), 1e-3, actual.toString());
        assertEquals(expected.x2(), actual.x2(), 1e-3, actual.toString());
        assertEquals(expected.y2(), actual.y2(), 1e-3, actual.toString());
    }
}
