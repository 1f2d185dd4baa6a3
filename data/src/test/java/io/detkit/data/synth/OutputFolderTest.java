package io.detkit.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFolderTest {
    @TempDir
    Path dir;

    @Test
    void foreignNonEmptyFolderIsRefusedAndLeftAlone() throws IOException {
        Path mine = Files.writeString(dir.resolve("notes.txt"), "keep me");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SyntheticDataset.generate(SynthConfig.builder().optImages(2).build(), dir));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("keep me", Files.readString(mine));
        assertFalse(Files.exists(dir.resolve("images")));
    }

    @Test
    void rerunReplacesAnEarlierRunsFilesAndKeepsOthers() throws IOException {
        Path out = dir.resolve("shapes");
        SyntheticDataset.generate(SynthConfig.builder().optImages(6).optImageSize(96).build(), out);
        assertTrue(Files.exists(out.resolve("images/val/000006.jpg")));
        Files.writeString(out.resolve("labels/train.cache"), "stale");
        Files.writeString(out.resolve("README.txt"), "user file");
        SynthSplits again = SyntheticDataset.generate(SynthConfig.builder().optImages(3).optImageSize(96).optWriteCoco(false).build(), out);
        assertEquals(2, again.train().samples().size());
        assertFalse(Files.exists(out.resolve("images/val/000006.jpg")));
        assertFalse(Files.exists(out.resolve("labels/val/000006.txt")));
        assertFalse(Files.exists(out.resolve("labels/train.cache")));
        assertFalse(Files.exists(out.resolve("annotations/instances_train.json")));
        assertTrue(Files.exists(out.resolve("images/val/000003.jpg")));
        assertEquals("user file", Files.readString(out.resolve("README.txt")));
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(dir.resolve("x"), "");
        assertThrows(IllegalArgumentException.class, () -> SyntheticDataset.generate(SynthConfig.builder().optImages(1).build(), file));
    }
}
