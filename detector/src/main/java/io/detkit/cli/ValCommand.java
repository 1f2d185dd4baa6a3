package io.detkit.cli;

import io.detkit.data.DetectionDataset;
import io.detkit.data.format.Datasets;
import io.detkit.data.format.Format;
import io.detkit.data.format.ReadOptions;
import io.detkit.detector.Detector;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.report.MetricsJson;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code detkit val}: evaluate a trained checkpoint on a dataset. */
@Command(name = "val", mixinStandardHelpOptions = true,
        description = "Evaluate a checkpoint on a dataset (COCO metrics, as detkit eval); writes DIR/metrics.json.")
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

    @Option(names = "--batch", defaultValue = "16", description = "Images per forward pass (default: ${DEFAULT-VALUE}).")
    int batch;

    @Override
    public Integer call() throws Exception {
        Format format = Format.detect(data);
        ReadOptions opts = format == Format.YOLO ? ReadOptions.builder().optSplit(split).build() : ReadOptions.defaults();
        DetectionDataset ds = Datasets.read(data, format, opts);
        try (Detector d = Detector.load(weights)) {
            if (!d.classNames().equals(ds.classNames())) {
                System.err.println("warning: the checkpoint's classes " + d.classNames() + " differ from the dataset's "
                        + ds.classNames() + "; class indices are compared as they are");
            }
            d.setConf(conf);
            d.setIou(iou);
            CocoEvaluation e = d.evaluate(ds, batch, Math.max(1, Runtime.getRuntime().availableProcessors()));
            System.out.print(e.summaryText());
            System.out.println();
            System.out.print(EvalCommand.perClassTable(e));
            MetricsJson m = new MetricsJson(e);
            m.section("inputs").put("weights", weights.toString()).put("data", data.toString()).put("images", ds.samples().size());
            m.write(out.resolve("metrics.json"));
            System.out.println("wrote " + out.resolve("metrics.json"));
        }
        return 0;
    }
}
