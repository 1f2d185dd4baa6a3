package io.detkit.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class YoloWriterTest {
    @Test
    void numbersHaveSixSignificantDigitsLikePythonPercentG() {
        assertEquals("0.5955", YoloWriter.fmt(0.5955));
        assertEquals("0.0969375", YoloWriter.fmt(0.0969375));
        assertEquals("0.333333", YoloWriter.fmt(1 / 3.0));
        assertEquals("0.666667", YoloWriter.fmt(2 / 3.0));
        assertEquals("1", YoloWriter.fmt(1.0));
        assertEquals("0", YoloWriter.fmt(0.0));
        assertEquals("0.00005", YoloWriter.fmt(0.00005));
        assertEquals("-0.125", YoloWriter.fmt(-0.125));
    }

    @Test
    void yamlScalarsAreQuoted() {
        assertEquals("\"traffic light\"", YoloWriter.quote("traffic light"));
        assertEquals("\"a \\\"b\\\" c\\\\d\"", YoloWriter.quote("a \"b\" c\\d"));
    }
}
