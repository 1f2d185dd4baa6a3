package io.detkit.metrics.nms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.metrics.box.Iou;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The grid's search radius R = w·(1 − t)/(2t) must cover every suppressor and is tight: a box A of
 * width w_B/t containing B at one end has IoU → t and centre distance → R. Random boxes rarely get
 * close to the bound, so these tests build that extremal pair on purpose.
 */
class KeptGridTest {
    private static final double[] THRESHOLDS = {0.1, 0.3, 0.5, 0.7, 0.9};

    @Test
    void radiusFactorValues() {
        assertEquals(0.5, KeptGrid.radiusFactor(0.5)); // (1 − 0.5)/(2·0.5)
        assertEquals(4.5, KeptGrid.radiusFactor(0.1), 1e-12); // 0.9/0.2
        assertEquals(0.0, KeptGrid.radiusFactor(1.0));
        assertEquals(0.0, KeptGrid.radiusFactor(1.5));
    }

    @Test
    void extremalPairReachesTheBound() {
        for (double t : THRESHOLDS) {
            double[] pair = extremalPair(0, 0, 10, 4, t, true, false);
            // IoU = |B|/|A| = w_B/w_A = t/(1 − 1e-7) > t
            assertTrue(Iou.iou(pair, 0, Iou.area(pair, 0, false), pair, 4, Iou.area(pair, 4, false), false) > t);
            double dc = Math.abs((pair[0] + pair[2]) / 2 - (pair[4] + pair[6]) / 2);
            double bound = KeptGrid.radiusFactor(t) * 10;
            assertTrue(dc <= bound, "inside the bound");
            assertTrue(dc > bound * (1 - 1e-5), "t=" + t + ": the bound is tight, dc/bound = " + dc / bound);
        }
    }

    @Test
    void boundHoldsForRandomSuppressingPairs() {
        Random rnd = new Random(17);
        int suppressing = 0;
        for (int trial = 0; trial < 200_000; trial++) {
            double t = THRESHOLDS[trial % THRESHOLDS.length];
            double[] p = new double[8];
            for (int k = 0; k < 2; k++) {
                double w = 1 + rnd.nextDouble() * 40, h = 1 + rnd.nextDouble() * 40;
                double x = rnd.nextDouble() * 30, y = rnd.nextDouble() * 30;
                p[4 * k] = x;
                p[4 * k + 1] = y;
                p[4 * k + 2] = x + w;
                p[4 * k + 3] = y + h;
            }
            if (Iou.iou(p, 0, Iou.area(p, 0, false), p, 4, Iou.area(p, 4, false), false) > t) {
                suppressing++;
                double rx = KeptGrid.radiusFactor(t) * (p[6] - p[4]), ry = KeptGrid.radiusFactor(t) * (p[7] - p[5]);
                assertTrue(Math.abs((p[0] + p[2]) / 2 - (p[4] + p[6]) / 2) < rx);
                assertTrue(Math.abs((p[1] + p[3]) / 2 - (p[5] + p[7]) / 2) < ry);
            }
        }
        assertTrue(suppressing > 5_000);
    }

    @Test
    void gridFindsExtremalSuppressorsAmongSmallBoxes() {
        Random rnd = new Random(23);
        for (double t : THRESHOLDS) {
            for (boolean plusOne : new boolean[] {false, true}) {
                // 3000 tiny boxes make the grid cells small compared with the pairs' search radius
                int tiny = 3000, pairs = 40, n = tiny + 2 * pairs;
                double[] boxes = new double[4 * n];
                double[] scores = new double[n];
                for (int i = 0; i < tiny; i++) {
                    double x = rnd.nextDouble() * 300, y = rnd.nextDouble() * 300;
                    boxes[4 * i] = x;
                    boxes[4 * i + 1] = y;
                    boxes[4 * i + 2] = x + 0.5 + rnd.nextDouble();
                    boxes[4 * i + 3] = y + 0.5 + rnd.nextDouble();
                    scores[i] = rnd.nextDouble() * 0.5;
                }
                for (int k = 0; k < pairs; k++) {
                    double[] pair = extremalPair(rnd.nextDouble() * 250, rnd.nextDouble() * 250,
                            2 + rnd.nextDouble() * 20, 2 + rnd.nextDouble() * 20, t, k % 2 == 0, k % 4 >= 2);
                    if (plusOne) { // the "+1" widths are one larger: shrink the boxes to keep the same geometry
                        pair[2] -= 1; pair[3] -= 1; pair[6] -= 1; pair[7] -= 1;
                    }
                    System.arraycopy(pair, 0, boxes, 4 * (tiny + 2 * k), 8);
                    scores[tiny + 2 * k] = 0.9 + rnd.nextDouble() * 0.1; // A first
                    scores[tiny + 2 * k + 1] = 0.6 + rnd.nextDouble() * 0.1;
                }
                NmsConfig cfg = NmsConfig.builder().optIouThreshold(t).optClassAware(false).optPlusOne(plusOne).build();
                NmsResult expected = NaiveNms.apply(boxes, scores, null, cfg);
                // pairs may overlap each other; most B must still be removed by their own A
                int removedByOwnA = 0;
                for (int k = 0; k < pairs; k++) {
                    int a = tiny + 2 * k, b = a + 1;
                    if (contains(expected.indices(), a) && !contains(expected.indices(), b)) {
                        removedByOwnA++;
                    }
                }
                assertTrue(removedByOwnA >= pairs / 2, "t=" + t + ": only " + removedByOwnA);
                for (GreedyNms.Path path : new GreedyNms.Path[] {GreedyNms.Path.GRID, GreedyNms.Path.GRID_PARALLEL}) {
                    NmsResult actual = Nms.apply(boxes, scores, null, cfg, path);
                    assertArrayEquals(expected.indices(), actual.indices(), "t=" + t + " plusOne=" + plusOne + " " + path);
                }
            }
        }
    }

    private static boolean contains(int[] ids, int id) {
        return Arrays.stream(ids).anyMatch(i -> i == id);
    }

    /**
     * A = a box of size (w/t·(1 − 1e-7)) × h (or h/t along y), B = a w × h box inside A at one end:
     * IoU(A, B) = t/(1 − 1e-7), just above t, centre distance just below R.
     */
    private static double[] extremalPair(double x, double y, double w, double h, double t, boolean atHighEnd,
            boolean alongY) {
        double stretch = 1 / t * (1 - 1e-7);
        if (!alongY) {
            double wa = w * stretch, bx = atHighEnd ? x + wa - w : x;
            return new double[] {x, y, x + wa, y + h, bx, y, bx + w, y + h};
        }
        double ha = h * stretch, by = atHighEnd ? y + ha - h : y;
        return new double[] {x, y, x + w, y + ha, x, by, x + w, by + h};
    }
}
