package io.detkit.metrics.coco;

import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * COCO box evaluation, equal to pycocotools' {@code COCOeval(gt, dt, 'bbox')} followed by
 * {@code evaluate()}, {@code accumulate()} and {@code summarize()}.
 *
 * <p>Detections arrive incrementally ({@link #add(long, List)}, {@link #addAll(CocoDetections)}),
 * so a training loop can evaluate without writing JSON, and two evaluators over the same ground
 * truth can be {@linkplain #merge merged} to split a large job. Detections keep their arrival order,
 * which decides score ties exactly as the file order does in pycocotools (after a merge: this
 * evaluator's detections, then the other's).
 *
 * <p>The rules that make the numbers exact (see pycocotools' {@code cocoeval.py}):
 * <ul>
 *   <li>Per image and category, detections are sorted by score (stable: ties keep arrival order) and
 *       cut to the largest maxDets before matching.
 *   <li>GT IoU is {@code inter / union}; for a crowd GT it is {@code inter / detection area}, and a
 *       crowd GT can match many detections. Boxes are xywh and the intersection width is computed as
 *       {@code min(x_d + w_d, x_g + w_g) − max(x_d, x_g)}, as in {@code maskApi.c}.
 *   <li>A GT is ignored when it is a crowd or its {@code area} is outside the area range (ranges are
 *       inclusive at both ends). Ignored GT are ordered last; a detection takes the unmatched GT with
 *       the highest IoU ≥ min(t, 1 − 1e−10), and stops at the first ignored GT once it holds a
 *       regular one.
 *   <li>A detection matched to an ignored GT is ignored. An unmatched detection whose area
 *       {@code w·h} is outside the range is ignored. Ignored detections are neither TP nor FP.
 *   <li>Accumulation concatenates the per-image lists (first maxDet of each) in sorted image-id
 *       order, sorts them again stably by score, and computes precision
 *       {@code tp / (tp + fp + eps)} with {@code eps = 2^−52}, made monotone from the right and
 *       sampled at the recall thresholds by a left-side search; recall thresholds past the final
 *       recall get precision 0. Categories without non-ignored GT get −1 and are left out of means.
 *   <li>A match is recorded by the GT's annotation id, and pycocotools treats a stored id of 0 as
 *       "unmatched": a detection matched to a GT whose id is 0 counts as a false positive. detkit
 *       keeps this quirk so that results stay equal; give GT ids ≥ 1 to avoid it.
 * </ul>
 *
 * <p>Not thread-safe while adding; {@link #evaluate()} uses all cores internally. For parallel
 * producers, use one evaluator per thread and merge them.
 */
public final class CocoEvaluator {
    static final byte FP = 0;
    static final byte TP = 1;
    static final byte IGNORED = 2;

    private final CocoGroundTruth gt;
    private final CocoParams params;
    private final CocoDetections dets = new CocoDetections(1 << 12);

    /**
     * Creates an evaluator with default parameters.
     *
     * @param gt the ground truth
     */
    public CocoEvaluator(CocoGroundTruth gt) {
        this(gt, CocoParams.defaults());
    }

    /**
     * Creates an evaluator.
     *
     * @param gt the ground truth
     * @param params the parameters
     */
    public CocoEvaluator(CocoGroundTruth gt, CocoParams params) {
        this.gt = Objects.requireNonNull(gt, "gt");
        this.params = Objects.requireNonNull(params, "params");
    }

    /** @return the ground truth */
    public CocoGroundTruth groundTruth() {
        return gt;
    }

    /** @return the parameters */
    public CocoParams params() {
        return params;
    }

    /** @return number of detections added so far */
    public int detectionCount() {
        return dets.size();
    }

    /**
     * Adds one detection.
     *
     * @param imageId an image of the ground truth
     * @param categoryId a category of the ground truth
     * @param x left
     * @param y top
     * @param w width (≥ 0)
     * @param h height (≥ 0)
     * @param score finite confidence
     * @throws IllegalArgumentException for an unknown image or category, a negative size or a
     *     non-finite number
     */
    public void add(long imageId, int categoryId, double x, double y, double w, double h, double score) {
        if (!gt.hasImage(imageId)) {
            throw new IllegalArgumentException("image_id " + imageId + " is not an image of the ground truth");
        }
        if (!gt.hasCategory(categoryId)) {
            throw new IllegalArgumentException("category_id " + categoryId + " is not a category of the ground truth");
        }
        if (!Double.isFinite(score)) {
            throw new IllegalArgumentException("score must be finite: " + score);
        }
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(w) && Double.isFinite(h)) || w < 0 || h < 0) {
            throw new IllegalArgumentException("bad box [" + x + ", " + y + ", " + w + ", " + h + "]");
        }
        dets.add(imageId, categoryId, x, y, w, h, score);
    }

    /**
     * Adds the detections of one image; {@link Detection#classId()} is the COCO category id.
     *
     * @param imageId an image of the ground truth
     * @param detections its detections, boxes in pixels
     */
    public void add(long imageId, List<Detection> detections) {
        for (Detection d : detections) {
            Box b = d.box();
            add(imageId, d.classId(), b.x1(), b.y1(), b.x2() - b.x1(), b.y2() - b.y1(), d.score());
        }
    }

    /**
     * Adds every detection of a results list (e.g. from {@link CocoJson#readResults}).
     *
     * @param detections the detections, in file order
     */
    public void addAll(CocoDetections detections) {
        for (int i = 0; i < detections.size(); i++) {
            int o = 4 * i;
            add(detections.imageIds[i], detections.categoryIds[i], detections.boxes[o], detections.boxes[o + 1],
                    detections.boxes[o + 2], detections.boxes[o + 3], detections.scores[i]);
        }
    }

    /**
     * Appends the detections of another evaluator over the same ground truth and parameters.
     *
     * @param other the other evaluator; left unchanged
     * @return this evaluator
     * @throws IllegalArgumentException if the ground truth or parameters differ
     */
    public CocoEvaluator merge(CocoEvaluator other) {
        if (other.gt != gt || other.params != params) {
            throw new IllegalArgumentException("can only merge evaluators built on the same ground truth and params objects");
        }
        if (other == this) {
            throw new IllegalArgumentException("cannot merge an evaluator with itself");
        }
        CocoDetections o = other.dets;
        for (int i = 0; i < o.size(); i++) {
            int b = 4 * i;
            dets.add(o.imageIds[i], o.categoryIds[i], o.boxes[b], o.boxes[b + 1], o.boxes[b + 2], o.boxes[b + 3], o.scores[i]);
        }
        return this;
    }

    /**
     * Runs evaluate + accumulate + summarize over the detections added so far. Can be called again
     * after more detections are added.
     *
     * @return the evaluation
     */
    public CocoEvaluation evaluate() {
        long[] imgIds = params.imageIds() != null ? params.imageIds() : gt.sortedImageIds();
        int[] catIds = params.categoryIds() != null ? params.categoryIds() : gt.sortedCategoryIds();
        boolean useCats = params.useCategories();
        int nImg = imgIds.length;
        int nCat = catIds.length;
        int nK = useCats ? nCat : 1;
        int nT = params.t();
        int nR = params.recallThresholds().length;
        int nA = params.areaRanges().length;
        int nM = params.maxDets().length;

        Groups gtGroups = Groups.of(gt.annImageIds, gt.annCategoryIds, gt.annIds.length, imgIds, catIds, useCats);
        Groups dtGroups = Groups.of(dets.imageIds, dets.categoryIds, dets.size(), imgIds, catIds, useCats);

        double[] precision = new double[nT * nR * nK * nA * nM];
        double[] scores = new double[nT * nR * nK * nA * nM];
        double[] recall = new double[nT * nK * nA * nM];
        Arrays.fill(precision, -1);
        Arrays.fill(scores, -1);
        Arrays.fill(recall, -1);
        int[] gtCounts = new int[nK];
        int[] dtCounts = new int[nK];

        CategoryEvaluator.Shared shared = new CategoryEvaluator.Shared(gt, dets, params, gtGroups, dtGroups, nImg, nK,
                precision, scores, recall, gtCounts, dtCounts);
        IntStream.range(0, nK).parallel().forEach(k -> new CategoryEvaluator(shared, k).run());

        return new CocoEvaluation(gt, params, useCats ? catIds : new int[] {-1}, catIds, precision, recall, scores,
                gtCounts, dtCounts);
    }

    /** Annotations or detections grouped by (category slot, image), stable within a group. */
    static final class Groups {
        /** Indices into the source arrays, grouped. */
        final int[] order;
        /** Group g = k·I + i spans {@code order[start[g] .. start[g+1])}. */
        final int[] start;

        private Groups(int[] order, int[] start) {
            this.order = order;
            this.start = start;
        }

        static Groups of(long[] imageIds, int[] categoryIds, int n, long[] imgIds, int[] catIds, boolean useCats) {
            int nImg = imgIds.length;
            int nK = useCats ? catIds.length : 1;
            int[] keep = new int[n];
            int[] group = new int[n];
            int[] cat = new int[n];
            int m = 0;
            for (int j = 0; j < n; j++) {
                int i = Arrays.binarySearch(imgIds, imageIds[j]);
                if (i < 0) {
                    continue;
                }
                int c = Arrays.binarySearch(catIds, categoryIds[j]);
                if (c < 0) {
                    continue;
                }
                keep[m] = j;
                group[m] = (useCats ? c : 0) * nImg + i;
                cat[m] = c;
                m++;
            }
            int[] idx = new int[m];
            for (int j = 0; j < m; j++) {
                idx[j] = j;
            }
            if (!useCats) {
                // pycocotools concatenates per category (in category order), file order within
                idx = countingSort(idx, cat, catIds.length);
            }
            int nGroups = nK * nImg;
            int[] start = new int[nGroups + 1];
            for (int j = 0; j < m; j++) {
                start[group[j] + 1]++;
            }
            for (int g = 0; g < nGroups; g++) {
                start[g + 1] += start[g];
            }
            int[] fill = Arrays.copyOf(start, nGroups);
            int[] order = new int[m];
            for (int j : idx) {
                order[fill[group[j]]++] = keep[j];
            }
            return new Groups(order, start);
        }

        private static int[] countingSort(int[] idx, int[] key, int buckets) {
            int[] count = new int[buckets + 1];
            for (int j : idx) {
                count[key[j] + 1]++;
            }
            for (int b = 0; b < buckets; b++) {
                count[b + 1] += count[b];
            }
            int[] out = new int[idx.length];
            for (int j : idx) {
                out[count[key[j]]++] = j;
            }
            return out;
        }
    }
}
