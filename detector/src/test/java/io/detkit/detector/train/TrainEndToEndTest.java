package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.detkit.data.synth.SynthConfig;
import io.detkit.cli.Detkit;
import io.detkit.data.synth.SyntheticDataset;
import io.detkit.detector.DetectedObject;
import io.detkit.detector.Detector;
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

/** Trains the tiny model for two short epochs on a tiny synthetic set and checks every output of a run. */
class TrainEndToEndTest {
    @TempDir
    Path dir;

    private Path data() throws Exception {
        Path data = dir.resolve("data");
        if (!Files.exists(data.resolve("data.yaml"))) {
            SyntheticDataset.generate(SynthConfig.builder().optImages(20).optImageSize(96).optSeed(5).optValFraction(0.2)
                    .optMaxObjects(3).build(), data);
        }
        return data;
    }

    private RunConfig config(String name, Path data) {
        return RunConfigLoader.parse(name + ".yaml", """
                name: %s
                model: {type: yolo, size: t, imgsz: 96}
                data: {path: %s, workers: 1, cache: true}
                train:
                  epochs: 2
                  batch: 4
                  schedule: {name: cosine, warmup_epochs: 0.5}
                val: {batch: 4}
                output: {dir: %s}
                """.formatted(name, data.resolve("data.yaml"), dir.resolve("runs")), List.of());
    }

    @Test
    void resumeContinuesTheScheduleAndTheLog() throws Exception {
        Path data = data();
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Path full = TrainingRun.start(config("full", data), quiet);
        Path cut;
        TrainingRun.stopAfterEpochsForTest = 1;
        try {
            cut = TrainingRun.start(config("cut", data), quiet);
        } finally {
            TrainingRun.stopAfterEpochsForTest = null;
        }
        assertEquals(2, Files.readAllLines(cut.resolve("results.csv")).size(), "killed after epoch 1: header + 1 row");
        TrainingRun.resume(cut, quiet);
        List<String> a = Files.readAllLines(full.resolve("results.csv"));
        List<String> b = Files.readAllLines(cut.resolve("results.csv"));
        assertEquals(3, b.size(), "epoch 1 kept, epoch 2 appended: " + b);
        // the LR column: the resumed optimizer continued its update count, so epoch 2 ends at the same LR
        int lr = List.of(a.get(0).split(",")).indexOf("lr");
        assertEquals(a.get(2).split(",")[lr], b.get(2).split(",")[lr]);
        assertEquals(a.get(1).split(",")[lr], b.get(1).split(",")[lr]);
        JsonNode state = new ObjectMapper().readTree(Checkpoint.read(cut.resolve("weights/last.ckpt")).getText("state.json"));
        assertEquals(2, state.get("epochs_done").asInt());
        assertEquals(8, state.get("iteration").asLong());
        // and the resumed run trained the restored weights: it ends where the uninterrupted run ends
        // (a resume that loaded the weights after the trainer's initialize kept training the random
        // initialisation while saving the loaded weights, unchanged)
        Checkpoint fullLast = Checkpoint.read(full.resolve("weights/last.ckpt"));
        Checkpoint cutLast = Checkpoint.read(cut.resolve("weights/last.ckpt"));
        assertArrayEquals(fullLast.get("model.params"), cutLast.get("model.params"));
        assertArrayEquals(fullLast.get("optimizer.bin"), cutLast.get("optimizer.bin"));
        assertArrayEquals(fullLast.get("ema.bin"), cutLast.get("ema.bin"));
    }

    @Test
    void trainValidateSaveLoadDetect() throws Exception {
        Path data = data();
        String yaml = """
                name: e2e
                model: {type: yolo, size: t, imgsz: 96}
                data: {path: %s, workers: 0, cache: true}
                train:
                  epochs: 2
                  batch: 4
                  optimizer: {name: adamw, lr: 0.002}
                  schedule: {name: cosine, warmup_epochs: 0.5}
                val: {batch: 4, imgsz: 128}
                output: {dir: %s}
                """.formatted(data.resolve("data.yaml"), dir.resolve("runs"));
        RunConfig cfg = RunConfigLoader.parse("e2e.yaml", yaml, List.of());
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Path run = TrainingRun.start(cfg, new PrintStream(log, true, StandardCharsets.UTF_8));
        String out = log.toString(StandardCharsets.UTF_8);
        assertEquals(dir.resolve("runs/e2e"), run);
        List<String> csv = Files.readAllLines(run.resolve("results.csv"));
        assertEquals(3, csv.size(), "header + 2 epochs: " + csv);
        assertTrue(csv.get(0).startsWith("epoch,train/box_loss,train/cls_loss,train/loss,lr"), csv.get(0));
        assertTrue(Files.size(run.resolve("results.png")) > 1000);
        assertTrue(Files.exists(run.resolve("config.yaml")));
        Checkpoint last = Checkpoint.read(run.resolve("weights/last.ckpt"));
        assertTrue(last.has("optimizer.bin") && last.has("ema.bin") && last.has("model.params"));
        JsonNode state = new ObjectMapper().readTree(last.getText("state.json"));
        assertEquals(2, state.get("epochs_done").asInt());
        assertEquals(2 * 4, state.get("iteration").asLong(), "16 train images / batch 4 = 4 iterations per epoch");
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("val/metrics.json").toFile());
        double ap50 = metrics.get("coco").get("AP50").asDouble();
        assertTrue(ap50 >= 0 && ap50 <= 1, "AP50 " + ap50);
        assertTrue(out.contains("validation of"), out);
        assertTrue(out.contains("imgsz 96 (val 128)"), out);
        assertEquals(128, new ObjectMapper().readTree(last.getText("model.json")).get("infer_imgsz").asInt());

        // save -> load -> detect: deterministic, and a batch equals single calls
        List<DetectedObject> expected;
        Path image = Files.list(data.resolve("images/val")).sorted().findFirst().orElseThrow();
        try (Detector d = Detector.load(run)) {
            d.setConf(0.001);
            assertEquals(List.of("circle", "square", "triangle", "star", "cross", "ring"), d.classNames());
            assertEquals(128, d.inputSize(), "inference at the run's val.imgsz");
            List<DetectedObject> a = d.detect(image);
            List<DetectedObject> b = d.detect(image);
            assertEquals(a, b);
            for (DetectedObject o : a) {
                assertTrue(o.box().x1() >= 0 && o.box().x2() <= 96 && o.score() >= 0.001 && o.score() <= 1, o.toString());
            }
            expected = a;
        }

        // the CLI: predict writes the same detections as the API, drawn images and the id map; val
        // scores the same checkpoint as the run's final validation
        Path pred = dir.resolve("pred");
        String[] r = cli("predict", "--weights", run.toString(), "--source", data.resolve("images/val").toString(),
                "--out", pred.toString(), "--conf", "0.001", "--device", "cpu");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("1/4 " + image.getFileName() + " 96x96: "), r[2]);
        assertTrue(r[1].startsWith("4 images, "), r[1]);
        JsonNode preds = new ObjectMapper().readTree(pred.resolve("predictions.json").toFile());
        long id = Long.parseLong(image.getFileName().toString().replaceAll("\\D", ""));
        int n = 0;
        for (JsonNode p : preds) {
            if (p.get("image_id").asLong() == id) {
                DetectedObject o = expected.get(n++);
                assertEquals(o.box().x1(), p.get("bbox").get(0).asDouble(), 0.006, p.toString());
                assertEquals(o.score(), p.get("score").asDouble(), 1e-5, p.toString());
            }
        }
        assertEquals(expected.size(), n, "detections of " + image.getFileName());
        assertTrue(Files.size(pred.resolve(image.getFileName())) > 500, "image with boxes drawn");
        assertTrue(new ObjectMapper().readTree(pred.resolve("images.json").toFile()).has(String.valueOf(id)));

        Path valOut = dir.resolve("val");
        r = cli("val", "--weights", run.toString(), "--data", data.resolve("data.yaml").toString(), "--out", valOut.toString());
        assertEquals("0", r[0], r[2]);
        JsonNode again = new ObjectMapper().readTree(valOut.resolve("metrics.json").toFile());
        assertEquals(ap50, again.get("coco").get("AP50").asDouble(), 1e-9, "detkit val = the run's final validation");
        assertEquals(300, again.get("inputs").get("max_det").asInt(), "the settings are recorded");
        r = cli("val", "--weights", run.toString(), "--data", data.resolve("data.yaml").toString(), "--out", valOut.toString(),
                "--max-det", "0");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--max-det must be at least 1"), r[2]);

        // an unreadable file among the images is skipped with a message, the others are predicted;
        // writing into the source folder (it would overwrite the images) is refused
        Path mixed = Files.createDirectories(dir.resolve("mixed"));
        Files.copy(image, mixed.resolve("a.jpg"));
        Files.write(mixed.resolve("b.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        r = cli("predict", "--weights", run.toString(), "--source", mixed.toString(), "--out", dir.resolve("pred2").toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[2].contains("2/2 skipped: cannot decode image " + mixed.resolve("b.jpg")), r[2]);
        assertTrue(r[1].startsWith("1 images, ") && r[1].contains("1 unreadable image(s) skipped"), r[1]);
        assertTrue(Files.exists(dir.resolve("pred2/a.jpg")) && !Files.exists(dir.resolve("pred2/b.jpg")));
        long before = Files.size(mixed.resolve("a.jpg"));
        r = cli("predict", "--weights", run.toString(), "--source", mixed.toString(), "--out", mixed.toString());
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("is the folder of the source images"), r[2]);
        assertEquals(before, Files.size(mixed.resolve("a.jpg")), "source image untouched");

        // out-of-range thresholds and sizes are refused before any work
        for (String[] bad : new String[][] {{"--conf", "1.5"}, {"--iou", "-1"}, {"--max-det", "0"}, {"--imgsz", "1048576"}}) {
            r = cli("predict", "--weights", run.toString(), "--source", image.toString(), "--out", pred.toString(), bad[0], bad[1]);
            assertEquals("2", r[0], String.join(" ", bad) + ": " + r[2]);
            assertTrue(r[2].contains(bad[0]) && r[2].contains("must be"), r[2]);
        }
        Detector closed;
        try (Detector d = Detector.load(run)) {
            assertThrows(IllegalArgumentException.class, () -> d.setConf(5));
            assertThrows(IllegalArgumentException.class, () -> d.setMaxDet(-1));
            closed = d;
        }
        String m = assertThrows(IllegalStateException.class, () -> closed.detect(image)).getMessage();
        assertTrue(m.contains("this Detector is closed"), m);

        // --resume accepts RUN/weights/last.ckpt for RUN: the finished run has nothing left to train
        ByteArrayOutputStream resumed = new ByteArrayOutputStream();
        TrainingRun.resume(run.resolve("weights/last.ckpt"), new PrintStream(resumed, true, StandardCharsets.UTF_8));
        assertTrue(resumed.toString(StandardCharsets.UTF_8).contains("nothing left to train"), resumed.toString(StandardCharsets.UTF_8));

        r = cli("predict", "--weights", run.toString(), "--source", image.toString(), "--out", pred.toString(),
                "--device", "gpu:x");
        assertEquals("2", r[0], r[2]);
        assertTrue(r[2].contains("--device must be auto, cpu, gpu or gpu:N, got 'gpu:x'"), r[2]);
    }

    /** Runs the CLI in this JVM: exit code, stdout, stderr. */
    private static String[] cli(String... args) {
        PrintStream oldOut = System.out, oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream(), err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Detkit.execute(args);
            return new String[] {String.valueOf(code), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }
}
