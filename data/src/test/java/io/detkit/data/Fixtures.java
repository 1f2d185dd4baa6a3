package io.detkit.data;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/** Tiny images and text files written by the tests into their temporary folders. */
public final class Fixtures {
    private Fixtures() {}

    /**
     * Writes an RGB image; the format follows the suffix (png, jpg, bmp, gif).
     *
     * @param file the file
     * @param width width
     * @param height height
     * @return the file
     */
    public static Path image(Path file, int width, int height) {
        return image(file, width, height, BufferedImage.TYPE_INT_RGB);
    }

    /**
     * Writes a greyscale image.
     *
     * @param file the file
     * @param width width
     * @param height height
     * @return the file
     */
    public static Path greyImage(Path file, int width, int height) {
        return image(file, width, height, BufferedImage.TYPE_BYTE_GRAY);
    }

    private static Path image(Path file, int width, int height, int type) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            BufferedImage img = new BufferedImage(width, height, type);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    img.setRGB(x, y, (x * 7 + y * 13) & 0xFFFFFF);
                }
            }
            String name = file.getFileName().toString();
            String fmt = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
            if (fmt.equals("jpeg")) {
                fmt = "jpg";
            }
            if (!ImageIO.write(img, fmt, file.toFile())) {
                throw new IllegalStateException("no ImageIO writer for " + fmt);
            }
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes lines of text (UTF-8, each ended by a newline).
     *
     * @param file the file
     * @param lines the lines
     * @return the file
     */
    public static Path text(Path file, String... lines) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            StringBuilder sb = new StringBuilder();
            for (String l : lines) {
                sb.append(l).append('\n');
            }
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
