package io.detkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.detector.DetectedObject;
import io.detkit.metrics.box.Box;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PredictCommandTest {
    private static DetectedObject det(int cls, String name) {
        return new DetectedObject(new Box(0, 0, 1, 1), cls, name, 0.5);
    }

    @Test
    void countsPerClassInClassOrder() {
        // star (3) seen twice, circle (0) once, cross (4) once: listed by class id 0, 3, 4
        List<DetectedObject> dets = List.of(det(3, "star"), det(0, "circle"), det(4, "cross"), det(3, "star"));
        assertEquals("circle 1, star 2, cross 1", PredictCommand.countsByClass(dets));
        assertEquals("no objects", PredictCommand.countsByClass(List.of()));
    }

    @Test
    void numericFileNamesAreIdsOnlyWhenAllAreDistinctNumbers() {
        assertTrue(PredictCommand.numericIdsAreUnique(List.of(Path.of("000001.jpg"), Path.of("d/12.png"))));
        // a.jpg has no number; 0001.png and 1.jpg both mean 1: positions are used instead
        assertFalse(PredictCommand.numericIdsAreUnique(List.of(Path.of("2.jpg"), Path.of("a.jpg"))));
        assertFalse(PredictCommand.numericIdsAreUnique(List.of(Path.of("0001.png"), Path.of("1.jpg"))));
    }
}
