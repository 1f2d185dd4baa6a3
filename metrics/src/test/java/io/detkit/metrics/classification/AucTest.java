package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class AucTest {
    /** sklearn auc docs: the roc_curve example's points give 0.75. */
    @Test
    void sklearnDocsExample() {
        double[] fpr = {0, 0, 0.5, 0.5, 1};
        double[] tpr = {0, 0.5, 0.5, 1, 1};
        // trapezoids: 0 + 0.5·(0.5+0.5)/2 + 0 + 0.5·(1+1)/2 = 0.25 + 0.5
        assertEquals(0.75, Auc.trapezoid(fpr, tpr), 1e-15);
    }

    @Test
    void directionAndErrors() {
        // y = x on [0, 2]: area 2, either direction
        assertEquals(2.0, Auc.trapezoid(new double[] {0, 1, 2}, new double[] {0, 1, 2}), 0.0);
        assertEquals(2.0, Auc.trapezoid(new double[] {2, 1, 0}, new double[] {2, 1, 0}), 0.0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Auc.trapezoid(new double[] {0, 2, 1}, new double[] {0, 1, 2}));
        assertEquals("x is neither increasing nor decreasing", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Auc.trapezoid(new double[] {1}, new double[] {1}));
        assertThrows(IllegalArgumentException.class, () -> Auc.trapezoid(new double[] {1, 2}, new double[] {1}));
    }
}
