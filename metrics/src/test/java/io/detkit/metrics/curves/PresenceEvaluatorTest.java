package io.detkit.metrics.curves;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import java.util.List;
import org.junit.jupiter.api.Test;

class PresenceEvaluatorTest {
    private static final Box B = new Box(0, 0, 10, 10);

    private static GroundTruth gt(int c) {
        return new GroundTruth(B, c);
    }

    private static Detection det(int c, double s) {
        return new Detection(B, c, s);
    }

    /**
     * <pre>
     * image  GT         detections              cat: label score   dog: label score
     * i1     cat        cat .9                       1     .9           0     none
     * i2     cat, dog   cat .3, cat .6, dog .8       1     .6           1     .8
     * i3     -          cat .7                       0     .7           0     none
     * i4     dog        -                            0     none         1     none
     * i5     -          dog .85                      0     none         0     .85
     * ("none" = below every score; images without a detection tie at the bottom)
     * cat: positives {.9, .6}, negatives {.7, none, none}. Pairs won: .9 beats all 3; .6 beats the
     *   two "none" and loses to .7: AUC = 5/6. ROC (FPR, TPR): (0,0) (0,.5) [t=.9] (1/3,.5) [t=.7]
     *   (1/3,1) [t=.6] (1,1) [t=none].
     * dog: positives {.8, none}, negatives {none, none, .85}. .8 beats the two "none" (2), loses to .85;
     *   "none" ties the two "none" (2 × 1/2), loses to .85: AUC = 3/6 = 1/2.
     * bird: never in the GT: AUC undefined.  Mean AUC = (5/6 + 1/2) / 2 = 2/3.
     * </pre>
     */
    @Test
    void handWorkedPresenceAuc() {
        PresenceEvaluator ev = new PresenceEvaluator(new int[] {2, 1, 3});
        ev.add("i1", List.of(gt(1)), List.of(det(1, 0.9)));
        ev.add("i2", List.of(gt(1), gt(2)), List.of(det(1, 0.3), det(1, 0.6), det(2, 0.8)));
        ev.add("i3", List.of(), List.of(det(1, 0.7)));
        ev.add("i4", List.of(gt(2)), List.of());
        ev.add("i5", List.of(), List.of(det(2, 0.85)));
        PresenceRoc r = ev.result();
        assertEquals(5, r.images());
        ClassPresence cat = r.forClass(1);
        assertEquals(2, cat.positives());
        assertEquals(3, cat.negatives());
        assertEquals(5.0 / 6, cat.auc(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 1.0 / 3, 1.0 / 3, 1}, cat.curve().fpr(), 1e-15);
        assertArrayEquals(new double[] {0, 0.5, 0.5, 1, 1}, cat.curve().tpr(), 1e-15);
        assertEquals(0.5, r.forClass(2).auc(), 1e-15);
        ClassPresence bird = r.forClass(3);
        assertFalse(bird.isDefined());
        assertTrue(Double.isNaN(bird.auc()));
        assertNull(bird.curve());
        assertEquals(2.0 / 3, r.meanAuc(), 1e-15);
        assertEquals(List.of(1, 2, 3), r.classes().stream().map(ClassPresence::classId).toList());
    }

    @Test
    void rejectsUnknownClassesAndRepeatedImages() {
        PresenceEvaluator ev = new PresenceEvaluator(new int[] {1});
        assertThrows(IllegalArgumentException.class, () -> ev.add("a", List.of(gt(4)), List.of()));
        ev.add("a", List.of(gt(1)), List.of());
        assertThrows(IllegalArgumentException.class, () -> ev.add("a", List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> new PresenceEvaluator(new int[0]));
        assertEquals(1, ev.imageCount());
    }
}
