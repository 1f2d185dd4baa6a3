package io.detkit.conformance;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.ImageHeaders;
import io.detkit.data.format.Datasets;
import io.detkit.data.format.Format;
import io.detkit.data.format.ReadOptions;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.ProblemKind;
import io.detkit.data.validate.ValidationReport;
import io.detkit.data.validate.Validator;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import javax.imageio.ImageIO;

/**
 * Checks detkit's dataset readers against the real datasets in the shared data folder (never
 * needed by the test suite). One PASS/FAIL line per check.
 *
 * <p><b>coco128</b>: the YOLO labels of {@code train2017} (read through {@code coco128.yaml}) and
 * {@code annotations/instances_train2017.json} hold the same 929 non-crowd boxes: same image, same
 * class name, every coordinate within the rounding of YOLO's 6-digit normalised values
 * (10⁻⁶ × the image's longer side). Its quirks must be survived and reported: 2 train images
 * without label file (read as images without boxes), 2 label files without image (warnings), and 2
 * greyscale images (one per split; their header sizes must equal the decoded sizes). The COCO JSON
 * has 939 annotations of which 10 are crowd (→ ignore); all image sizes of the JSON must equal
 * the header sizes.
 *
 * <p><b>voc100</b>: the same 273 boxes on 100 images from {@code gts/pascalvoc_format} (flat VOC
 * XML, images in {@code images/}, class order from {@code voc.names}), {@code gts/yolo_format}
 * (Darknet/CVAT export: labels in {@code obj_train_data/}, class names in {@code obj.names}, in
 * another order) and {@code gts/coco_format_v1} and {@code v2} (COCO, the latter with 11-digit image
 * ids): matched by image, class name and box (exactly for COCO, within YOLO's rounding for YOLO).
 *
 * <p><b>dlib_faces</b>: {@code training.xml} has 4 images / 18 boxes and {@code testing.xml} 5 / 25,
 * with every image present and of the size the XML says.
 */
public final class DataConformance {
    private static final double YOLO_ROUNDING = 1e-6;

    private DataConformance() {}

    /**
     * Runs every check and prints one line per check.
     *
     * @param sharedData the shared data folder (the one holding {@code coco128/}, {@code voc100/},
     *     {@code dlib_faces/})
     * @param out where the lines go
     * @return true when every check passed (false also when a dataset cannot be read)
     */
    public static boolean run(Path sharedData, PrintStream out) {
        boolean ok = true;
        try {
            ok &= coco128(sharedData.resolve("coco128"), out);
        } catch (IOException | RuntimeException e) {
            out.println("FAIL coco128: cannot read: " + e.getMessage());
            ok = false;
        }
        try {
            ok &= voc100(sharedData.resolve("voc100"), out);
        } catch (IOException | RuntimeException e) {
            out.println("FAIL voc100: cannot read: " + e.getMessage());
            ok = false;
        }
        try {
            ok &= dlib(sharedData.resolve("dlib_faces"), out);
        } catch (IOException | RuntimeException e) {
            out.println("FAIL dlib_faces: cannot read: " + e.getMessage());
            ok = false;
        }
        out.println(ok ? "Data conformance: all checks passed" : "Data conformance: FAILED");
        return ok;
    }

    /**
     * Command-line entry point: {@code DataConformance [sharedDataDir]} (default {@code ../shared/data}).
     * Exits with 0 when all checks pass, 1 otherwise.
     *
     * @param args optional shared data folder
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        System.exit(run(dir, System.out) ? 0 : 1);
    }

    private static boolean coco128(Path dir, PrintStream out) throws IOException {
        boolean ok = true;
        Path yaml = dir.resolve("coco128.yaml");
        LoadedDataset train = Datasets.load(yaml, Format.YOLO, ReadOptions.defaults());
        ValidationReport tr = Validator.defaults().validate(train);
        DetectionDataset y = train.dataset();
        ok &= check(out, "coco128 YOLO train2017: 128 images, 929 boxes, 80 classes, no errors",
                y.samples().size() == 128 && y.boxCount() == 929 && y.numClasses() == 80 && !tr.hasErrors(),
                y.samples().size() + " images, " + y.boxCount() + " boxes, " + y.numClasses() + " classes, "
                        + tr.errors().size() + " errors");
        List<String> orphans = tr.problems().stream().filter(p -> p.kind() == ProblemKind.LABEL_WITHOUT_IMAGE)
                .map(p -> p.location().file().getFileName().toString()).sorted().toList();
        ok &= check(out, "coco128 YOLO train2017: 2 label files without image reported as warnings",
                orphans.equals(List.of("000000000656.txt", "000000000659.txt")) && tr.warnings().size() == 2,
                String.join(", ", orphans));
        List<String> empty = new ArrayList<>();
        for (DetectionSample s : y.samples()) {
            String stem = stem(s.imagePath());
            if (!Files.exists(dir.resolve("labels/train2017/" + stem + ".txt"))) {
                empty.add(stem + "(" + s.size() + " boxes)");
            }
        }
        ok &= check(out, "coco128 YOLO train2017: 2 images without label file read as images without boxes",
                empty.equals(List.of("000000000250(0 boxes)", "000000000508(0 boxes)")), String.join(", ", empty));
        LoadedDataset val = Datasets.load(yaml, Format.YOLO, ReadOptions.builder().optSplit("val").build());
        ValidationReport vr = Validator.defaults().validate(val);
        ok &= check(out, "coco128 YOLO val2017: 128 images, no errors",
                val.dataset().samples().size() == 128 && !vr.hasErrors(),
                val.dataset().samples().size() + " images, " + val.dataset().boxCount() + " boxes, " + vr.errors().size()
                        + " errors");
        ok &= greyscale(y, val.dataset(), out);

        Path json = dir.resolve("annotations/instances_train2017.json");
        LoadedDataset cl = Datasets.load(json, Format.COCO, ReadOptions.defaults());
        ValidationReport cr = Validator.defaults().validate(cl);
        DetectionDataset c = cl.dataset();
        int crowd = 0;
        for (DetectionSample s : c.samples()) {
            for (boolean b : s.ignore()) {
                crowd += b ? 1 : 0;
            }
        }
        ok &= check(out, "coco128 COCO JSON: 128 images, 939 annotations (10 crowd → ignore), sizes = image headers",
                c.samples().size() == 128 && c.boxCount() == 939 && crowd == 10 && cr.problems().isEmpty(),
                c.samples().size() + " images, " + c.boxCount() + " annotations, " + crowd + " crowd, "
                        + cr.problems().size() + " problems");
        Match m = compare(c, true, y, YOLO_ROUNDING);
        ok &= check(out, "coco128 COCO JSON vs YOLO labels: the 929 non-crowd boxes match (class + box within rounding)",
                m.matched == 929 && m.unmatchedA == 0 && m.unmatchedB == 0 && m.imagesOnlyInOne == 0 && m.sizeMismatch == 0,
                m.describe());
        return ok;
    }

    private static boolean greyscale(DetectionDataset train, DetectionDataset val, PrintStream out) throws IOException {
        List<String> grey = new ArrayList<>();
        boolean sizesOk = true;
        for (DetectionDataset d : List.of(train, val)) {
            for (DetectionSample s : d.samples()) {
                BufferedImage img = ImageIO.read(s.imagePath().toFile());
                if (img == null) {
                    continue;
                }
                if (img.getRaster().getNumBands() == 1) {
                    grey.add(s.imagePath().getParent().getFileName() + "/" + s.imagePath().getFileName());
                    sizesOk &= img.getWidth() == s.width() && img.getHeight() == s.height();
                    ImageHeaders.Size h = ImageHeaders.read(s.imagePath());
                    sizesOk &= h.width() == img.getWidth() && h.height() == img.getHeight();
                }
            }
        }
        return check(out, "coco128: 2 greyscale images read, header size = decoded size", grey.size() == 2 && sizesOk,
                String.join(", ", grey));
    }

    private static boolean voc100(Path dir, PrintStream out) throws IOException {
        boolean ok = true;
        Path images = dir.resolve("images");
        ReadOptions withImages = ReadOptions.builder().optImages(images).build();
        LoadedDataset vl = Datasets.load(dir.resolve("gts/pascalvoc_format"), Format.VOC,
                ReadOptions.builder().optImages(images).optNames(dir.resolve("voc.names")).build());
        ValidationReport vr = Validator.defaults().validate(vl);
        DetectionDataset v = vl.dataset();
        int difficult = 0;
        for (DetectionSample s : v.samples()) {
            for (boolean b : s.ignore()) {
                difficult += b ? 1 : 0;
            }
        }
        ok &= check(out, "voc100 VOC XML: 100 images, 273 boxes, 20 classes, sizes = image headers",
                v.samples().size() == 100 && v.boxCount() == 273 && v.numClasses() == 20 && vr.problems().isEmpty(),
                v.samples().size() + " images, " + v.boxCount() + " boxes (" + difficult + " difficult), "
                        + vr.problems().size() + " problems");
        LoadedDataset yl = Datasets.load(dir.resolve("gts/yolo_format/obj_train_data"), Format.YOLO, withImages);
        ValidationReport yr = Validator.defaults().validate(yl);
        ok &= check(out, "voc100 YOLO (obj.names, labels apart from images): 100 images, 273 boxes",
                yl.dataset().samples().size() == 100 && yl.dataset().boxCount() == 273 && yr.problems().isEmpty(),
                yl.dataset().samples().size() + " images, " + yl.dataset().boxCount() + " boxes, " + yr.problems().size()
                        + " problems");
        Match my = compare(v, false, yl.dataset(), YOLO_ROUNDING);
        ok &= check(out, "voc100 VOC XML vs YOLO: the same 273 boxes", my.matched == 273 && my.clean(), my.describe());
        for (String coco : List.of("coco_format_v1/instances_default.json", "coco_format_v2/instances_v2.json")) {
            LoadedDataset cl = Datasets.load(dir.resolve("gts").resolve(coco), Format.COCO, withImages);
            ValidationReport cr = Validator.defaults().validate(cl);
            Match mc = compare(v, false, cl.dataset(), 0);
            String name = coco.substring(0, coco.indexOf('/'));
            ok &= check(out, "voc100 VOC XML vs COCO " + name + ": the same 273 boxes, sizes = image headers",
                    mc.matched == 273 && mc.clean() && cr.problems().isEmpty(),
                    mc.describe() + ", " + cr.problems().size() + " problems");
        }
        return ok;
    }

    private static boolean dlib(Path dir, PrintStream out) throws IOException {
        boolean ok = true;
        int[][] expected = {{4, 18}, {5, 25}};
        String[] files = {"training.xml", "testing.xml"};
        for (int i = 0; i < files.length; i++) {
            LoadedDataset l = Datasets.load(dir.resolve(files[i]), Format.DLIB, ReadOptions.defaults());
            ValidationReport r = Validator.defaults().validate(l);
            DetectionDataset d = l.dataset();
            ok &= check(out, String.format(Locale.ROOT, "dlib_faces %s: %d images, %d boxes, images present with the"
                            + " XML's sizes", files[i], expected[i][0], expected[i][1]),
                    d.samples().size() == expected[i][0] && d.boxCount() == expected[i][1] && r.problems().isEmpty(),
                    d.samples().size() + " images, " + d.boxCount() + " boxes, " + r.problems().size() + " problems"
                            + (r.problems().isEmpty() ? "" : ": " + r.problems().get(0)));
        }
        return ok;
    }

    /** The result of matching two datasets image by image. */
    private static final class Match {
        int matched;
        int unmatchedA;
        int unmatchedB;
        int imagesOnlyInOne;
        int sizeMismatch;
        double maxDeviation;

        boolean clean() {
            return unmatchedA == 0 && unmatchedB == 0 && imagesOnlyInOne == 0 && sizeMismatch == 0;
        }

        String describe() {
            return String.format(Locale.ROOT, "%d matched, %d + %d unmatched, %d images in one only, %d size differences,"
                    + " max deviation %.6f px", matched, unmatchedA, unmatchedB, imagesOnlyInOne, sizeMismatch, maxDeviation);
        }
    }

    /**
     * Matches the boxes of two datasets: images by file name, boxes by class name and coordinates
     * within {@code tol} × the image's longer side (at least 1e-9 px).
     */
    private static Match compare(DetectionDataset a, boolean skipIgnoredA, DetectionDataset b, double tol) {
        Map<String, DetectionSample> bs = new HashMap<>();
        for (DetectionSample s : b.samples()) {
            bs.put(s.imagePath().getFileName().toString(), s);
        }
        Match m = new Match();
        TreeSet<String> seen = new TreeSet<>();
        for (DetectionSample sa : a.samples()) {
            String key = sa.imagePath().getFileName().toString();
            seen.add(key);
            DetectionSample sb = bs.get(key);
            if (sb == null) {
                m.imagesOnlyInOne++;
                continue;
            }
            if (sa.width() != sb.width() || sa.height() != sb.height()) {
                m.sizeMismatch++;
            }
            double t = Math.max(1e-9, tol * Math.max(sa.width(), sa.height()));
            boolean[] used = new boolean[sb.size()];
            for (int i = 0; i < sa.size(); i++) {
                if (skipIgnoredA && sa.ignore()[i]) {
                    continue;
                }
                String name = a.classNames().get(sa.classIds()[i]);
                int best = -1;
                double bestDev = Double.POSITIVE_INFINITY;
                for (int j = 0; j < sb.size(); j++) {
                    if (used[j] || !b.classNames().get(sb.classIds()[j]).equals(name)) {
                        continue;
                    }
                    double dev = 0;
                    for (int k = 0; k < 4; k++) {
                        dev = Math.max(dev, Math.abs(sa.boxes()[4 * i + k] - sb.boxes()[4 * j + k]));
                    }
                    if (dev <= t && dev < bestDev) {
                        best = j;
                        bestDev = dev;
                    }
                }
                if (best < 0) {
                    m.unmatchedA++;
                } else {
                    used[best] = true;
                    m.matched++;
                    m.maxDeviation = Math.max(m.maxDeviation, bestDev);
                }
            }
            for (boolean u : used) {
                m.unmatchedB += u ? 0 : 1;
            }
        }
        for (String k : bs.keySet()) {
            if (!seen.contains(k)) {
                m.imagesOnlyInOne++;
            }
        }
        return m;
    }

    private static String stem(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static boolean check(PrintStream out, String name, boolean pass, String got) {
        out.printf(Locale.ROOT, "%s %s: %s%n", pass ? "PASS" : "FAIL", name, got);
        return pass;
    }
}
