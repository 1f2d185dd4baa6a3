package io.detkit.detector.yolo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Task-aligned assignment on hand-made cases. One level, 8×8 cells of stride 8 (a 64×64 input):
 * anchor {@code y·8 + x} sits at {@code (8x + 4, 8y + 4)}.
 */
class YoloAssignerTest {
    private static final int A = 64;

    private static NDArray points(NDManager m) {
        return new AnchorGrid(new int[] {8}, new int[] {8}, new int[] {8}).toNd(m).get(0);
    }

    /** Every anchor predicts the same box. */
    private static NDArray sameBoxes(NDManager m, int n, float... box) {
        float[] b = new float[n * A * 4];
        for (int i = 0; i < n * A; i++) {
            System.arraycopy(box, 0, b, 4 * i, 4);
        }
        return m.create(b, new Shape(n, A, 4));
    }

    private static Set<Integer> foreground(float[] fg, int image) {
        Set<Integer> s = new TreeSet<>();
        for (int a = 0; a < A; a++) {
            if (fg[image * A + a] > 0) {
                s.add(a);
            }
        }
        return s;
    }

    private static Set<Integer> cells(int[] xs, int[] ys) {
        Set<Integer> s = new TreeSet<>();
        for (int y : ys) {
            for (int x : xs) {
                s.add(y * 8 + x);
            }
        }
        return s;
    }

    @Test
    void anchorsInsideTheBoxAreForegroundAndAZeroGtImageIsEmpty() {
        try (NDManager m = NDManager.newBaseManager()) {
            // image 0: one GT (16,16)-(40,40) class 1 and a padded slot holding junk; image 1: no GT
            NDArray gtBoxes = m.create(new float[] {16, 16, 40, 40, 0, 0, 64, 64, 0, 0, 64, 64, 8, 8, 30, 30},
                    new Shape(2, 2, 4));
            NDArray gtClasses = m.create(new float[] {1, -1, 0, 1}, new Shape(2, 2));
            NDArray gtCount = m.create(new int[] {1, 0});
            NDArray scores = m.full(new Shape(2, A, 2), 0.5f);
            NDArray boxes = sameBoxes(m, 2, 16, 16, 40, 40);
            TaskAlignedAssigner.Assignment t = new TaskAlignedAssigner().assign(scores, boxes, points(m), gtBoxes,
                    gtClasses, gtCount);
            float[] fg = t.fgMask().toFloatArray();
            // centres 20, 28, 36 lie strictly inside [16, 40]; 12 and 44 do not → 3×3 anchors (< top-k 10)
            assertEquals(cells(new int[] {2, 3, 4}, new int[] {2, 3, 4}), foreground(fg, 0));
            assertEquals(Set.of(), foreground(fg, 1));

            float[] tb = t.targetBoxes().toFloatArray();
            float[] ts = t.targetScores().toFloatArray();
            for (int a = 0; a < A; a++) {
                boolean isFg = fg[a] > 0;
                float[] want = isFg ? new float[] {16, 16, 40, 40} : new float[4];
                float[] got = {tb[4 * a], tb[4 * a + 1], tb[4 * a + 2], tb[4 * a + 3]};
                assertArrayEquals(want, got, 0f, "box of anchor " + a);
                // IoU 1 and equal scores: normalised alignment = 1·1/1 for every positive
                assertEquals(isFg ? 1f : 0f, ts[2 * a + 1], 1e-5, "class-1 score of anchor " + a);
                assertEquals(0f, ts[2 * a], 0f, "class-0 score of anchor " + a);
            }
            for (float v : t.targetScores().get("1").toFloatArray()) {
                assertEquals(0f, v, 0f);
            }
        }
    }

    @Test
    void topKKeepsTheBestAlignedCandidates() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray gtBoxes = m.create(new float[] {16, 16, 40, 40}, new Shape(1, 1, 4));
            NDArray gtClasses = m.create(new long[] {0}, new Shape(1, 1));
            NDArray gtCount = m.create(new long[] {1});
            float[] s = new float[A];
            for (int a = 0; a < A; a++) {
                s[a] = (a + 1) / 100f; // later anchors score higher
            }
            NDArray scores = m.create(s, new Shape(1, A, 1));
            TaskAlignedAssigner.Assignment t = new TaskAlignedAssigner(4, 0.5f, 6f).assign(scores,
                    sameBoxes(m, 1, 16, 16, 40, 40), points(m), gtBoxes, gtClasses, gtCount);
            // inside: rows 2..4 × cols 2..4; the four highest indices are 36, 35, 34 and 28
            assertEquals(Set.of(28, 34, 35, 36), foreground(t.fgMask().toFloatArray(), 0));
            // normalised alignment: t/max_t · max IoU = sqrt(s/s_max) → anchor 36 gets 1, 28 gets sqrt(29/37)
            float[] ts = t.targetScores().toFloatArray();
            assertEquals(1f, ts[36], 1e-5);
            assertEquals(Math.sqrt(29.0 / 37.0), ts[28], 1e-5);
        }
    }

    @Test
    void anchorClaimedByTwoBoxesGoesToTheHigherIou() {
        try (NDManager m = NDManager.newBaseManager()) {
            // GT 0 = (16,16,40,40), GT 1 = (24,24,56,56); every anchor predicts GT 0's box exactly
            NDArray gtBoxes = m.create(new float[] {16, 16, 40, 40, 24, 24, 56, 56}, new Shape(1, 2, 4));
            NDArray gtClasses = m.create(new int[] {0, 1}, new Shape(1, 2));
            NDArray gtCount = m.create(new int[] {2});
            TaskAlignedAssigner.Assignment t = new TaskAlignedAssigner(20, 0.5f, 6f).assign(m.full(new Shape(1, A, 2), 0.5f),
                    sameBoxes(m, 1, 16, 16, 40, 40), points(m), gtBoxes, gtClasses, gtCount);
            float[] fg = t.fgMask().toFloatArray();
            long[] idx = t.targetGtIndex().toLongArray();
            Set<Integer> inA = cells(new int[] {2, 3, 4}, new int[] {2, 3, 4});
            Set<Integer> inB = cells(new int[] {3, 4, 5, 6}, new int[] {3, 4, 5, 6});
            Set<Integer> union = new TreeSet<>(inA);
            union.addAll(inB);
            assertEquals(union, foreground(fg, 0));
            for (int a : union) {
                // the 4 anchors in both boxes (cols/rows 3..4) go to GT 0, whose IoU with the prediction is 1
                long want = inA.contains(a) ? 0 : 1;
                assertEquals(want, idx[a], "anchor " + a);
            }
            float[] ts = t.targetScores().toFloatArray();
            int shared = 3 * 8 + 3;
            assertEquals(1f, ts[2 * shared], 1e-5); // class of GT 0
            assertEquals(0f, ts[2 * shared + 1], 0f);
        }
    }

    @Test
    void noGtSlotsAtAll() {
        try (NDManager m = NDManager.newBaseManager()) {
            TaskAlignedAssigner.Assignment t = new TaskAlignedAssigner().assign(m.full(new Shape(2, A, 3), 0.5f),
                    sameBoxes(m, 2, 0, 0, 8, 8), points(m), m.zeros(new Shape(2, 0, 4)), m.zeros(new Shape(2, 0)),
                    m.zeros(new Shape(2)));
            assertEquals(new Shape(2, A, 3), t.targetScores().getShape());
            assertEquals(0f, t.fgMask().sum().getFloat(), 0f);
            assertEquals(new NDList(t.targetBoxes()).get(0).getShape(), new Shape(2, A, 4));
        }
    }

    /**
     * The host assignment (used on the CPU) and the dense NDArray one (used on accelerators) agree on
     * random crowded scenes: 4 images of 96×96 px at strides 8/16/32 (144 + 36 + 9 = 189 anchors),
     * up to 6 GT each (one image with none), overlapping boxes so that anchors are claimed twice,
     * predictions jittered around the GT, random scores.
     */
    @Test
    void hostAndDenseAssignmentsAgree() {
        try (NDManager m = NDManager.newBaseManager()) {
            java.util.Random r = new java.util.Random(7);
            int n = 4, mm = 6, c = 3;
            NDArray points = new AnchorGrid(new int[] {12, 6, 3}, new int[] {12, 6, 3}, new int[] {8, 16, 32}).toNd(m).get(0);
            int a = (int) points.getShape().get(0);
            float[] pts = points.toFloatArray();
            for (int trial = 0; trial < 5; trial++) {
                int[] count = {6, 3, 0, 1 + r.nextInt(6)};
                float[] gt = new float[n * mm * 4];
                float[] cls = new float[n * mm];
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < mm; j++) {
                        float w = 12 + r.nextFloat() * 50, h = 12 + r.nextFloat() * 50;
                        float x = r.nextFloat() * (96 - w), y = r.nextFloat() * (96 - h);
                        int o = (i * mm + j) * 4;
                        gt[o] = x;
                        gt[o + 1] = y;
                        gt[o + 2] = x + w;
                        gt[o + 3] = y + h;
                        cls[i * mm + j] = j < count[i] ? r.nextInt(c) : -1;
                    }
                }
                float[] boxes = new float[n * a * 4];
                for (int i = 0; i < n; i++) {
                    for (int p = 0; p < a; p++) {
                        // a box around the anchor of random size
                        float w = 8 + r.nextFloat() * 50, h = 8 + r.nextFloat() * 50;
                        int o = (i * a + p) * 4;
                        boxes[o] = pts[2 * p] - w * r.nextFloat();
                        boxes[o + 1] = pts[2 * p + 1] - h * r.nextFloat();
                        boxes[o + 2] = boxes[o] + w;
                        boxes[o + 3] = boxes[o + 1] + h;
                    }
                }
                float[] scores = new float[n * a * c];
                for (int i = 0; i < scores.length; i++) {
                    scores[i] = r.nextFloat();
                }
                NDArray s = m.create(scores, new Shape(n, a, c)), b = m.create(boxes, new Shape(n, a, 4));
                NDArray g = m.create(gt, new Shape(n, mm, 4)), gc = m.create(cls, new Shape(n, mm));
                NDArray cnt = m.create(count);
                TaskAlignedAssigner tal = new TaskAlignedAssigner(5, 0.5f, 6f);
                TaskAlignedAssigner.Assignment host = tal.assign(s, b, points, g, gc, cnt);
                TaskAlignedAssigner.Assignment dense = tal.assignDense(s, b, points, g, gc, cnt);
                float[] fgH = host.fgMask().toFloatArray(), fgD = dense.fgMask().toFloatArray();
                assertArrayEquals(fgD, fgH, 0f, "foreground, trial " + trial);
                assertTrue(host.fgMask().sum().getFloat() > 10, "a scene with few positives tests little");
                long[] ih = host.targetGtIndex().toLongArray(), id = dense.targetGtIndex().toLongArray();
                for (int i = 0; i < fgH.length; i++) {
                    if (fgH[i] > 0) {
                        assertEquals(id[i], ih[i], "GT of anchor row " + i + ", trial " + trial);
                    }
                }
                assertArrayEquals(dense.targetBoxes().toFloatArray(), host.targetBoxes().toFloatArray(), 1e-4f);
                assertArrayEquals(dense.targetScores().toFloatArray(), host.targetScores().toFloatArray(), 1e-4f);
            }
        }
    }
}
