package io.detkit.metrics.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultChunksTest {
    @TempDir
    Path dir;

    @Test
    void splitsAtTopLevelCommasOnly() {
        // commas inside objects, arrays and strings (with an escaped quote) must not split
        String json = "[{\"a\": [1, 2], \"s\": \"x,\\\",y\"},\n{\"b\": 2},\n{\"c\": 3}]  \n";
        byte[] b = json.getBytes(StandardCharsets.UTF_8);
        List<ResultChunks.Chunk> chunks = ResultChunks.split(b, 3);
        StringBuilder joined = new StringBuilder();
        for (ResultChunks.Chunk c : chunks) {
            String part = new String(b, c.start(), c.length(), StandardCharsets.UTF_8);
            joined.append(joined.length() == 0 ? "" : ",").append(part);
            assertTrue(part.isBlank() || part.trim().startsWith("{"), "element-aligned: " + part);
        }
        assertEquals(json.substring(1, json.lastIndexOf(']')), joined.toString());
        assertEquals(3, chunks.size());
        // the third chunk's first byte is the newline right after the comma on line 2
        assertEquals(2, chunks.get(2).firstLine());
        assertEquals(2, chunks.get(2).firstIndex());
        assertNull(ResultChunks.split("{\"annotations\": []}".getBytes(StandardCharsets.UTF_8), 2));
        assertNull(ResultChunks.split("[{}] trailing".getBytes(StandardCharsets.UTF_8), 2));
        assertNull(ResultChunks.split("[{}".getBytes(StandardCharsets.UTF_8), 2));
    }

    private static CocoGroundTruth gt() {
        return CocoGroundTruth.builder().addCategory(1, "a").addImage(1).addImage(2).build();
    }

    private Path bigResults(int n, int badAt) throws IOException {
        StringBuilder sb = new StringBuilder("[\n");
        for (int i = 0; i < n; i++) {
            double score = i == badAt ? Double.NaN : (i % 1000) / 1000.0;
            sb.append(i == 0 ? "" : ",\n").append("{\"image_id\": ").append(1 + i % 2).append(", \"category_id\": 1, \"bbox\": [")
                    .append(i % 97).append(".5, ").append(i % 89).append(", 10.25, 20], \"score\": ").append(score).append('}');
        }
        sb.append("\n]\n");
        Path f = dir.resolve("big.json");
        Files.writeString(f, sb);
        assertTrue(Files.size(f) >= CocoJson.PARALLEL_MIN_BYTES, "large enough for the parallel path");
        return f;
    }

    @Test
    void parallelReadEqualsSequentialOrder() throws IOException {
        int n = 60_000;
        CocoDetections d = CocoJson.readResults(bigResults(n, -1), gt());
        assertEquals(n, d.size());
        for (int i : new int[] {0, 1, 29_999, 30_000, 30_001, n - 1}) {
            assertEquals(1 + i % 2, d.imageId(i));
            assertArrayEquals(new double[] {i % 97 + 0.5, i % 89, 10.25, 20}, d.boxXywh(i), "record " + i);
            assertEquals((i % 1000) / 1000.0, d.score(i));
        }
    }

    @Test
    void errorInALaterChunkNamesTheGlobalRecordAndLine() throws IOException {
        int bad = 55_555;
        Path f = bigResults(60_000, bad);
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoJson.readResults(f, gt()));
        // record i sits on line i + 2 (line 1 holds "[")
        assertTrue(e.getMessage().contains("detections[" + bad + "] (line " + (bad + 2) + "): field 'score'"), e.getMessage());
    }
}
