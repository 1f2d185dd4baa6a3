package io.detkit.metrics.box;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class IouTest {
    private static final double EPS = 1e-12;
    private static final double[] A = {0, 0, 10, 10};

    @Test
    void iouOfHalfOverlap() {
        // B = [5,0,15,10]: intersection 5·10 = 50, union 100 + 100 − 50 = 150 → 1/3
        assertEquals(1.0 / 3, Iou.iou(A, new double[] {5, 0, 15, 10}), EPS);
    }

    @Test
    void iouOfContainedBox() {
        // B = [0,0,10,5] lies inside A: intersection 50, union 100 → exactly 0.5
        assertEquals(0.5, Iou.iou(A, new double[] {0, 0, 10, 5}));
    }

    @Test
    void iouOfDisjointAndTouchingBoxesIsZero() {
        assertEquals(0.0, Iou.iou(A, new double[] {20, 0, 30, 10}));
        assertEquals(0.0, Iou.iou(A, new double[] {10, 0, 20, 10})); // shares an edge only
    }

    @Test
    void iouOfTwoEmptyBoxesIsZero() {
        double[] empty = {3, 3, 3, 3};
        assertEquals(0.0, Iou.iou(empty, empty));
    }

    @Test
    void invertedBoxHasZeroArea() {
        double[] inverted = {10, 10, 0, 0};
        assertEquals(0.0, Iou.area(inverted, 0, false));
        assertEquals(0.0, Iou.iou(A, inverted));
    }

    @Test
    void giouOfSeparatedBoxes() {
        // B = [20,0,30,10]: IoU 0, union 200, enclosing box [0,0,30,10] has area 300
        // GIoU = 0 − (300 − 200)/300 = −1/3
        assertEquals(-1.0 / 3, Iou.compute(IouKind.GIOU, A, new double[] {20, 0, 30, 10}, false), EPS);
    }

    @Test
    void giouEqualsIouWhenEnclosingBoxIsTheUnion() {
        // B = [5,0,15,10]: enclosing box [0,0,15,10] has area 150 = union → GIoU = IoU = 1/3
        assertEquals(1.0 / 3, Iou.compute(IouKind.GIOU, A, new double[] {5, 0, 15, 10}, false), EPS);
    }

    @Test
    void diouOfShiftedBox() {
        // B = [4,0,14,10]: intersection 6·10 = 60, union 140 → IoU = 3/7
        // centres (5,5) and (9,5): ρ² = 16; enclosing [0,0,14,10]: c² = 14² + 10² = 296
        // DIoU = 3/7 − 16/296 = 0.374517374517…
        double diou = Iou.compute(IouKind.DIOU, A, new double[] {4, 0, 14, 10}, false);
        assertEquals(3.0 / 7 - 16.0 / 296, diou, EPS);
        assertEquals(0.3745173745, diou, 1e-10);
    }

    @Test
    void diouOfSeparatedBoxes() {
        // B = [20,0,30,10]: IoU 0, centres 5 and 25 apart by 20 → ρ² = 400; c² = 30² + 10² = 1000
        assertEquals(-0.4, Iou.compute(IouKind.DIOU, A, new double[] {20, 0, 30, 10}, false), EPS);
    }

    @Test
    void ciouPenalisesAspectRatio() {
        // B = [0,0,20,10]: IoU 100/200 = 0.5; centres (5,5),(10,5): ρ² = 25; c² = 20² + 10² = 500
        // DIoU = 0.5 − 0.05 = 0.45
        // v = 4/π²·(atan(20/10) − atan(10/10))² = 0.0419564615…, α = v/(1 − 0.5 + v) = 0.0774166644…
        // CIoU = 0.45 − α·v = 0.4467518707…
        double[] b = {0, 0, 20, 10};
        double v = 4 / (Math.PI * Math.PI) * Math.pow(Math.atan(2) - Math.atan(1), 2);
        double alpha = v / (0.5 + v);
        assertEquals(0.45, Iou.compute(IouKind.DIOU, A, b, false), EPS);
        assertEquals(0.45 - alpha * v, Iou.compute(IouKind.CIOU, A, b, false), EPS);
        assertEquals(0.4467518707, Iou.compute(IouKind.CIOU, A, b, false), 1e-10);
    }

    @Test
    void ciouEqualsDiouForSameAspectRatio() {
        double[] b = {5, 5, 15, 15};
        assertEquals(Iou.compute(IouKind.DIOU, A, b, false), Iou.compute(IouKind.CIOU, A, b, false));
    }

    @Test
    void plusOnePixelAreas() {
        // A' = [0,0,9,9], B' = [5,0,14,9]
        // +1: widths 10, overlap 9 − 5 + 1 = 5, height 10 → 50 / (100 + 100 − 50) = 1/3
        // exact: areas 81, overlap 4·9 = 36 → 36 / (81 + 81 − 36) = 36/126 = 2/7
        double[] a = {0, 0, 9, 9}, b = {5, 0, 14, 9};
        assertEquals(1.0 / 3, Iou.compute(IouKind.IOU, a, b, true), EPS);
        assertEquals(2.0 / 7, Iou.compute(IouKind.IOU, a, b, false), EPS);
        assertEquals(100.0, Iou.area(a, 0, true));
        assertEquals(81.0, Iou.area(a, 0, false));
    }

    @Test
    void plusOneMakesASinglePixelBoxNonEmpty() {
        double[] pixel = {3, 3, 3, 3};
        assertEquals(1.0, Iou.area(pixel, 0, true));
        assertEquals(1.0, Iou.compute(IouKind.IOU, pixel, pixel, true));
    }

    @Test
    void identicalBoxesScoreOneForEveryKind() {
        double[] b = {1.5, 2.5, 7, 30};
        for (IouKind kind : IouKind.values()) {
            assertEquals(1.0, Iou.compute(kind, b, b, false), EPS, kind.name());
        }
    }

    @Test
    void randomPairsAreSymmetricAndInRange() {
        Random rnd = new Random(7);
        for (int trial = 0; trial < 20_000; trial++) {
            double[] a = randomBox(rnd), b = randomBox(rnd);
            boolean plusOne = rnd.nextBoolean();
            for (IouKind kind : IouKind.values()) {
                double ab = Iou.compute(kind, a, b, plusOne), ba = Iou.compute(kind, b, a, plusOne);
                assertEquals(ab, ba, 1e-12, kind + " symmetric");
                double lo = switch (kind) {
                    case IOU -> 0;
                    case GIOU, DIOU -> -1;
                    case CIOU -> -1.5;
                };
                // The documented ranges hold for proper boxes; an inverted box (x2 < x1) can push
                // DIoU below −1 because the "enclosing" box is then smaller than the centre distance.
                if (proper(a) && proper(b)) {
                    assertTrue(ab >= lo - 1e-12 && ab <= 1 + 1e-12, kind + " = " + ab + " out of range");
                }
            }
            // the hierarchy: GIoU ≤ IoU, DIoU ≤ IoU, CIoU ≤ DIoU
            double iou = Iou.compute(IouKind.IOU, a, b, plusOne);
            assertTrue(Iou.compute(IouKind.GIOU, a, b, plusOne) <= iou + 1e-12);
            assertTrue(Iou.compute(IouKind.DIOU, a, b, plusOne) <= iou);
            assertTrue(Iou.compute(IouKind.CIOU, a, b, plusOne) <= Iou.compute(IouKind.DIOU, a, b, plusOne));
        }
    }

    @Test
    void iouWithPrecomputedAreasIsBitIdenticalAndSymmetric() {
        Random rnd = new Random(11);
        double[] boxes = new double[4 * 400];
        for (int i = 0; i < boxes.length; i += 4) {
            System.arraycopy(i % 40 == 0 ? new double[] {5, 5, 4, 9} : randomBox(rnd), 0, boxes, i, 4);
        }
        for (boolean plusOne : new boolean[] {false, true}) {
            for (int i = 0; i < 400; i++) {
                for (int j = 0; j < 400; j += 3) {
                    double expected = Iou.compute(IouKind.IOU, boxes, 4 * i, boxes, 4 * j, plusOne);
                    double ai = Iou.area(boxes, 4 * i, plusOne), aj = Iou.area(boxes, 4 * j, plusOne);
                    assertEquals(Double.doubleToLongBits(expected),
                            Double.doubleToLongBits(Iou.iou(boxes, 4 * i, ai, boxes, 4 * j, aj, plusOne)));
                    assertEquals(Double.doubleToLongBits(expected),
                            Double.doubleToLongBits(Iou.iou(boxes, 4 * j, aj, boxes, 4 * i, ai, plusOne)));
                }
            }
        }
    }

    @Test
    void matrixMatchesHandComputedValues() {
        double[] a = {0, 0, 10, 10, 4, 0, 14, 10};
        double[] b = {5, 0, 15, 10, 20, 0, 30, 10, 0, 0, 10, 5};
        // row 0 (A): 1/3 (see iouOfHalfOverlap), 0 (disjoint), 0.5 (contained)
        // row 1 ([4,0,14,10]): vs [5,0,15,10] overlap 9·10 = 90, union 110 → 9/11; disjoint → 0;
        //        vs [0,0,10,5] overlap 6·5 = 30, union 100 + 50 − 30 = 120 → 1/4
        assertArrayEquals(new double[] {1.0 / 3, 0, 0.5, 9.0 / 11, 0, 0.25}, Iou.matrix(a, b), EPS);
        double[] d = Iou.matrix(IouKind.DIOU, a, b, false);
        assertEquals(6, d.length);
        assertEquals(Iou.compute(IouKind.DIOU, a, 4, b, 8, false), d[5]);
    }

    @Test
    void matrixRejectsRaggedArrays() {
        assertThrows(IllegalArgumentException.class, () -> Iou.matrix(new double[5], new double[4]));
        assertThrows(IllegalArgumentException.class, () -> Iou.matrix(new double[4], new double[3]));
    }

    private static boolean proper(double[] b) {
        return b[2] >= b[0] && b[3] >= b[1];
    }

    private static double[] randomBox(Random rnd) {
        double x = rnd.nextDouble() * 100, y = rnd.nextDouble() * 100;
        // mostly proper boxes, some degenerate (zero or negative size)
        double w = rnd.nextInt(10) == 0 ? -rnd.nextDouble() * 3 : rnd.nextDouble() * 60;
        double h = rnd.nextInt(10) == 0 ? 0 : rnd.nextDouble() * 60;
        return new double[] {x, y, x + w, y + h};
    }
}
