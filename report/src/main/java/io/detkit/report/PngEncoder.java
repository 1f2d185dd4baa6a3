package io.detkit.report;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * A small, fast PNG encoder for chart images: 8-bit RGB, every row filtered with PNG's "Sub" filter
 * (each byte minus the byte of the pixel to its left), zlib level 4. The JDK's encoder tries five
 * filters on every row, which made encoding cost as much as drawing the chart; charts are mostly flat
 * colour, where "Sub" compresses about as well.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private PngEncoder() {}

    static byte[] encode(BufferedImage img) {
        int w = img.getWidth(), h = img.getHeight();
        int[] argb;
        if (img.getType() == BufferedImage.TYPE_INT_RGB || img.getType() == BufferedImage.TYPE_INT_ARGB) {
            argb = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
        } else {
            argb = img.getRGB(0, 0, w, h, null, 0, w);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(w * h / 4 + 1024);
            out.write(SIGNATURE);
            byte[] header = new byte[13];
            putInt(header, 0, w);
            putInt(header, 4, h);
            header[8] = 8; // bit depth
            header[9] = 2; // colour type: RGB
            chunk(out, "IHDR", header, header.length);

            ByteArrayOutputStream z = new ByteArrayOutputStream(w * h / 4 + 1024);
            Deflater deflater = new Deflater(4);
            try (DeflaterOutputStream dz = new DeflaterOutputStream(z, deflater, 1 << 16)) {
                byte[] row = new byte[1 + 3 * w];
                row[0] = 1; // filter "Sub"
                for (int y = 0; y < h; y++) {
                    int o = y * w;
                    int pr = 0, pg = 0, pb = 0;
                    for (int x = 0; x < w; x++) {
                        int p = argb[o + x];
                        int r = (p >> 16) & 0xff, g = (p >> 8) & 0xff, b = p & 0xff;
                        int i = 1 + 3 * x;
                        row[i] = (byte) (r - pr);
                        row[i + 1] = (byte) (g - pg);
                        row[i + 2] = (byte) (b - pb);
                        pr = r;
                        pg = g;
                        pb = b;
                    }
                    dz.write(row);
                }
            } finally {
                deflater.end();
            }
            byte[] data = z.toByteArray();
            chunk(out, "IDAT", data, data.length);
            chunk(out, "IEND", new byte[0], 0);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int len) throws IOException {
        byte[] t = type.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] n = new byte[4];
        putInt(n, 0, len);
        out.write(n);
        out.write(t);
        out.write(data, 0, len);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data, 0, len);
        putInt(n, 0, (int) crc.getValue());
        out.write(n);
    }

    private static void putInt(byte[] b, int o, int v) {
        b[o] = (byte) (v >>> 24);
        b[o + 1] = (byte) (v >>> 16);
        b[o + 2] = (byte) (v >>> 8);
        b[o + 3] = (byte) v;
    }
}
