package io.detkit.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.detkit.data.image.ImageDecoder;
import io.detkit.data.image.OpenCvNatives;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;

class AugmentationGridTest {
    @TempDir
    Path dir;

    @BeforeAll
    static void natives() {
        OpenCvNatives.load();
    }

    private static AugmentedSample sample(int side, double[] boxes, int[] cls) {
        return new AugmentedSample(new Mat(side, side, CvType.CV_8UC3, new Scalar(0, 0, 0)), boxes, cls,
                new boolean[cls.length]);
    }

    @Test
    void tilesSamplesAndDrawsBoxEdgesInTheClassColour() throws IOException {
        List<AugmentedSample> samples = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            samples.add(sample(100, new double[] {20, 40, 80, 90}, new int[] {i}));
        }
        AugmentationGrid grid = new AugmentationGrid(List.of("a", "b", "c", "d", "e")).withColumns(4);
        Mat m = grid.render(samples);
        try {
            int g = AugmentationGrid.GAP;
            assertEquals(4 * 100 + 5 * g, m.cols());
            assertEquals(2 * 100 + 3 * g, m.rows());
            assertArrayEquals(new double[] {255, 255, 255}, m.get(0, 0), 0);
            // the left edge of sample 1's box (column 20 of tile 1), below its label
            double[] edge = m.get(g + 70, g + 100 + g + 20);
            assertArrayEquals(AugmentationGrid.classColor(1).val, new double[] {edge[0], edge[1], edge[2], 0}, 0);
            // sample 4 sits in row 2, column 1
            double[] edge4 = m.get(g + 100 + g + 70, g + 20);
            assertArrayEquals(AugmentationGrid.classColor(4).val, new double[] {edge4[0], edge4[1], edge4[2], 0}, 0);
            // inside a box stays untouched
            assertArrayEquals(new double[] {0, 0, 0}, m.get(g + 70, g + 50), 0);
            // an unused tile stays white
            assertArrayEquals(new double[] {255, 255, 255}, m.get(g + 100 + g + 50, g + 3 * (100 + g) + 50), 0);
        } finally {
            m.release();
        }
        Path png = dir.resolve("out/grid.png");
        grid.withTileSize(50).write(samples, png);
        Mat back = ImageDecoder.read(png);
        try {
            assertEquals(4 * 50 + 5 * AugmentationGrid.GAP, back.cols());
            assertEquals(2 * 50 + 3 * AugmentationGrid.GAP, back.rows());
        } finally {
            back.release();
            samples.forEach(AugmentedSample::close);
        }
    }

    @Test
    void neighbouringClassesGetDifferentColours() {
        for (int c = 0; c < 80; c++) {
            assertNotEquals(AugmentationGrid.classColor(c), AugmentationGrid.classColor(c + 1));
        }
    }
}
