package io.detkit.detector.rcnn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.detkit.data.synth.SynthConfig;
import io.detkit.data.synth.SyntheticDataset;
import io.detkit.detector.DetectedObject;
import io.detkit.detector.Detector;
import io.detkit.detector.config.RunConfig;
import io.detkit.detector.config.RunConfigLoader;
import io.detkit.detector.train.TrainingRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Faster R-CNN through the same training run, checkpoints, validation report and Detector API as YOLO. */
class FasterRcnnEndToEndTest {
    @TempDir
    Path dir;

    @Test
    void trainValidateSaveLoadDetect() throws Exception {
        Path data = dir.resolve("data");
        SyntheticDataset.generate(SynthConfig.builder().optImages(20).optImageSize(96).optSeed(5).optValFraction(0.2)
                .optMaxObjects(3).build(), data);
        String yaml = """
                name: rcnn
                model:
                  type: faster_rcnn
                  size: t
                  imgsz: 96
                  rcnn:
                    fpn_channels: 16
                    anchor_sizes: [[8, 16], [32], [64]]
                    rpn: {pre_nms_top_k_train: 200, post_nms_top_k_train: 100, pre_nms_top_k_test: 100, post_nms_top_k_test: 50}
                    roi: {head_dim: 32, batch_per_image: 32}
                data: {path: %s, workers: 1, cache: true, augment: {mosaic: 0}}
                train:
                  epochs: 3
                  batch: 4
                  optimizer: {name: adamw, lr: 0.002}
                  schedule: {name: constant, warmup_epochs: 0}
                val: {batch: 4, iou: 0.5, max_det: 100}
                output: {dir: %s}
                """.formatted(data.resolve("data.yaml"), dir.resolve("runs"));
        RunConfig cfg = RunConfigLoader.parse("rcnn.yaml", yaml, List.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path run = TrainingRun.start(cfg, new PrintStream(log, true, StandardCharsets.UTF_8));
        List<String> csv = Files.readAllLines(run.resolve("results.csv"));
        assertEquals(4, csv.size(), "header + 3 epochs: " + csv);
        int lossCol = List.of(csv.get(0).split(",")).indexOf("train/loss");
        double first = Double.parseDouble(csv.get(1).split(",")[lossCol]);
        double last = Double.parseDouble(csv.get(3).split(",")[lossCol]);
        assertTrue(last < first, "the training loss falls: epoch 1 " + first + ", epoch 3 " + last);
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("val/metrics.json").toFile());
        double ap50 = metrics.get("coco").get("AP50").asDouble();
        assertTrue(ap50 >= 0 && ap50 <= 1, "AP50 " + ap50);
        JsonNode described = new ObjectMapper().readTree(
                io.detkit.detector.train.Checkpoint.read(run.resolve("weights/best.ckpt")).getText("model.json"));
        assertEquals("faster_rcnn", described.get("type").asText());
        assertEquals(16, described.get("rcnn").get("fpn_channels").asInt());

        Path image = Files.list(data.resolve("images/val")).sorted().findFirst().orElseThrow();
        try (Detector d = Detector.load(run)) {
            d.setConf(0.001);
            assertEquals(List.of("circle", "square", "triangle", "star", "cross", "ring"), d.classNames());
            List<DetectedObject> a = d.detect(image);
            List<DetectedObject> b = d.detect(image);
            assertEquals(a, b, "inference is deterministic");
            for (DetectedObject o : a) {
                assertTrue(o.box().x1() >= 0 && o.box().x2() <= 96 && o.score() >= 0.001 && o.score() <= 1, o.toString());
            }
        }
    }
}
