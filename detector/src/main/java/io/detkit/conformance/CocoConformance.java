package io.detkit.conformance;

import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reproduces the published pycocotools results of the COCO reference sets in
 * {@code shared/data/metric_refs} (see that folder's README): cocoapi_fake100 to 1e-12,
 * review_odm_coco to 1e-6, and the COCO pair of review_toyexample to 1e-6.
 */
public final class CocoConformance {
    private CocoConformance() {}

    static final double[] FAKE100 = {
        0.5045806987249628, 0.6969727247299577, 0.5729816669904824, 0.5856257209410443, 0.5193996948036719,
        0.5013978986347466, 0.38681277964578054, 0.5936795762842003, 0.595352982877607, 0.6398109626113442,
        0.5664205978994309, 0.5642905982905982
    };
    static final double[] REVIEW_ODM = {
        .503647, .696973, .571667, .593252, .557991, .489363, .386813, .593680, .595353, .654764, .603130, .553744
    };
    static final double[] TOY = {
        0.495217, 0.759488, 0.396287, -1, -1, 0.495217, 0.475000, 0.583333, 0.583333, -1, -1, 0.583333
    };

    /**
     * Runs every COCO check.
     *
     * @param sharedData the {@code shared/data} folder
     * @param out where to print one line per value
     * @return true when all checks pass
     * @throws IOException if a reference file cannot be read
     */
    public static boolean run(Path sharedData, PrintStream out) throws IOException {
        Path refs = sharedData.resolve("metric_refs");
        boolean ok = check(out, "cocoapi_fake100", refs.resolve("cocoapi_fake100/instances_val2014_100.json"),
                refs.resolve("cocoapi_fake100/instances_val2014_fakebbox100_results.json"), FAKE100, 1e-12);
        ok &= checkPrintout(out, refs.resolve("cocoapi_fake100/val2014_fake_eval_res.txt"), lastSummary);
        ok &= check(out, "review_odm_coco", refs.resolve("review_odm_coco/sampled_gts_bbox_area.json"),
                refs.resolve("review_odm_coco/sampled_bbox_results.json"), REVIEW_ODM, 1e-6);
        Path toy = refs.resolve("review_toyexample/toyexample");
        ok &= check(out, "review_toyexample", toy.resolve("gts_coco_format/toy_example_coco.JSON"),
                toy.resolve("dets_coco_format/coco_dets.json"), TOY, 1e-6);
        return ok;
    }

    private static String lastSummary = "";

    /** The 12 summary lines must equal the bbox block of the COCO API's own printout. */
    private static boolean checkPrintout(PrintStream out, Path printout, String summary) throws IOException {
        List<String> lines = Files.readAllLines(printout);
        int start = lines.indexOf("type=bbox");
        List<String> expected = new ArrayList<>();
        for (int i = start + 1; i < lines.size() && expected.size() < 12; i++) {
            if (lines.get(i).startsWith(" Average")) {
                expected.add(lines.get(i));
            }
        }
        List<String> got = List.of(summary.split("\\R"));
        boolean pass = start >= 0 && expected.equals(got);
        out.printf(Locale.ROOT, "%-18s summary printout equals the COCO API's bbox block line for line  %s%n",
                "cocoapi_fake100", pass ? "PASS" : "FAIL");
        if (!pass) {
            out.println("expected:\n" + String.join("\n", expected) + "\ngot:\n" + summary);
        }
        return pass;
    }

    private static boolean check(PrintStream out, String name, Path gtFile, Path dtFile, double[] expected, double tol)
            throws IOException {
        CocoGroundTruth gt = CocoJson.readGroundTruth(gtFile);
        CocoDetections dt = CocoJson.readResults(dtFile, gt);
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.addAll(dt);
        CocoEvaluation e = ev.evaluate();
        double[] got = e.stats();
        lastSummary = e.summaryText();
        boolean ok = true;
        for (int i = 0; i < 12; i++) {
            double diff = Math.abs(got[i] - expected[i]);
            boolean pass = diff <= tol;
            ok &= pass;
            out.printf(Locale.ROOT, "%-18s %-5s expected %.16f got %.16f |diff| %.1e (tol %.0e)  %s%n", name,
                    CocoEvaluation.STAT_NAMES.get(i), expected[i], got[i], diff, tol, pass ? "PASS" : "FAIL");
        }
        return ok;
    }

    /**
     * Command-line entry.
     *
     * @param args the shared data folder (default {@code ../shared/data})
     * @throws IOException if a file cannot be read
     */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args.length > 0 ? args[0] : "../shared/data");
        System.exit(run(dir, System.out) ? 0 : 1);
    }
}
