package io.detkit.data.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CocoGroundTruthJsonTest {

    /**
     * Two images, three boxes, category ids 7 and 9 (not the class indices). Box [10, 20, 40, 60]
     * becomes bbox [10, 20, 30, 40] (w = 40 − 10, h = 60 − 20), area 30·40 = 1200; the crowd box of
     * the second image keeps its stored area 5 (not 2·2 = 4) and gets iscrowd 1; ids run 1, 2, 3
     * across images; category_id maps class 1 → 9.
     */
    private static DetectionDataset dataset() {
        DetectionSample a = DetectionSample.of(4, Path.of("a.png"), 100, 80,
                new double[] {10, 20, 40, 60, 0, 0, 5, 5}, new int[] {0, 1});
        DetectionSample b = new DetectionSample(6, Path.of("b.png"), 50, 50,
                new double[] {1, 1, 3, 3}, new int[] {1}, new boolean[] {true}, new double[] {5});
        return new DetectionDataset(List.of("circle", "star"), new int[] {7, 9}, List.of(a, b));
    }

    private static String write(boolean segmentation) throws IOException {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.writeStartObject();
            CocoGroundTruthJson.writeCategories(g, dataset(), "shape");
            assertEquals(3, CocoGroundTruthJson.writeAnnotations(g, dataset(), segmentation));
            g.writeEndObject();
        }
        return out.toString();
    }

    @Test
    void writesCategoriesAndAnnotationsInCocoLayout() throws IOException {
        assertEquals("{\"categories\":[{\"id\":7,\"name\":\"circle\",\"supercategory\":\"shape\"},"
                + "{\"id\":9,\"name\":\"star\",\"supercategory\":\"shape\"}],"
                + "\"annotations\":["
                + "{\"id\":1,\"image_id\":4,\"category_id\":7,\"bbox\":[10.0,20.0,30.0,40.0],\"area\":1200.0,\"iscrowd\":0},"
                + "{\"id\":2,\"image_id\":4,\"category_id\":9,\"bbox\":[0.0,0.0,5.0,5.0],\"area\":25.0,\"iscrowd\":0},"
                + "{\"id\":3,\"image_id\":6,\"category_id\":9,\"bbox\":[1.0,1.0,2.0,2.0],\"area\":5.0,\"iscrowd\":1}]}",
                write(false));
    }

    @Test
    void emptySegmentationIsOptional() throws IOException {
        String json = write(true);
        assertEquals(3, json.split("\"segmentation\":\\[\\]", -1).length - 1, json);
    }
}
