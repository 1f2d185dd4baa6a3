package io.detkit.metrics.box;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class BoxTest {
    @Test
    void factoriesBuildCorners() {
        assertEquals(new Box(10, 20, 30, 60), Box.ofXywh(10, 20, 20, 40));
        assertEquals(new Box(10, 20, 30, 60), Box.ofCxcywh(20, 40, 20, 40));
    }

    @Test
    void sizeAndArea() {
        Box b = new Box(10, 20, 30, 60);
        assertEquals(20, b.width());
        assertEquals(40, b.height());
        assertEquals(800, b.area());
        assertEquals(0, new Box(30, 20, 10, 60).area()); // negative width counts as zero
    }

    @Test
    void arrayViews() {
        Box b = new Box(10, 20, 30, 60);
        assertArrayEquals(new double[] {10, 20, 30, 60}, b.toXyxy());
        assertArrayEquals(new double[] {10, 20, 20, 40}, b.toXywh());
    }

    @Test
    void iouDelegatesToIou() {
        Box a = new Box(0, 0, 10, 10), b = new Box(4, 0, 14, 10);
        assertEquals(3.0 / 7, a.iou(b), 1e-12); // 60 / 140
        assertEquals(3.0 / 7 - 16.0 / 296, a.iou(IouKind.DIOU, b), 1e-12);
    }
}
