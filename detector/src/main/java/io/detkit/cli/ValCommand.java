package io.detkit.cli;

import io.detkit.data.DetectionDataset;
import io.detkit.data.format.Datasets;
import io.detkit.data.format.Format;
import io.detkit.data.format.ReadOptions;
import io.detkit.detector.Detector;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.report.EvaluationReport;
import io.detkit.report.WrittenReport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code detkit val}: evaluate a trained checkpoint on a dataset. */
@Command(name = "val", mixinStandardHelpOptions = true,
        description = {"Evaluate a checkpoint on a dataset and write the evaluation report.",
            "COCO metrics as detkit eval computes them, in the same report: DIR/report.html, DIR/report.md, DIR/metrics.json and DIR/charts/*.png, with the worst images drawn."})
public final class ValCommand implements Callable<Integer> {
    @Option(names = "--weights", required = true, paramLabel = "CKPT", description = "Checkpoint file or run folder.")
    Path weights;

    @Option(names = "--data", required = true, paramLabel = "DATA", description = "Dataset: YOLO data YAML, COCO JSON or VOC folder.")
    Path data;

    @Option(names = "--split", defaultValue = "val", description = "Split of a YOLO data YAML (default: ${DEFAULT-VALUE}).")
    String split;

    @Option(names = "--out", defaultValue = "runs/val", paramLabel = "DIR", description = "Output folder (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--conf", defaultValue = "0.001", description = "Confidence threshold (default: ${DEFAULT-VALUE}).")
    double conf;

    @Option(names = "--iou", defaultValue = "0.6", description = "NMS IoU threshold (default: ${DEFAULT-VALUE}).")
    double iou;

    @Option(names = "--max-det", paramLabel = "N", defaultValue = "300",
            description = "Detections kept per image, as COCO's maxDets 100 needs at least 100 (default: ${DEFAULT-VALUE}).")
    int maxDet;

    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--gallery", paramLabel = "N", defaultValue = "12", description = "Images in the gallery of worst images, 0 for none (default: ${DEFAULT-VALUE}).")
    int gallery;

    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|gpu[:N]",
            description = "Where to run: auto (the first GPU if the engine sees one, else the CPU), cpu, gpu or gpu:N"
                    + " (default: ${DEFAULT-VALUE}).")
    String device;

    @Option(names = "--imgsz", paramLabel = "PX", defaultValue = "0",
            description = "Input size, a multiple of 32 (default: the checkpoint's, i.e. its run's val.imgsz, else its training size).")
    int imgsz;

    @Override
    public Integer call() throws Exception {
        Format format = Format.detect(data);
        ReadOptions opts = format == Format.YOLO ? ReadOptions.builder().optSplit(split).build() : ReadOptions.defaults();
        DetectionDataset ds = Datasets.read(data, format, opts);
        try (Detector d = load()) {
            if (!d.classNames().equals(ds.classNames())) {
                System.err.println("warning: the checkpoint's classes " + d.classNames() + " differ from the dataset's "
                        + ds.classNames() + "; class indices are compared as they are");
            }
            d.setConf(conf);
            d.setIou(iou);
            d.setMaxDet(maxDet);
            EvaluationReport report = d.report(ds, batch, Math.max(1, Runtime.getRuntime().availableProcessors()))
                    .optTitle("Validation of " + weights.getFileName() + " on " + data.getFileName())
                    .optInput("weights", weights.toString()).optInput("data", data.toString())
                    .optInput("images", ds.samples().size()).optInput("conf", conf).optInput("iou", iou).optInput("max_det", maxDet)
                    .optGallery(gallery, 512).build();
            CocoEvaluation e = report.coco();
            System.out.print(e.summaryText());
            System.out.println();
            System.out.print(EvalCommand.perClassTable(e));
            System.out.println();
            System.out.print(report.errors().summaryText());
            WrittenReport w = report.write(out);
            System.out.printf(Locale.ROOT, "wrote %s (%.1f MB), %s and %s%n", w.html(), w.htmlBytes() / 1e6,
                    w.markdown().getFileName(), w.metricsJson().getFileName());
        }
        return 0;
    }

    private Detector load() throws java.io.IOException {
        if (imgsz != 0 && (imgsz < 32 || imgsz % 32 != 0 || imgsz > Detector.MAX_IMGSZ)) {
            throw new UserException("--imgsz must be a multiple of 32 (the largest stride) from 32 to " + Detector.MAX_IMGSZ
                    + ", got " + imgsz);
        }
        if (!(conf >= 0 && conf <= 1) || !(iou >= 0 && iou <= 1)) {
            throw new UserException("--conf and --iou must be in [0, 1], got " + conf + " and " + iou);
        }
        if (maxDet < 1) {
            throw new UserException("--max-det must be at least 1, got " + maxDet);
        }
        return Detector.load(weights, io.detkit.detector.train.Devices.parse(device, "--device"), imgsz);
    }
}
