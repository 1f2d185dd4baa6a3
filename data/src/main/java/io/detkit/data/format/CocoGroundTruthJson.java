package io.detkit.data.format;

import com.fasterxml.jackson.core.JsonGenerator;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import java.io.IOException;

/**
 * The sections of a COCO ground-truth file that every detkit writer lays out the same way, written
 * into an open {@link JsonGenerator}: {@code categories} (the dataset's category ids and names) and
 * {@code annotations} (ids counting from 1, {@code image_id}, {@code category_id},
 * {@code bbox} = [x, y, w, h] in pixels from the sample's [x1, y1, x2, y2], {@code area} as the
 * sample stores it, {@code iscrowd} = the ignore flag). The {@code info} and {@code images} sections
 * differ between writers (where the files live) and stay with them.
 */
public final class CocoGroundTruthJson {
    private CocoGroundTruthJson() {}

    /**
     * Writes the field {@code "categories": [...]}.
     *
     * @param g generator positioned inside the top-level object
     * @param ds the dataset whose classes to write
     * @param supercategory the {@code supercategory} of every category
     * @throws IOException if the generator fails
     */
    public static void writeCategories(JsonGenerator g, DetectionDataset ds, String supercategory) throws IOException {
        g.writeArrayFieldStart("categories");
        for (int c = 0; c < ds.numClasses(); c++) {
            g.writeStartObject();
            g.writeNumberField("id", ds.categoryIds()[c]);
            g.writeStringField("name", ds.classNames().get(c));
            g.writeStringField("supercategory", supercategory);
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /**
     * Writes the field {@code "annotations": [...]}, one record per box of every sample in order.
     *
     * @param g generator positioned inside the top-level object
     * @param ds the dataset whose boxes to write
     * @param emptySegmentation whether each record carries {@code "segmentation": []} (some COCO tools
     *     require the field)
     * @return the number of annotations written
     * @throws IOException if the generator fails
     */
    public static int writeAnnotations(JsonGenerator g, DetectionDataset ds, boolean emptySegmentation)
            throws IOException {
        g.writeArrayFieldStart("annotations");
        int id = 0;
        for (DetectionSample s : ds.samples()) {
            double[] b = s.boxes();
            for (int i = 0; i < s.size(); i++) {
                g.writeStartObject();
                g.writeNumberField("id", ++id);
                g.writeNumberField("image_id", s.imageId());
                g.writeNumberField("category_id", ds.categoryIds()[s.classIds()[i]]);
                g.writeArrayFieldStart("bbox");
                g.writeNumber(b[4 * i]);
                g.writeNumber(b[4 * i + 1]);
                g.writeNumber(b[4 * i + 2] - b[4 * i]);
                g.writeNumber(b[4 * i + 3] - b[4 * i + 1]);
                g.writeEndArray();
                g.writeNumberField("area", s.areas()[i]);
                g.writeNumberField("iscrowd", s.ignore()[i] ? 1 : 0);
                if (emptySegmentation) {
                    g.writeArrayFieldStart("segmentation");
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
        }
        g.writeEndArray();
        return id;
    }
}
