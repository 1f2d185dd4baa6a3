package io.detkit.metrics.errors;

import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoParams;
import io.detkit.metrics.util.IntList;
import io.detkit.metrics.util.StableSort;
import java.util.Arrays;
import java.util.Objects;

/**
 * TIDE-style error analysis of COCO box detections (Bolya et al., "TIDE: A General Toolbox for
 * Identifying Object Detection Errors", ECCV 2020): every false positive is given one
 * {@link ErrorType}, every missed object is counted, and for each type the analysis says how much
 * mAP would rise if the errors of that type alone were fixed.
 *
 * <p><b>AP convention: COCO AP50.</b> The mAP is pycocotools' AP at IoU {@code t_f} (default 0.5),
 * area "all", {@code maxDets} 100: per category, the detections of each image sorted by score (stable)
 * and cut to 100, concatenated in image-id order and sorted again stably by score;
 * {@code precision_i = TP_i / (TP_i + FP_i + 2^−52)}, {@code recall_i = TP_i / n_pos}; the precision
 * made monotone from the right and read at the 101 recall levels {@code 0, 0.01, …, 1} (first point
 * with {@code recall ≥ r}, 0 past the last); AP = the mean of the 101 values; mAP = the mean over the
 * categories with {@code n_pos > 0}. The base mAP therefore equals {@code CocoEvaluation.stats()[1]}
 * (AP50) of the same inputs, and each category's base AP its per-category AP50, up to rounding in the
 * last bits (the tests check 1e-12). The matching is pycocotools' at {@code t_f}: a detection takes
 * the unmatched same-class GT of highest IoU ≥ {@code t_f}, regular GT before crowd GT; a detection
 * matched to a crowd GT (IoU = intersection / detection area) is ignored, neither TP nor error.
 * (pycocotools' quirk of reading a GT with annotation id 0 as "no match" is not reproduced here.)
 *
 * <p><b>Classifying a false positive</b> {@code d} (TIDE's order; the first test that holds wins).
 * Let {@code R} be the regular (non-crowd) GT of its image, of any class, and IoU the plain IoU:
 * <ol>
 *   <li>{@code R} is empty: {@link ErrorType#BKG};
 *   <li>{@code t_b ≤ max IoU(d, g)} over {@code g ∈ R} of {@code d}'s class, and that maximum is
 *       {@code < t_f}: {@link ErrorType#LOC}, target = that {@code g} (matched or not);
 *   <li>{@code max IoU(d, g) ≥ t_f} over {@code g ∈ R} of another class: {@link ErrorType#CLS},
 *       target = that {@code g};
 *   <li>{@code max IoU(d, g) ≥ t_f} over {@code g ∈ R} of {@code d}'s class already matched by a
 *       true positive: {@link ErrorType#DUPE};
 *   <li>{@code max IoU(d, g) ≤ t_b} over all of {@code R}: {@link ErrorType#BKG};
 *   <li>otherwise {@link ErrorType#BOTH}.
 * </ol>
 * A regular GT that no true positive matched is {@link ErrorType#MISS} unless it is the target of a
 * Cls or Loc error (those errors would find it once fixed). Ties of IoU go to the first GT in file
 * order. TIDE tests Loc with {@code IoU ≤ t_f}; here it is {@code < t_f}, so a box at exactly
 * {@code t_f} from an already-matched GT is a duplicate, not a localisation error.
 *
 * <p><b>Fixing an error type</b> (all errors of that type, the others left as they are), as TIDE:
 * <ul>
 *   <li>Cls: the detection takes its target's class and becomes a true positive at its score, if the
 *       target is not matched by a true positive and no higher-scoring Cls error took it; otherwise
 *       the detection is removed;
 *   <li>Loc: the same, keeping the class (the box is taken as perfect);
 *   <li>Both, Dupe, Bkg: the detections are removed;
 *   <li>Miss: the missed GT are removed from {@code n_pos} of their category.
 * </ul>
 * {@code ΔAP(type) = mAP(fixed) − mAP(base)}, the mean always over the categories that have regular
 * GT before the fix (a category whose {@code n_pos} a fix brings to 0 counts with AP 0, as in TIDE;
 * unlike TIDE, categories with detections but no GT are left out, as in COCO). None of these fixes
 * lowers a precision or a recall, so ΔAP ≥ 0 (TIDE clips negative values to 0; nothing is clipped
 * here). Two oracles are reported too: all false positives removed, and all unmatched regular GT
 * removed from {@code n_pos} (perfect recall at unchanged precision). TIDE lets one GT be claimed by the
 * highest-scoring Cls <em>or</em> Loc error together; here each type is fixed on its own and the
 * highest-scoring error of that type claims the GT. Position ties in the score order (equal
 * scores) follow image-id order, then detection order.
 *
 * <p>Detections beyond the 100 highest-scoring of their (image, category) are not evaluated (as in
 * COCO), nor are detections whose image or category is not in the ground truth.
 */
public final class ErrorAnalyzer {
    /** TIDE's foreground IoU threshold t_f. */
    public static final double DEFAULT_FOREGROUND_IOU = 0.5;
    /** TIDE's background IoU threshold t_b. */
    public static final double DEFAULT_BACKGROUND_IOU = 0.1;
    /** Detections kept per image and category, as COCO's maxDets = 100. */
    public static final int DEFAULT_MAX_DETS = 100;

    static final byte NOT_EVALUATED = 0;
    static final byte TRUE_POSITIVE = 1;
    static final byte IGNORED = 2;
    /** Outcome codes from here on are {@code ERROR_BASE + ErrorType.ordinal()}. */
    static final byte ERROR_BASE = 3;

    private static final double AREA_LO = 0;
    private static final double AREA_HI = 1e10;

    private final CocoGroundTruth gt;
    private final double foregroundIou;
    private final double backgroundIou;
    private final int maxDets;

    /**
     * An analyzer with TIDE's defaults: t_f = 0.5, t_b = 0.1, 100 detections per image and category.
     *
     * @param gt the ground truth
     */
    public ErrorAnalyzer(CocoGroundTruth gt) {
        this(gt, DEFAULT_FOREGROUND_IOU, DEFAULT_BACKGROUND_IOU, DEFAULT_MAX_DETS);
    }

    /**
     * An analyzer with chosen thresholds.
     *
     * @param gt the ground truth
     * @param foregroundIou t_f, the IoU of a true positive, in (0, 1]
     * @param backgroundIou t_b, below which a detection is on background, in (0, t_f)
     * @param maxDets detections kept per image and category (≥ 1)
     * @throws IllegalArgumentException if a threshold or {@code maxDets} is out of range
     */
    public ErrorAnalyzer(CocoGroundTruth gt, double foregroundIou, double backgroundIou, int maxDets) {
        this.gt = Objects.requireNonNull(gt, "gt");
        if (!(foregroundIou > 0 && foregroundIou <= 1)) {
            throw new IllegalArgumentException("foreground IoU must be in (0, 1], got " + foregroundIou);
        }
        if (!(backgroundIou > 0 && backgroundIou < foregroundIou)) {
            throw new IllegalArgumentException("background IoU must be in (0, " + foregroundIou + "), got " + backgroundIou);
        }
        if (maxDets < 1) {
            throw new IllegalArgumentException("maxDets must be at least 1, got " + maxDets);
        }
        this.foregroundIou = foregroundIou;
        this.backgroundIou = backgroundIou;
        this.maxDets = maxDets;
    }

    /**
     * Matches, classifies and fixes.
     *
     * @param dets the detections (COCO results: image id, category id, xywh box, score)
     * @return the analysis
     */
    public ErrorAnalysis analyze(CocoDetections dets) {
        Objects.requireNonNull(dets, "dets");
        long[] imgIds = gt.sortedImageIds();
        int[] catIds = gt.sortedCategoryIds();
        int nImg = imgIds.length, nK = catIds.length;

        // ground truth, grouped by image (file order within)
        long[] annImg = gt.annotationImageIds();
        int[] annCat = gt.annotationCategoryIds();
        double[] gBox = gt.annotationBoxesXywh();
        double[] gArea = gt.annotationAreas();
        boolean[] gCrowd = gt.annotationCrowd();
        int nG = annImg.length;
        int[] gImg = new int[nG];
        int[] gCls = new int[nG];
        boolean[] regular = new boolean[nG];
        for (int g = 0; g < nG; g++) {
            gImg[g] = Arrays.binarySearch(imgIds, annImg[g]);
            gCls[g] = Arrays.binarySearch(catIds, annCat[g]);
            regular[g] = !gCrowd[g] && gArea[g] >= AREA_LO && gArea[g] <= AREA_HI;
        }
        int[][] gtOfImage = group(gImg, gCls, nImg);

        // detections, grouped by image (file order within)
        int nD = dets.size();
        int[] dImg = new int[nD];
        int[] dCls = new int[nD];
        double[] dBox = new double[4 * nD];
        double[] dScore = new double[nD];
        for (int d = 0; d < nD; d++) {
            dImg[d] = Arrays.binarySearch(imgIds, dets.imageId(d));
            dCls[d] = Arrays.binarySearch(catIds, dets.categoryId(d));
            System.arraycopy(dets.boxXywh(d), 0, dBox, 4 * d, 4);
            dScore[d] = dets.score(d);
        }
        int[][] detsOfImage = group(dImg, dCls, nImg);

        byte[] outcome = new byte[nD];
        int[] matchedGt = new int[nD];
        int[] targetGt = new int[nD];
        Arrays.fill(matchedGt, -1);
        Arrays.fill(targetGt, -1);
        int[] matchedBy = new int[nG];
        Arrays.fill(matchedBy, -1);
        boolean[] usable = new boolean[nG];
        int[] perClassCount = new int[nK];

        for (int i = 0; i < nImg; i++) {
            int[] gs = gtOfImage[i];
            int[] ds = detsOfImage[i];
            if (ds.length == 0) {
                continue;
            }
            // GT order for matching: regular first, then ignored, file order within each
            int[] gOrder = new int[gs.length];
            int w = 0;
            for (int g : gs) {
                if (regular[g]) {
                    gOrder[w++] = g;
                }
            }
            for (int g : gs) {
                if (!regular[g]) {
                    gOrder[w++] = g;
                }
            }
            double[] sc = new double[ds.length];
            for (int j = 0; j < ds.length; j++) {
                sc[j] = dScore[ds[j]];
            }
            int[] ord = StableSort.descending(sc);
            Arrays.fill(perClassCount, 0);
            // matching, in score order; each class is matched independently as in pycocotools
            for (int j : ord) {
                int d = ds[j];
                int c = dCls[d];
                if (perClassCount[c]++ >= maxDets) {
                    continue; // beyond maxDets: not evaluated
                }
                double best = Math.min(foregroundIou, 1 - 1e-10);
                int m = -1;
                for (int g : gOrder) {
                    if (gCls[g] != c) {
                        continue;
                    }
                    if (matchedBy[g] >= 0 && !gCrowd[g]) {
                        continue;
                    }
                    if (m > -1 && regular[m] && !regular[g]) {
                        break;
                    }
                    double v = iou(dBox, d, gBox, g, gCrowd[g]);
                    if (v < best) {
                        continue;
                    }
                    best = v;
                    m = g;
                }
                double area = dBox[4 * d + 2] * dBox[4 * d + 3];
                if (m == -1) {
                    outcome[d] = area < AREA_LO || area > AREA_HI ? IGNORED : ERROR_BASE; // classified below
                } else {
                    if (matchedBy[m] < 0) {
                        matchedBy[m] = d;
                    }
                    if (regular[m]) {
                        outcome[d] = TRUE_POSITIVE;
                        matchedGt[d] = m;
                    } else {
                        outcome[d] = IGNORED;
                    }
                }
            }
            // classify the false positives
            for (int j : ord) {
                int d = ds[j];
                if (outcome[d] != ERROR_BASE) {
                    continue;
                }
                ErrorType type = classify(d, gs, regular, gCls, dCls, dBox, gBox, matchedBy, outcome, targetGt);
                outcome[d] = (byte) (ERROR_BASE + type.ordinal());
                int t = targetGt[d];
                if ((type == ErrorType.CLS || type == ErrorType.LOC) && !isUsed(t, matchedBy, outcome)) {
                    usable[t] = true;
                }
            }
        }

        boolean[] missed = new boolean[nG];
        for (int g = 0; g < nG; g++) {
            missed[g] = regular[g] && gImg[g] >= 0 && gCls[g] >= 0 && !isUsed(g, matchedBy, outcome) && !usable[g];
        }
        int[] nPos = new int[nK];
        for (int g = 0; g < nG; g++) {
            if (regular[g] && gImg[g] >= 0 && gCls[g] >= 0) {
                nPos[gCls[g]]++;
            }
        }

        // the evaluated detections in COCO's accumulation order: score descending, then image, then index
        IntList evaluated = new IntList();
        for (int i = 0; i < nImg; i++) {
            for (int d : detsOfImage[i]) {
                if (outcome[d] == TRUE_POSITIVE || outcome[d] >= ERROR_BASE) {
                    evaluated.add(d);
                }
            }
        }
        int[] order = StableSort.descending(dScore, evaluated.toArray());
        return new ErrorAnalysis(this, imgIds, catIds, dImg, dCls, dScore, outcome, matchedGt, targetGt, gImg, gCls,
                regular, matchedBy, missed, nPos, order);
    }

    /** @return t_f */
    public double foregroundIou() {
        return foregroundIou;
    }

    /** @return t_b */
    public double backgroundIou() {
        return backgroundIou;
    }

    /** @return detections kept per image and category */
    public int maxDets() {
        return maxDets;
    }

    static double[] recallThresholds() {
        return CocoParams.defaults().recallThresholds();
    }

    private static boolean isUsed(int g, int[] matchedBy, byte[] outcome) {
        return matchedBy[g] >= 0 && outcome[matchedBy[g]] == TRUE_POSITIVE;
    }

    private ErrorType classify(int d, int[] gs, boolean[] regular, int[] gCls, int[] dCls, double[] dBox, double[] gBox,
            int[] matchedBy, byte[] outcome, int[] targetGt) {
        double sameMax = -1, diffMax = -1, usedSameMax = -1, anyMax = -1;
        int sameArg = -1, diffArg = -1, usedArg = -1;
        boolean anyRegular = false;
        for (int g : gs) {
            if (!regular[g]) {
                continue;
            }
            anyRegular = true;
            double v = iou(dBox, d, gBox, g, false);
            anyMax = Math.max(anyMax, v);
            if (gCls[g] == dCls[d]) {
                if (v > sameMax) {
                    sameMax = v;
                    sameArg = g;
                }
                if (isUsed(g, matchedBy, outcome) && v > usedSameMax) {
                    usedSameMax = v;
                    usedArg = g;
                }
            } else if (v > diffMax) {
                diffMax = v;
                diffArg = g;
            }
        }
        if (!anyRegular) {
            return ErrorType.BKG;
        }
        if (sameArg >= 0 && sameMax >= backgroundIou && sameMax < foregroundIou) {
            targetGt[d] = sameArg;
            return ErrorType.LOC;
        }
        if (diffArg >= 0 && diffMax >= foregroundIou) {
            targetGt[d] = diffArg;
            return ErrorType.CLS;
        }
        if (usedArg >= 0 && usedSameMax >= foregroundIou) {
            targetGt[d] = usedArg;
            return ErrorType.DUPE;
        }
        if (anyMax <= backgroundIou) {
            return ErrorType.BKG;
        }
        return ErrorType.BOTH;
    }

    /**
     * IoU of detection {@code d} and GT {@code g}, both xywh, with pycocotools' arithmetic
     * ({@code maskApi.c}'s {@code bbIou}); for a crowd GT the union is the detection's area.
     */
    static double iou(double[] dBox, int d, double[] gBox, int g, boolean crowd) {
        double dx = dBox[4 * d], dy = dBox[4 * d + 1], dw = dBox[4 * d + 2], dh = dBox[4 * d + 3];
        double gx = gBox[4 * g], gy = gBox[4 * g + 1], gw = gBox[4 * g + 2], gh = gBox[4 * g + 3];
        double w = Math.min(dx + dw, gx + gw) - Math.max(dx, gx);
        if (w <= 0) {
            return 0;
        }
        double h = Math.min(dy + dh, gy + gh) - Math.max(dy, gy);
        if (h <= 0) {
            return 0;
        }
        double inter = w * h;
        double da = dw * dh;
        return inter / (crowd ? da : da + gw * gh - inter);
    }

    /** Indices with a known image and class, grouped by image, in index order. */
    private static int[][] group(int[] img, int[] cls, int nImg) {
        int[] count = new int[nImg];
        for (int j = 0; j < img.length; j++) {
            if (img[j] >= 0 && cls[j] >= 0) {
                count[img[j]]++;
            }
        }
        int[][] out = new int[nImg][];
        for (int i = 0; i < nImg; i++) {
            out[i] = new int[count[i]];
        }
        Arrays.fill(count, 0);
        for (int j = 0; j < img.length; j++) {
            if (img[j] >= 0 && cls[j] >= 0) {
                out[img[j]][count[img[j]]++] = j;
            }
        }
        return out;
    }
}
