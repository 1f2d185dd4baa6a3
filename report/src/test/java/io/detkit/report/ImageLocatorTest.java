package io.detkit.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.metrics.coco.CocoImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLocatorTest {
    @TempDir
    Path dir;

    private static final CocoImage IMAGE = new CocoImage(7, "a.jpg", 10, 10);

    @Test
    void findsTheImagesOfCommonLayouts() throws Exception {
        // detkit synth / coco128: ROOT/annotations/instances_val.json, ROOT/images/val/a.jpg
        Path gt = Files.createDirectories(dir.resolve("synth/annotations")).resolve("instances_val.json");
        Path img = Files.createDirectories(dir.resolve("synth/images/val")).resolve("a.jpg");
        Files.writeString(img, "x");
        assertEquals(Optional.of(img.toAbsolutePath()), ImageLocator.forGroundTruthFile(gt, null).locate(IMAGE));
        // COCO: ROOT/annotations/instances_val2017.json, ROOT/val2017/a.jpg
        Path gt2 = Files.createDirectories(dir.resolve("coco/annotations")).resolve("instances_val2017.json");
        Path img2 = Files.createDirectories(dir.resolve("coco/val2017")).resolve("a.jpg");
        Files.writeString(img2, "x");
        assertEquals(Optional.of(img2.toAbsolutePath()), ImageLocator.forGroundTruthFile(gt2, null).locate(IMAGE));
        // next to the GT file
        Path gt3 = dir.resolve("flat/gt.json");
        Files.createDirectories(gt3.getParent());
        Files.writeString(dir.resolve("flat/a.jpg"), "x");
        assertEquals(Optional.of(dir.resolve("flat/a.jpg").toAbsolutePath()),
                ImageLocator.forGroundTruthFile(gt3, null).locate(IMAGE));
    }

    @Test
    void explicitFolderMapAndNothing() throws Exception {
        Path imgs = Files.createDirectories(dir.resolve("pics"));
        Files.writeString(imgs.resolve("a.jpg"), "x");
        assertEquals(Optional.of(imgs.resolve("a.jpg")), ImageLocator.forGroundTruthFile(dir.resolve("gt.json"), imgs)
                .locate(IMAGE));
        assertTrue(ImageLocator.forGroundTruthFile(dir.resolve("x/gt.json"), dir.resolve("none")).locate(IMAGE).isEmpty());
        assertEquals(Optional.of(imgs.resolve("a.jpg")), ImageLocator.of(Map.of(7L, imgs.resolve("a.jpg"))).locate(IMAGE));
        assertTrue(ImageLocator.of(Map.of(8L, imgs.resolve("a.jpg"))).locate(IMAGE).isEmpty());
        assertTrue(ImageLocator.NONE.locate(IMAGE).isEmpty());
        assertTrue(ImageLocator.inFolders(java.util.List.of(imgs)).locate(new CocoImage(1, "", 0, 0)).isEmpty());
    }
}
