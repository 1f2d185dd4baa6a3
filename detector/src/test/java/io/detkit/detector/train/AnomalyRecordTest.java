package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.detkit.data.synth.SynthConfig;
import io.detkit.data.synth.SyntheticDataset;
import io.detkit.detector.config.RunConfig;
import io.detkit.detector.config.RunConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A skipped update is counted and recorded: a NaN is put into one gradient after the backward pass
 * of iteration 2 (the test hook), and the run must skip that update, say so in results.csv, the
 * summary line and metrics.json, and leave a record whose replay reproduces the step's gradient
 * bit for bit in every other parameter.
 */
class AnomalyRecordTest {
    @TempDir
    Path dir;

    @Test
    void aSkippedUpdateIsCountedRecordedAndReplayable() throws Exception {
        Path data = dir.resolve("data");
        SyntheticDataset.generate(SynthConfig.builder().optImages(20).optImageSize(96).optSeed(5).optValFraction(0.2)
                .optMaxObjects(3).build(), data);
        RunConfig cfg = RunConfigLoader.parse("poison.yaml", """
                name: poison
                model: {type: yolo, size: t, imgsz: 96}
                data: {path: %s, workers: 0, cache: true}
                train:
                  epochs: 1
                  batch: 4
                  schedule: {name: cosine, warmup_epochs: 0.5}
                val: {batch: 4}
                output: {dir: %s}
                """.formatted(data.resolve("data.yaml"), dir.resolve("runs")), List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Path run;
        TrainingRun.poisonGradientAtIterationForTest = 2L;
        try {
            run = TrainingRun.start(cfg, new PrintStream(out, true, StandardCharsets.UTF_8));
        } finally {
            TrainingRun.poisonGradientAtIterationForTest = null;
        }
        String log = out.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("epoch 1 iteration 3: non-finite gradient norm, update skipped (1 so far)"), log);
        // 16 train images / batch 4 = 4 iterations, one of them skipped
        assertTrue(log.contains("1 of 4 updates skipped"), log);

        List<String> csv = Files.readAllLines(run.resolve("results.csv"));
        int col = List.of(csv.get(0).split(",")).indexOf("skipped");
        assertTrue(col > 0, csv.get(0));
        assertEquals(1.0, Double.parseDouble(csv.get(1).split(",")[col]));

        JsonNode metrics = new ObjectMapper().readTree(run.resolve("val/metrics.json").toFile());
        assertEquals(1, metrics.get("inputs").get("skipped_updates").asInt());
        assertEquals(3, metrics.get("inputs").get("updates").asInt());

        Path txt = run.resolve("anomalies/iter-000002.txt");
        Path ckpt = run.resolve("anomalies/iter-000002.ckpt");
        assertTrue(Files.isRegularFile(txt) && Files.isRegularFile(ckpt), "record files");
        String report = Files.readString(txt);
        StepRecord record = StepRecord.read(ckpt);
        String poisoned = record.step().get("checksums").fieldNames().next(); // the hook poisons the first parameter
        // the hook sets the first output channel of the first weight to NaN
        assertTrue(report.contains("1 of ") && java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(poisoned)
                + ": [1-9][0-9]* NaN, 0 inf").matcher(report).find(), report);
        // the isolation replays run the same step without the poison: every term finite, and the
        // total differs from the record in the poisoned parameter only
        assertTrue(report.contains("term box alone: all gradients finite"), report);
        assertTrue(report.contains("term cls alone: all gradients finite"), report);
        assertTrue(report.contains("1 of ") && report.contains("parameters' gradient bits differ from the recorded ones, first "
                + poisoned), report);

        StepReplay.Result replay = StepReplay.replay(record, 2);
        assertTrue(replay.allFinite(), replay.describe());
        assertTrue(replay.deterministic(), replay.describe());
        for (List<String> differ : replay.recordedDiffers()) {
            assertEquals(List.of(poisoned), differ, "a fresh process-level model replays the step bit for bit: " + replay.describe());
        }
        assertEquals(record.step().get("loss").asDouble(), replay.losses().get(0), 1e-5 * Math.abs(replay.losses().get(0)));
        assertFalse(replay.runs().get(0).parameters().isEmpty());
    }
}
