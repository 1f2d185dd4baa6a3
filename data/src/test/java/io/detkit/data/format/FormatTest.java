package io.detkit.data.format;

import static io.detkit.data.Fixtures.image;
import static io.detkit.data.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatTest {
    @TempDir
    Path dir;

    @Test
    void detectsFiles() throws IOException {
        assertEquals(Format.COCO, Format.detect(text(dir.resolve("a.json"), "{}")));
        assertEquals(Format.YOLO, Format.detect(text(dir.resolve("d.yaml"), "names: [a]")));
        assertEquals(Format.DLIB, Format.detect(text(dir.resolve("f.xml"), "<?xml version='1.0'?>", "<dataset/>")));
        assertEquals(Format.VOC, Format.detect(text(dir.resolve("v.xml"), "<annotation/>")));
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Format.detect(text(dir.resolve("x.csv"), "")));
        assertTrue(e.getMessage().contains("x.csv"), e.getMessage());
        e = assertThrows(DatasetFormatException.class, () -> Format.detect(dir.resolve("missing")));
        assertTrue(e.getMessage().endsWith("missing: not found"), e.getMessage());
    }

    @Test
    void detectsFolders() throws IOException {
        text(dir.resolve("voc/Annotations/a.xml"), "<annotation/>");
        assertEquals(Format.VOC, Format.detect(dir.resolve("voc")));
        text(dir.resolve("flatvoc/a.xml"), "<annotation/>");
        assertEquals(Format.VOC, Format.detect(dir.resolve("flatvoc")));
        text(dir.resolve("dlib/train.xml"), "<dataset/>");
        text(dir.resolve("dlib/test.xml"), "<dataset/>");
        assertEquals(Format.DLIB, Format.detect(dir.resolve("dlib")));
        Files.createDirectories(dir.resolve("ultra/images"));
        Files.createDirectories(dir.resolve("ultra/labels"));
        assertEquals(Format.YOLO, Format.detect(dir.resolve("ultra")));
        text(dir.resolve("yaml/data.yaml"), "names: [a]");
        assertEquals(Format.YOLO, Format.detect(dir.resolve("yaml")));
        image(dir.resolve("flat/a.png"), 2, 2);
        text(dir.resolve("flat/a.txt"), "0 0.5 0.5 1 1");
        assertEquals(Format.YOLO, Format.detect(dir.resolve("flat")));
        text(dir.resolve("coco/annotations/instances_val.json"), "{}");
        assertEquals(Format.COCO, Format.detect(dir.resolve("coco")));
        Files.createDirectories(dir.resolve("empty"));
        assertThrows(DatasetFormatException.class, () -> Format.detect(dir.resolve("empty")));
    }

    @Test
    void parsesNames() {
        assertEquals(Format.VOC, Format.parse("Pascal"));
        assertEquals(Format.YOLO, Format.parse("yolo"));
        assertEquals(Format.COCO, Format.parse(" COCO "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Format.parse("kitti"));
        assertTrue(e.getMessage().contains("kitti"), e.getMessage());
    }
}
