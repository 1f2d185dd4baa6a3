package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class AccuracyTest {
    /** sklearn accuracy_score docs: y_pred=[0,2,1,3], y_true=[0,1,2,3] -> 0.5, normalize=False -> 2. */
    @Test
    void sklearnDocsExample() {
        int[] yPred = {0, 2, 1, 3};
        int[] yTrue = {0, 1, 2, 3};
        assertEquals(0.5, Accuracy.score(yTrue, yPred));
        assertEquals(2, Accuracy.count(yTrue, yPred));
    }

    @Test
    void genericLabels() {
        // 4 of 6 equal: positions 0, 2, 3, 4
        List<String> t = List.of("cat", "ant", "cat", "cat", "ant", "bird");
        List<String> p = List.of("cat", "cat", "cat", "cat", "ant", "cat");
        assertEquals(4.0 / 6, Accuracy.score(t, p), 1e-15);
        assertEquals(4, Accuracy.count(t, p));
    }

    @Test
    void emptyIsNaNAndMismatchThrows() {
        assertTrue(Double.isNaN(Accuracy.score(new int[0], new int[0])));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.score(new int[] {1}, new int[] {1, 2}));
        assertThrows(IllegalArgumentException.class, () -> Accuracy.score(List.of(1), List.of()));
    }
}
