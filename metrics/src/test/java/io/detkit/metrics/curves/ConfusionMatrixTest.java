package io.detkit.metrics.curves;

import static io.detkit.metrics.curves.CurveEvaluatorTest.det;
import static io.detkit.metrics.curves.CurveEvaluatorTest.gt;
import static io.detkit.metrics.curves.CurveEvaluatorTest.randomBox;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConfusionMatrixTest {
    private static final int CAT = 0, DOG = 1, BG = 2;

    /**
     * cat g0 (0,0,10,10), dog g1 (20,0,30,10), dog g2 (50,50,60,60); defaults conf .25, IoU .45
     * <pre>
     *   cat .9  on g0                → (pred cat, true cat)
     *   cat .8  on g1                → (pred cat, true dog): class confusion
     *   dog .7  (100,100,110,110)    → matches nothing: (pred dog, true background)
     *   dog .25 on g2                → dropped (score must be > .25), so g2 is missed:
     *                                  (pred background, true dog)
     * </pre>
     */
    private static ConfusionMatrix handCase() {
        ConfusionMatrixEvaluator ev = new ConfusionMatrixEvaluator(2);
        ev.add("img", List.of(gt(CAT, 0, 0, 10, 10), gt(DOG, 20, 0, 30, 10), gt(DOG, 50, 50, 60, 60)),
                List.of(det(CAT, 0.9, 0, 0, 10, 10), det(CAT, 0.8, 20, 0, 30, 10), det(DOG, 0.7, 100, 100, 110, 110),
                        det(DOG, 0.25, 50, 50, 60, 60)));
        return ev.result();
    }

    @Test
    void rowsArePredictedColumnsAreTrue() {
        ConfusionMatrix m = handCase();
        long[][] expected = {
            //  true: cat dog bg
            {1, 1, 0}, // predicted cat
            {0, 0, 1}, // predicted dog
            {0, 1, 0}, // predicted background
        };
        assertArrayEquals(expected, m.counts());
        assertEquals(1, m.count(CAT, DOG));
        assertEquals(BG, m.background());
        // total = 3 ground truths + 1 unmatched detection above the threshold
        assertEquals(4, m.total());
        assertArrayEquals(new long[] {1, 0}, m.truePositives());
        assertArrayEquals(new long[] {1, 1}, m.falsePositives()); // cat→dog confusion; dog on background
        assertArrayEquals(new long[] {0, 2}, m.falseNegatives()); // dogs: one seen as cat, one missed
    }

    @Test
    void normalisedColumnsSumToOne() {
        double[][] n = handCase().normalized();
        // true dog column: 1 predicted cat, 1 missed → ½, 0, ½
        assertEquals(0.5, n[CAT][DOG]);
        assertEquals(0.0, n[DOG][DOG]);
        assertEquals(0.5, n[BG][DOG]);
        assertEquals(1.0, n[CAT][CAT]);
        assertEquals(1.0, n[DOG][BG]);
        // each column sums to 1
        for (int t = 0; t < 3; t++) {
            assertEquals(1.0, n[0][t] + n[1][t] + n[2][t], 1e-12);
        }
        ConfusionMatrix empty = new ConfusionMatrixEvaluator(1).result();
        assertEquals(0.0, empty.normalized()[0][0]);
    }

    @Test
    void pairsAreResolvedByHighestIouAndIouMustExceedTheThreshold() {
        // cat g (0,0,10,10); dog .9 (0,0,10,6) IoU .6; cat .8 (0,0,10,9) IoU .9
        // the cat detection wins on IoU even though the dog one is more confident
        ConfusionMatrixEvaluator ev = new ConfusionMatrixEvaluator(2, 0.25, 0.5);
        ev.add("a", List.of(gt(CAT, 0, 0, 10, 10)), List.of(det(DOG, 0.9, 0, 0, 10, 6), det(CAT, 0.8, 0, 0, 10, 9)));
        // IoU exactly 0.5 = threshold is not a match (strict): (0,0,10,5) against (0,0,10,10)
        ev.add("b", List.of(gt(CAT, 0, 0, 10, 10)), List.of(det(CAT, 0.9, 0, 0, 10, 5)));
        ConfusionMatrix m = ev.result();
        assertEquals(1, m.count(CAT, CAT));
        assertEquals(1, m.count(DOG, BG));
        assertEquals(1, m.count(BG, CAT)); // image b: the object is missed
        assertEquals(1, m.count(CAT, BG)); // image b: its detection is a false alarm
        assertEquals(4, m.total());
    }

    @Test
    void renderingNamesRowsAndColumns() {
        String text = handCase().render(List.of("cat", "dog"));
        List<String> lines = text.lines().toList();
        assertTrue(lines.get(0).contains("rows = predicted, columns = true"), lines.get(0));
        assertTrue(lines.get(0).contains("score > 0.25") && lines.get(0).contains("IoU > 0.45"), lines.get(0));
        assertEquals(List.of("pred\\true", "cat", "dog", "background"), List.of(lines.get(1).replace("pred \\ true",
                "pred\\true").trim().split("\\s+")));
        assertEquals(List.of("cat", "1", "1", "0"), List.of(lines.get(2).trim().split("\\s+")));
        assertEquals(List.of("background", "0", "1", "0"), List.of(lines.get(4).trim().split("\\s+")));
        String norm = handCase().render(List.of("cat", "dog"), true);
        assertEquals(List.of("background", "0.00", "0.50", "0.00"), List.of(norm.lines().toList().get(4).trim().split("\\s+")));
        assertTrue(handCase().toString().lines().toList().get(2).startsWith("0 "));
        assertThrows(IllegalArgumentException.class, () -> handCase().render(List.of("cat")));
    }

    @Test
    void totalsEqualGroundTruthsPlusUnmatchedDetectionsOnRandomData() {
        Random rnd = new Random(3);
        for (int trial = 0; trial < 20; trial++) {
            double conf = rnd.nextDouble() * 0.5;
            ConfusionMatrixEvaluator ev = new ConfusionMatrixEvaluator(3, conf, 0.1 + 0.6 * rnd.nextDouble());
            long gts = 0, kept = 0;
            for (int img = 0; img < 10; img++) {
                List<GroundTruth> g = new ArrayList<>();
                List<Detection> d = new ArrayList<>();
                for (int k = rnd.nextInt(5); k > 0; k--) {
                    g.add(new GroundTruth(randomBox(rnd), rnd.nextInt(3)));
                }
                for (int k = rnd.nextInt(8); k > 0; k--) {
                    Detection det = new Detection(randomBox(rnd), rnd.nextInt(3), rnd.nextDouble());
                    kept += det.score() > conf ? 1 : 0;
                    d.add(det);
                }
                gts += g.size();
                ev.add("i" + img, g, d);
            }
            ConfusionMatrix m = ev.result();
            long[][] c = m.counts();
            long unmatched = c[0][3] + c[1][3] + c[2][3];
            long trueColumns = 0, predictedRows = 0;
            for (int p = 0; p < 4; p++) {
                for (int t = 0; t < 4; t++) {
                    trueColumns += t < 3 ? c[p][t] : 0;
                    predictedRows += p < 3 ? c[p][t] : 0;
                }
            }
            assertEquals(0, c[3][3]);
            assertEquals(gts, trueColumns); // every ground truth lands exactly once
            assertEquals(kept, predictedRows); // every kept detection lands exactly once
            assertEquals(gts + unmatched, m.total());
        }
    }

    @Test
    void rejectsBadInput() {
        ConfusionMatrixEvaluator ev = new ConfusionMatrixEvaluator(2);
        assertThrows(IllegalArgumentException.class, () -> ev.add("a", List.of(gt(2, 0, 0, 1, 1)), List.of()));
        assertThrows(IllegalArgumentException.class, () -> ev.add("a", List.of(), List.of(det(-1, .9, 0, 0, 1, 1))));
        ev.add("a", List.of(), List.of());
        assertThrows(IllegalArgumentException.class, () -> ev.add("a", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrixEvaluator(0));
        assertThrows(IllegalArgumentException.class, () -> new ConfusionMatrixEvaluator(2, 0.25, 1.0));
        long[][] counts = ev.result().counts();
        counts[0][0] = 5;
        assertEquals(0, ev.result().count(0, 0));
    }
}
