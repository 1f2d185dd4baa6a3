package io.detkit.data;

import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One image and its boxes, the unit every reader produces and every transform consumes.
 *
 * <p>Boxes are in original-image pixels, xyxy, flat ({@code 4·n}); {@code classIds} are contiguous
 * class indices {@code 0..C−1} into {@link DetectionDataset#classNames()}; {@code ignore} marks
 * objects that must be neither rewarded nor penalised (COCO {@code iscrowd}, VOC {@code difficult});
 * {@code areas} is COCO's {@code area} field (segmentation area when the source had one, else
 * w·h). Arrays are owned by the sample: callers must not modify them.
 *
 * @param imageId numeric image id (COCO's id; readers of other formats number images from 1)
 * @param imagePath path of the image file (may not exist, validation reports it)
 * @param width image width in pixels (0 when unknown until decoded)
 * @param height image height in pixels (0 when unknown until decoded)
 * @param boxes xyxy boxes, {@code 4·n} values
 * @param classIds class index per box, {@code n} values
 * @param ignore ignore flag per box, {@code n} values
 * @param areas area per box, {@code n} values
 */
public record DetectionSample(long imageId, Path imagePath, int width, int height, double[] boxes, int[] classIds,
        boolean[] ignore, double[] areas) {

    /** Checks that the arrays agree in length. */
    public DetectionSample {
        Objects.requireNonNull(imagePath, "imagePath");
        int n = classIds.length;
        if (boxes.length != 4 * n || ignore.length != n || areas.length != n) {
            throw new IllegalArgumentException("sample " + imagePath + ": boxes/classIds/ignore/areas lengths disagree ("
                    + boxes.length + "/" + n + "/" + ignore.length + "/" + areas.length + ")");
        }
    }

    /**
     * A sample without crowd flags whose areas are the box areas.
     *
     * @param imageId image id
     * @param imagePath image path
     * @param width width
     * @param height height
     * @param boxes xyxy boxes
     * @param classIds class indices
     * @return the sample
     */
    public static DetectionSample of(long imageId, Path imagePath, int width, int height, double[] boxes, int[] classIds) {
        int n = classIds.length;
        double[] areas = new double[n];
        for (int i = 0; i < n; i++) {
            areas[i] = Math.max(0, boxes[4 * i + 2] - boxes[4 * i]) * Math.max(0, boxes[4 * i + 3] - boxes[4 * i + 1]);
        }
        return new DetectionSample(imageId, imagePath, width, height, boxes, classIds, new boolean[n], areas);
    }

    /** @return number of boxes */
    public int size() {
        return classIds.length;
    }

    /**
     * @param i box index
     * @return box {@code i}
     */
    public Box box(int i) {
        return new Box(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3]);
    }

    /** @return the boxes as ground-truth records for the evaluators */
    public List<GroundTruth> groundTruth() {
        List<GroundTruth> out = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            out.add(new GroundTruth(box(i), classIds[i], ignore[i]));
        }
        return out;
    }

    /**
     * @param w width
     * @param h height
     * @return this sample with the image size set
     */
    public DetectionSample withSize(int w, int h) {
        return new DetectionSample(imageId, imagePath, w, h, boxes, classIds, ignore, areas);
    }
}
