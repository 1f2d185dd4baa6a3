package io.detkit.cli;

import io.detkit.metrics.coco.CategoryMetrics;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoJson;
import io.detkit.metrics.coco.CocoParams;
import io.detkit.metrics.report.MetricsJson;
import io.detkit.metrics.voc.VocConfig;
import io.detkit.metrics.voc.VocResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code detkit eval}: score a COCO results file against COCO ground truth. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {"Evaluate detections (a COCO results JSON, as written by Ultralytics, Detectron2,",
            "MMDetection or detkit) against COCO ground truth, exactly as pycocotools does.",
            "Prints the 12-line COCO summary and a per-class table; writes DIR/metrics.json."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json", description = "COCO ground-truth file (instances_*.json).")
    Path gtFile;

    @Option(names = "--dt", required = true, paramLabel = "DT.json", description = "COCO results file: [{image_id, category_id, bbox, score}, ...].")
    Path dtFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder for metrics.json (default: ${DEFAULT-VALUE}).", defaultValue = "runs/eval")
    Path outDir;

    @Option(names = "--class-agnostic", description = "Ignore categories when matching (pycocotools useCats=0).")
    boolean classAgnostic;

    @Option(names = "--max-dets", split = ",", paramLabel = "N", description = "maxDets values (default: 1,10,100).")
    int[] maxDets;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Option(names = "--voc", description = "Also compute Pascal VOC AP per class (all-point and 11-point) and write it under \"voc\".")
    boolean voc;

    @Option(names = "--voc-iou", paramLabel = "T", defaultValue = "0.5", description = "IoU threshold for --voc (default: ${DEFAULT-VALUE}).")
    double vocIou;

    @Option(names = "--voc-plus-one", description = "Use the legacy VOC devkit \"+1 pixel\" box areas for --voc.")
    boolean vocPlusOne;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        long t0 = System.nanoTime();
        CocoGroundTruth gt = CocoJson.readGroundTruth(gtFile);
        long t1 = System.nanoTime();
        if (!quiet) {
            err.printf(Locale.ROOT, "loaded %s: %d images, %d annotations, %d categories (%.2f s)%n", gtFile,
                    gt.images().size(), gt.annotationCount(), gt.categories().size(), (t1 - t0) / 1e9);
        }
        CocoDetections dt = CocoJson.readResults(dtFile, gt);
        long t2 = System.nanoTime();
        if (!quiet) {
            err.printf(Locale.ROOT, "loaded %s: %d detections (%.2f s)%n", dtFile, dt.size(), (t2 - t1) / 1e9);
        }
        CocoParams.Builder pb = CocoParams.builder().optUseCategories(!classAgnostic);
        if (maxDets != null) {
            pb.optMaxDets(maxDets);
        }
        CocoEvaluator ev = new CocoEvaluator(gt, pb.build());
        ev.addAll(dt);
        CocoEvaluation e = ev.evaluate();
        long t3 = System.nanoTime();
        if (!quiet) {
            err.printf(Locale.ROOT, "evaluated (evaluate + accumulate) in %.2f s%n", (t3 - t2) / 1e9);
        }
        out.print(e.summaryText());
        if (!quiet && !classAgnostic) {
            out.println();
            out.print(perClassTable(e));
        }
        MetricsJson report = new MetricsJson(e);
        report.section("inputs").put("gt", gtFile.toString()).put("dt", dtFile.toString())
                .put("images", gt.images().size()).put("annotations", gt.annotationCount())
                .put("detections", dt.size()).put("class_agnostic", classAgnostic);
        if (voc) {
            VocResult vr = VocFromCoco.evaluate(gt, dt, VocConfig.defaults().withIouThreshold(vocIou).withPlusOnePixel(vocPlusOne));
            if (!quiet) {
                out.println();
                out.print(VocFromCoco.table(vr, gt));
            } else {
                out.printf(Locale.ROOT, "VOC mAP@%.2f: all-point %.4f, 11-point %.4f%n", vocIou, vr.mapAllPoint(), vr.mapElevenPoint());
            }
            VocFromCoco.write(report.section("voc"), vr, gt);
        }
        Path file = outDir.resolve("metrics.json");
        report.write(file);
        out.println();
        out.println("wrote " + file);
        out.flush();
        return 0;
    }

    static String perClassTable(CocoEvaluation e) {
        StringBuilder sb = new StringBuilder();
        int w = 5;
        for (CategoryMetrics c : e.categoryMetrics()) {
            w = Math.max(w, c.name().length());
        }
        String head = String.format(Locale.ROOT, "%6s  %-" + w + "s %7s %8s %7s %7s %7s %7s%n", "id", "class", "gt", "dets", "AP",
                "AP50", "AP75", "AR100");
        sb.append(head);
        for (CategoryMetrics c : e.categoryMetrics()) {
            sb.append(String.format(Locale.ROOT, "%6d  %-" + w + "s %7d %8d %7s %7s %7s %7s%n", c.categoryId(), c.name(),
                    c.gtCount(), c.detectionCount(), fmt(c.ap()), fmt(c.ap50()), fmt(c.ap75()), fmt(c.ar100())));
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return v < 0 ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
