package io.detkit.data.validate;

import static io.detkit.data.Fixtures.image;
import static io.detkit.data.Fixtures.text;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.format.Datasets;
import io.detkit.data.format.Format;
import io.detkit.data.format.ReadOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyTest {
    @TempDir
    Path dir;
    LoadedDataset loaded;
    ValidationReport report;

    /**
     * a.png 100×50: a good box, a box 5 px over the right edge, a box wholly outside, a zero-width
     * box and a malformed line; b.png 20×20 good; a listed image that is missing; an orphan label.
     */
    @BeforeEach
    void dataset() throws IOException {
        image(dir.resolve("images/a.png"), 100, 50);
        image(dir.resolve("images/b.png"), 20, 20);
        text(dir.resolve("labels/a.txt"),
                "0 0.5 0.5 0.2 0.2",
                "0 0.95 0.5 0.2 0.2",
                "1 1.5 0.5 0.2 0.2",
                "1 0.5 0.5 0 0.2",
                "oops");
        text(dir.resolve("labels/b.txt"), "1 0.5 0.5 0.5 0.5");
        text(dir.resolve("labels/orphan.txt"), "1 0.5 0.5 0.5 0.5");
        text(dir.resolve("list.txt"), "images/a.png", "images/b.png", "images/missing.png");
        text(dir.resolve("data.yaml"), "train: list.txt", "names: [a, b]");
        loaded = Datasets.load(dir.resolve("data.yaml"), Format.YOLO, ReadOptions.defaults());
        report = Validator.defaults().validate(loaded);
    }

    @Test
    void failThrowsWithEveryErrorListed() {
        assertEquals(5, report.errors().size(), report.problems().toString());
        DatasetProblemsException e = assertThrows(DatasetProblemsException.class, () -> Policy.FAIL.apply(loaded, report));
        assertEquals(report.errors(), e.problems());
        assertTrue(e.getMessage().startsWith("policy fail: 5 problems"), e.getMessage());
        for (String where : List.of("a.txt:2", "a.txt:3", "a.txt:4", "a.txt:5", "list.txt:3")) {
            assertTrue(e.getMessage().contains(where), where + " in " + e.getMessage());
        }
    }

    @Test
    void skipDropsBadBoxesAndCountsEverything() throws DatasetProblemsException {
        CleanDataset c = Policy.SKIP.apply(loaded, report);
        DetectionSample a = c.dataset().samples().get(0);
        assertArrayEquals(new double[] {40, 20, 60, 30}, a.boxes(), 1e-9);
        assertEquals(3, c.droppedBoxes());
        assertEquals(2, c.droppedRecords(), "the malformed line and the missing image");
        assertEquals(0, c.droppedImages());
        assertEquals(0, c.clippedBoxes());
        assertEquals(2, c.dataset().samples().size());
        assertEquals(1, c.dataset().samples().get(1).size());
        assertEquals(report.problems(), c.problems(), "the full list travels with the result");
        assertEquals("policy skip: dropped 0 images, 3 boxes and 2 unreadable records; clipped 0 boxes; resized 0 images",
                c.describe());
    }

    @Test
    void clipClipsAndDropsOnlyWhatStaysDegenerate() throws DatasetProblemsException {
        CleanDataset c = Policy.CLIP.apply(loaded, report);
        DetectionSample a = c.dataset().samples().get(0);
        assertArrayEquals(new double[] {40, 20, 60, 30, 85, 20, 100, 30}, a.boxes(), 1e-9);
        assertArrayEquals(new int[] {0, 0}, a.classIds());
        assertEquals(150, a.areas()[1], 1e-9, "a clipped box gets its clipped area");
        assertEquals(1, c.clippedBoxes());
        assertEquals(2, c.droppedBoxes(), "the box wholly outside and the zero-width one");
        assertEquals(2, c.droppedRecords());
    }

    @Test
    void wholeImageProblemsDropTheImageOrTakeTheRealSize() throws IOException {
        image(dir.resolve("c/real.png"), 50, 40);
        Path json = text(dir.resolve("c/gt.json"),
                "{\"categories\": [{\"id\": 1, \"name\": \"x\"}], \"images\": [",
                "  {\"id\": 1, \"file_name\": \"real.png\", \"width\": 100, \"height\": 80},",
                "  {\"id\": 2, \"file_name\": \"gone.png\", \"width\": 10, \"height\": 10}],",
                " \"annotations\": [{\"id\": 1, \"image_id\": 1, \"category_id\": 1, \"bbox\": [10, 10, 60, 20]},",
                "  {\"id\": 2, \"image_id\": 1, \"category_id\": 1, \"bbox\": [70, 50, 20, 20]},",
                "  {\"id\": 3, \"image_id\": 2, \"category_id\": 1, \"bbox\": [1, 1, 2, 2]}]}");
        LoadedDataset l = Datasets.load(json);
        ValidationReport r = Validator.defaults().validate(l);
        CleanDataset skip = Policy.SKIP.apply(l, r);
        assertEquals(0, skip.dataset().samples().size());
        assertEquals(2, skip.droppedImages());
        assertEquals(3, skip.droppedBoxes(), "the boxes of dropped images are counted");
        CleanDataset clip = Policy.CLIP.apply(l, r);
        assertEquals(1, clip.dataset().samples().size());
        DetectionSample s = clip.dataset().samples().get(0);
        assertEquals(50, s.width());
        assertEquals(40, s.height());
        assertArrayEquals(new double[] {10, 10, 50, 30}, s.boxes(), 1e-12);
        assertEquals(1, clip.resizedImages());
        assertEquals(1, clip.clippedBoxes());
        assertEquals(2, clip.droppedBoxes(), "the box outside the real image and the box of the missing image");
        assertEquals(1, clip.droppedImages());
    }

    @Test
    void warningsAloneChangeNothing() throws IOException {
        image(dir.resolve("w/images/a.png"), 10, 10);
        text(dir.resolve("w/labels/a.txt"), "0 0.5 0.5 0.5 0.5");
        text(dir.resolve("w/labels/extra.txt"), "0 0.5 0.5 0.5 0.5");
        LoadedDataset l = Datasets.load(dir.resolve("w"), Format.YOLO, ReadOptions.defaults());
        ValidationReport r = Validator.defaults().validate(l);
        assertEquals(1, r.warnings().size());
        for (Policy p : Policy.values()) {
            CleanDataset c = p.apply(l, r);
            assertSame(l.dataset(), c.dataset());
            assertTrue(c.unchanged());
            assertEquals(1, c.problems().size());
        }
    }

    @Test
    void parsesPolicyNames() {
        assertEquals(Policy.CLIP, Policy.parse("Clip"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Policy.parse("drop"));
        assertTrue(e.getMessage().contains("fail, skip or clip"), e.getMessage());
    }

    @Test
    void readCheckedAppliesThePolicy() throws IOException {
        assertThrows(DatasetProblemsException.class,
                () -> Datasets.readChecked(dir.resolve("data.yaml"), null, ReadOptions.defaults(), Policy.FAIL));
        CleanDataset c = Datasets.readChecked(dir.resolve("data.yaml"), null, ReadOptions.defaults(), Policy.SKIP);
        DetectionDataset ds = c.dataset();
        assertEquals(2, ds.boxCount());
    }
}
