package io.detkit.data.validate;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.ImageHeaders;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks a {@link LoadedDataset} and reports every problem with its file and line/record:
 * missing or unreadable images, annotation sizes that differ from the real image size, boxes
 * outside the image or of zero/negative size, class ids outside the class list, duplicate image
 * ids — plus the problems the reader already found (malformed lines, label files without image,
 * unknown classes, duplicate ids). It never changes the dataset; a {@link Policy} does that.
 *
 * <p>A box is outside the image when it passes an edge by more than the edge tolerance (default
 * 0.01 px, which absorbs the rounding of YOLO's 6-decimal normalised values).
 */
public final class Validator {
    private final boolean checkImages;
    private final double edgeTolerance;

    private Validator(Builder b) {
        this.checkImages = b.checkImages;
        this.edgeTolerance = b.edgeTolerance;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a validator with the default settings (images checked, tolerance 0.01 px) */
    public static Validator defaults() {
        return builder().build();
    }

    /**
     * Validates a dataset.
     *
     * @param loaded the dataset as read, with the reader's problems
     * @return the summary and every problem
     */
    public ValidationReport validate(LoadedDataset loaded) {
        DetectionDataset ds = loaded.dataset();
        List<Problem> out = new ArrayList<>(loaded.problems());
        Set<Long> ids = new HashSet<>();
        List<DetectionSample> samples = ds.samples();
        java.util.Map<String, Integer> classByName = new java.util.HashMap<>();
        for (int c = 0; c < ds.numClasses(); c++) {
            Integer prev = classByName.putIfAbsent(ds.classNames().get(c), c);
            if (prev != null) {
                Location where = samples.isEmpty() ? new Location(java.nio.file.Path.of("."), 0, "categories")
                        : Location.of(loaded.source(0).file());
                out.add(new Problem(ProblemKind.DUPLICATE_NAME, where, "classes " + prev + " and " + c
                        + " (category ids " + ds.categoryIds()[prev] + " and " + ds.categoryIds()[c] + ") are both named '"
                        + ds.classNames().get(c) + "'; VOC and YOLO, which name classes, would merge them", Problem.NOT_IN_DATASET,
                        Problem.WHOLE_IMAGE));
            }
        }
        java.util.Map<String, Integer> sampleByStem = new java.util.HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            DetectionSample s = samples.get(i);
            String stem = stemPath(s.imagePath());
            Integer prev = sampleByStem.putIfAbsent(stem, i);
            if (prev != null) {
                out.add(new Problem(ProblemKind.DUPLICATE_NAME, loaded.source(i), "image " + s.imagePath() + " (id "
                        + s.imageId() + ") has the same name without extension as " + samples.get(prev).imagePath() + " (id "
                        + samples.get(prev).imageId() + "); YOLO and VOC keep one label file per name", i, Problem.WHOLE_IMAGE));
            }
        }
        for (int i = 0; i < samples.size(); i++) {
            DetectionSample s = samples.get(i);
            if (!ids.add(s.imageId())) {
                out.add(new Problem(ProblemKind.DUPLICATE_ID, loaded.source(i), "image id " + s.imageId()
                        + " is used by an earlier image too", i, Problem.WHOLE_IMAGE));
            }
            if (checkImages && !loaded.sizesFromImages()) {
                checkImage(loaded, i, s, out);
            }
            checkBoxes(loaded, i, s, ds.numClasses(), out);
        }
        return new ValidationReport(DatasetSummary.of(ds), out);
    }

    /** The image path without its extension: {@code d/a.png} and {@code d/a.jpg} give the same. */
    private static String stemPath(java.nio.file.Path p) {
        String n = p.toString();
        int dot = n.lastIndexOf('.');
        int sep = Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\'));
        return dot > sep ? n.substring(0, dot) : n;
    }

    private void checkImage(LoadedDataset loaded, int i, DetectionSample s, List<Problem> out) {
        try {
            ImageHeaders.Size real = ImageHeaders.read(s.imagePath());
            if (s.width() > 0 && s.height() > 0 && (s.width() != real.width() || s.height() != real.height())) {
                out.add(new Problem(ProblemKind.SIZE_MISMATCH, loaded.source(i), "annotation says " + s.width() + "×"
                        + s.height() + " but image " + s.imagePath() + " is " + real.width() + "×" + real.height(), i,
                        Problem.WHOLE_IMAGE));
            }
        } catch (NoSuchFileException e) {
            out.add(new Problem(ProblemKind.IMAGE_MISSING, loaded.source(i), "image " + s.imagePath() + " not found", i,
                    Problem.WHOLE_IMAGE));
        } catch (IOException e) {
            out.add(new Problem(ProblemKind.IMAGE_UNREADABLE, loaded.source(i), e.getMessage(), i, Problem.WHOLE_IMAGE));
        }
    }

    private void checkBoxes(LoadedDataset loaded, int i, DetectionSample s, int numClasses, List<Problem> out) {
        double[] b = s.boxes();
        int w = s.width(), h = s.height();
        for (int j = 0; j < s.size(); j++) {
            double x1 = b[4 * j], y1 = b[4 * j + 1], x2 = b[4 * j + 2], y2 = b[4 * j + 3];
            int c = s.classIds()[j];
            if (c < 0 || c >= numClasses) {
                out.add(new Problem(ProblemKind.UNKNOWN_CLASS, loaded.source(i, j), "class index " + c
                        + " is not in the " + numClasses + " classes", i, j));
                continue;
            }
            if (!(x2 - x1 > 0) || !(y2 - y1 > 0)) {
                out.add(new Problem(ProblemKind.BOX_DEGENERATE, loaded.source(i, j), "box " + Boxes.text(x1, y1, x2, y2)
                        + " has width " + Boxes.num(x2 - x1) + " and height " + Boxes.num(y2 - y1), i, j));
                continue;
            }
            if (w > 0 && h > 0) {
                double over = Boxes.overshoot(x1, y1, x2, y2, w, h);
                if (over > edgeTolerance) {
                    out.add(new Problem(ProblemKind.BOX_OUTSIDE_IMAGE, loaded.source(i, j), "box "
                            + Boxes.text(x1, y1, x2, y2) + " extends " + Boxes.num(over) + " px outside the " + w + "×"
                            + h + " image", i, j));
                }
            }
        }
    }

    /** Builds a {@link Validator}. */
    public static final class Builder {
        private boolean checkImages = true;
        private double edgeTolerance = 0.01;

        private Builder() {}

        /**
         * @param check whether to read every image header to find missing/unreadable images and size
         *     mismatches (default true; skipped anyway when the reader took the sizes from the images)
         * @return this builder
         */
        public Builder optCheckImages(boolean check) {
            this.checkImages = check;
            return this;
        }

        /**
         * @param pixels how far a box may pass an image edge before it is reported (default 0.01)
         * @return this builder
         */
        public Builder optEdgeTolerance(double pixels) {
            if (!(pixels >= 0)) {
                throw new IllegalArgumentException("edge tolerance must be ≥ 0, got " + pixels);
            }
            this.edgeTolerance = pixels;
            return this;
        }

        /** @return the validator */
        public Validator build() {
            return new Validator(this);
        }
    }
}
