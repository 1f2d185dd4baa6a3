package io.detkit.metrics.classification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassificationReportTest {

    /** sklearn classification_report docs, first example, with target_names. */
    @Test
    void sklearnDocsExampleWithTargetNames() {
        ClassificationReport report = ClassificationReport.of(new int[] {0, 1, 2, 2, 2}, new int[] {0, 0, 2, 2, 1})
                .withTargetNames(List.of("class 0", "class 1", "class 2"));
        String expected = String.join("\n",
                "              precision    recall  f1-score   support",
                "",
                "     class 0       0.50      1.00      0.67         1",
                "     class 1       0.00      0.00      0.00         1",
                "     class 2       1.00      0.67      0.80         3",
                "",
                "    accuracy                           0.60         5",
                "   macro avg       0.50      0.56      0.49         5",
                "weighted avg       0.70      0.60      0.61         5",
                "");
        assertEquals(expected, report.toText());
        assertEquals(expected, report.toString());
        assertTrue(report.microIsAccuracy());
        assertEquals(0.6, report.accuracy(), 1e-15);
        // class 0: tp 1, pred 2, true 1; class 1: tp 0, pred 1, true 1; class 2: tp 2, pred 2, true 3
        // macro recall (1 + 0 + 2/3)/3 = 5/9; weighted precision (0.5·1 + 0·1 + 1·3)/5 = 0.7
        assertEquals(5.0 / 9, report.average(Average.MACRO).recall(), 1e-12);
        assertEquals(0.7, report.average(Average.WEIGHTED).precision(), 1e-12);
        assertEquals(5, report.confusionMatrix().total());
    }

    /** sklearn docs, second example: labels [1, 2, 3] miss predicted label 0 -> a micro avg row. */
    @Test
    void sklearnDocsExampleWithLabelsSubset() {
        ClassificationReport report = ClassificationReport.of(new int[] {1, 1, 1}, new int[] {1, 1, 0},
                new int[] {1, 2, 3});
        String expected = String.join("\n",
                "              precision    recall  f1-score   support",
                "",
                "           1       1.00      0.67      0.80         3",
                "           2       0.00      0.00      0.00         0",
                "           3       0.00      0.00      0.00         0",
                "",
                "   micro avg       1.00      0.67      0.80         3",
                "   macro avg       0.33      0.22      0.27         3",
                "weighted avg       1.00      0.67      0.80         3",
                "");
        assertEquals(expected, report.toText());
        assertFalse(report.microIsAccuracy());
    }

    /** Hand-worked: the precision_recall_fscore_support docs data as a report (per-class values above). */
    @Test
    void stringLabels() {
        ClassificationReport report = ClassificationReport.of(
                List.of("cat", "dog", "pig", "cat", "dog", "pig"), List.of("cat", "pig", "dog", "cat", "cat", "dog"));
        String expected = String.join("\n",
                "              precision    recall  f1-score   support",
                "",
                "         cat       0.67      1.00      0.80         2",
                "         dog       0.00      0.00      0.00         2",
                "         pig       0.00      0.00      0.00         2",
                "",
                "    accuracy                           0.33         6",
                "   macro avg       0.22      0.33      0.27         6",
                "weighted avg       0.22      0.33      0.27         6",
                "");
        assertEquals(expected, report.toText());
        // labels a superset of those present: still the accuracy row (sklearn: set(labels) >= present labels)
        ClassificationReport sup = ClassificationReport.of(
                List.of("cat", "dog"), List.of("cat", "cat"), Labels.of(List.of("cat", "dog", "eel")));
        assertTrue(sup.microIsAccuracy());
    }

    @Test
    void digitsAndLongNames() {
        ClassificationReport report = ClassificationReport.of(new int[] {0, 1, 2, 2, 2}, new int[] {0, 0, 2, 2, 1}, 3)
                .withTargetNames(List.of("a very long class name", "b", "c"));
        String text = report.toText(3);
        String[] lines = text.split("\n");
        // name column width = 22 (longest name)
        assertEquals(" ".repeat(22) + "  precision    recall  f1-score   support", lines[0]);
        assertEquals("a very long class name      0.500     1.000     0.667         1", lines[2]);
        assertEquals("              accuracy                          0.600         5", lines[6]);
        assertThrows(IllegalArgumentException.class, () -> report.toText(-1));
    }

    @Test
    void zeroDivisionInReport() {
        // class 1 never predicted: precision 0/0
        ClassificationReport one = ClassificationReport.of(new int[] {0, 1}, new int[] {0, 0}, 2).withZeroDivision(1);
        assertEquals(1.0, one.precisionRecallFScore().precision()[1]);
        ClassificationReport nan = ClassificationReport.of(new int[] {0, 1}, new int[] {0, 0}, 2)
                .withZeroDivision(Double.NaN);
        assertTrue(nan.toText().contains("       nan"));
    }

    @Test
    void pythonStyleRounding() {
        // exact binary value, half-to-even: 0.125 is exact -> "0.12"; 2.675 is 2.67499999… -> "2.67"
        // (Java's String.format("%.2f", 2.675) gives "2.68"); 0.675 is 0.67500000000000004… -> "0.68"
        assertEquals("0.12", ClassificationReport.fixed(0.125, 2));
        assertEquals("0.38", ClassificationReport.fixed(0.375, 2));
        assertEquals("2.67", ClassificationReport.fixed(2.675, 2));
        assertEquals("0.68", ClassificationReport.fixed(0.675, 2));
        assertEquals("2", ClassificationReport.fixed(2.5, 0));
        assertEquals("1.000", ClassificationReport.fixed(1.0, 3));
        assertEquals("nan", ClassificationReport.fixed(Double.NaN, 2));
    }

    @Test
    void targetNamesMustMatch() {
        ClassificationReport report = ClassificationReport.of(new int[] {0, 1}, new int[] {0, 1});
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> report.withTargetNames(List.of("a")));
        assertEquals("Number of classes, 2, does not match size of target names, 1", e.getMessage());
    }
}
