package io.detkit.report;

import io.detkit.data.image.ImageDecoder;
import io.detkit.data.image.OpenCvNatives;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import io.detkit.metrics.errors.ErrorAnalysis;
import io.detkit.metrics.errors.ErrorType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.core.Point;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * The gallery of worst images: the images with the most errors at the operating confidence (false
 * positives with a score at or above it, plus regular GT that no true positive at or above it found;
 * matching as the error analysis, IoU 0.5), drawn with their ground truth and those detections (at
 * most {@value #MAX_DRAWN_FALSE_POSITIVES} false positives, the highest-scoring), scaled to the
 * configured size (small images enlarged at most 2×) and encoded as JPEG.
 *
 * <p>Colours: green = GT found, orange (thick) = GT missed, grey = crowd region; blue = correct
 * detection, red = false positive labelled with its error type.
 */
final class Gallery {
    static final Scalar GT_FOUND = new Scalar(80, 175, 76);
    static final Scalar GT_MISSED = new Scalar(0, 152, 255);
    static final Scalar CROWD = new Scalar(150, 150, 150);
    static final Scalar TP = new Scalar(243, 150, 33);
    static final Scalar FP = new Scalar(53, 57, 229);
    private static final int MAX_PROBES_PER_ITEM = 20;
    /** Most false positives drawn on one image (the highest-scoring ones). */
    static final int MAX_DRAWN_FALSE_POSITIVES = 25;

    /**
     * One drawn image.
     *
     * @param imageId the COCO image id
     * @param fileName the file under {@code gallery/}
     * @param source the image file it was drawn from
     * @param falsePositives false positives drawn
     * @param falseNegatives missed GT drawn
     * @param jpeg the JPEG bytes
     * @param width pixels
     * @param height pixels
     */
    record Item(long imageId, String fileName, Path source, int falsePositives, int falseNegatives, byte[] jpeg, int width,
            int height) {}

    /**
     * The gallery.
     *
     * @param items the images, worst first
     * @param note why the gallery is empty or short, or null
     */
    record Result(List<Item> items, String note) {}

    private final EvaluationReport r;

    Gallery(EvaluationReport r) {
        this.r = r;
    }

    Result render() {
        int want = r.settings().gallerySize();
        if (want == 0) {
            return new Result(List.of(), "The gallery of worst images is turned off.");
        }
        double tau = r.operatingConfidence();
        PerImage pi = r.perImage();
        int[][] errs = r.errors().imageErrors(tau);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < pi.size(); i++) {
            if (errs[0][i] + errs[1][i] > 0) {
                order.add(i);
            }
        }
        order.sort((a, b) -> {
            int ea = errs[0][a] + errs[1][a], eb = errs[0][b] + errs[1][b];
            if (ea != eb) {
                return Integer.compare(eb, ea);
            }
            if (errs[1][a] != errs[1][b]) {
                return Integer.compare(errs[1][b], errs[1][a]);
            }
            return Long.compare(pi.imageIds[a], pi.imageIds[b]);
        });
        if (order.isEmpty()) {
            return new Result(List.of(), String.format(Locale.ROOT,
                    "No image has an error at confidence %.3f: the gallery of worst images is empty.", tau));
        }
        ImageLocator locator = r.settings().images();
        List<Item> items = new ArrayList<>();
        int probes = 0;
        int unreadable = 0;
        for (int i : order) {
            if (items.size() >= want || probes >= want * MAX_PROBES_PER_ITEM) {
                break;
            }
            probes++;
            CocoImage im = pi.images[i];
            Optional<Path> file = im == null ? Optional.empty() : locator.locate(im);
            if (file.isEmpty()) {
                continue;
            }
            try {
                items.add(draw(i, im, file.get(), tau, items.size() + 1, errs[0][i], errs[1][i]));
            } catch (IOException | RuntimeException e) {
                unreadable++;
            }
        }
        String note = null;
        if (items.isEmpty()) {
            note = "Gallery of worst images omitted: no image file was found for the images with errors (looked for "
                    + "each image's file_name with the locator given; detkit eval looks next to the ground-truth file "
                    + "and in images/ folders, or in --images DIR).";
        } else if (items.size() < want && items.size() < order.size()) {
            note = "The gallery shows " + items.size() + " of the " + want + " images asked for: the other image files "
                    + "were not found" + (unreadable > 0 ? " or could not be decoded (" + unreadable + ")" : "") + ".";
        }
        return new Result(items, note);
    }

    private Item draw(int i, CocoImage im, Path file, double tau, int rank, int fp, int fn) throws IOException {
        OpenCvNatives.load();
        int maxSide = r.settings().galleryMaxSide();
        int factor = im.width() > 0 && im.height() > 0 ? ImageDecoder.reductionFactor(im.width(), im.height(), maxSide) : 1;
        Mat decoded = ImageDecoder.read(file, factor);
        Mat img = decoded;
        try {
            double origW = im.width() > 0 ? im.width() : decoded.cols() * (double) factor;
            // to maxSide: shrink large images, enlarge small ones (at most 2×) so that labels stay legible
            double s0 = Math.min(2.0, maxSide / (double) Math.max(decoded.cols(), decoded.rows()));
            if (Math.abs(s0 - 1.0) > 1e-3) {
                img = new Mat();
                Imgproc.resize(decoded, img, new Size(Math.round(decoded.cols() * s0), Math.round(decoded.rows() * s0)), 0, 0,
                        s0 < 1 ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            }
            double scale = img.cols() / origW;
            drawBoxes(img, i, tau, scale);
            Mat out = withLegend(img);
            try {
                MatOfByte buf = new MatOfByte();
                try {
                    if (!Imgcodecs.imencode(".jpg", out, buf, new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, 85))) {
                        throw new IOException("cannot encode " + file + " as JPEG");
                    }
                    return new Item(im.id(), String.format(Locale.ROOT, "worst_%02d.jpg", rank), file, fp, fn, buf.toArray(),
                            out.cols(), out.rows());
                } finally {
                    buf.release();
                }
            } finally {
                out.release();
            }
        } finally {
            if (img != decoded) {
                img.release();
            }
            decoded.release();
        }
    }

    private void drawBoxes(Mat img, int i, double tau, double scale) {
        PerImage pi = r.perImage();
        ErrorAnalysis a = r.errors();
        CocoGroundTruth gt = r.groundTruth();
        CocoDetections dets = r.detections();
        double[] gBox = gt.annotationBoxesXywh();
        int[] gCat = gt.annotationCategoryIds();
        boolean[] crowd = gt.annotationCrowd();
        for (int g : pi.annotations[i]) {
            double[] b = {gBox[4 * g], gBox[4 * g + 1], gBox[4 * g + 2], gBox[4 * g + 3]};
            String name = r.name(gCat[g]);
            if (crowd[g]) {
                box(img, b, scale, CROWD, 1, name + " (crowd)");
                continue;
            }
            int d = a.matchingDetection(g);
            boolean found = d >= 0 && dets.score(d) >= tau;
            box(img, b, scale, found ? GT_FOUND : GT_MISSED, found ? 2 : 3, found ? null : "missed " + name);
        }
        List<Integer> fps = new ArrayList<>();
        for (int d : pi.detections[i]) {
            if (dets.score(d) >= tau && a.errorOf(d) != null) {
                fps.add(d);
            }
        }
        fps.sort((x, y) -> Double.compare(dets.score(y), dets.score(x)));
        java.util.Set<Integer> drawn = new java.util.HashSet<>(fps.subList(0, Math.min(MAX_DRAWN_FALSE_POSITIVES, fps.size())));
        for (int d : pi.detections[i]) {
            if (dets.score(d) < tau || !a.isEvaluated(d) || a.isIgnored(d)) {
                continue;
            }
            ErrorType t = a.errorOf(d);
            if (t != null && !drawn.contains(d)) {
                continue;
            }
            String label = String.format(Locale.ROOT, "%s %.2f", r.name(dets.categoryId(d)), dets.score(d));
            if (t == null) {
                box(img, dets.boxXywh(d), scale, TP, 1, label);
            } else {
                box(img, dets.boxXywh(d), scale, FP, 2, label + " " + t.shortName());
            }
        }
    }

    private static void box(Mat img, double[] xywh, double s, Scalar colour, int thick, String label) {
        Point p1 = new Point(xywh[0] * s, xywh[1] * s);
        Point p2 = new Point((xywh[0] + xywh[2]) * s, (xywh[1] + xywh[3]) * s);
        Imgproc.rectangle(img, p1, p2, colour, thick, Imgproc.LINE_AA);
        if (label == null) {
            return;
        }
        int font = Imgproc.FONT_HERSHEY_SIMPLEX;
        double fs = 0.4;
        int[] base = new int[1];
        Size ts = Imgproc.getTextSize(label, font, fs, 1, base);
        double lx = Math.min(Math.max(p1.x, 0), Math.max(0, img.cols() - ts.width - 2));
        double top = p1.y - ts.height - base[0] - 2;
        if (top < 0) {
            top = Math.min(p1.y, img.rows() - ts.height - base[0] - 2);
        }
        Imgproc.rectangle(img, new Point(lx, top), new Point(lx + ts.width + 2, top + ts.height + base[0] + 2), colour,
                Imgproc.FILLED);
        Imgproc.putText(img, label, new Point(lx + 1, top + ts.height + 1), font, fs, new Scalar(255, 255, 255), 1,
                Imgproc.LINE_AA);
    }

    /** The image with a white strip below it that names the colours. */
    private static Mat withLegend(Mat img) {
        int h = 20;
        Mat out = new Mat(img.rows() + h, img.cols(), img.type(), new Scalar(255, 255, 255));
        Mat top = out.submat(0, img.rows(), 0, img.cols());
        img.copyTo(top);
        top.release();
        String[] text = {"GT found", "GT missed", "correct", "false positive"};
        Scalar[] colour = {GT_FOUND, GT_MISSED, TP, FP};
        double x = 4;
        for (int k = 0; k < text.length && x < img.cols() - 40; k++) {
            Imgproc.rectangle(out, new Point(x, img.rows() + 5), new Point(x + 10, img.rows() + 15), colour[k], Imgproc.FILLED);
            Imgproc.putText(out, text[k], new Point(x + 14, img.rows() + 14), Imgproc.FONT_HERSHEY_SIMPLEX, 0.4,
                    new Scalar(40, 40, 40), 1, Imgproc.LINE_AA);
            x += 14 + Imgproc.getTextSize(text[k], Imgproc.FONT_HERSHEY_SIMPLEX, 0.4, 1, new int[1]).width + 12;
        }
        return out;
    }
}
