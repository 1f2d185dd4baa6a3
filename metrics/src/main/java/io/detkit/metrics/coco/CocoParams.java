package io.detkit.metrics.coco;

import java.util.Arrays;

/**
 * Evaluation parameters, the counterpart of pycocotools' {@code COCOeval.params} for
 * {@code iouType='bbox'}. Immutable; build with {@link #builder()}.
 *
 * <p>Defaults (pycocotools'): IoU thresholds {@code np.linspace(.5, .95, 10)} computed the way
 * numpy does (t_i = i·(0.95 − 0.5)/9 + 0.5, last exactly 0.95); 101 recall thresholds
 * {@code r_i = i·0.01}, last exactly 1.0; maxDets 1, 10, 100; area ranges all [0, 1e10], small
 * [0, 32²], medium [32², 96²], large [96², 1e10], inclusive at both ends; all images and all
 * categories of the ground truth; per-category evaluation ({@code useCats = 1}).
 */
public final class CocoParams {
    /** Default area-range labels. */
    public static final String[] DEFAULT_AREA_LABELS = {"all", "small", "medium", "large"};

    private final double[] iouThresholds;
    private final double[] recallThresholds;
    private final int[] maxDets;
    private final double[][] areaRanges;
    private final String[] areaLabels;
    private final int[] categoryIds;
    private final long[] imageIds;
    private final boolean useCategories;

    private CocoParams(Builder b) {
        this.iouThresholds = b.iouThresholds.clone();
        this.recallThresholds = b.recallThresholds.clone();
        int[] md = b.maxDets.clone();
        Arrays.sort(md); // pycocotools sorts maxDets in evaluate()
        this.maxDets = md;
        this.areaRanges = new double[b.areaRanges.length][];
        for (int i = 0; i < areaRanges.length; i++) {
            areaRanges[i] = b.areaRanges[i].clone();
        }
        this.areaLabels = b.areaLabels.clone();
        this.categoryIds = b.categoryIds == null ? null : Arrays.stream(b.categoryIds).sorted().distinct().toArray();
        this.imageIds = b.imageIds == null ? null : Arrays.stream(b.imageIds).sorted().distinct().toArray();
        this.useCategories = b.useCategories;
    }

    /** @return the default parameters */
    public static CocoParams defaults() {
        return builder().build();
    }

    /** @return a builder holding the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * numpy's {@code linspace(start, stop, num)} to the last bit: {@code i·step + start} with
     * {@code step = (stop − start)/(num − 1)}, and the last element set to {@code stop}.
     *
     * @param start first value
     * @param stop last value
     * @param num number of values (≥ 1)
     * @return the values
     */
    public static double[] linspace(double start, double stop, int num) {
        double[] out = new double[num];
        if (num == 1) {
            out[0] = start;
            return out;
        }
        double step = (stop - start) / (num - 1);
        for (int i = 0; i < num; i++) {
            out[i] = i * step + start;
        }
        out[num - 1] = stop;
        return out;
    }

    /** @return IoU thresholds (T) */
    public double[] iouThresholds() {
        return iouThresholds.clone();
    }

    /** @return recall thresholds (R) */
    public double[] recallThresholds() {
        return recallThresholds.clone();
    }

    /** @return max detections per image, sorted ascending (M) */
    public int[] maxDets() {
        return maxDets.clone();
    }

    /** @return area ranges {@code [lo, hi]} (A) */
    public double[][] areaRanges() {
        double[][] c = new double[areaRanges.length][];
        for (int i = 0; i < c.length; i++) {
            c[i] = areaRanges[i].clone();
        }
        return c;
    }

    /** @return area-range labels */
    public String[] areaLabels() {
        return areaLabels.clone();
    }

    /** @return category subset (sorted), or null for all categories of the ground truth */
    public int[] categoryIds() {
        return categoryIds == null ? null : categoryIds.clone();
    }

    /** @return image subset (sorted), or null for all images of the ground truth */
    public long[] imageIds() {
        return imageIds == null ? null : imageIds.clone();
    }

    /** @return false for class-agnostic evaluation (pycocotools' {@code useCats = 0}) */
    public boolean useCategories() {
        return useCategories;
    }

    int t() {
        return iouThresholds.length;
    }

    double iouThreshold(int i) {
        return iouThresholds[i];
    }

    double recallThreshold(int i) {
        return recallThresholds[i];
    }

    int maxDet(int i) {
        return maxDets[i];
    }

    double areaLo(int a) {
        return areaRanges[a][0];
    }

    double areaHi(int a) {
        return areaRanges[a][1];
    }

    /** Builder in DJL style; every setter is optional. */
    public static final class Builder {
        private double[] iouThresholds = linspace(0.5, 0.95, (int) Math.round((0.95 - 0.5) / 0.05) + 1);
        private double[] recallThresholds = linspace(0.0, 1.0, (int) Math.round(1.0 / 0.01) + 1);
        private int[] maxDets = {1, 10, 100};
        private double[][] areaRanges = {{0, 1e10}, {0, 32 * 32}, {32 * 32, 96 * 96}, {96 * 96, 1e10}};
        private String[] areaLabels = DEFAULT_AREA_LABELS.clone();
        private int[] categoryIds;
        private long[] imageIds;
        private boolean useCategories = true;

        private Builder() {}

        /**
         * @param thresholds IoU thresholds, each in [0, 1]
         * @return this builder
         */
        public Builder optIouThresholds(double... thresholds) {
            if (thresholds.length == 0) {
                throw new IllegalArgumentException("need at least one IoU threshold");
            }
            for (double t : thresholds) {
                if (!(t >= 0 && t <= 1)) {
                    throw new IllegalArgumentException("IoU threshold must be in [0, 1]: " + t);
                }
            }
            this.iouThresholds = thresholds.clone();
            return this;
        }

        /**
         * @param thresholds recall thresholds, ascending, each in [0, 1]
         * @return this builder
         */
        public Builder optRecallThresholds(double... thresholds) {
            if (thresholds.length == 0) {
                throw new IllegalArgumentException("need at least one recall threshold");
            }
            for (int i = 0; i < thresholds.length; i++) {
                if (!(thresholds[i] >= 0 && thresholds[i] <= 1) || (i > 0 && thresholds[i] < thresholds[i - 1])) {
                    throw new IllegalArgumentException("recall thresholds must be ascending in [0, 1]");
                }
            }
            this.recallThresholds = thresholds.clone();
            return this;
        }

        /**
         * @param maxDets maximum detections per image, one evaluation per value
         * @return this builder
         */
        public Builder optMaxDets(int... maxDets) {
            if (maxDets.length == 0) {
                throw new IllegalArgumentException("need at least one maxDets value");
            }
            for (int m : maxDets) {
                if (m < 1) {
                    throw new IllegalArgumentException("maxDets must be ≥ 1: " + m);
                }
            }
            this.maxDets = maxDets.clone();
            return this;
        }

        /**
         * @param ranges area ranges {@code [lo, hi]}, inclusive at both ends
         * @param labels one label per range ("all", "small", "medium", "large" are used by the summary)
         * @return this builder
         */
        public Builder optAreaRanges(double[][] ranges, String[] labels) {
            if (ranges.length == 0 || ranges.length != labels.length) {
                throw new IllegalArgumentException("need one label per area range");
            }
            for (double[] r : ranges) {
                if (r.length != 2 || !(r[0] <= r[1])) {
                    throw new IllegalArgumentException("area range must be [lo, hi] with lo ≤ hi: " + Arrays.toString(r));
                }
            }
            this.areaRanges = ranges.clone();
            this.areaLabels = labels.clone();
            return this;
        }

        /**
         * @param categoryIds evaluate only these categories (null: all)
         * @return this builder
         */
        public Builder optCategoryIds(int... categoryIds) {
            this.categoryIds = categoryIds == null ? null : categoryIds.clone();
            return this;
        }

        /**
         * @param imageIds evaluate only these images (null: all)
         * @return this builder
         */
        public Builder optImageIds(long... imageIds) {
            this.imageIds = imageIds == null ? null : imageIds.clone();
            return this;
        }

        /**
         * @param useCategories false for class-agnostic evaluation
         * @return this builder
         */
        public Builder optUseCategories(boolean useCategories) {
            this.useCategories = useCategories;
            return this;
        }

        /** @return the parameters */
        public CocoParams build() {
            return new CocoParams(this);
        }
    }
}
