package io.detkit.cli;

import io.detkit.metrics.coco.CategoryMetrics;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoJson;
import io.detkit.metrics.coco.CocoParams;
import io.detkit.metrics.voc.VocConfig;
import io.detkit.metrics.voc.VocResult;
import io.detkit.report.EvaluationReport;
import io.detkit.report.ImageLocator;
import io.detkit.report.WrittenReport;
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
        description = {"Evaluate COCO results against COCO ground truth, exactly as pycocotools does.",
            "The results JSON may come from Ultralytics, Detectron2, MMDetection or detkit.",
            "Prints the 12-line COCO summary, a per-class table and the error breakdown; writes the report:",
            "DIR/report.html (self-contained: charts, tables, error analysis, worst images), DIR/report.md,",
            "DIR/metrics.json and DIR/charts/*.png."})
public final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--gt", required = true, paramLabel = "GT.json", description = "COCO ground-truth file (instances_*.json).")
    Path gtFile;

    @Option(names = "--dt", required = true, paramLabel = "DT.json", description = "COCO results file: [{image_id, category_id, bbox, score}, ...].")
    Path dtFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Output folder of the report (default: ${DEFAULT-VALUE}).", defaultValue = "runs/eval")
    Path outDir;

    @Option(names = "--images", paramLabel = "DIR", description = {"Folder of the images (their file_name is resolved in it), for the",
        "gallery of worst images. Default: next to the GT file, its images/ folders and the split folder of",
        "instances_SPLIT.json; without images the gallery is left out with a note."})
    Path imagesDir;

    @Option(names = "--top-classes", paramLabel = "N", defaultValue = "16", description = "Classes shown in per-class chart grids (default: ${DEFAULT-VALUE}).")
    int topClasses;

    @Option(names = "--gallery", paramLabel = "N", defaultValue = "12", description = "Images in the gallery of worst images, 0 for none (default: ${DEFAULT-VALUE}).")
    int gallery;

    @Option(names = "--svg", description = "Also write the charts as SVG.")
    boolean svg;

    @Option(names = "--class-agnostic", description = "Ignore categories when matching (pycocotools useCats=0).")
    boolean classAgnostic;

    @Option(names = "--max-dets", split = ",", paramLabel = "N", description = "maxDets values (default: 1,10,100).")
    int[] maxDets;

    @Option(names = "--quiet", description = "Print only the summary.")
    boolean quiet;

    @Option(names = "--voc", description = "Also print the Pascal VOC AP table (the report always holds VOC AP, under \"voc\").")
    boolean voc;

    @Option(names = "--voc-iou", paramLabel = "T", defaultValue = "0.5", description = "IoU threshold of the VOC AP (default: ${DEFAULT-VALUE}).")
    double vocIou;

    @Option(names = "--voc-plus-one", description = "Use the legacy VOC devkit \"+1 pixel\" box areas for the VOC AP.")
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
        if (topClasses < 1 || gallery < 0) {
            throw new UserException("--top-classes must be at least 1 and --gallery at least 0");
        }
        EvaluationReport report = EvaluationReport.builder(gt, dt).optEvaluation(e)
                .optTitle("Evaluation of " + dtFile.getFileName() + " on " + gtFile.getFileName())
                .optInput("gt", gtFile.toString()).optInput("dt", dtFile.toString())
                .optInput("images", gt.images().size()).optInput("annotations", gt.annotationCount())
                .optInput("detections", dt.size()).optInput("class_agnostic", classAgnostic)
                .optImages(ImageLocator.forGroundTruthFile(gtFile, imagesDir))
                .optVocConfig(VocConfig.defaults().withIouThreshold(vocIou).withPlusOnePixel(vocPlusOne))
                .optTopClasses(topClasses).optGallery(gallery, 512).optSvg(svg)
                .build();
        VocResult vr = report.voc();
        if (voc && !quiet) {
            out.println();
            out.print(VocFromCoco.table(vr, gt));
        } else if (voc) {
            out.printf(Locale.ROOT, "VOC mAP@%.2f: all-point %.4f, 11-point %.4f%n", vocIou, vr.mapAllPoint(), vr.mapElevenPoint());
        }
        if (!quiet) {
            out.println();
            out.print(report.errors().summaryText());
        }
        WrittenReport w = report.write(outDir);
        long t4 = System.nanoTime();
        out.println();
        out.printf(Locale.ROOT, "wrote %s (%.1f MB), %s, %s and %d charts in %s%n", w.html(), w.htmlBytes() / 1e6,
                w.markdown().getFileName(), w.metricsJson().getFileName(), w.charts().size(), outDir.resolve("charts"));
        for (String note : w.notes()) {
            out.println("note: " + note);
        }
        if (!quiet) {
            err.printf(Locale.ROOT, "report: analyses %.2f s, charts %.2f s, gallery %.2f s, files %.2f s (%.2f s after the"
                    + " COCO evaluation; %.2f s from reading the inputs)%n", report.seconds().get("group")
                    + report.seconds().get("analyses"), report.seconds().get("charts"), report.seconds().get("gallery"),
                    report.seconds().get("files"), (t4 - t3) / 1e9, (t4 - t0) / 1e9);
        }
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
