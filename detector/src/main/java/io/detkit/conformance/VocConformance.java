package io.detkit.conformance;

import io.detkit.metrics.voc.ElevenPointGrid;
import io.detkit.metrics.voc.VocClassResult;
import io.detkit.metrics.voc.VocConfig;
import io.detkit.metrics.voc.VocEvaluator;
import io.detkit.metrics.voc.VocResult;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Checks detkit's Pascal VOC evaluator against published reference values, reading the reference
 * sets from the shared data folder (never needed by the test suite).
 *
 * <p><b>padilla_voc</b> ({@code metric_refs/padilla_voc}: one class, 7 images, 15 ground truths,
 * 24 detections, text files in absolute xywh pixels). Checked to an absolute 1e-9:
 * <ul>
 *   <li>legacy "+1 pixel" IoU, all-point and 11-point AP (reference 11-point grid) at IoU 0.1, 0.3,
 *       0.5 and 0.75 — the eight published values;
 *   <li>plain IoU, all-point AP at 0.3 = 0.2253968254;
 *   <li>"+1 pixel" IoU, 11-point AP at 0.1 with the exact-tenths grid = 0.3689064559.
 * </ul>
 *
 * <p><b>review_toyexample</b> ({@code metric_refs/review_toyexample/toyexample}: Pascal VOC XML
 * ground truth, detections as {@code <class> <score> <x1> <y1> <x2> <y2>}, class {@code cat}).
 * Its reference tool uses the "+1 pixel" IoU (with plain IoU this set gives the same four values,
 * so it does not tell the two apart; padilla_voc does); the published percentages are printed with two
 * decimals, so a check passes when {@code 100·AP} rounds to them (|difference| ≤ 0.005): IoU 0.5
 * 11-point 88.64 %, all-point 89.58 %; IoU 0.75 11-point 49.24 %, all-point 50.97 %.
 *
 * <p>Images are added in file-name order; detections with equal scores keep that order.
 */
public final class VocConformance {
    private static final double ABS_TOL = 1e-9;
    private static final double PERCENT_TOL = 0.005;

    private VocConformance() {}

    /**
     * Runs every check and prints one line per check: PASS/FAIL, name, expected, got.
     *
     * @param sharedData the shared data folder (the one holding {@code metric_refs/})
     * @param out where the lines go
     * @return true when every check passed (false also when a reference set cannot be read)
     */
    public static boolean run(Path sharedData, PrintStream out) {
        boolean ok = true;
        Path refs = sharedData.resolve("metric_refs");
        try {
            ok &= checkPadilla(refs.resolve("padilla_voc"), out);
        } catch (IOException | RuntimeException e) {
            out.println("FAIL padilla_voc: cannot read reference set: " + e.getMessage());
            ok = false;
        }
        try {
            ok &= checkToyExample(refs.resolve("review_toyexample").resolve("toyexample"), out);
        } catch (IOException | RuntimeException e) {
            out.println("FAIL review_toyexample: cannot read reference set: " + e.getMessage());
            ok = false;
        }
        out.println(ok ? "VOC conformance: all checks passed" : "VOC conformance: FAILED");
        return ok;
    }

    /**
     * Command-line entry point: {@code VocConformance [sharedDataDir]} (default {@code ../shared/data}).
     * Exits with 0 when all checks pass, 1 otherwise.
     *
     * @param args optional shared data folder
     */
    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        System.exit(run(dir, System.out) ? 0 : 1);
    }

    private static boolean checkPadilla(Path dir, PrintStream out) throws IOException {
        List<LabeledImage> images = ReferenceReaders.readTextPairs(dir.resolve("groundtruths"), dir.resolve("detections"),
                ReferenceReaders.TextBox.XYWH, ReferenceReaders.TextBox.XYWH, new ClassNames());
        VocEvaluator ev = evaluatorOf(images);
        VocConfig legacy = VocConfig.legacyDevkit();
        double[] ious = {0.1, 0.3, 0.5, 0.75};
        double[] allPoint = {0.3371980676, 0.2456866804, 0.0222222222, 0};
        double[] eleven = {0.3333333333, 0.2683982683, 0.0303030303, 0};
        boolean ok = true;
        for (int i = 0; i < ious.length; i++) {
            VocClassResult r = single(ev.evaluate(legacy.withIouThreshold(ious[i])));
            ok &= abs(out, name("padilla_voc", "+1px", ious[i], "all-point"), allPoint[i], r.apAllPoint());
            ok &= abs(out, name("padilla_voc", "+1px", ious[i], "11-point"), eleven[i], r.apElevenPoint());
        }
        VocClassResult plain = single(ev.evaluate(legacy.withIouThreshold(0.3).withPlusOnePixel(false)));
        ok &= abs(out, name("padilla_voc", "plain", 0.3, "all-point"), 0.2253968254, plain.apAllPoint());
        VocClassResult tenths = single(ev.evaluate(legacy.withIouThreshold(0.1)
                .withElevenPointGrid(ElevenPointGrid.EXACT_TENTHS)));
        ok &= abs(out, name("padilla_voc", "+1px", 0.1, "11-point exact-tenths"), 0.3689064559, tenths.apElevenPoint());
        return ok;
    }

    private static boolean checkToyExample(Path dir, PrintStream out) throws IOException {
        List<LabeledImage> images = ReferenceReaders.readXmlAndText(dir.resolve("gts_vocpascal_format"),
                dir.resolve("dets_classname_abs_xyx2y2"), ReferenceReaders.TextBox.XYXY, new ClassNames());
        VocEvaluator ev = evaluatorOf(images);
        VocConfig legacy = VocConfig.legacyDevkit();
        boolean ok = true;
        VocClassResult at50 = single(ev.evaluate(legacy.withIouThreshold(0.5)));
        ok &= percent(out, name("review_toyexample", "+1px", 0.5, "11-point"), 88.64, at50.apElevenPoint());
        ok &= percent(out, name("review_toyexample", "+1px", 0.5, "all-point"), 89.58, at50.apAllPoint());
        VocClassResult at75 = single(ev.evaluate(legacy.withIouThreshold(0.75)));
        ok &= percent(out, name("review_toyexample", "+1px", 0.75, "11-point"), 49.24, at75.apElevenPoint());
        ok &= percent(out, name("review_toyexample", "+1px", 0.75, "all-point"), 50.97, at75.apAllPoint());
        return ok;
    }

    private static VocEvaluator evaluatorOf(List<LabeledImage> images) {
        VocEvaluator ev = new VocEvaluator();
        for (LabeledImage im : images) {
            ev.add(im.key(), im.groundTruths(), im.detections());
        }
        return ev;
    }

    private static VocClassResult single(VocResult r) {
        if (r.classes().size() != 1) {
            throw new IllegalStateException("expected one class, found " + r.classes().size());
        }
        return r.classes().get(0);
    }

    private static String name(String set, String iou, double threshold, String method) {
        return String.format(Locale.ROOT, "%s %s IoU %.2f %s AP", set, iou, threshold, method);
    }

    private static boolean abs(PrintStream out, String name, double expected, double got) {
        boolean pass = Math.abs(expected - got) <= ABS_TOL;
        out.printf(Locale.ROOT, "%s %-58s expected %.10f got %.12f%n", pass ? "PASS" : "FAIL", name, expected, got);
        return pass;
    }

    private static boolean percent(PrintStream out, String name, double expectedPercent, double got) {
        boolean pass = Math.abs(expectedPercent - 100 * got) <= PERCENT_TOL;
        out.printf(Locale.ROOT, "%s %-58s expected %.2f %% got %.6f %%%n", pass ? "PASS" : "FAIL", name, expectedPercent,
                100 * got);
        return pass;
    }
}
