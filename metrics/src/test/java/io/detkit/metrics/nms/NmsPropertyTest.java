package io.detkit.metrics.nms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.metrics.box.Iou;
import io.detkit.metrics.box.IouKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded random inputs: every greedy path equals the naive reference exactly, and the outputs
 * satisfy the defining properties of NMS.
 */
class NmsPropertyTest {
    private static final double[] THRESHOLDS = {-0.1, 0.0, 0.05, 1.0 / 3, 0.5, 0.7, 1.0, 1.5};
    private static final GreedyNms.Path[] PATHS = GreedyNms.Path.values();

    /** Small and medium cases of every generator. */
    private static List<RandomBoxes> cases() {
        List<RandomBoxes> cases = new ArrayList<>();
        for (int seed = 0; seed < 12; seed++) {
            int n = 5 + seed * 53; // 5 … 588, below and above GreedyNms.GRID_MIN
            cases.add(RandomBoxes.uniform(seed, n, 300, 60, 1 + seed % 4));
            cases.add(RandomBoxes.clustered(100 + seed, n, 1 + seed % 7, 1 + seed % 3));
            cases.add(RandomBoxes.integerMixed(200 + seed, n, 1 + seed % 2));
        }
        return cases;
    }

    @Test
    void everyGreedyPathEqualsTheNaiveReference() {
        int compared = 0;
        for (RandomBoxes c : cases()) {
            for (double t : THRESHOLDS) {
                for (NmsMethod method : new NmsMethod[] {NmsMethod.GREEDY, NmsMethod.DIOU}) {
                    for (boolean classAware : new boolean[] {false, true}) {
                        boolean plusOne = (compared & 1) == 0;
                        NmsConfig cfg = NmsConfig.builder().optIouThreshold(t).optMethod(method)
                                .optClassAware(classAware).optPlusOne(plusOne).build();
                        NmsResult expected = NaiveNms.apply(c.boxes, c.scores, c.classes, cfg);
                        for (GreedyNms.Path path : PATHS) {
                            assertSame(expected, Nms.apply(c.boxes, c.scores, c.classes, cfg, path),
                                    "n=" + c.size() + " " + cfg + " path=" + path);
                        }
                        compared++;
                    }
                }
            }
        }
        assertEquals(36 * THRESHOLDS.length * 4, compared);
    }

    @Test
    void scoreThresholdAndMaxDetectionsMatchTheReference() {
        for (RandomBoxes c : cases()) {
            for (int max : new int[] {0, 1, 7, Integer.MAX_VALUE}) {
                NmsConfig cfg = NmsConfig.builder().optIouThreshold(0.4).optScoreThreshold(0.35)
                        .optMaxDetections(max).build();
                NmsResult expected = NaiveNms.apply(c.boxes, c.scores, c.classes, cfg);
                for (GreedyNms.Path path : PATHS) {
                    assertSame(expected, Nms.apply(c.boxes, c.scores, c.classes, cfg, path), cfg + " " + path);
                }
            }
        }
    }

    @Test
    void tenThousandBoxesEqualTheNaiveReference() {
        RandomBoxes[] big = {
            RandomBoxes.uniform(42, 10_000, 1000, 100, 1),
            RandomBoxes.clustered(43, 10_000, 300, 1),
            RandomBoxes.integerMixed(44, 10_000, 1),
            RandomBoxes.uniform(45, 10_000, 1000, 100, 80),
        };
        double[] thresholds = {0.5, 0.2, 0.5, 0.5};
        for (int i = 0; i < big.length; i++) {
            RandomBoxes c = big[i];
            NmsConfig cfg = NmsConfig.builder().optIouThreshold(thresholds[i]).build();
            NmsResult expected = NaiveNms.apply(c.boxes, c.scores, c.classes, cfg);
            assertTrue(expected.size() > 100, "a meaningful case keeps many boxes");
            // PLAIN is the reference loop itself, already compared on the smaller cases
            for (GreedyNms.Path path : new GreedyNms.Path[] {GreedyNms.Path.AUTO, GreedyNms.Path.GRID,
                    GreedyNms.Path.GRID_PARALLEL}) {
                assertSame(expected, Nms.apply(c.boxes, c.scores, c.classes, cfg, path), path + " " + cfg);
            }
        }
    }

    @Test
    void extremeCoordinateScalesEqualTheReference() {
        // {x scale, y scale, x offset}; areas stay finite and non-zero. The last case puts x near
        // 0.4e308 … 1.2e308, where x1 + x2 overflows for some boxes only, with a tiny y scale so that
        // areas stay finite.
        double[][] scales = {{1e-150, 1e-150, 0}, {1e6, 1e6, 0}, {1e150, 1e150, 0}, {1e305, 1e-290, 0.8e308}};
        for (double[] sc : scales) {
            RandomBoxes c = RandomBoxes.clustered(77, 600, 20, 1);
            double[] boxes = c.boxes.clone();
            for (int i = 0; i < boxes.length; i++) {
                boxes[i] = i % 2 == 0 ? (boxes[i] - 200) * sc[0] + sc[2] : (boxes[i] - 200) * sc[1];
            }
            NmsConfig cfg = NmsConfig.builder().optIouThreshold(0.5).build();
            NmsResult expected = NaiveNms.apply(boxes, c.scores, null, cfg);
            String where = java.util.Arrays.toString(sc);
            assertTrue(expected.size() < 500, "boxes are suppressed at " + where);
            for (GreedyNms.Path path : PATHS) {
                assertSame(expected, Nms.apply(boxes, c.scores, null, cfg, path), where + " " + path);
            }
        }
    }

    @Test
    void keptBoxesNeverOverlapAboveThreshold() {
        for (RandomBoxes c : cases()) {
            for (double t : new double[] {0.1, 0.5}) {
                for (boolean classAware : new boolean[] {false, true}) {
                    NmsConfig cfg = NmsConfig.builder().optIouThreshold(t).optClassAware(classAware).build();
                    int[] kept = Nms.apply(c.boxes, c.scores, c.classes, cfg).indices();
                    for (int i = 0; i < kept.length; i++) {
                        for (int j = i + 1; j < kept.length; j++) {
                            if (!classAware || c.classes[kept[i]] == c.classes[kept[j]]) {
                                double iou = Iou.compute(IouKind.IOU, c.boxes, 4 * kept[i], c.boxes, 4 * kept[j], false);
                                assertFalse(iou > t, "kept " + kept[i] + " and " + kept[j] + " overlap " + iou);
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void everySuppressedBoxOverlapsAHigherScoredKeptBox() {
        for (RandomBoxes c : cases()) {
            for (double t : new double[] {0.1, 0.5, 0.8}) {
                for (boolean classAware : new boolean[] {false, true}) {
                    NmsConfig cfg = NmsConfig.builder().optIouThreshold(t).optClassAware(classAware).build();
                    int[] kept = Nms.apply(c.boxes, c.scores, c.classes, cfg).indices();
                    int[] rank = new int[c.size()];
                    java.util.Arrays.fill(rank, -1);
                    for (int r = 0; r < kept.length; r++) {
                        rank[kept[r]] = r;
                    }
                    for (int s = 0; s < c.size(); s++) {
                        if (rank[s] >= 0) {
                            continue;
                        }
                        boolean explained = false;
                        for (int k : kept) {
                            boolean before = c.scores[k] > c.scores[s] || (c.scores[k] == c.scores[s] && k < s);
                            boolean sameClass = !classAware || c.classes[k] == c.classes[s];
                            if (before && sameClass
                                    && Iou.compute(IouKind.IOU, c.boxes, 4 * k, c.boxes, 4 * s, false) > t) {
                                explained = true;
                                break;
                            }
                        }
                        assertTrue(explained, "box " + s + " was removed without a reason");
                    }
                    // and the output is in processing order
                    for (int r = 1; r < kept.length; r++) {
                        int a = kept[r - 1], b = kept[r];
                        assertTrue(c.scores[a] > c.scores[b] || (c.scores[a] == c.scores[b] && a < b));
                    }
                }
            }
        }
    }

    @Test
    void softNmsEqualsTheNaiveReference() {
        int n = 0;
        for (RandomBoxes c : cases()) {
            if (c.size() > 300) {
                continue; // the reference is O(n²) with boxing
            }
            for (NmsMethod m : new NmsMethod[] {NmsMethod.SOFT_LINEAR, NmsMethod.SOFT_GAUSSIAN}) {
                for (double scoreThreshold : new double[] {Double.NEGATIVE_INFINITY, 0.001, 0.3}) {
                    boolean classAware = (n & 1) == 0;
                    NmsConfig cfg = NmsConfig.builder().optMethod(m).optIouThreshold(0.3).optSigma(0.5)
                            .optScoreThreshold(scoreThreshold).optClassAware(classAware)
                            .optMaxDetections((n & 2) == 0 ? Integer.MAX_VALUE : 10).optPlusOne((n & 4) == 0).build();
                    assertSame(NaiveNms.apply(c.boxes, c.scores, c.classes, cfg),
                            Nms.apply(c.boxes, c.scores, c.classes, cfg), cfg.toString());
                    n++;
                }
            }
        }
        assertTrue(n > 50);
    }

    @Test
    void softNmsWithoutThresholdKeepsEveryBoxAndNeverRaisesAScore() {
        RandomBoxes c = RandomBoxes.clustered(9, 400, 5, 1);
        for (NmsMethod m : new NmsMethod[] {NmsMethod.SOFT_LINEAR, NmsMethod.SOFT_GAUSSIAN}) {
            NmsResult r = Nms.apply(c.boxes, c.scores, null, NmsConfig.builder().optMethod(m).build());
            assertEquals(400, r.size());
            for (int i = 0; i < r.size(); i++) {
                assertTrue(r.score(i) <= c.scores[r.index(i)]);
                if (i > 0) {
                    assertTrue(r.score(i) <= r.score(i - 1), "scores non-increasing");
                }
            }
        }
    }

    private static void assertSame(NmsResult expected, NmsResult actual, String message) {
        assertArrayEquals(expected.indices(), actual.indices(), message);
        assertArrayEquals(expected.scores(), actual.scores(), message); // exact: same doubles
    }
}
