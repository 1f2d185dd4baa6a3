package io.detkit.metrics.errors;

import static io.detkit.metrics.errors.ErrorAnalyzer.ERROR_BASE;
import static io.detkit.metrics.errors.ErrorAnalyzer.IGNORED;
import static io.detkit.metrics.errors.ErrorAnalyzer.TRUE_POSITIVE;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The result of {@link ErrorAnalyzer#analyze}: the base mAP (COCO AP50), one outcome per detection,
 * one state per ground-truth object, and for each {@link ErrorType} its count and the mAP after fixing
 * it. Immutable. Category arrays are indexed by category slot, the position of the category id in
 * {@link #categoryIds()}; detections by their index in the {@code CocoDetections} analysed;
 * ground truth by annotation index (file order of the {@code CocoGroundTruth}).
 *
 * <p>APs are −1 for a category without regular ground truth, and such categories are left out of
 * every mean, as in COCO.
 */
public final class ErrorAnalysis {
    private static final double EPS = Math.ulp(1.0);
    private static final ErrorType[] TYPES = ErrorType.values();

    private final double foregroundIou;
    private final double backgroundIou;
    private final int maxDets;
    private final long[] imageIds;
    private final int[] categoryIds;
    private final int[] dImg;
    private final int[] dCls;
    private final double[] dScore;
    private final byte[] outcome;
    private final int[] matchedGt;
    private final int[] targetGt;
    private final int[] gImg;
    private final int[] gCls;
    private final boolean[] regular;
    private final int[] matchedBy;
    private final boolean[] missed;
    private final int[] nPos;

    private final double[] baseAp;
    private final Map<ErrorType, double[]> fixedAp = new EnumMap<>(ErrorType.class);
    private final double[] fpOracleAp;
    private final double[] fnOracleAp;
    private final Map<ErrorType, int[]> counts = new EnumMap<>(ErrorType.class);
    private final int[] truePositives;

    ErrorAnalysis(ErrorAnalyzer analyzer, long[] imageIds, int[] categoryIds, int[] dImg, int[] dCls, double[] dScore,
            byte[] outcome, int[] matchedGt, int[] targetGt, int[] gImg, int[] gCls, boolean[] regular, int[] matchedBy,
            boolean[] missed, int[] nPos, int[] order) {
        this.foregroundIou = analyzer.foregroundIou();
        this.backgroundIou = analyzer.backgroundIou();
        this.maxDets = analyzer.maxDets();
        this.imageIds = imageIds;
        this.categoryIds = categoryIds;
        this.dImg = dImg;
        this.dCls = dCls;
        this.dScore = dScore;
        this.outcome = outcome;
        this.matchedGt = matchedGt;
        this.targetGt = targetGt;
        this.gImg = gImg;
        this.gCls = gCls;
        this.regular = regular;
        this.matchedBy = matchedBy;
        this.missed = missed;
        this.nPos = nPos;
        int nK = categoryIds.length;

        for (ErrorType t : TYPES) {
            counts.put(t, new int[nK]);
        }
        truePositives = new int[nK];
        for (int d = 0; d < outcome.length; d++) {
            if (outcome[d] == TRUE_POSITIVE) {
                truePositives[dCls[d]]++;
            } else if (outcome[d] >= ERROR_BASE) {
                counts.get(TYPES[outcome[d] - ERROR_BASE])[dCls[d]]++;
            }
        }
        for (int g = 0; g < missed.length; g++) {
            if (missed[g]) {
                counts.get(ErrorType.MISS)[gCls[g]]++;
            }
        }

        // base and fixed APs: per position of the accumulation order, a class (−1: removed) and a flag
        double[] recThr = ErrorAnalyzer.recallThresholds();
        int n = order.length;
        int[] cls = new int[n];
        boolean[] tp = new boolean[n];
        reset(order, cls, tp);
        this.baseAp = ap(cls, tp, nPos, nPos, nK, recThr);
        for (ErrorType t : TYPES) {
            reset(order, cls, tp);
            int[] pos = nPos;
            if (t == ErrorType.MISS) {
                pos = nPos.clone();
                for (int g = 0; g < missed.length; g++) {
                    if (missed[g]) {
                        pos[gCls[g]]--;
                    }
                }
            } else {
                boolean[] claimed = new boolean[gCls.length];
                for (int p = 0; p < n; p++) {
                    int d = order[p];
                    if (outcome[d] != ERROR_BASE + t.ordinal()) {
                        continue;
                    }
                    int g = targetGt[d];
                    if ((t == ErrorType.CLS || t == ErrorType.LOC) && !used(g) && !claimed[g]) {
                        claimed[g] = true;
                        cls[p] = gCls[g];
                        tp[p] = true;
                    } else {
                        cls[p] = -1;
                    }
                }
            }
            fixedAp.put(t, ap(cls, tp, pos, nPos, nK, recThr));
        }
        reset(order, cls, tp);
        for (int p = 0; p < n; p++) {
            if (!tp[p]) {
                cls[p] = -1;
            }
        }
        this.fpOracleAp = ap(cls, tp, nPos, nPos, nK, recThr);
        reset(order, cls, tp);
        this.fnOracleAp = ap(cls, tp, truePositives, nPos, nK, recThr);
    }

    private void reset(int[] order, int[] cls, boolean[] tp) {
        for (int p = 0; p < order.length; p++) {
            cls[p] = dCls[order[p]];
            tp[p] = outcome[order[p]] == TRUE_POSITIVE;
        }
    }

    private boolean used(int g) {
        return matchedBy[g] >= 0 && outcome[matchedBy[g]] == TRUE_POSITIVE;
    }

    /**
     * pycocotools' accumulate at one IoU threshold, area and maxDets: AP per class; −1 for a class
     * without GT in the base evaluation, 0 for one whose GT a fix removed entirely.
     */
    private static double[] ap(int[] cls, boolean[] tp, int[] nPos, int[] basePos, int nK, double[] recThr) {
        int n = cls.length;
        int[] start = new int[nK + 1];
        for (int c : cls) {
            if (c >= 0) {
                start[c + 1]++;
            }
        }
        for (int k = 0; k < nK; k++) {
            start[k + 1] += start[k];
        }
        int[] fill = Arrays.copyOf(start, nK);
        boolean[] flags = new boolean[start[nK]];
        for (int p = 0; p < n; p++) {
            if (cls[p] >= 0) {
                flags[fill[cls[p]]++] = tp[p];
            }
        }
        double[] out = new double[nK];
        double[] rc = new double[0];
        double[] pr = new double[0];
        for (int k = 0; k < nK; k++) {
            if (basePos[k] <= 0) {
                out[k] = -1;
                continue;
            }
            if (nPos[k] <= 0) {
                out[k] = 0; // a fix removed the category's last GT: it keeps its place in the mean
                continue;
            }
            int m = start[k + 1] - start[k];
            if (rc.length < m) {
                rc = new double[m];
                pr = new double[m];
            }
            double tps = 0, fps = 0;
            for (int j = 0; j < m; j++) {
                if (flags[start[k] + j]) {
                    tps += 1;
                } else {
                    fps += 1;
                }
                rc[j] = tps / nPos[k];
                pr[j] = tps / (fps + tps + EPS);
            }
            for (int j = m - 1; j > 0; j--) {
                if (pr[j] > pr[j - 1]) {
                    pr[j - 1] = pr[j];
                }
            }
            double sum = 0;
            int j = 0;
            for (double thr : recThr) {
                while (j < m && rc[j] < thr) {
                    j++;
                }
                if (j >= m) {
                    break; // the remaining recall levels read 0
                }
                sum += pr[j];
            }
            out[k] = sum / recThr.length;
        }
        return out;
    }

    private static double mean(double[] ap) {
        double s = 0;
        int c = 0;
        for (double v : ap) {
            if (v > -1) {
                s += v;
                c++;
            }
        }
        return c == 0 ? -1 : s / c;
    }

    /** @return t_f, the IoU of a true positive and of the AP */
    public double foregroundIou() {
        return foregroundIou;
    }

    /** @return t_b, the background IoU threshold */
    public double backgroundIou() {
        return backgroundIou;
    }

    /** @return detections evaluated per image and category */
    public int maxDets() {
        return maxDets;
    }

    /** @return the evaluated category ids, sorted (a copy); slot k is {@code categoryIds()[k]} */
    public int[] categoryIds() {
        return categoryIds.clone();
    }

    /** @return the image ids, sorted (a copy); image index i is {@code imageIds()[i]} */
    public long[] imageIds() {
        return imageIds.clone();
    }

    /** @return the base mAP at t_f: COCO AP50 with the defaults, −1 if no category has ground truth */
    public double baseMap() {
        return mean(baseAp);
    }

    /** @return the base AP of each category slot (−1 without regular GT), a copy */
    public double[] baseAp() {
        return baseAp.clone();
    }

    /**
     * @param type an error type
     * @return the mAP after fixing every error of that type (see {@link ErrorAnalyzer})
     */
    public double fixedMap(ErrorType type) {
        return mean(fixedAp.get(type));
    }

    /**
     * @param type an error type
     * @return the AP of each category slot after fixing that type (a copy)
     */
    public double[] fixedAp(ErrorType type) {
        return fixedAp.get(type).clone();
    }

    /**
     * @param type an error type
     * @return {@code fixedMap(type) − baseMap()}: how much mAP that error type costs
     */
    public double deltaMap(ErrorType type) {
        return fixedMap(type) - baseMap();
    }

    /** @return the mAP with every false positive removed, minus the base mAP */
    public double falsePositiveDeltaMap() {
        return mean(fpOracleAp) - baseMap();
    }

    /** @return the mAP with every unmatched regular GT removed from n_pos, minus the base mAP */
    public double falseNegativeDeltaMap() {
        return mean(fnOracleAp) - baseMap();
    }

    /**
     * @param type an error type
     * @return how many errors of that type (detections for the five false-positive types, GT for Miss)
     */
    public int count(ErrorType type) {
        int s = 0;
        for (int v : counts.get(type)) {
            s += v;
        }
        return s;
    }

    /**
     * @param type an error type
     * @return per category slot, the errors of that type: false positives by the detection's
     *     category, misses by the GT's category (a copy)
     */
    public int[] counts(ErrorType type) {
        return counts.get(type).clone();
    }

    /** @return per category slot, the true positives at t_f (a copy) */
    public int[] truePositives() {
        return truePositives.clone();
    }

    /** @return per category slot, the regular (non-crowd) ground truth (a copy) */
    public int[] positives() {
        return nPos.clone();
    }

    /** @return the number of detections analysed (evaluated or not) */
    public int detectionCount() {
        return outcome.length;
    }

    /**
     * @param detection a detection index
     * @return its error type, or null when it is a true positive, ignored or not evaluated
     */
    public ErrorType errorOf(int detection) {
        byte o = outcome[detection];
        return o >= ERROR_BASE ? TYPES[o - ERROR_BASE] : null;
    }

    /**
     * @param detection a detection index
     * @return true if it matched a regular GT of its class at t_f
     */
    public boolean isTruePositive(int detection) {
        return outcome[detection] == TRUE_POSITIVE;
    }

    /**
     * @param detection a detection index
     * @return true if it matched a crowd GT (or is outside the area range): neither TP nor error
     */
    public boolean isIgnored(int detection) {
        return outcome[detection] == IGNORED;
    }

    /**
     * @param detection a detection index
     * @return false if it was beyond maxDets or its image or category is not in the ground truth
     */
    public boolean isEvaluated(int detection) {
        return outcome[detection] != ErrorAnalyzer.NOT_EVALUATED;
    }

    /**
     * @param detection a detection index
     * @return the annotation index it matched (true positives), else −1
     */
    public int matchedAnnotation(int detection) {
        return matchedGt[detection];
    }

    /**
     * @param detection a detection index
     * @return for Cls and Loc errors the GT that the fix aims at, for Dupe the GT already found;
     *     else −1
     */
    public int targetAnnotation(int detection) {
        return targetGt[detection];
    }

    /**
     * @param annotation an annotation index
     * @return the true positive that matched it, else −1
     */
    public int matchingDetection(int annotation) {
        return used(annotation) ? matchedBy[annotation] : -1;
    }

    /**
     * @param annotation an annotation index
     * @return true if it is a {@link ErrorType#MISS} error
     */
    public boolean isMissed(int annotation) {
        return missed[annotation];
    }

    /**
     * @param annotation an annotation index
     * @return true if it is a regular (non-crowd) GT of an evaluated image and category
     */
    public boolean isRegular(int annotation) {
        return regular[annotation] && gImg[annotation] >= 0 && gCls[annotation] >= 0;
    }

    /**
     * Errors per image at an operating point: the false positives (of any type) with
     * {@code score ≥ minScore}, plus the regular GT that no true positive with {@code score ≥ minScore}
     * matched. (The matching is greedy by score, so the true positives above a threshold are the same
     * as those of a matching of only the detections above it.)
     *
     * @param minScore the confidence threshold
     * @return {@code {falsePositives[], falseNegatives[]}}, each indexed like {@link #imageIds()}
     */
    public int[][] imageErrors(double minScore) {
        int[] fp = new int[imageIds.length];
        int[] fn = new int[imageIds.length];
        for (int d = 0; d < outcome.length; d++) {
            if (outcome[d] >= ERROR_BASE && dScore[d] >= minScore) {
                fp[dImg[d]]++;
            }
        }
        for (int g = 0; g < gImg.length; g++) {
            if (isRegular(g) && (!used(g) || dScore[matchedBy[g]] < minScore)) {
                fn[gImg[g]]++;
            }
        }
        return new int[][] {fp, fn};
    }

    /**
     * A text table of the error breakdown: count and ΔAP of each type, and the two oracles.
     *
     * @return the table, lines separated by {@code \n}
     */
    public String summaryText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Error breakdown (TIDE; COCO AP%.0f, background IoU %.2f): base mAP %.4f%n",
                foregroundIou * 100, backgroundIou, baseMap()));
        sb.append(String.format(Locale.ROOT, "%-6s %8s %9s  %s%n", "type", "count", "dAP", "meaning"));
        for (ErrorType t : TYPES) {
            sb.append(String.format(Locale.ROOT, "%-6s %8d %9.4f  %s%n", t.shortName(), count(t), deltaMap(t), t.description()));
        }
        sb.append(String.format(Locale.ROOT, "%-6s %8s %9.4f  %s%n", "FP", "", falsePositiveDeltaMap(),
                "all false positives removed"));
        sb.append(String.format(Locale.ROOT, "%-6s %8s %9.4f  %s%n", "FN", "", falseNegativeDeltaMap(),
                "all missed objects found (perfect recall)"));
        return sb.toString();
    }
}
