package io.detkit.metrics.coco;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CocoJsonTest {
    @TempDir
    Path dir;

    private static final String GT = """
            {"info": {"year": 2017}, "licenses": [],
             "categories": [{"id": 3, "name": "car", "supercategory": "vehicle"}, {"id": 1, "name": "person"}],
             "annotations": [
               {"id": 5, "image_id": 42, "category_id": 1, "bbox": [1, 2, 30, 40], "area": 900.5, "iscrowd": 0,
                "segmentation": [[1, 2, 3, 4, 5, 6]]},
               {"id": 6, "image_id": 42, "category_id": 3, "bbox": [10.5, 20, 5, 6], "iscrowd": 1,
                "segmentation": {"counts": [1, 2], "size": [100, 100]}}
             ],
             "images": [{"id": 42, "file_name": "a.jpg", "width": 640, "height": 480}, {"id": 7, "file_name": "b.jpg"}]}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void readsGroundTruthSkippingSegmentations() throws IOException {
        CocoGroundTruth gt = CocoJson.readGroundTruth(write("gt.json", GT));
        assertEquals(2, gt.images().size());
        assertEquals("a.jpg", gt.images().get(0).fileName());
        assertEquals(640, gt.images().get(0).width());
        assertArrayEquals(new long[] {7, 42}, gt.sortedImageIds());
        assertArrayEquals(new int[] {1, 3}, gt.sortedCategoryIds());
        assertEquals("car", gt.categoryName(3));
        assertArrayEquals(new long[] {5, 6}, gt.annotationIds());
        assertArrayEquals(new double[] {1, 2, 30, 40, 10.5, 20, 5, 6}, gt.annotationBoxesXywh());
        // area given -> kept; missing -> w·h = 30
        assertArrayEquals(new double[] {900.5, 30}, gt.annotationAreas());
        assertArrayEquals(new boolean[] {false, true}, gt.annotationCrowd());
    }

    @Test
    void readsResultsArrayAndAnnotationsObject() throws IOException {
        CocoGroundTruth gt = CocoJson.readGroundTruth(write("gt.json", GT));
        CocoDetections d = CocoJson.readResults(write("dt.json",
                "[{\"image_id\": 42, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5, \"segmentation\": []},"
                        + " {\"image_id\": 7, \"category_id\": 3, \"bbox\": [0, 0, 0, 0], \"score\": 1e-3}]"), gt);
        assertEquals(2, d.size());
        assertEquals(42, d.imageId(0));
        assertArrayEquals(new double[] {1, 2, 3, 4}, d.boxXywh(0));
        assertEquals(0.001, d.score(1));
        CocoDetections o = CocoJson.readResults(write("dt2.json",
                "{\"images\": [], \"annotations\": [{\"image_id\": 42, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}]}"), gt);
        assertEquals(1, o.size());
    }

    private String error(String results) throws IOException {
        CocoGroundTruth gt = CocoJson.readGroundTruth(write("gt.json", GT));
        Path f = write("dt.json", results);
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoJson.readResults(f, gt));
        assertTrue(e.getMessage().startsWith(f.toString()), "message names the file: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void badResultsNameFileRecordAndField() throws IOException {
        String ok = "{\"image_id\": 42, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}";
        assertTrue(error("[" + ok + ", {\"image_id\": 99, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}]")
                .contains("detections[1] (line 1): field 'image_id': 99 is not an image of the ground truth"));
        assertTrue(error("[{\"image_id\": 42, \"category_id\": 2, \"bbox\": [1, 2, 3, 4], \"score\": 0.5}]")
                .contains("detections[0] (line 1): field 'category_id': 2 is not a category"));
        assertTrue(error("[{\"image_id\": 42, \"category_id\": 1, \"bbox\": [1, 2, -3, 4], \"score\": 0.5}]")
                .contains("field 'bbox': negative width or height"));
        assertTrue(error("[\n" + ok + ",\n{\"image_id\": 42, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": NaN}]")
                .contains("detections[1] (line 3): field 'score': must be a finite number, got NaN"));
        assertTrue(error("[{\"image_id\": 42, \"category_id\": 1, \"bbox\": [1, 2, 3], \"score\": 0.5}]")
                .contains("expected 4 numbers [x, y, w, h], got 3"));
        assertTrue(error("[{\"image_id\": 42, \"category_id\": 1, \"bbox\": [1, 2, 3, 4]}]").contains("field 'score': missing"));
        assertTrue(error("[{\"image_id\": \"x\", \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1}]")
                .contains("field 'image_id': expected an integer, found string \"x\""));
        String huge = error("[{\"image_id\": 123456789012345678901234567890, \"category_id\": 1, \"bbox\": [1, 2, 3, 4], \"score\": 1}]");
        assertTrue(huge.contains("detections[0] (line 1): field 'image_id': integer 12345678901234567890… (30 digits) is out of range"),
                huge);
        assertTrue(error("[" + ok + ",\n  {\"image_id\": 42,, }]").contains("malformed JSON at line 2"));
        assertTrue(error("[" + ok).contains("unexpected end") || error("[" + ok).contains("malformed JSON"));
    }

    @Test
    void badGroundTruthIsReported() throws IOException {
        Path f = write("bad.json", GT.replace("\"image_id\": 42, \"category_id\": 3", "\"image_id\": 43, \"category_id\": 3"));
        CocoFormatException e = assertThrows(CocoFormatException.class, () -> CocoJson.readGroundTruth(f));
        assertTrue(e.getMessage().contains("annotations[1]") && e.getMessage().contains("image_id"), e.getMessage());
        Path g = write("results-as-gt.json", "{\"annotations\": []}");
        assertTrue(assertThrows(CocoFormatException.class, () -> CocoJson.readGroundTruth(g)).getMessage().contains("no 'images'"));
        Path h = write("dup.json", GT.replace("{\"id\": 7,", "{\"id\": 42,"));
        assertTrue(assertThrows(CocoFormatException.class, () -> CocoJson.readGroundTruth(h)).getMessage()
                .contains("duplicate image id 42"));
        Path missing = dir.resolve("nope.json");
        assertTrue(assertThrows(CocoFormatException.class, () -> CocoJson.readGroundTruth(missing)).getMessage()
                .contains("file not found"));
    }
}
