package io.detkit.data.augment;

import io.detkit.data.image.OpenCvNatives;
import io.detkit.metrics.report.AtomicFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.Point;
import org.opencv.core.Rect;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Draws augmented samples with their boxes (one colour per class, the class name on each box,
 * "(ignored)" on crowd/difficult boxes, which are drawn thin) and tiles them row by row into one
 * image, {@code columns} wide, separated by white gaps: what {@code detkit show-aug} writes to check
 * that a pipeline's boxes follow its pixels. Immutable.
 */
public final class AugmentationGrid {
    /** White gap between tiles and around the grid, pixels. */
    public static final int GAP = 4;

    static {
        OpenCvNatives.load();
    }

    private final List<String> classNames;
    private final int columns;
    private final int tileSize;

    private AugmentationGrid(List<String> classNames, int columns, int tileSize) {
        this.classNames = List.copyOf(classNames);
        if (columns < 1) {
            throw new IllegalArgumentException("columns must be at least 1, got " + columns);
        }
        if (tileSize < 0) {
            throw new IllegalArgumentException("tile size must be positive (or 0 for the samples' size), got " + tileSize);
        }
        this.columns = columns;
        this.tileSize = tileSize;
    }

    /**
     * A 4-column grid whose tiles keep the samples' size.
     *
     * @param classNames name of each class index (ids beyond the list are labelled with the number)
     */
    public AugmentationGrid(List<String> classNames) {
        this(classNames, 4, 0);
    }

    /**
     * @param columns tiles per row (default 4)
     * @return a copy with the setting
     */
    public AugmentationGrid withColumns(int columns) {
        return new AugmentationGrid(classNames, columns, tileSize);
    }

    /**
     * @param tileSize side of each tile in pixels; samples are resized to fit (0, the default, keeps
     *     the size of the largest sample)
     * @return a copy with the setting
     */
    public AugmentationGrid withTileSize(int tileSize) {
        return new AugmentationGrid(classNames, columns, tileSize);
    }

    /**
     * Renders the grid. The samples are not modified.
     *
     * @param samples the samples to show, in reading order
     * @return the grid image, {@code CV_8UC3}, owned by the caller
     */
    public Mat render(List<AugmentedSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples to render");
        }
        int t = tileSize;
        if (t == 0) {
            for (AugmentedSample s : samples) {
                t = Math.max(t, Math.max(s.image().cols(), s.image().rows()));
            }
        }
        int cols = Math.min(columns, samples.size());
        int rows = (samples.size() + cols - 1) / cols;
        Mat grid = new Mat(rows * t + (rows + 1) * GAP, cols * t + (cols + 1) * GAP, CvType.CV_8UC3,
                new Scalar(255, 255, 255));
        try {
            for (int i = 0; i < samples.size(); i++) {
                AugmentedSample s = samples.get(i);
                int x = GAP + (i % cols) * (t + GAP);
                int y = GAP + (i / cols) * (t + GAP);
                double f = t / (double) Math.max(s.image().cols(), s.image().rows());
                int w = (int) Math.round(s.image().cols() * f), h = (int) Math.round(s.image().rows() * f);
                Mat tile = grid.submat(new Rect(x, y, w, h));
                try {
                    if (w == s.image().cols() && h == s.image().rows()) {
                        s.image().copyTo(tile);
                    } else {
                        Imgproc.resize(s.image(), tile, new Size(w, h), 0, 0, Imgproc.INTER_AREA);
                    }
                    double[] b = s.boxes().clone();
                    for (int k = 0; k < b.length; k++) {
                        b[k] *= f;
                    }
                    drawBoxes(tile, b, s.classIds(), s.ignore(), classNames);
                } finally {
                    tile.release();
                }
            }
            return grid;
        } catch (RuntimeException | Error e) {
            grid.release();
            throw e;
        }
    }

    /**
     * Renders the grid and writes it as a PNG, atomically (a reader never sees half a file).
     *
     * @param samples the samples to show
     * @param png the file to write (parent folders are created)
     * @throws IOException if the file cannot be written
     */
    public void write(List<AugmentedSample> samples, Path png) throws IOException {
        Mat grid = render(samples);
        MatOfByte buf = new MatOfByte();
        try {
            if (!Imgcodecs.imencode(".png", grid, buf)) {
                throw new IOException("cannot encode the grid as PNG for " + png);
            }
            AtomicFiles.write(png, buf.toArray());
        } finally {
            buf.release();
            grid.release();
        }
    }

    /**
     * Draws boxes with their class names on an image, in place.
     *
     * @param image a {@code CV_8UC3} image
     * @param boxes xyxy boxes in the image's pixels
     * @param classIds class index per box
     * @param ignore ignore flag per box
     * @param classNames class names (ids beyond the list are labelled with the number)
     */
    public static void drawBoxes(Mat image, double[] boxes, int[] classIds, boolean[] ignore, List<String> classNames) {
        Objects.requireNonNull(classNames, "classNames");
        String[] labels = new String[classIds.length];
        for (int i = 0; i < classIds.length; i++) {
            int c = classIds[i];
            labels[i] = (c >= 0 && c < classNames.size() ? classNames.get(c) : String.valueOf(c)) + (ignore[i] ? " (ignored)" : "");
        }
        drawBoxes(image, boxes, classIds, labels, ignore);
    }

    /**
     * Draws boxes in their class colours with a text label each (e.g. a class name and a score), in
     * place; the label sits above the box, or inside it where there is no room above.
     *
     * @param image a {@code CV_8UC3} image
     * @param boxes xyxy boxes in the image's pixels
     * @param classIds class index per box (picks the colour)
     * @param labels text per box
     * @param thin per box: draw a 1-pixel outline (e.g. an ignored box) instead of the normal width
     */
    public static void drawBoxes(Mat image, double[] boxes, int[] classIds, String[] labels, boolean[] thin) {
        int side = Math.max(image.cols(), image.rows());
        int thick = Math.max(1, (int) Math.round(side / 320.0));
        double fontScale = Math.max(0.35, side / 900.0);
        int font = Imgproc.FONT_HERSHEY_SIMPLEX;
        for (int i = 0; i < classIds.length; i++) {
            Scalar colour = classColor(classIds[i]);
            Point p1 = new Point(boxes[4 * i], boxes[4 * i + 1]);
            Point p2 = new Point(boxes[4 * i + 2], boxes[4 * i + 3]);
            Imgproc.rectangle(image, p1, p2, colour, thin[i] ? 1 : thick, Imgproc.LINE_8);
            String label = labels[i];
            int[] baseline = new int[1];
            Size ts = Imgproc.getTextSize(label, font, fontScale, 1, baseline);
            double lx = Math.min(Math.max(p1.x, 0), Math.max(0, image.cols() - ts.width - 2));
            double top = p1.y - ts.height - baseline[0] - 2;
            if (top < 0) {
                top = p1.y; // no room above the box: label inside it
            }
            Imgproc.rectangle(image, new Point(lx, top), new Point(lx + ts.width + 2, top + ts.height + baseline[0] + 2),
                    colour, Imgproc.FILLED);
            double lum = 0.114 * colour.val[0] + 0.587 * colour.val[1] + 0.299 * colour.val[2];
            Scalar ink = lum > 140 ? new Scalar(0, 0, 0) : new Scalar(255, 255, 255);
            Imgproc.putText(image, label, new Point(lx + 1, top + ts.height + 1), font, fontScale, ink, 1, Imgproc.LINE_AA);
        }
    }

    /**
     * The colour of a class: hues a golden angle apart, so neighbouring ids differ clearly.
     *
     * @param classId class index
     * @return a BGR colour
     */
    public static Scalar classColor(int classId) {
        double hue = (Math.floorMod(classId, 1 << 20) * 0.3819660112501051) % 1.0 * 6;
        double v = 235, s = 0.85;
        int sector = (int) hue;
        double frac = hue - sector;
        double p = v * (1 - s), q = v * (1 - s * frac), u = v * (1 - s * (1 - frac));
        double r, g, b;
        switch (sector) {
            case 0 -> { r = v; g = u; b = p; }
            case 1 -> { r = q; g = v; b = p; }
            case 2 -> { r = p; g = v; b = u; }
            case 3 -> { r = p; g = q; b = v; }
            case 4 -> { r = u; g = p; b = v; }
            default -> { r = v; g = p; b = q; }
        }
        return new Scalar(Math.round(b), Math.round(g), Math.round(r));
    }
}
