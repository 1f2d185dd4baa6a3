package io.detkit.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads the pixel size from the first bytes of JPEG, PNG, GIF, BMP and WebP files, following each
 * format's specification; returns null for other formats or headers it does not understand (the
 * caller then asks {@code javax.imageio}).
 */
final class HeaderParser {
    private HeaderParser() {}

    static ImageHeaders.Size read(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(raw, 8192))) {
            byte[] head = new byte[12];
            int n = in.readNBytes(head, 0, head.length);
            if (n < 2) {
                return null;
            }
            int b0 = head[0] & 0xFF, b1 = head[1] & 0xFF;
            if (b0 == 0xFF && b1 == 0xD8) {
                return jpeg(in, head, n);
            }
            if (n >= 8 && b0 == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G') {
                return png(in, head);
            }
            if (n >= 10 && head[0] == 'G' && head[1] == 'I' && head[2] == 'F') {
                return new ImageHeaders.Size(le16(head, 6), le16(head, 8));
            }
            if (n >= 12 && head[0] == 'R' && head[1] == 'I' && head[2] == 'F' && head[3] == 'F' && head[8] == 'W'
                    && head[9] == 'E' && head[10] == 'B' && head[11] == 'P') {
                return webp(in);
            }
            if (b0 == 'B' && b1 == 'M' && n >= 12) {
                return bmp(in, head);
            }
            return null;
        } catch (EOFException e) {
            return null;
        }
    }

    private static ImageHeaders.Size jpeg(DataInputStream in, byte[] head, int n) throws IOException {
        // the 10 bytes after SOI that were already read go first
        InputStream rest = new java.io.SequenceInputStream(new java.io.ByteArrayInputStream(head, 2, n - 2), in);
        DataInputStream d = new DataInputStream(rest);
        while (true) {
            int b = d.readUnsignedByte();
            if (b != 0xFF) {
                return null; // not at a marker: corrupt
            }
            int m;
            do {
                m = d.readUnsignedByte();
            } while (m == 0xFF);
            if (m == 0xD8 || m == 0x01 || (m >= 0xD0 && m <= 0xD7)) {
                continue; // markers without a length
            }
            if (m == 0xD9 || m == 0xDA) {
                return null; // end of image or start of scan before any frame header
            }
            int len = d.readUnsignedShort();
            if (len < 2) {
                return null;
            }
            boolean sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
            if (sof) {
                d.readUnsignedByte(); // sample precision
                int h = d.readUnsignedShort();
                int w = d.readUnsignedShort();
                return h > 0 && w > 0 ? new ImageHeaders.Size(w, h) : null;
            }
            d.skipNBytes(len - 2);
        }
    }

    private static ImageHeaders.Size png(DataInputStream in, byte[] head) throws IOException {
        byte[] ihdr = new byte[16];
        System.arraycopy(head, 8, ihdr, 0, 4);
        in.readFully(ihdr, 4, 12);
        if (ihdr[4] != 'I' || ihdr[5] != 'H' || ihdr[6] != 'D' || ihdr[7] != 'R') {
            return null;
        }
        return new ImageHeaders.Size(be32(ihdr, 8), be32(ihdr, 12));
    }

    private static ImageHeaders.Size webp(DataInputStream in) throws IOException {
        byte[] c = new byte[18];
        int n = in.readNBytes(c, 0, c.length);
        if (n < 13) {
            return null;
        }
        String chunk = new String(c, 0, 4, java.nio.charset.StandardCharsets.US_ASCII);
        switch (chunk) {
            case "VP8 " -> {
                if (n < 18) {
                    return null;
                }
                // chunk size (4), frame tag (3), start code 9d 01 2a (3), then 14-bit width and height
                if ((c[11] & 0xFF) != 0x9D || (c[12] & 0xFF) != 0x01 || (c[13] & 0xFF) != 0x2A) {
                    return null;
                }
                return new ImageHeaders.Size(le16(c, 14) & 0x3FFF, le16(c, 16) & 0x3FFF);
            }
            case "VP8L" -> {
                if ((c[8] & 0xFF) != 0x2F) {
                    return null;
                }
                int b0 = c[9] & 0xFF, b1 = c[10] & 0xFF, b2 = c[11] & 0xFF, b3 = c[12] & 0xFF;
                int w = 1 + (((b1 & 0x3F) << 8) | b0);
                int h = 1 + (((b3 & 0x0F) << 10) | (b2 << 2) | ((b1 & 0xC0) >> 6));
                return new ImageHeaders.Size(w, h);
            }
            case "VP8X" -> {
                if (n < 18) {
                    return null;
                }
                int w = 1 + ((c[12] & 0xFF) | (c[13] & 0xFF) << 8 | (c[14] & 0xFF) << 16);
                int h = 1 + ((c[15] & 0xFF) | (c[16] & 0xFF) << 8 | (c[17] & 0xFF) << 16);
                return new ImageHeaders.Size(w, h);
            }
            default -> {
                return null;
            }
        }
    }

    private static ImageHeaders.Size bmp(DataInputStream in, byte[] head) throws IOException {
        byte[] b = new byte[26];
        System.arraycopy(head, 0, b, 0, 12);
        in.readFully(b, 12, 14);
        int dib = le32(b, 14);
        if (dib == 12) {
            return new ImageHeaders.Size(le16(b, 18), le16(b, 20));
        }
        if (dib >= 40) {
            return new ImageHeaders.Size(Math.abs(le32(b, 18)), Math.abs(le32(b, 22)));
        }
        return null;
    }

    private static int le16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static int le32(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8 | (b[i + 2] & 0xFF) << 16 | (b[i + 3] & 0xFF) << 24;
    }

    private static int be32(byte[] b, int i) {
        return (b[i] & 0xFF) << 24 | (b[i + 1] & 0xFF) << 16 | (b[i + 2] & 0xFF) << 8 | (b[i + 3] & 0xFF);
    }
}
