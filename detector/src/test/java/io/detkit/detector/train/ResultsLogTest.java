package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultsLogTest {
    @TempDir
    Path dir;

    private static LinkedHashMap<String, Double> row(int epoch, double loss, double map) {
        LinkedHashMap<String, Double> m = new LinkedHashMap<>();
        m.put("epoch", (double) epoch);
        m.put("train/loss", loss);
        m.put("val/mAP50", map);
        return m;
    }

    @Test
    void writesCsvAndPngAndResumes() throws Exception {
        ResultsLog log = new ResultsLog(dir);
        log.append(row(1, 2.5, 0.1));
        log.append(row(2, 1.25, 0.4));
        List<String> lines = Files.readAllLines(dir.resolve("results.csv"));
        assertEquals(List.of("epoch,train/loss,val/mAP50", "1,2.50000,0.100000", "2,1.25000,0.400000"), lines);
        BufferedImage png = ImageIO.read(dir.resolve("results.png").toFile());
        assertEquals(2 * 320, png.getWidth()); // two charts side by side
        ResultsLog again = new ResultsLog(dir);
        assertEquals(2, again.size());
        again.truncate(1);
        again.append(row(2, 1.0, 0.5));
        assertArrayEquals(new double[] {2.5, 1.0}, again.column("train/loss"));
        assertTrue(ProgressBar.clock(3725).equals("1:02:05") && ProgressBar.clock(65).equals("1:05"));
    }
}
