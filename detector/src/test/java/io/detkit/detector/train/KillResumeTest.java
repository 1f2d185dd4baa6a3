package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.detkit.cli.Detkit;
import io.detkit.data.synth.SynthConfig;
import io.detkit.data.synth.SyntheticDataset;
import io.detkit.detector.config.RunConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A training run killed with SIGKILL resumes from {@code weights/last.ckpt} with nothing lost.
 *
 * <p>A tiny run (yolo-t, imgsz 64, 8 train images, 3 epochs of 2 iterations) runs in a child JVM
 * ({@code detkit train}); once it has written a checkpoint, it is killed with
 * {@link Process#destroyForcibly()} (SIGKILL on Linux) after a random delay, which lands anywhere
 * in the following epoch, in a checkpoint write, or in the final validation. The checkpoint must
 * then read back intact; {@code detkit train --resume} continues in a new child JVM, is killed
 * again the same way, and is resumed once more to the end. The end state must equal an
 * uninterrupted run of the same config: the same weights, optimizer state and EMA, bit for bit,
 * and the same results.csv except the wall-clock column.
 *
 * <p>Bitwise equality needs a deterministic engine (one PyTorch thread, as the tests use). Should
 * the training loop's guard skip an update for a non-finite gradient in either run (it counts them
 * in {@code state.json}), the weights may legitimately differ; then only the epochs, iterations,
 * optimizer update count (iterations − skipped) and the LR column are compared.
 *
 * <p>The kill delays come from a seeded generator, but where a delay lands depends on the
 * machine's speed, so each run of this test kills at different points.
 */
class KillResumeTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int EPOCHS = 3;
    private static final int ITERS_PER_EPOCH = 2;

    @TempDir
    Path dir;

    private String yaml(String name, Path data) {
        return """
                name: %s
                model: {type: yolo, size: t, imgsz: 64}
                data: {path: %s, workers: 1, cache: true}
                train:
                  epochs: %d
                  batch: 4
                  seed: 3
                  schedule: {name: cosine, warmup_epochs: 0.5}
                val: {every: 0, batch: 4}
                output: {dir: %s}
                """.formatted(name, data.resolve("data.yaml"), EPOCHS, dir.resolve("runs"));
    }

    /** A child JVM running {@code detkit} with the test class path, one PyTorch thread, offline. */
    private Process detkit(String log, String... args) throws Exception {
        // a killed JVM never runs the shutdown hook that deletes the OpenCV natives it unpacked (63 MB):
        // unpack them under the test's folder, which JUnit removes
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-Xmx1g", "-Djava.io.tmpdir=" + tmp, "-Dai.djl.offline=true",
                "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", Detkit.class.getName()));
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().put("OMP_WAIT_POLICY", "PASSIVE");
        pb.environment().put("OMP_NUM_THREADS", "1");
        pb.redirectErrorStream(true).redirectOutput(dir.resolve(log).toFile());
        return pb.start();
    }

    private static FileTime modified(Path f) {
        try {
            return Files.exists(f) ? Files.getLastModifiedTime(f) : null;
        } catch (java.io.IOException e) {
            return null; // replaced between the two calls: look again
        }
    }

    /**
     * Waits until {@code last} is (re)written after {@code before}, then kills the process after a
     * random delay; returns false when the process ended by itself first.
     */
    private boolean killAfterNextCheckpoint(Process p, Path last, FileTime before, Random rnd, long maxDelayMs, String log)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (true) {
            FileTime t = modified(last);
            if (t != null && (before == null || t.compareTo(before) > 0)) {
                break;
            }
            if (!p.isAlive()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly().waitFor();
                fail("no checkpoint within 120 s; child log:\n" + Files.readString(dir.resolve(log)));
            }
            Thread.sleep(10);
        }
        Thread.sleep((long) (rnd.nextDouble() * maxDelayMs));
        if (!p.isAlive()) {
            return false;
        }
        p.destroyForcibly();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "killed child did not end");
        return true;
    }

    private static JsonNode state(Checkpoint c) throws Exception {
        return JSON.readTree(c.getText("state.json"));
    }

    /** results.csv without the wall-clock column. */
    private static List<String> resultsWithoutTime(Path run) throws Exception {
        List<String> lines = Files.readAllLines(run.resolve("results.csv"));
        int time = Arrays.asList(lines.get(0).split(",")).indexOf("time_s");
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            List<String> f = new ArrayList<>(Arrays.asList(l.split(",")));
            f.remove(time);
            out.add(String.join(",", f));
        }
        return out;
    }

    @Test
    void killedRunResumesToTheSameEndState() throws Exception {
        Path data = dir.resolve("data");
        SyntheticDataset.generate(SynthConfig.builder().optImages(12).optImageSize(64).optSeed(11).optValFraction(1.0 / 3)
                .optMaxObjects(2).build(), data);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        long t0 = System.nanoTime();
        Path full = TrainingRun.start(RunConfigLoader.parse("full.yaml", yaml("full", data), List.of()), quiet);
        double epochMs = (System.nanoTime() - t0) / 1e6 / (EPOCHS + 1); // + 1: the final validation

        Path config = dir.resolve("cut.yaml");
        Files.writeString(config, yaml("cut", data));
        Path run = dir.resolve("runs/cut");
        Path last = run.resolve("weights/last.ckpt");
        Random rnd = new Random(2024);
        // up to the delay of about one epoch: the kill lands in the next epoch, in its checkpoint
        // write or validation, or (after the last epoch) in the final validation
        long maxDelay = (long) (1.2 * epochMs) + 200;
        List<String> kills = new ArrayList<>();
        Process p = detkit("child0.log", "train", config.toString());
        FileTime seen = null;
        int lastEpochs = 0;
        for (int round = 1; ; round++) {
            boolean killed = killAfterNextCheckpoint(p, last, seen, rnd, maxDelay, "child" + (round - 1) + ".log");
            if (!killed) {
                int child = round - 1;
                assertEquals(0, p.waitFor(), () -> "child ended with an error: " + log(child));
                break;
            }
            // the checkpoint survives a kill at any moment: it reads back and verifies
            Checkpoint c = Checkpoint.read(last);
            int epochs = state(c).get("epochs_done").asInt();
            assertTrue(epochs >= Math.max(1, lastEpochs), "epochs_done went back: " + epochs);
            lastEpochs = epochs;
            kills.add("round " + round + ": killed with " + epochs + " epoch(s) in last.ckpt");
            seen = modified(last);
            // at most two kills, then the resume runs to the end
            p = detkit("child" + round + ".log", "train", "--resume", run.toString());
            if (round == 2) {
                assertEquals(0, p.waitFor(), () -> "resumed child ended with an error: " + log(2));
                break;
            }
        }
        assertTrue(!kills.isEmpty(), "the child finished before it could be killed");

        Checkpoint a = Checkpoint.read(full.resolve("weights/last.ckpt"));
        Checkpoint b = Checkpoint.read(last);
        JsonNode sa = state(a), sb = state(b);
        String context = kills + ", states " + sa + " / " + sb;
        assertEquals(EPOCHS, sb.get("epochs_done").asInt(), context);
        assertEquals(EPOCHS * ITERS_PER_EPOCH, sb.get("iteration").asLong(), context);
        assertEquals(sa.get("iteration").asLong(), sb.get("iteration").asLong(), context);
        assertEquals(sa.get("iteration").asLong() - sa.get("skipped_steps").asLong(), updateCount(a), context);
        assertEquals(sb.get("iteration").asLong() - sb.get("skipped_steps").asLong(), updateCount(b), context);
        List<String> ra = resultsWithoutTime(full), rb = resultsWithoutTime(run);
        assertEquals(EPOCHS + 1, rb.size(), "header + one row per epoch, none lost or doubled: " + rb);
        int lr = Arrays.asList(ra.get(0).split(",")).indexOf("lr");
        for (int i = 1; i < ra.size(); i++) {
            assertEquals(ra.get(i).split(",")[lr], rb.get(i).split(",")[lr], "LR of epoch " + i);
        }
        assertTrue(Files.exists(run.resolve("val/metrics.json")), "final validation written");
        try (Stream<Path> files = Files.list(run.resolve("weights"))) {
            assertEquals(List.of("best.ckpt", "last.ckpt"), files.map(f -> f.getFileName().toString()).sorted().toList(),
                    "no temp files left behind");
        }
        System.out.println("KillResumeTest: " + kills + ", epoch ≈ " + Math.round(epochMs) + " ms");
        if (sa.get("skipped_steps").asLong() == 0 && sb.get("skipped_steps").asLong() == 0) {
            assertArrayEquals(a.get("model.params"), b.get("model.params"), "weights: " + context);
            assertArrayEquals(a.get("optimizer.bin"), b.get("optimizer.bin"), "optimizer state: " + context);
            assertArrayEquals(a.get("ema.bin"), b.get("ema.bin"), "EMA: " + context);
            assertEquals(ra, rb, "results.csv: " + context);
        } else {
            System.out.println("KillResumeTest: an update was skipped for a non-finite gradient, weights not compared (" + context + ")");
        }

        // resuming a finished run trains nothing: it says so, validates again, and leaves the
        // checkpoint and results.csv as they were
        byte[] before = Files.readAllBytes(full.resolve("weights/last.ckpt"));
        List<String> rowsBefore = Files.readAllLines(full.resolve("results.csv"));
        ByteArrayOutputStream again = new ByteArrayOutputStream();
        TrainingRun.resume(full, new PrintStream(again, true, StandardCharsets.UTF_8));
        String said = again.toString(StandardCharsets.UTF_8);
        assertTrue(said.contains("nothing left to train: the run finished after epoch " + EPOCHS + " of " + EPOCHS), said);
        assertArrayEquals(before, Files.readAllBytes(full.resolve("weights/last.ckpt")), "last.ckpt untouched");
        assertEquals(rowsBefore, Files.readAllLines(full.resolve("results.csv")), "results.csv untouched");
        assertTrue(Files.exists(full.resolve("val/metrics.json")), "validated again");

        // a truncated or corrupt last.ckpt stops a resume with a message that names the file
        Path broken = dir.resolve("runs/broken");
        Files.createDirectories(broken.resolve("weights"));
        byte[] bytes = Files.readAllBytes(last);
        Path brokenLast = broken.resolve("weights/last.ckpt");
        Files.write(brokenLast, Arrays.copyOf(bytes, bytes.length / 2));
        String m = org.junit.jupiter.api.Assertions.assertThrows(CheckpointException.class, () -> TrainingRun.resume(broken, quiet))
                .getMessage();
        assertTrue(m.contains(brokenLast.toString()) && m.contains("truncated"), m);
        byte[] flipped = bytes.clone();
        flipped[bytes.length / 3] ^= 0x40;
        Files.write(brokenLast, flipped);
        m = org.junit.jupiter.api.Assertions.assertThrows(CheckpointException.class, () -> TrainingRun.resume(broken, quiet))
                .getMessage();
        assertTrue(m.contains(brokenLast.toString()) && m.contains("corrupt"), m);
        // the CLI says the same on stderr and exits with 2
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream old = System.err;
        int code;
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            code = Detkit.execute("train", "--resume", broken.toString());
        } finally {
            System.setErr(old);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, code, text);
        assertTrue(text.contains("detkit train: error: " + brokenLast) && text.contains("corrupt"), text);
        Files.copy(last, brokenLast, StandardCopyOption.REPLACE_EXISTING);
        assertEquals(EPOCHS, state(Checkpoint.read(brokenLast)).get("epochs_done").asInt());
    }

    private String log(int i) {
        try {
            return Files.readString(dir.resolve("child" + i + ".log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** The optimizer's update count from the header of its saved state (magic, version, kind, count). */
    private static long updateCount(Checkpoint c) throws Exception {
        try (var in = new java.io.DataInputStream(new java.io.ByteArrayInputStream(c.get("optimizer.bin")))) {
            in.readInt();
            in.readInt();
            in.readUTF();
            return in.readLong();
        }
    }
}
