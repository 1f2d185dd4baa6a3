package io.detkit.metrics.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void replacesTheFileAndLeavesNoTemporaryFile() throws IOException {
        Path f = dir.resolve("sub/r.json");
        AtomicFiles.writeString(f, "one");
        AtomicFiles.writeString(f, "two");
        assertEquals("two", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(List.of("r.json"), s.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFailedWriteNamesTheTargetAndTheReason() throws IOException {
        // the parent "folder" is a file: neither the folder nor the temporary file can be made
        Path blocker = Files.writeString(dir.resolve("blocker"), "x");
        Path f = blocker.resolve("r.json");
        String m = assertThrows(IOException.class, () -> AtomicFiles.writeString(f, "x")).getMessage();
        assertTrue(m.startsWith("cannot write " + f + ": "), m);
        assertTrue(m.contains(blocker.toString()), m);
        assertEquals("x", Files.readString(blocker), "nothing else touched");
    }
}
