package io.detkit.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageHeadersTest {
    @TempDir
    Path dir;

    @Test
    void readsSizesOfCommonFormats() throws IOException {
        assertEquals(new ImageHeaders.Size(37, 21), ImageHeaders.read(Fixtures.image(dir.resolve("a.png"), 37, 21)));
        assertEquals(new ImageHeaders.Size(40, 17), ImageHeaders.read(Fixtures.image(dir.resolve("b.jpg"), 40, 17)));
        assertEquals(new ImageHeaders.Size(9, 30), ImageHeaders.read(Fixtures.image(dir.resolve("c.bmp"), 9, 30)));
        assertEquals(new ImageHeaders.Size(12, 5), ImageHeaders.read(Fixtures.image(dir.resolve("d.gif"), 12, 5)));
        assertEquals(new ImageHeaders.Size(33, 44), ImageHeaders.read(Fixtures.greyImage(dir.resolve("g.jpg"), 33, 44)));
        assertEquals(new ImageHeaders.Size(8, 6), ImageHeaders.read(Fixtures.image(dir.resolve("t.tiff"), 8, 6)));
    }

    @Test
    void readsWebpHeaders() throws IOException {
        // lossless (VP8L): 14-bit width-1 and height-1 packed after the 0x2f signature
        int w = 300 - 1, h = 200 - 1;
        byte[] vp8l = riff("VP8L", new byte[] {0x2f, (byte) (w & 0xFF), (byte) (((w >> 8) & 0x3F) | ((h & 0x3) << 6)),
            (byte) ((h >> 2) & 0xFF), (byte) ((h >> 10) & 0x0F)});
        Files.write(dir.resolve("l.webp"), vp8l);
        assertEquals(new ImageHeaders.Size(300, 200), ImageHeaders.read(dir.resolve("l.webp")));
        // extended (VP8X): flags(4), then 24-bit width-1 and height-1
        byte[] vp8x = riff("VP8X", new byte[] {0, 0, 0, 0, (byte) 0x1f, 0x03, 0, (byte) 0xdf, 0x01, 0});
        Files.write(dir.resolve("x.webp"), vp8x);
        assertEquals(new ImageHeaders.Size(800, 480), ImageHeaders.read(dir.resolve("x.webp")));
    }

    private static byte[] riff(String chunk, byte[] payload) {
        byte[] b = new byte[20 + payload.length];
        System.arraycopy("RIFF".getBytes(), 0, b, 0, 4);
        System.arraycopy("WEBP".getBytes(), 0, b, 8, 4);
        System.arraycopy(chunk.getBytes(), 0, b, 12, 4);
        b[16] = (byte) payload.length;
        System.arraycopy(payload, 0, b, 20, payload.length);
        return b;
    }

    @Test
    void missingFileIsNoSuchFile() {
        assertThrows(NoSuchFileException.class, () -> ImageHeaders.read(dir.resolve("nope.jpg")));
    }

    @Test
    void garbageIsAnIoExceptionNamingTheFile() throws IOException {
        Path f = Files.writeString(dir.resolve("broken.jpg"), "this is not an image");
        IOException e = assertThrows(IOException.class, () -> ImageHeaders.read(f));
        assertTrue(e.getMessage().contains("broken.jpg"), e.getMessage());
    }
}
