package io.detkit.metrics.box;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

class BoxFormatTest {
    // one box, corners (10,20) and (30,60): size 20×40, centre (20,40)
    private static final double[] XYXY = {10, 20, 30, 60};
    private static final double[] XYWH = {10, 20, 20, 40};
    private static final double[] CXCYWH = {20, 40, 20, 40};

    @Test
    void convertsBetweenAllFormats() {
        assertArrayEquals(XYWH, BoxFormat.XYXY.convert(XYXY, BoxFormat.XYWH));
        assertArrayEquals(CXCYWH, BoxFormat.XYXY.convert(XYXY, BoxFormat.CXCYWH));
        assertArrayEquals(XYXY, BoxFormat.XYWH.convert(XYWH, BoxFormat.XYXY));
        assertArrayEquals(CXCYWH, BoxFormat.XYWH.convert(XYWH, BoxFormat.CXCYWH));
        assertArrayEquals(XYXY, BoxFormat.CXCYWH.convert(CXCYWH, BoxFormat.XYXY));
        assertArrayEquals(XYWH, BoxFormat.CXCYWH.convert(CXCYWH, BoxFormat.XYWH));
    }

    @Test
    void convertsEveryBoxOfAFlatArray() {
        double[] two = {0, 0, 2, 4, 10, 10, 11, 13};
        assertArrayEquals(new double[] {1, 2, 2, 4, 10.5, 11.5, 1, 3}, BoxFormat.XYXY.convert(two, BoxFormat.CXCYWH));
    }

    @Test
    void convertDoesNotModifyItsInput() {
        double[] in = XYXY.clone();
        BoxFormat.XYXY.convert(in, BoxFormat.CXCYWH);
        assertArrayEquals(XYXY, in);
    }

    @Test
    void randomRoundTripsThroughEveryFormat() {
        Random rnd = new Random(3);
        double[] boxes = new double[4 * 500];
        for (int i = 0; i < boxes.length; i += 4) {
            boxes[i] = rnd.nextDouble() * 1000 - 500;
            boxes[i + 1] = rnd.nextDouble() * 1000 - 500;
            boxes[i + 2] = boxes[i] + rnd.nextDouble() * 200;
            boxes[i + 3] = boxes[i + 1] + rnd.nextDouble() * 200;
        }
        for (BoxFormat from : BoxFormat.values()) {
            double[] inFrom = BoxFormat.XYXY.convert(boxes, from);
            for (BoxFormat to : BoxFormat.values()) {
                double[] back = to.convert(from.convert(inFrom, to), from);
                assertArrayEquals(inFrom, back, 1e-9, from + " -> " + to + " -> " + from);
            }
        }
    }

    @Test
    void integerBoxesRoundTripExactly() {
        double[] xyxy = {0, 0, 7, 3, -5, 2, 9, 100};
        for (BoxFormat f : BoxFormat.values()) {
            assertArrayEquals(xyxy, f.convert(BoxFormat.XYXY.convert(xyxy, f), BoxFormat.XYXY), f.name());
        }
    }

    @Test
    void offsetsAddressOneBoxInsideLargerArrays() {
        double[] src = {-1, -1, 10, 20, 20, 40, -1};
        double[] dst = new double[6];
        BoxFormat.XYWH.toXyxy(src, 2, dst, 1);
        assertArrayEquals(new double[] {0, 10, 20, 30, 60, 0}, dst);
        BoxFormat.CXCYWH.fromXyxy(new double[] {9, 10, 20, 30, 60}, 1, dst, 2);
        assertArrayEquals(new double[] {0, 10, 20, 40, 20, 40}, dst);
    }

    @Test
    void rejectsLengthNotMultipleOfFour() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoxFormat.XYXY.convert(new double[6], BoxFormat.XYWH));
        assertEquals("box array length 6 is not a multiple of 4", e.getMessage());
    }
}
