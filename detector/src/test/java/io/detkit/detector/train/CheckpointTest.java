package io.detkit.detector.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckpointTest {
    @TempDir
    Path dir;

    @Test
    void roundTrip() throws Exception {
        byte[] big = new byte[100_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path f = dir.resolve("last.ckpt");
        Checkpoint.create().put("model.params", big).putText("state.json", "{\"epoch\": 3}").write(f);
        Checkpoint c = Checkpoint.read(f);
        assertArrayEquals(big, c.get("model.params"));
        assertEquals("{\"epoch\": 3}", c.getText("state.json"));
        assertTrue(assertThrows(CheckpointException.class, () -> c.get("ema.params")).getMessage().contains("no entry 'ema.params'"));
        try (var s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left");
        }
    }

    @Test
    void truncatedAndCorruptFilesAreDetected() throws Exception {
        byte[] data = new byte[50_000];
        Arrays.fill(data, (byte) 7);
        Path f = dir.resolve("c.ckpt");
        Checkpoint.create().put("model.params", data).putText("state.json", "{}").write(f);
        byte[] bytes = Files.readAllBytes(f);
        for (int cut : new int[] {0, 10, bytes.length / 2, bytes.length - 30}) {
            Path t = dir.resolve("t" + cut + ".ckpt");
            Files.write(t, Arrays.copyOf(bytes, cut));
            String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(t)).getMessage();
            assertTrue(m.contains(t.toString()) && (m.contains("truncated") || m.contains("corrupt")), m);
        }
        // flip one byte inside the stored data: CRC or SHA-256 catches it
        byte[] flipped = bytes.clone();
        flipped[100] ^= 0x55;
        Path g = dir.resolve("flip.ckpt");
        Files.write(g, flipped);
        String m = assertThrows(CheckpointException.class, () -> Checkpoint.read(g)).getMessage();
        assertTrue(m.contains("corrupt"), m);
        assertTrue(assertThrows(CheckpointException.class, () -> Checkpoint.read(dir.resolve("none.ckpt"))).getMessage()
                .contains("not found"));
    }
}
