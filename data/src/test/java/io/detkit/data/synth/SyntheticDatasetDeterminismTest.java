package io.detkit.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SyntheticDatasetDeterminismTest {
    @TempDir
    Path dir;

    private static SynthConfig config(long seed, int threads) {
        return SynthConfig.builder().optImages(16).optImageSize(160).optSeed(seed).optValFraction(0.25).optThreads(threads)
                .build();
    }

    /** Relative path → bytes of every file under {@code root}; data.yaml's absolute {@code path:} line blanked. */
    private static TreeMap<String, byte[]> files(Path root) throws IOException {
        TreeMap<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(p);
                if (p.getFileName().toString().equals("data.yaml")) {
                    String text = new String(bytes).replaceFirst("(?m)^path: .*$", "path: <root>");
                    bytes = text.getBytes();
                }
                out.put(root.relativize(p).toString().replace('\\', '/'), bytes);
            }
        }
        return out;
    }

    @Test
    void sameSeedGivesByteIdenticalFilesWhateverTheThreadCount() throws IOException {
        TreeMap<String, byte[]> a = files(SyntheticDataset.generate(config(7, 1), dir.resolve("a")).root());
        TreeMap<String, byte[]> b = files(SyntheticDataset.generate(config(7, 2), dir.resolve("b")).root());
        // 16 images + 16 label files + 2 COCO files + data.yaml + synth.json
        assertEquals(36, a.size(), a.keySet().toString());
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
        assertTrue(a.containsKey("images/train/000001.jpg"));
        assertTrue(a.containsKey("images/val/000016.jpg"));
        assertTrue(a.containsKey("labels/val/000013.txt"));
    }

    @Test
    void differentSeedGivesDifferentImagesAndLabels() throws IOException {
        TreeMap<String, byte[]> a = files(SyntheticDataset.generate(config(7, 2), dir.resolve("a")).root());
        TreeMap<String, byte[]> c = files(SyntheticDataset.generate(config(8, 2), dir.resolve("c")).root());
        assertEquals(a.keySet(), c.keySet());
        int sameImages = 0, sameLabels = 0;
        for (String name : a.keySet()) {
            boolean same = Arrays.equals(a.get(name), c.get(name));
            if (name.startsWith("images/") && same) {
                sameImages++;
            }
            if (name.startsWith("labels/") && same) {
                sameLabels++;
            }
        }
        assertEquals(0, sameImages);
        assertEquals(0, sameLabels);
        assertFalse(Arrays.equals(a.get("annotations/instances_train.json"), c.get("annotations/instances_train.json")));
    }

    @Test
    void pngImagesAreDeterministicToo() throws IOException {
        SynthConfig png = SynthConfig.builder().optImages(4).optImageSize(128).optSeed(3).optImageFormat(ImageFormat.PNG)
                .optWriteCoco(false).build();
        TreeMap<String, byte[]> a = files(SyntheticDataset.generate(png, dir.resolve("p1")).root());
        TreeMap<String, byte[]> b = files(SyntheticDataset.generate(png, dir.resolve("p2")).root());
        assertEquals(List.of("data.yaml", "images/train/000001.png", "images/train/000002.png", "images/train/000003.png",
                "images/val/000004.png", "labels/train/000001.txt", "labels/train/000002.txt", "labels/train/000003.txt",
                "labels/val/000004.txt", "synth.json"), List.copyOf(a.keySet()));
        for (String name : a.keySet()) {
            assertArrayEquals(a.get(name), b.get(name), name);
        }
        // PNG signature
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(a.get("images/val/000004.png"), 4));
    }

    @Test
    void imageSeedsDifferPerImageAndPerDatasetSeed() {
        assertNotEquals(SyntheticDataset.imageSeed(0, 0), SyntheticDataset.imageSeed(0, 1));
        assertNotEquals(SyntheticDataset.imageSeed(0, 1), SyntheticDataset.imageSeed(1, 0));
        assertEquals(SyntheticDataset.imageSeed(42, 17), SyntheticDataset.imageSeed(42, 17));
    }
}
