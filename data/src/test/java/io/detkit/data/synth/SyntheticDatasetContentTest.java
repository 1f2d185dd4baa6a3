package io.detkit.data.synth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import io.detkit.metrics.coco.CocoJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One 200-image dataset at the default size, checked for coverage, splits and its YOLO/COCO files. */
class SyntheticDatasetContentTest {
    @TempDir
    static Path dir;
    static SynthSplits splits;

    @BeforeAll
    static void generate() throws IOException {
        splits = SyntheticDataset.generate(SynthConfig.builder().optImages(200).optSeed(1).build(), dir.resolve("shapes"));
    }

    private static List<DetectionSample> all() {
        return java.util.stream.Stream.concat(splits.train().samples().stream(), splits.val().samples().stream()).toList();
    }

    @Test
    void splitsAreEightyTwentyWithClassNamesInFixedOrder() {
        assertEquals(160, splits.train().samples().size());
        assertEquals(40, splits.val().samples().size());
        List<String> names = List.of("circle", "square", "triangle", "star", "cross", "ring");
        assertEquals(names, splits.train().classNames());
        assertEquals(names, splits.val().classNames());
        assertEquals(names, SyntheticDataset.CLASS_NAMES);
        assertEquals(List.of(1, 2, 3, 4, 5, 6), java.util.Arrays.stream(splits.train().categoryIds()).boxed().toList());
        for (DetectionSample s : all()) {
            assertEquals(320, s.width());
            assertEquals(320, s.height());
            assertTrue(Files.isRegularFile(s.imagePath()), s.imagePath().toString());
        }
    }

    @Test
    void allThreeCocoSizeRangesAndAllClassesAreWellRepresented() {
        DetectionDataset both = DetectionDataset.of(SyntheticDataset.CLASS_NAMES, all());
        DatasetSummary sum = DatasetSummary.of(both);
        double n = sum.boxes();
        assertTrue(n > 600, "boxes " + n);
        assertTrue(sum.small() / n >= 0.10, "small " + sum.small() / n);
        assertTrue(sum.medium() / n >= 0.10, "medium " + sum.medium() / n);
        assertTrue(sum.large() / n >= 0.10, "large " + sum.large() / n);
        for (int c = 0; c < both.numClasses(); c++) {
            assertTrue(sum.boxesPerClass()[c] / n >= 0.10, both.classNames().get(c) + " " + sum.boxesPerClass()[c] / n);
        }
        for (DetectionSample s : all()) {
            for (int i = 0; i < s.size(); i++) {
                assertEquals((s.boxes()[4 * i + 2] - s.boxes()[4 * i]) * (s.boxes()[4 * i + 3] - s.boxes()[4 * i + 1]), s.areas()[i]);
                assertTrue(!s.ignore()[i]);
            }
        }
    }

    @Test
    void trainAndValAreDisjoint() throws IOException, NoSuchAlgorithmException {
        Set<Long> trainIds = new HashSet<>();
        Set<String> trainNames = new HashSet<>(), trainHashes = new HashSet<>();
        for (DetectionSample s : splits.train().samples()) {
            trainIds.add(s.imageId());
            trainNames.add(s.imagePath().getFileName().toString());
            trainHashes.add(sha256(s.imagePath()));
            assertTrue(s.imagePath().startsWith(splits.root().resolve("images/train")), s.imagePath().toString());
        }
        assertEquals(160, trainHashes.size());
        for (DetectionSample s : splits.val().samples()) {
            assertTrue(s.imagePath().startsWith(splits.root().resolve("images/val")), s.imagePath().toString());
            assertTrue(trainIds.add(s.imageId()), "id " + s.imageId());
            assertTrue(trainNames.add(s.imagePath().getFileName().toString()), s.imagePath().toString());
            assertTrue(trainHashes.add(sha256(s.imagePath())), s.imagePath() + " duplicates a training image");
        }
    }

    @Test
    void yoloLabelsParseBackToTheSameBoxes() throws IOException {
        for (DetectionSample s : all()) {
            String split = s.imageId() <= 160 ? "train" : "val";
            Path label = splits.root().resolve("labels").resolve(split).resolve(String.format("%06d.txt", s.imageId()));
            List<String> lines = Files.readAllLines(label);
            assertEquals(s.size(), lines.size(), label.toString());
            for (int i = 0; i < s.size(); i++) {
                String[] f = lines.get(i).split(" ");
                assertEquals(5, f.length, lines.get(i));
                for (int j = 1; j < 5; j++) {
                    assertEquals(8, f[j].length(), "6 decimals: " + lines.get(i));
                }
                assertEquals(s.classIds()[i], Integer.parseInt(f[0]));
                double cx = Double.parseDouble(f[1]) * 320, cy = Double.parseDouble(f[2]) * 320;
                double w = Double.parseDouble(f[3]) * 320, h = Double.parseDouble(f[4]) * 320;
                double tol = 1e-6 * 320;
                assertEquals(s.boxes()[4 * i], cx - w / 2, tol, label + " line " + i);
                assertEquals(s.boxes()[4 * i + 1], cy - h / 2, tol, label + " line " + i);
                assertEquals(s.boxes()[4 * i + 2], cx + w / 2, tol, label + " line " + i);
                assertEquals(s.boxes()[4 * i + 3], cy + h / 2, tol, label + " line " + i);
            }
        }
    }

    @Test
    void dataYamlNamesTheFolderSplitsAndClasses() throws IOException {
        JsonNode y = new ObjectMapper(new YAMLFactory()).readTree(splits.root().resolve("data.yaml").toFile());
        assertEquals(splits.root().toString(), y.get("path").asText());
        assertEquals("images/train", y.get("train").asText());
        assertEquals("images/val", y.get("val").asText());
        assertEquals(6, y.get("nc").asInt());
        for (int c = 0; c < 6; c++) {
            assertEquals(SyntheticDataset.CLASS_NAMES.get(c), y.get("names").get(String.valueOf(c)).asText());
        }
    }

    @Test
    void cocoFilesHoldTheSameImagesAndBoxes() throws IOException {
        for (String split : List.of("train", "val")) {
            DetectionDataset d = split.equals("train") ? splits.train() : splits.val();
            CocoGroundTruth gt = CocoJson.readGroundTruth(splits.root().resolve("annotations/instances_" + split + ".json"));
            assertEquals(d.samples().size(), gt.images().size());
            assertEquals(d.boxCount(), gt.annotationCount());
            assertEquals(SyntheticDataset.CLASS_NAMES.get(2), gt.categoryName(3));
            CocoImage first = gt.images().get(0);
            DetectionSample s0 = d.samples().get(0);
            assertEquals(s0.imageId(), first.id());
            assertEquals(s0.imagePath().getFileName().toString(), first.fileName());
            assertEquals(320, first.width());
            double[] xywh = gt.annotationBoxesXywh();
            int a = 0;
            for (DetectionSample s : d.samples()) {
                for (int i = 0; i < s.size(); i++, a++) {
                    assertEquals(s.imageId(), gt.annotationImageIds()[a]);
                    assertEquals(s.classIds()[i] + 1, gt.annotationCategoryIds()[a]);
                    assertEquals(s.boxes()[4 * i], xywh[4 * a]);
                    assertEquals(s.boxes()[4 * i + 1], xywh[4 * a + 1]);
                    assertEquals(s.boxes()[4 * i + 2] - s.boxes()[4 * i], xywh[4 * a + 2]);
                    assertEquals(s.boxes()[4 * i + 3] - s.boxes()[4 * i + 1], xywh[4 * a + 3]);
                    assertEquals(s.areas()[i], gt.annotationAreas()[a]);
                    assertTrue(!gt.annotationCrowd()[a]);
                }
            }
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
