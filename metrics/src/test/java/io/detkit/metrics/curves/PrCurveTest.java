package io.detkit.metrics.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.voc.VocEvaluator;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrCurveTest {
    private static final double EPS = 1e-12;

    @Test
    void sampledPrecisionIsTheEnvelopeAtHundredthsOfRecall() {
        // TP, FP, FP, TP, TP with 3 positives:
        //   recall 1/3, 1/3, 1/3, 2/3, 1; precision 1, 1/2, 1/3, 1/2, 3/5; envelope 1, .6, .6, .6, .6
        PrCurve c = new PrCurve(4, new double[] {.9, .8, .7, .6, .5}, new double[] {1 / 3.0, 1 / 3.0, 1 / 3.0, 2 / 3.0, 1},
                new double[] {1, 0.5, 1 / 3.0, 0.5, 0.6});
        assertArrayEquals(new double[] {1, .6, .6, .6, .6}, c.interpolatedPrecision(), EPS);
        double[] s = c.sampledPrecision();
        assertEquals(PrCurve.SAMPLES, s.length);
        assertEquals(1.0, s[0]);
        assertEquals(1.0, s[33]); // 0.33 ≤ 1/3
        assertEquals(0.6, s[34]); // 0.34 > 1/3: first recall ≥ .34 is 2/3
        assertEquals(0.6, s[100]);
        assertEquals(0.01, PrCurve.recallGrid()[1], EPS);
    }

    @Test
    void levelsBeyondTheLastRecallAreZero() {
        PrCurve c = new PrCurve(0, new double[] {.9}, new double[] {0.5}, new double[] {1});
        double[] s = c.sampledPrecision();
        assertEquals(1.0, s[50]);
        assertEquals(0.0, s[51]);
        assertEquals(0.0, new PrCurve(0, new double[0], new double[0], new double[0]).sampledPrecision()[0]);
        assertThrows(IllegalArgumentException.class, () -> new PrCurve(0, new double[1], new double[0], new double[0]));
    }

    @Test
    void fromVocCarriesTheVocCurve() {
        VocEvaluator ev = new VocEvaluator();
        Box b = new Box(0, 0, 10, 10);
        ev.add("a", List.of(new GroundTruth(b, 2)), List.of(new Detection(new Box(50, 50, 60, 60), 2, .9),
                new Detection(b, 2, .5)));
        PrCurve c = PrCurve.fromVoc(ev.evaluate().forClass(2));
        assertEquals(2, c.classId());
        assertArrayEquals(new double[] {0, 1}, c.recall(), EPS);
        assertArrayEquals(new double[] {0, 0.5}, c.precision(), EPS);
        assertEquals(0.5, c.sampledPrecision()[100]);
        c.recall()[0] = 9;
        assertEquals(0.0, c.recall()[0]);
    }
}
