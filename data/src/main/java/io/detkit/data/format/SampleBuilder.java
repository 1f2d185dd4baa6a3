package io.detkit.data.format;

import io.detkit.data.DetectionSample;
import io.detkit.data.validate.Location;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Collects the boxes of one image while a reader parses them. */
final class SampleBuilder {
    private double[] boxes = new double[32];
    private int[] classIds = new int[8];
    private boolean[] ignore = new boolean[8];
    private double[] areas = new double[8];
    private final List<Location> sources = new ArrayList<>();
    private int n;

    /** Adds an xyxy box. */
    void add(double x1, double y1, double x2, double y2, int classId, boolean ignored, double area, Location source) {
        if (n == classIds.length) {
            int cap = 2 * n;
            boxes = Arrays.copyOf(boxes, 4 * cap);
            classIds = Arrays.copyOf(classIds, cap);
            ignore = Arrays.copyOf(ignore, cap);
            areas = Arrays.copyOf(areas, cap);
        }
        boxes[4 * n] = x1;
        boxes[4 * n + 1] = y1;
        boxes[4 * n + 2] = x2;
        boxes[4 * n + 3] = y2;
        classIds[n] = classId;
        ignore[n] = ignored;
        areas[n] = area;
        sources.add(source);
        n++;
    }

    /** Adds an xyxy box whose area is its w·h (0 when degenerate). */
    void add(double x1, double y1, double x2, double y2, int classId, boolean ignored, Location source) {
        add(x1, y1, x2, y2, classId, ignored, Math.max(0, x2 - x1) * Math.max(0, y2 - y1), source);
    }

    int size() {
        return n;
    }

    DetectionSample build(long imageId, Path image, int width, int height) {
        return new DetectionSample(imageId, image, width, height, Arrays.copyOf(boxes, 4 * n), Arrays.copyOf(classIds, n),
                Arrays.copyOf(ignore, n), Arrays.copyOf(areas, n));
    }

    List<Location> sources() {
        return sources;
    }
}
