package io.detkit.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Reads the pixel size of an image file from its header, without decoding the pixels.
 *
 * <p>JPEG, PNG, GIF, BMP and WebP headers are parsed directly (a few hundred bytes at most); other
 * formats go to {@code javax.imageio}'s reader (header only: TIFF, …), and formats it does not know
 * fall back to OpenCV, which decodes the whole image. Greyscale and palette images are fine. EXIF
 * orientation is not applied: the size is that of the stored pixels.
 */
public final class ImageHeaders {
    private static volatile boolean openCvLoaded;

    private ImageHeaders() {}

    /**
     * The width and height of an image.
     *
     * @param width pixels across
     * @param height pixels down
     */
    public record Size(int width, int height) {}

    /**
     * Reads the size of an image.
     *
     * @param image the image file
     * @return its size
     * @throws NoSuchFileException if the file does not exist
     * @throws IOException if it is not a readable image; the message names the file
     */
    public static Size read(Path image) throws IOException {
        if (!Files.isRegularFile(image)) {
            throw new NoSuchFileException(image.toString(), null, "image not found");
        }
        Size s = HeaderParser.read(image);
        if (s == null) {
            s = readWithImageIo(image);
        }
        if (s == null) {
            s = readWithOpenCv(image);
        }
        if (s == null || s.width() <= 0 || s.height() <= 0) {
            throw new IOException(image + ": not a readable image (unknown or corrupt format)");
        }
        return s;
    }

    private static Size readWithImageIo(Path image) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
            if (in == null) {
                return null;
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return null;
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } catch (IOException | RuntimeException e) {
                throw new IOException(image + ": not a readable image (" + describe(e) + ")", e);
            } finally {
                reader.dispose();
            }
        }
    }

    private static Size readWithOpenCv(Path image) throws IOException {
        try {
            loadOpenCv();
            org.opencv.core.Mat m = org.opencv.imgcodecs.Imgcodecs.imread(image.toString(),
                    org.opencv.imgcodecs.Imgcodecs.IMREAD_UNCHANGED);
            try {
                return m.empty() ? null : new Size(m.cols(), m.rows());
            } finally {
                m.release();
            }
        } catch (LinkageError | RuntimeException e) {
            throw new IOException(image + ": not a format javax.imageio reads, and OpenCV is not available ("
                    + describe(e) + ")", e);
        }
    }

    private static void loadOpenCv() {
        if (!openCvLoaded) {
            synchronized (ImageHeaders.class) {
                if (!openCvLoaded) {
                    nu.pattern.OpenCV.loadLocally();
                    openCvLoaded = true;
                }
            }
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
