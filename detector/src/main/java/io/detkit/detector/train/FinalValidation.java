package io.detkit.detector.train;

import io.detkit.data.DetectionDataset;
import io.detkit.detector.Detector;
import io.detkit.detector.config.RunConfig;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.report.MetricsJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;

/** Validates a checkpoint on a dataset and writes {@code DIR/metrics.json} like {@code detkit eval}. */
public final class FinalValidation {
    private FinalValidation() {}

    /**
     * @param checkpoint the checkpoint (usually {@code weights/best.ckpt})
     * @param val the validation split
     * @param outDir where {@code metrics.json} goes
     * @param cfg the run config (val thresholds, workers)
     * @param log where the summary is printed
     * @return the evaluation
     * @throws IOException if loading or writing fails
     */
    public static CocoEvaluation run(Path checkpoint, DetectionDataset val, Path outDir, RunConfig cfg, PrintStream log)
            throws IOException {
        try (Detector d = Detector.load(checkpoint)) {
            d.setConf(cfg.val.conf);
            d.setIou(cfg.val.iou);
            d.setMaxDet(cfg.val.maxDet);
            CocoEvaluation e = d.evaluate(val, cfg.val.batch, cfg.data.workers);
            MetricsJson m = new MetricsJson(e);
            m.section("inputs").put("checkpoint", checkpoint.toString()).put("images", val.samples().size());
            m.write(outDir.resolve("metrics.json"));
            log.println("validation of " + checkpoint + ":");
            log.print(e.summaryText());
            log.println("wrote " + outDir.resolve("metrics.json"));
            return e;
        }
    }
}
