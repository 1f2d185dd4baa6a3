package io.detkit.data.format;

import static io.detkit.data.Fixtures.image;
import static io.detkit.data.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.Problem;
import io.detkit.data.validate.ProblemKind;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VocReaderTest {
    @TempDir
    Path dir;

    static String[] xml(String file, int w, int h, String... objects) {
        List<String> lines = new java.util.ArrayList<>(List.of("<annotation>", "  <filename>" + file + "</filename>"));
        if (w > 0) {
            lines.add("  <size><width>" + w + "</width><height>" + h + "</height><depth>3</depth></size>");
        }
        lines.addAll(List.of(objects));
        lines.add("</annotation>");
        return lines.toArray(String[]::new);
    }

    static String object(String name, int difficult, double x1, double y1, double x2, double y2) {
        return "  <object><name>" + name + "</name><difficult>" + difficult + "</difficult><bndbox><xmin>" + x1
                + "</xmin><ymin>" + y1 + "</ymin><xmax>" + x2 + "</xmax><ymax>" + y2 + "</ymax></bndbox></object>";
    }

    @Test
    void readsVocLayoutWithDifficultSizeAndSortedClassUnion() throws IOException {
        image(dir.resolve("voc/JPEGImages/b.jpg"), 60, 40);
        image(dir.resolve("voc/JPEGImages/a.jpg"), 50, 30);
        text(dir.resolve("voc/Annotations/b.xml"), xml("b.jpg", 60, 40, object("zebra", 0, 1, 2, 30, 20)));
        Path a = text(dir.resolve("voc/Annotations/a.xml"), xml("a.jpg", 50, 30,
                object("dog", 0, 10, 5, 40, 25), object("cat", 1, 0, 0, 12.5, 7)));
        LoadedDataset l = Datasets.load(dir.resolve("voc"));
        assertEquals(List.of(), l.problems());
        DetectionDataset ds = l.dataset();
        assertEquals(List.of("cat", "dog", "zebra"), ds.classNames());
        DetectionSample s = ds.samples().get(0);
        assertEquals("a.jpg", s.imagePath().getFileName().toString());
        assertEquals(50, s.width());
        assertEquals(30, s.height());
        assertArrayEquals(new double[] {10, 5, 40, 25, 0, 0, 12.5, 7}, s.boxes(), 0);
        assertArrayEquals(new int[] {1, 0}, s.classIds());
        assertArrayEquals(new boolean[] {false, true}, s.ignore(), "difficult → ignore");
        assertEquals(new Location(a, 5, "object[1]"), l.source(0, 1));
        assertArrayEquals(new int[] {2}, ds.samples().get(1).classIds());
    }

    @Test
    void namesFileGivesOrderAndUnknownNamesAreReported() throws IOException {
        image(dir.resolve("voc/JPEGImages/a.jpg"), 50, 30);
        Path a = text(dir.resolve("voc/Annotations/a.xml"), xml("a.jpg", 50, 30,
                object("dog", 0, 10, 5, 40, 25), object("horse", 0, 0, 0, 12, 7)));
        Path names = text(dir.resolve("names.txt"), "person", "dog", "cat");
        LoadedDataset l = Datasets.load(dir.resolve("voc"), Format.VOC, ReadOptions.builder().optNames(names).build());
        assertEquals(List.of("person", "dog", "cat"), l.dataset().classNames());
        assertArrayEquals(new int[] {1}, l.dataset().samples().get(0).classIds());
        Problem p = l.problems().get(0);
        assertEquals(ProblemKind.UNKNOWN_CLASS, p.kind());
        assertEquals(new Location(a, 5, "object[1]"), p.location());
    }

    @Test
    void flatFolderWithSeparateImagesAndSizeFromTheImage() throws IOException {
        image(dir.resolve("pics/p.png"), 70, 20);
        text(dir.resolve("xml/p.xml"), xml("p.png", 0, 0, object("a", 0, 1, 1, 5, 5)));
        DetectionDataset ds = Datasets.read(dir.resolve("xml"), Format.VOC,
                ReadOptions.builder().optImages(dir.resolve("pics")).build());
        DetectionSample s = ds.samples().get(0);
        assertEquals(dir.resolve("pics/p.png"), s.imagePath());
        assertEquals(70, s.width(), "no <size>: read from the image header");
        assertEquals(20, s.height());
    }

    @Test
    void brokenFilesAndObjectsAreReportedAndReadingGoesOn() throws IOException {
        text(dir.resolve("xml/good.xml"), xml("good.jpg", 10, 10, object("a", 0, 1, 1, 5, 5)));
        Path bad = text(dir.resolve("xml/bad.xml"), "<annotation>", "  <filename>bad.jpg</filename>", "  <object>", "</annotation>");
        Path partial = text(dir.resolve("xml/partial.xml"), xml("p.jpg", 10, 10,
                "  <object><name>a</name><bndbox><xmin>1</xmin><ymin>one</ymin><xmax>3</xmax><ymax>4</ymax></bndbox></object>",
                "  <object><name>a</name></object>",
                "  <object><name>a</name><difficult>maybe</difficult><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>3</xmax>"
                        + "<ymax>4</ymax></bndbox></object>"));
        Path other = text(dir.resolve("xml/other.xml"), "<dataset/>");
        LoadedDataset l = Datasets.load(dir.resolve("xml"), Format.VOC, ReadOptions.defaults());
        assertEquals(2, l.dataset().samples().size());
        List<Problem> ps = l.problems();
        assertEquals(5, ps.size(), ps.toString());
        assertEquals(bad, ps.get(0).location().file());
        assertEquals(4, ps.get(0).location().line());
        assertTrue(ps.get(0).message().contains("not well-formed"), ps.get(0).message());
        assertEquals(other, ps.get(1).location().file());
        assertTrue(ps.get(1).message().contains("expected <annotation>"), ps.get(1).message());
        assertEquals(new Location(partial, 4, "object[0]"), ps.get(2).location());
        assertTrue(ps.get(2).message().contains("<ymin> is not a number: 'one'"), ps.get(2).message());
        assertEquals(new Location(partial, 5, "object[1]"), ps.get(3).location());
        assertTrue(ps.get(4).message().contains("<difficult> must be 0 or 1"), ps.get(4).message());
        assertTrue(ps.stream().allMatch(p -> p.kind() == ProblemKind.MALFORMED));
    }

    @Test
    void imageSetSelectsTheSplit() throws IOException {
        text(dir.resolve("voc/Annotations/a.xml"), xml("a.jpg", 10, 10));
        text(dir.resolve("voc/Annotations/b.xml"), xml("b.jpg", 10, 10));
        Path set = text(dir.resolve("voc/ImageSets/Main/val.txt"), "b", "c");
        LoadedDataset l = Datasets.load(dir.resolve("voc"), Format.VOC, ReadOptions.builder().optSplit("val").build());
        assertEquals(1, l.dataset().samples().size());
        assertEquals("b.jpg", l.dataset().samples().get(0).imagePath().getFileName().toString());
        assertEquals(Location.of(set, 2), l.problems().get(0).location());
    }
}
