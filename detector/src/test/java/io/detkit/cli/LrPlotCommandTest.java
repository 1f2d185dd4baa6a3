package io.detkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class LrPlotCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new LrPlotCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            return 2;
        });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void drawsThePng() throws Exception {
        Path yaml = Files.writeString(dir.resolve("run.yaml"), """
                name: plot
                train:
                  epochs: 12
                  optimizer: {name: sgd, lr: 0.01}
                  schedule: {name: multistep, milestones: [6, 9], warmup_epochs: 1}
                """);
        Path png = dir.resolve("sub/lr.png");
        Run r = run(yaml.toString(), "--out", png.toString(), "--iters-per-epoch", "50");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("iterations 600 (12 epochs × 50), warm-up 50"), r.out());
        assertTrue(r.out().contains("peak 0.01"), r.out());
        assertTrue(r.out().contains("last 0.0001"), r.out());
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(1000, img.getWidth());
        assertEquals(560, img.getHeight());
        java.util.Set<Integer> colours = new java.util.HashSet<>();
        for (int yy = 0; yy < img.getHeight(); yy += 3) {
            for (int xx = 0; xx < img.getWidth(); xx += 3) {
                colours.add(img.getRGB(xx, yy));
            }
        }
        assertTrue(colours.size() > 3, "a chart was drawn, not a blank image");
        // the chart is a PNG: another extension or a folder is refused, nothing written
        Run jpg = run(yaml.toString(), "--out", dir.resolve("lr.jpg").toString());
        assertEquals(2, jpg.code(), jpg.err());
        assertTrue(jpg.err().contains("give a file name ending in .png"), jpg.err());
        assertTrue(!Files.exists(dir.resolve("lr.jpg")));
    }

    @Test
    void defaultsIterationsPerEpochFromSyntheticData() {
        Path yaml = dir.resolve("run.yaml");
        Run r;
        try {
            Files.writeString(yaml, """
                    data: {synth: {enabled: true, images: 500, val_fraction: 0.2}}
                    train: {epochs: 3, batch: 16, schedule: {name: onecycle, warmup_epochs: 0}}
                    """);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        r = run(yaml.toString(), "--out", dir.resolve("lr.png").toString(), "--log-y");
        assertEquals(0, r.code(), r.err());
        // 400 training images / 16 = 25 iterations per epoch
        assertTrue(r.err().contains("25 iterations per epoch"), r.err());
        assertTrue(r.out().contains("iterations 75"), r.out());
    }

    @Test
    void configErrorsAreUserErrors() throws Exception {
        Path yaml = Files.writeString(dir.resolve("bad.yaml"), "train:\n  schedule:\n    name: cyclic\n");
        Run r = run(yaml.toString(), "--out", dir.resolve("x.png").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("train.schedule.name"), r.err());
        assertTrue(r.err().contains("line 3"), r.err());
    }
}
