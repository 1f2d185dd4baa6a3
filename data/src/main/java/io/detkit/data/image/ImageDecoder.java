package io.detkit.data.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Decodes JPEG and PNG files (and anything else OpenCV reads) to 3-channel BGR 8-bit {@link Mat}s,
 * the one pixel layout the rest of detkit works on.
 *
 * <p>Greyscale images are expanded to three equal channels, an alpha channel is dropped (not
 * composited), 16-bit images are scaled to 8 bits and the EXIF orientation of a JPEG is applied,
 * as {@code cv2.imread} does ({@code IMREAD_COLOR}). The caller owns the returned {@code Mat} and must
 * {@link Mat#release() release} it.
 */
public final class ImageDecoder {
    static {
        OpenCvNatives.load();
    }

    private ImageDecoder() {}

    /**
     * Reads and decodes an image file at full resolution.
     *
     * @param file the image file
     * @return the image, {@code CV_8UC3} BGR
     * @throws IOException if the file is missing, unreadable or not a decodable image (the message
     *     names the file)
     */
    public static Mat read(Path file) throws IOException {
        return read(file, 1);
    }

    /**
     * Reads an image file decoded at {@code 1/factor} of its size. JPEG decoders scale in the DCT
     * domain, which is several times faster than decoding at full size and resizing; other formats
     * are decoded and then shrunk. The result is {@code ceil(w / factor) × ceil(h / factor)} for a
     * JPEG.
     *
     * @param file the image file
     * @param factor 1, 2, 4 or 8
     * @return the image, {@code CV_8UC3} BGR
     * @throws IOException if the file is missing, unreadable or not a decodable image
     * @throws IllegalArgumentException if {@code factor} is not 1, 2, 4 or 8
     */
    public static Mat read(Path file, int factor) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IOException("image file not found: " + file, e);
        } catch (IOException e) {
            throw new IOException("cannot read image file " + file + ": " + e.getMessage(), e);
        }
        return decode(bytes, factor, file.toString());
    }

    /**
     * Decodes an encoded image held in memory.
     *
     * @param bytes the encoded image (JPEG, PNG, ...)
     * @param name a name for error messages (usually the file it came from)
     * @return the image, {@code CV_8UC3} BGR
     * @throws IOException if the bytes are not a decodable image (the message names {@code name})
     */
    public static Mat decode(byte[] bytes, String name) throws IOException {
        return decode(bytes, 1, name);
    }

    /**
     * Decodes an encoded image held in memory at {@code 1/factor} of its size.
     *
     * @param bytes the encoded image
     * @param factor 1, 2, 4 or 8
     * @param name a name for error messages
     * @return the image, {@code CV_8UC3} BGR
     * @throws IOException if the bytes are not a decodable image
     */
    public static Mat decode(byte[] bytes, int factor, String name) throws IOException {
        int flags = switch (factor) {
            case 1 -> Imgcodecs.IMREAD_COLOR;
            case 2 -> Imgcodecs.IMREAD_REDUCED_COLOR_2;
            case 4 -> Imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 8 -> Imgcodecs.IMREAD_REDUCED_COLOR_8;
            default -> throw new IllegalArgumentException("reduction factor must be 1, 2, 4 or 8, not " + factor);
        };
        if (bytes.length == 0) {
            throw new IOException("cannot decode image " + name + ": the file is empty");
        }
        MatOfByte buf = new MatOfByte(bytes);
        Mat raw;
        try {
            raw = Imgcodecs.imdecode(buf, flags);
        } finally {
            buf.release();
        }
        if (raw.empty()) {
            raw.release();
            throw new IOException("cannot decode image " + name + ": not a JPEG/PNG/BMP image or the file is corrupt");
        }
        try {
            return toBgr8(raw, name);
        } catch (IOException | RuntimeException e) {
            raw.release();
            throw e;
        }
    }

    /**
     * Returns a 3-channel 8-bit BGR version of {@code raw}, releasing {@code raw} when it made a
     * new one (or returning {@code raw} itself when it already fits). {@code IMREAD_COLOR} already
     * yields that layout; this guards against codecs that do not honour the flag.
     */
    static Mat toBgr8(Mat raw, String name) throws IOException {
        Mat img = raw;
        int depth = img.depth();
        if (depth == CvType.CV_16U) {
            Mat eight = new Mat();
            img.convertTo(eight, CvType.CV_8U, 1.0 / 257.0);
            img.release();
            img = eight;
        } else if (depth != CvType.CV_8U) {
            throw new IOException("cannot decode image " + name + ": unsupported pixel depth " + CvType.typeToString(img.type()));
        }
        int code = switch (img.channels()) {
            case 1 -> Imgproc.COLOR_GRAY2BGR;
            case 3 -> -1;
            case 4 -> Imgproc.COLOR_BGRA2BGR;
            default -> throw new IOException("cannot decode image " + name + ": unsupported channel count " + img.channels());
        };
        if (code < 0) {
            return img;
        }
        Mat bgr = new Mat();
        Imgproc.cvtColor(img, bgr, code);
        img.release();
        return bgr;
    }

    /**
     * The largest reduction factor (1, 2, 4 or 8) that still leaves the longer side of a
     * {@code width × height} image at least {@code targetLongSide} pixels long, for
     * {@link #read(Path, int)} when the image will be shrunk to {@code targetLongSide} anyway.
     *
     * @param width image width
     * @param height image height
     * @param targetLongSide the longer side the caller needs
     * @return 1, 2, 4 or 8
     */
    public static int reductionFactor(int width, int height, int targetLongSide) {
        int longSide = Math.max(width, height);
        int factor = 1;
        while (factor < 8 && longSide / (factor * 2) >= targetLongSide) {
            factor *= 2;
        }
        return factor;
    }
}
