package io.detkit.detector.train;

import io.detkit.data.DetectionDataset;
import io.detkit.detector.Detector;
import io.detkit.detector.config.RunConfig;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.report.EvaluationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * Validates a checkpoint on a dataset and writes the evaluation report like {@code detkit val}:
 * {@code DIR/report.html}, {@code DIR/report.md}, {@code DIR/metrics.json} and {@code DIR/charts/}.
 */
public final class FinalValidation {
    private FinalValidation() {}

    /**
     * @param checkpoint the checkpoint (usually {@code weights/best.ckpt})
     * @param val the validation split
     * @param outDir where the report goes
     * @param cfg the run config (val thresholds, workers)
     * @param log where the summary is printed
     * @return the evaluation
     * @throws IOException if loading or writing fails
     */
    public static CocoEvaluation run(Path checkpoint, DetectionDataset val, Path outDir, RunConfig cfg, PrintStream log)
            throws IOException {
        return run(checkpoint, val, outDir, cfg, log, Map.of());
    }

    /**
     * As {@link #run(Path, DetectionDataset, Path, RunConfig, PrintStream)}, with more entries for
     * {@code metrics.json}'s {@code inputs} (the training run adds its update and skipped-update
     * counts).
     *
     * @param checkpoint the checkpoint (usually {@code weights/best.ckpt})
     * @param val the validation split
     * @param outDir where the report goes
     * @param cfg the run config (val thresholds, workers)
     * @param log where the summary is printed
     * @param inputs extra {@code inputs} entries, in order
     * @return the evaluation
     * @throws IOException if loading or writing fails
     */
    public static CocoEvaluation run(Path checkpoint, DetectionDataset val, Path outDir, RunConfig cfg, PrintStream log,
            Map<String, Object> inputs) throws IOException {
        try (Detector d = Detector.load(checkpoint)) {
            d.setConf(cfg.val.conf);
            d.setIou(cfg.val.iou);
            d.setMaxDet(cfg.val.maxDet);
            EvaluationReport.Builder builder = d.report(val, cfg.val.batch, cfg.data.workers)
                    .optTitle("Validation of " + checkpoint).optInput("checkpoint", checkpoint.toString())
                    .optInput("images", val.samples().size());
            inputs.forEach(builder::optInput);
            EvaluationReport report = builder.build();
            CocoEvaluation e = report.coco();
            report.write(outDir);
            log.println("validation of " + checkpoint + ":");
            log.print(e.summaryText());
            log.println("wrote " + outDir.resolve("metrics.json") + " and " + outDir.resolve("report.html"));
            return e;
        }
    }
}
