package io.detkit.data.format;

import static io.detkit.data.Fixtures.image;
import static io.detkit.data.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.Problem;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoReaderTest {
    @TempDir
    Path dir;

    static final String[] GT = {
        "{\"info\": {\"year\": 2024},",
        " \"images\": [",
        "  {\"id\": 7, \"file_name\": \"seven.png\", \"width\": 40, \"height\": 30},",
        "  {\"id\": 3, \"file_name\": \"three.png\", \"width\": 20, \"height\": 10},",
        "  {\"id\": 9, \"file_name\": \"nine.png\", \"width\": 5, \"height\": 5}",
        " ],",
        " \"categories\": [{\"id\": 90, \"name\": \"toothbrush\"}, {\"id\": 1, \"name\": \"person\"}, {\"id\": 5, \"name\": \"bus\"}],",
        " \"annotations\": [",
        "  {\"id\": 1, \"image_id\": 7, \"category_id\": 90, \"bbox\": [1, 2, 10, 5], \"area\": 33.5, \"iscrowd\": 0,",
        "   \"segmentation\": [[1, 2, 3, 4, 5, 6]]},",
        "  {\"id\": 2, \"image_id\": 7, \"category_id\": 1, \"bbox\": [0, 0, 40, 30], \"area\": 900, \"iscrowd\": 1,",
        "   \"segmentation\": {\"counts\": [1, 2], \"size\": [30, 40]}},",
        "  {\"id\": 3, \"image_id\": 3, \"category_id\": 5, \"bbox\": [2.5, 1.25, 4, 3]}",
        " ]}"
    };

    @Test
    void keepsNonContiguousIdsCrowdAreaAndEmptyImages() throws IOException {
        image(dir.resolve("seven.png"), 40, 30);
        Path json = text(dir.resolve("gt.json"), GT);
        LoadedDataset l = Datasets.load(json, Format.COCO, ReadOptions.defaults());
        assertEquals(List.of(), l.problems());
        DetectionDataset ds = l.dataset();
        assertEquals(List.of("person", "bus", "toothbrush"), ds.classNames(), "classes in category id order");
        assertArrayEquals(new int[] {1, 5, 90}, ds.categoryIds());
        assertEquals(3, ds.samples().size(), "the image without annotations is kept");
        DetectionSample seven = ds.samples().get(0);
        assertEquals(7, seven.imageId());
        assertEquals(dir.resolve("seven.png").toAbsolutePath().normalize(), seven.imagePath().toAbsolutePath().normalize());
        assertEquals(40, seven.width());
        assertEquals(30, seven.height());
        assertArrayEquals(new double[] {1, 2, 11, 7, 0, 0, 40, 30}, seven.boxes(), 0);
        assertArrayEquals(new int[] {2, 0}, seven.classIds());
        assertArrayEquals(new boolean[] {false, true}, seven.ignore());
        assertArrayEquals(new double[] {33.5, 900}, seven.areas(), 0, "the area field is kept");
        DetectionSample three = ds.samples().get(1);
        assertEquals(20, three.width(), "size from the JSON even though the image is missing");
        assertArrayEquals(new double[] {12}, three.areas(), 0, "no area field: w·h");
        assertEquals(0, ds.samples().get(2).size());
        assertEquals(new Location(json, 11, "annotations[1]"), l.source(0, 1));
        assertEquals(new Location(json, 3, "images[0]"), l.source(0));
    }

    @Test
    void brokenRecordsAreReportedWithRecordAndLineAndLeftOut() throws IOException {
        Path json = text(dir.resolve("bad.json"),
                "{\"images\": [",
                "  {\"id\": 1, \"file_name\": \"a.png\", \"width\": 10, \"height\": 10},",
                "  {\"id\": 1, \"file_name\": \"b.png\", \"width\": 10, \"height\": 10},",
                "  {\"file_name\": \"c.png\"}",
                " ],",
                " \"categories\": [{\"id\": 1, \"name\": \"x\"}, {\"id\": 1, \"name\": \"y\"}],",
                " \"annotations\": [",
                "  {\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 5, 5]},",
                "  {\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 6, 6]},",
                "  {\"id\": 2, \"image_id\": 1, \"category_id\": 4, \"bbox\": [0, 0, 5, 5]},",
                "  {\"id\": 3, \"image_id\": 8, \"category_id\": 1, \"bbox\": [0, 0, 5, 5]},",
                "  {\"id\": 4, \"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 5]},",
                "  {\"id\": 5, \"image_id\": \"one\", \"category_id\": 1, \"bbox\": [0, 0, 5, 5]}",
                " ]}");
        LoadedDataset l = Datasets.load(json);
        assertEquals(1, l.dataset().samples().size());
        assertEquals(1, l.dataset().samples().get(0).size());
        List<String> got = l.problems().stream().map(p -> p.kind() + " " + p.location().record() + ":" + p.location().line())
                .toList();
        assertEquals(List.of(
                "DUPLICATE_ID images[1]:3",
                "MALFORMED images[2]:4",
                "DUPLICATE_ID categories[1]:6",
                "MALFORMED annotations[4]:12",
                "MALFORMED annotations[5]:13",
                "DUPLICATE_ID annotations[1]:9",
                "UNKNOWN_CLASS annotations[2]:10",
                "UNKNOWN_IMAGE annotations[3]:11"), got);
        assertTrue(l.problems().get(1).message().contains("'id': missing"), l.problems().get(1).message());
        assertTrue(l.problems().get(3).message().contains("'bbox'"), l.problems().get(3).message());
        assertTrue(l.problems().stream().allMatch(Problem::excludedRecord));
    }

    @Test
    void syntaxErrorNamesLineAndColumn() {
        Path json = text(dir.resolve("broken.json"), "{\"images\": [", "  {\"id\": 1,, }", "]}");
        DatasetFormatException e = assertThrows(DatasetFormatException.class, () -> Datasets.read(json));
        assertTrue(e.getMessage().startsWith(json + ":2:"), e.getMessage());
        Path results = text(dir.resolve("results.json"), "[{\"image_id\": 1, \"category_id\": 1, \"bbox\": [0, 0, 1, 1], \"score\": 0.5}]");
        e = assertThrows(DatasetFormatException.class, () -> Datasets.read(results));
        assertTrue(e.getMessage().contains("expected a JSON object"), e.getMessage());
    }

    @Test
    void imagesAreFoundNextToAnAnnotationsFolder() throws IOException {
        image(dir.resolve("coco/images/val2017/three.png"), 20, 10);
        Path json = text(dir.resolve("coco/annotations/instances_val2017.json"), GT);
        DetectionDataset ds = Datasets.read(dir.resolve("coco"));
        assertEquals(dir.resolve("coco/images/val2017/three.png").toAbsolutePath(), ds.samples().get(1).imagePath());
        Path other = dir.resolve("elsewhere");
        ds = Datasets.read(json, Format.COCO, ReadOptions.builder().optImages(other).build());
        assertEquals(other.resolve("three.png"), ds.samples().get(1).imagePath());
        assertFalse(ds.samples().get(1).imagePath().toFile().exists());
    }

    @Test
    void missingSizeIsReadFromTheImage() throws IOException {
        image(dir.resolve("a.jpg"), 33, 22);
        Path json = text(dir.resolve("gt.json"),
                "{\"images\": [{\"id\": 1, \"file_name\": \"a.jpg\"}], \"categories\": [{\"id\": 1, \"name\": \"x\"}],",
                " \"annotations\": []}");
        DetectionSample s = Datasets.read(json).samples().get(0);
        assertEquals(33, s.width());
        assertEquals(22, s.height());
    }
}
