package io.detkit.metrics.coco;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The outcome of a COCO evaluation: pycocotools' {@code eval} dictionary and {@code stats}.
 *
 * <p>Arrays are flat in C order, as numpy holds them: {@code precision} and {@code scores} are
 * T×R×K×A×M and {@code recall} is T×K×A×M, where T = IoU thresholds, R = recall thresholds, K =
 * category slots ({@link #categorySlots()}; one slot with id −1 when class-agnostic), A = area
 * ranges, M = maxDets. −1 marks cells without ground truth.
 *
 * <p>{@link #stats()} are the 12 summary numbers in pycocotools' order: AP, AP50, AP75, APs, APm,
 * APl, AR1, AR10, AR100, ARs, ARm, ARl. Each is the mean of the defined (> −1) cells it covers.
 * Like pycocotools, stats[0] uses maxDets = 100 whatever the parameters (−1 if 100 is not among
 * them) and the other AP/AR use the third maxDets value (detkit falls back to the last one when
 * fewer than three are given, where pycocotools raises).
 */
public final class CocoEvaluation {
    /** Names of the 12 summary statistics, in order. */
    public static final List<String> STAT_NAMES = List.of(
            "AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl");

    private final CocoGroundTruth gt;
    private final CocoParams params;
    private final int[] slots;
    private final int[] catIds;
    private final double[] precision;
    private final double[] recall;
    private final double[] scores;
    private final int[] gtCounts;
    private final int[] dtCounts;
    private final int nT, nR, nK, nA, nM;
    private final double[] iouThr;
    private final int[] maxDets;
    private final String[] areaLabels;
    private final double[] stats;

    CocoEvaluation(CocoGroundTruth gt, CocoParams params, int[] slots, int[] catIds, double[] precision,
            double[] recall, double[] scores, int[] gtCounts, int[] dtCounts) {
        this.gt = gt;
        this.params = params;
        this.slots = slots;
        this.catIds = catIds;
        this.precision = precision;
        this.recall = recall;
        this.scores = scores;
        this.gtCounts = gtCounts;
        this.dtCounts = dtCounts;
        this.iouThr = params.iouThresholds();
        this.maxDets = params.maxDets();
        this.areaLabels = params.areaLabels();
        this.nT = iouThr.length;
        this.nR = params.recallThresholds().length;
        this.nK = slots.length;
        this.nA = areaLabels.length;
        this.nM = maxDets.length;
        this.stats = computeStats();
    }

    /** @return the parameters used */
    public CocoParams params() {
        return params;
    }

    /** @return dimensions {T, R, K, A, M} of the precision array */
    public int[] dims() {
        return new int[] {nT, nR, nK, nA, nM};
    }

    /** @return the category id of each K slot ({-1} when class-agnostic) */
    public int[] categorySlots() {
        return slots.clone();
    }

    /** @return the precision array, T×R×K×A×M in C order (a copy) */
    public double[] precision() {
        return precision.clone();
    }

    /** @return the recall array, T×K×A×M in C order (a copy) */
    public double[] recall() {
        return recall.clone();
    }

    /** @return the score at each precision cell, T×R×K×A×M in C order (a copy) */
    public double[] scores() {
        return scores.clone();
    }

    /**
     * @param t IoU threshold index
     * @param r recall threshold index
     * @param k category slot index
     * @param a area range index
     * @param m maxDets index
     * @return the interpolated precision, −1 if undefined
     */
    public double precision(int t, int r, int k, int a, int m) {
        return precision[(((t * nR + r) * nK + k) * nA + a) * nM + m];
    }

    /**
     * @param t IoU threshold index
     * @param r recall threshold index
     * @param k category slot index
     * @param a area range index
     * @param m maxDets index
     * @return the score where that recall is reached, −1 if undefined
     */
    public double score(int t, int r, int k, int a, int m) {
        return scores[(((t * nR + r) * nK + k) * nA + a) * nM + m];
    }

    /**
     * @param t IoU threshold index
     * @param k category slot index
     * @param a area range index
     * @param m maxDets index
     * @return the final recall, −1 if undefined
     */
    public double recall(int t, int k, int a, int m) {
        return recall[((t * nK + k) * nA + a) * nM + m];
    }

    /** @return the 12 summary statistics (a copy), see {@link #STAT_NAMES} */
    public double[] stats() {
        return stats.clone();
    }

    /**
     * @param name one of {@link #STAT_NAMES}
     * @return that statistic
     */
    public double stat(String name) {
        int i = STAT_NAMES.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("unknown statistic " + name + "; one of " + STAT_NAMES);
        }
        return stats[i];
    }

    /**
     * pycocotools' {@code _summarize}: the mean of the defined cells for one selection.
     *
     * @param averagePrecision true for AP (precision array), false for AR (recall array)
     * @param iouThreshold one IoU threshold (must equal one of the parameters' exactly), or null for all
     * @param areaLabel area-range label, e.g. "all"
     * @param maxDet a maxDets value
     * @param slot category slot index, or −1 for all slots
     * @return the mean, or −1 when no cell is defined
     */
    public double summarize(boolean averagePrecision, Double iouThreshold, String areaLabel, int maxDet, int slot) {
        int a = indexOf(areaLabels, areaLabel);
        int m = -1;
        for (int i = 0; i < nM; i++) {
            if (maxDets[i] == maxDet) {
                m = i;
            }
        }
        if (a < 0 || m < 0) {
            return -1;
        }
        double[] vals = new double[averagePrecision ? nT * nR * nK : nT * nK];
        int count = 0;
        for (int t = 0; t < nT; t++) {
            if (iouThreshold != null && iouThr[t] != iouThreshold) {
                continue;
            }
            for (int k = (slot < 0 ? 0 : slot); k < (slot < 0 ? nK : slot + 1); k++) {
                if (averagePrecision) {
                    for (int r = 0; r < nR; r++) {
                        double v = precision(t, r, k, a, m);
                        if (v > -1) {
                            vals[count++] = v;
                        }
                    }
                } else {
                    double v = recall(t, k, a, m);
                    if (v > -1) {
                        vals[count++] = v;
                    }
                }
            }
        }
        return count == 0 ? -1 : PairwiseSum.sum(vals, 0, count) / count;
    }

    private double[] computeStats() {
        int md2 = maxDets[Math.min(2, nM - 1)];
        return new double[] {
            summarize(true, null, "all", 100, -1),
            summarize(true, 0.5, "all", md2, -1),
            summarize(true, 0.75, "all", md2, -1),
            summarize(true, null, "small", md2, -1),
            summarize(true, null, "medium", md2, -1),
            summarize(true, null, "large", md2, -1),
            summarize(false, null, "all", maxDets[0], -1),
            summarize(false, null, "all", maxDets[Math.min(1, nM - 1)], -1),
            summarize(false, null, "all", md2, -1),
            summarize(false, null, "small", md2, -1),
            summarize(false, null, "medium", md2, -1),
            summarize(false, null, "large", md2, -1),
        };
    }

    /** @return per-category metrics in sorted category-id order (empty when class-agnostic) */
    public List<CategoryMetrics> categoryMetrics() {
        if (nK == 1 && slots[0] == -1) {
            return List.of();
        }
        int md = maxDets[nM - 1];
        for (int v : maxDets) {
            if (v == 100) {
                md = 100;
            }
        }
        int md0 = maxDets[0], md1 = maxDets[Math.min(1, nM - 1)];
        List<CategoryMetrics> out = new ArrayList<>(nK);
        for (int k = 0; k < nK; k++) {
            int id = slots[k];
            out.add(new CategoryMetrics(id, gt.categoryName(id), gtCounts[k], dtCounts[k],
                    summarize(true, null, "all", md, k),
                    summarize(true, 0.5, "all", md, k),
                    summarize(true, 0.75, "all", md, k),
                    summarize(true, null, "small", md, k),
                    summarize(true, null, "medium", md, k),
                    summarize(true, null, "large", md, k),
                    summarize(false, null, "all", md0, k),
                    summarize(false, null, "all", md1, k),
                    summarize(false, null, "all", md, k)));
        }
        return Collections.unmodifiableList(out);
    }

    /** @return the evaluated category ids, sorted */
    public int[] categoryIds() {
        return catIds.clone();
    }

    /**
     * The 12-line summary exactly as pycocotools prints it.
     *
     * @return the text, one line per statistic
     */
    public String summaryText() {
        StringBuilder sb = new StringBuilder();
        int md2 = maxDets[Math.min(2, nM - 1)];
        String[] area = {"all", "all", "all", "small", "medium", "large", "all", "all", "all", "small", "medium", "large"};
        Double[] iou = {null, 0.5, 0.75, null, null, null, null, null, null, null, null, null};
        int[] md = {100, md2, md2, md2, md2, md2, maxDets[0], maxDets[Math.min(1, nM - 1)], md2, md2, md2, md2};
        for (int i = 0; i < 12; i++) {
            boolean ap = i < 6;
            String iouStr = iou[i] == null
                    ? String.format(Locale.ROOT, "%.2f:%.2f", iouThr[0], iouThr[nT - 1])
                    : String.format(Locale.ROOT, "%.2f", iou[i]);
            sb.append(String.format(Locale.ROOT, " %-17s %s @[ IoU=%-9s | area=%6s | maxDets=%3d ] = %.3f%n",
                    ap ? "Average Precision" : "Average Recall", ap ? "(AP)" : "(AR)", iouStr, area[i], md[i], stats[i]));
        }
        return sb.toString();
    }

    private static int indexOf(String[] a, String v) {
        for (int i = 0; i < a.length; i++) {
            if (a[i].equals(v)) {
                return i;
            }
        }
        return -1;
    }
}
