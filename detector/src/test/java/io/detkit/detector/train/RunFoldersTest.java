package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.detector.config.RunConfigLoader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunFoldersTest {
    @TempDir
    Path dir;

    @Test
    void namesCountUpAndNeverReuseAFolder() throws Exception {
        assertEquals(dir.resolve("a"), RunFolders.newRunDir(dir, "a", false));
        assertEquals(dir.resolve("a2"), RunFolders.newRunDir(dir, "a", false));
        assertEquals(dir.resolve("a"), RunFolders.newRunDir(dir, "a", true), "exist_ok reuses it");
    }

    @Test
    void aRunThatFailsBeforeWritingLeavesNoFolder() throws Exception {
        Path runs = dir.resolve("runs");
        String yaml = """
                name: broken
                model: {type: yolo, size: t, imgsz: 64}
                data: {path: %s}
                output: {dir: %s}
                """.formatted(dir.resolve("no-such-data/data.yaml"), runs);
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThrows(Exception.class, () -> TrainingRun.start(RunConfigLoader.parse("b.yaml", yaml, List.of()), quiet));
            assertFalse(Files.exists(runs.resolve("broken")), "attempt " + attempt + ": no empty runs/broken left");
            assertFalse(Files.exists(runs.resolve("broken2")), "so the retry does not move to broken2");
        }
    }

    @Test
    void tidyingKeepsAFolderThatHoldsAFile() throws Exception {
        Path run = Files.createDirectories(dir.resolve("r/weights"));
        Files.writeString(run.resolve("last.ckpt"), "x");
        RunFolders.deleteIfNoFile(dir.resolve("r"));
        assertTrue(Files.exists(run.resolve("last.ckpt")));
        Files.delete(run.resolve("last.ckpt"));
        RunFolders.deleteIfNoFile(dir.resolve("r"));
        assertFalse(Files.exists(dir.resolve("r")));
    }
}
