package io.detkit.metrics.coco;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COCO ground truth held in primitive arrays: images, categories and box annotations in file order.
 *
 * <p>Build one with {@link CocoJson#readGroundTruth} or {@link #builder()}. Instances are immutable.
 * Only what box evaluation needs is kept: segmentation and keypoints are skipped.
 */
public final class CocoGroundTruth {
    private final List<CocoImage> images;
    private final List<CocoCategory> categories;
    private final Map<Long, Integer> imageIndex;
    private final Map<Integer, Integer> categoryIndex;
    final long[] annIds;
    final long[] annImageIds;
    final int[] annCategoryIds;
    /** xywh, 4 per annotation. */
    final double[] annBoxes;
    final double[] annAreas;
    final boolean[] annCrowd;

    private CocoGroundTruth(Builder b) {
        this.images = Collections.unmodifiableList(List.copyOf(b.images.values()));
        this.categories = Collections.unmodifiableList(List.copyOf(b.categories.values()));
        this.imageIndex = new HashMap<>();
        for (int i = 0; i < images.size(); i++) {
            imageIndex.put(images.get(i).id(), i);
        }
        this.categoryIndex = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) {
            categoryIndex.put(categories.get(i).id(), i);
        }
        int n = b.count;
        this.annIds = Arrays.copyOf(b.ids, n);
        this.annImageIds = Arrays.copyOf(b.imageIds, n);
        this.annCategoryIds = Arrays.copyOf(b.categoryIds, n);
        this.annBoxes = Arrays.copyOf(b.boxes, 4 * n);
        this.annAreas = Arrays.copyOf(b.areas, n);
        this.annCrowd = Arrays.copyOf(b.crowd, n);
    }

    /** @return a builder for ground truth made in code */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the images in file order */
    public List<CocoImage> images() {
        return images;
    }

    /** @return the categories in file order */
    public List<CocoCategory> categories() {
        return categories;
    }

    /** @return number of annotations */
    public int annotationCount() {
        return annIds.length;
    }

    /**
     * @param imageId an image id
     * @return true if the image is in the ground truth
     */
    public boolean hasImage(long imageId) {
        return imageIndex.containsKey(imageId);
    }

    /**
     * @param categoryId a category id
     * @return true if the category is in the ground truth
     */
    public boolean hasCategory(int categoryId) {
        return categoryIndex.containsKey(categoryId);
    }

    /**
     * @param categoryId a category id
     * @return its name, or {@code String.valueOf(categoryId)} if unknown
     */
    public String categoryName(int categoryId) {
        Integer i = categoryIndex.get(categoryId);
        return i == null ? String.valueOf(categoryId) : categories.get(i).name();
    }

    /** @return sorted distinct image ids */
    public long[] sortedImageIds() {
        return images.stream().mapToLong(CocoImage::id).sorted().distinct().toArray();
    }

    /** @return sorted distinct category ids */
    public int[] sortedCategoryIds() {
        return categories.stream().mapToInt(CocoCategory::id).sorted().distinct().toArray();
    }

    /** @return annotation ids in file order (a copy) */
    public long[] annotationIds() {
        return annIds.clone();
    }

    /** @return the image id of each annotation (a copy) */
    public long[] annotationImageIds() {
        return annImageIds.clone();
    }

    /** @return the category id of each annotation (a copy) */
    public int[] annotationCategoryIds() {
        return annCategoryIds.clone();
    }

    /** @return the xywh box of each annotation, 4 numbers each (a copy) */
    public double[] annotationBoxesXywh() {
        return annBoxes.clone();
    }

    /** @return the {@code area} field of each annotation (a copy) */
    public double[] annotationAreas() {
        return annAreas.clone();
    }

    /** @return the {@code iscrowd} flag of each annotation (a copy) */
    public boolean[] annotationCrowd() {
        return annCrowd.clone();
    }

    /** Builds {@link CocoGroundTruth} in code (tests, dataset converters, training loops). */
    public static final class Builder {
        private final Map<Long, CocoImage> images = new LinkedHashMap<>();
        private final Map<Integer, CocoCategory> categories = new LinkedHashMap<>();
        private long[] ids = new long[16];
        private long[] imageIds = new long[16];
        private int[] categoryIds = new int[16];
        private double[] boxes = new double[64];
        private double[] areas = new double[16];
        private boolean[] crowd = new boolean[16];
        private int count;
        private long nextId = 1;

        private Builder() {}

        /**
         * Adds an image.
         *
         * @param image the image
         * @return this builder
         * @throws IllegalArgumentException on a duplicate id
         */
        public Builder addImage(CocoImage image) {
            if (images.putIfAbsent(image.id(), image) != null) {
                throw new IllegalArgumentException("duplicate image id " + image.id());
            }
            return this;
        }

        /**
         * Adds an image with only an id.
         *
         * @param imageId the id
         * @return this builder
         */
        public Builder addImage(long imageId) {
            return addImage(new CocoImage(imageId, "", 0, 0));
        }

        /**
         * Adds a category.
         *
         * @param id the category id
         * @param name its name
         * @return this builder
         * @throws IllegalArgumentException on a duplicate id
         */
        public Builder addCategory(int id, String name) {
            if (categories.putIfAbsent(id, new CocoCategory(id, name, "")) != null) {
                throw new IllegalArgumentException("duplicate category id " + id);
            }
            return this;
        }

        /**
         * Adds an annotation with area = w × h and the next free id.
         *
         * @param imageId the image (added automatically if unknown)
         * @param categoryId the category (must have been added)
         * @param x left
         * @param y top
         * @param w width
         * @param h height
         * @param iscrowd the crowd flag
         * @return this builder
         */
        public Builder addAnnotation(long imageId, int categoryId, double x, double y, double w, double h, boolean iscrowd) {
            return addAnnotation(nextId, imageId, categoryId, x, y, w, h, w * h, iscrowd);
        }

        /**
         * Adds an annotation with every field given.
         *
         * @param id annotation id
         * @param imageId the image (added automatically if unknown)
         * @param categoryId the category (must have been added)
         * @param x left
         * @param y top
         * @param w width
         * @param h height
         * @param area the {@code area} field used for the area ranges
         * @param iscrowd the crowd flag
         * @return this builder
         */
        public Builder addAnnotation(long id, long imageId, int categoryId, double x, double y, double w, double h,
                double area, boolean iscrowd) {
            if (!categories.containsKey(categoryId)) {
                throw new IllegalArgumentException("annotation " + id + ": unknown category_id " + categoryId);
            }
            if (!images.containsKey(imageId)) {
                addImage(imageId);
            }
            if (count == ids.length) {
                int cap = count * 2;
                ids = Arrays.copyOf(ids, cap);
                imageIds = Arrays.copyOf(imageIds, cap);
                categoryIds = Arrays.copyOf(categoryIds, cap);
                boxes = Arrays.copyOf(boxes, 4 * cap);
                areas = Arrays.copyOf(areas, cap);
                crowd = Arrays.copyOf(crowd, cap);
            }
            ids[count] = id;
            imageIds[count] = imageId;
            categoryIds[count] = categoryId;
            boxes[4 * count] = x;
            boxes[4 * count + 1] = y;
            boxes[4 * count + 2] = w;
            boxes[4 * count + 3] = h;
            areas[count] = area;
            crowd[count] = iscrowd;
            count++;
            nextId = Math.max(nextId, id + 1);
            return this;
        }

        /** @return the ground truth */
        public CocoGroundTruth build() {
            return new CocoGroundTruth(this);
        }
    }
}
