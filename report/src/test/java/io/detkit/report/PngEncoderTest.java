package io.detkit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class PngEncoderTest {
    @Test
    void decodesToTheSamePixels() throws Exception {
        for (int type : new int[] {BufferedImage.TYPE_INT_RGB, BufferedImage.TYPE_INT_ARGB, BufferedImage.TYPE_3BYTE_BGR}) {
            BufferedImage img = new BufferedImage(37, 23, type);
            SplittableRandom r = new SplittableRandom(type);
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    img.setRGB(x, y, 0xff000000 | r.nextInt(1 << 24));
                }
            }
            BufferedImage back = ImageIO.read(new ByteArrayInputStream(PngEncoder.encode(img)));
            assertEquals(37, back.getWidth());
            assertEquals(23, back.getHeight());
            for (int y = 0; y < 23; y++) {
                for (int x = 0; x < 37; x++) {
                    assertEquals(img.getRGB(x, y) & 0xffffff, back.getRGB(x, y) & 0xffffff, x + "," + y);
                }
            }
        }
    }
}
