package io.detkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {}

    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new SynthCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void writesTheDatasetAndASummary() throws Exception {
        Path out = dir.resolve("shapes");
        Run r = run("--out", out.toString(), "--images", "10", "--seed", "4", "--imgsz", "128", "--format", "yolo");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("rendered 10/10 images"), r.err());
        assertTrue(r.out().contains("synthetic shapes: 10 images of 128x128, seed 4"), r.out());
        assertTrue(r.out().matches("(?s).*\\ntrain\\s+8\\s+\\d+.*\\nval\\s+2\\s+\\d+.*"), r.out());
        assertTrue(r.out().contains("circle"), r.out());
        assertTrue(r.out().contains("wrote images/{train,val}/, labels/{train,val}/, data.yaml\n"), r.out());
        assertTrue(Files.exists(out.resolve("data.yaml")));
        assertTrue(Files.exists(out.resolve("labels/val/000010.txt")));
        assertTrue(Files.exists(out.resolve("images/train/000001.jpg")));
        assertFalse(Files.exists(out.resolve("annotations")), "--format yolo writes no COCO files");
    }

    @Test
    void cocoFormatWritesOnlyCocoFiles() {
        Path out = dir.resolve("coco");
        Run r = run("--out", out.toString(), "--images", "3", "--imgsz", "96", "--format", "coco", "--image-format", "png", "--quiet");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        assertTrue(Files.exists(out.resolve("annotations/instances_train.json")));
        assertTrue(Files.exists(out.resolve("images/val/000003.png")));
        assertFalse(Files.exists(out.resolve("labels")));
        assertFalse(Files.exists(out.resolve("data.yaml")));
    }

    @Test
    void badOptionsAreUserErrors() throws Exception {
        SynthCommand c = new SynthCommand();
        new CommandLine(c).parseArgs("--out", dir.toString(), "--format", "voc");
        assertEquals("--format must be yolo, coco or both, got 'voc'", assertThrows(UserException.class, c::call).getMessage());
        SynthCommand d = new SynthCommand();
        new CommandLine(d).parseArgs("--out", dir.toString(), "--val-fraction", "1.5");
        assertEquals("val fraction must be in [0, 1), got 1.5", assertThrows(UserException.class, d::call).getMessage());
    }
}
