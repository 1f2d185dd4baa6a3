package io.detkit.detector.rcnn;

import java.util.Arrays;

/**
 * Matches boxes (anchors or proposals) to ground-truth boxes by IoU, as torchvision's
 * {@code Matcher}.
 *
 * <p>For box {@code i} let {@code v_i = max_j IoU(box_i, gt_j)} and {@code j_i} the GT attaining it
 * (the lowest index among ties). The match of box {@code i} is
 *
 * <ul>
 *   <li>{@code j_i} if {@code v_i ≥ high};
 *   <li>{@link #BETWEEN} if {@code low ≤ v_i < high};
 *   <li>{@link #BELOW_LOW} if {@code v_i < low}.
 * </ul>
 *
 * <p><b>Low-quality matches.</b> With {@code allowLowQuality}, a GT none of whose boxes reaches
 * {@code high} still gets one: for every GT {@code j} with best overlap {@code u_j = max_i IoU(box_i, gt_j) > 0},
 * every box {@code i} with {@code IoU(box_i, gt_j) = u_j} (all ties, compared exactly) is matched
 * whatever {@code v_i} is. As in torchvision, such a box is matched to its own best GT
 * {@code j_i}, which is {@code j} unless the box overlaps another GT even more. Unlike torchvision,
 * a GT that overlaps no box at all ({@code u_j = 0}) is skipped: torchvision would then match every
 * box with IoU 0 to it.
 *
 * <p>IoU is computed in double precision without "+1": {@code |A∩B| / (|A| + |B| − |A∩B|)}, and
 * compared with the thresholds as the shortest decimals of the floats (0.3f as 0.3, not
 * 0.300000012), so that an IoU of exactly 30/100 is not below a threshold of 0.3. The cost is one
 * pass of {@code n·m} IoUs; for low-quality matching it also keeps, per GT, the boxes attaining its
 * best IoU so far (ties are few), so no second pass is needed. Memory is {@code O(n + m + ties)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Matcher {
    /** Match value of a box whose best IoU is below {@code low}: a negative. */
    public static final int BELOW_LOW = -1;
    /** Match value of a box whose best IoU is in {@code [low, high)}: ignored. */
    public static final int BETWEEN = -2;

    private final float high;
    private final float low;
    private final boolean allowLowQuality;

    /**
     * Creates a matcher.
     *
     * @param high a box whose best IoU is ≥ {@code high} is matched to that GT
     * @param low a box whose best IoU is &lt; {@code low} is {@link #BELOW_LOW}; between the two it is
     *     {@link #BETWEEN}
     * @param allowLowQuality also match each GT's best-overlapping boxes (all ties of that maximum)
     * @throws IllegalArgumentException unless {@code 0 ≤ low ≤ high ≤ 1}
     */
    public Matcher(float high, float low, boolean allowLowQuality) {
        if (!(low >= 0 && low <= high && high <= 1)) {
            throw new IllegalArgumentException("Matcher: need 0 ≤ low ≤ high ≤ 1, got low " + low + ", high " + high);
        }
        this.high = high;
        this.low = low;
        this.allowLowQuality = allowLowQuality;
    }

    /** @return the IoU at or above which a box is matched */
    public float high() {
        return high;
    }

    /** @return the IoU below which a box is {@link #BELOW_LOW} */
    public float low() {
        return low;
    }

    /** @return whether each GT's best-overlapping boxes are matched too */
    public boolean allowLowQuality() {
        return allowLowQuality;
    }

    /**
     * Matches every box to a GT, or marks it {@link #BELOW_LOW} or {@link #BETWEEN}, by the rules of
     * the class comment.
     *
     * @param boxes {@code 4·n} numbers, xyxy, finite (boxes of zero area have IoU 0 with everything)
     * @param gt {@code 4·m} numbers, xyxy, each with width and height &gt; 0; {@code m} may be 0, and
     *     then every box is {@link #BELOW_LOW}
     * @return per box the index of its GT in {@code [0, m)}, or {@link #BELOW_LOW} or {@link #BETWEEN}
     * @throws IllegalArgumentException on a length that is not a multiple of 4, a non-finite number,
     *     or a GT box (named by index) with width or height ≤ 0
     */
    public int[] match(float[] boxes, float[] gt) {
        int n = RcnnBoxes.count(boxes, "boxes");
        int m = RcnnBoxes.countPositive(gt, "gt");
        int[] matches = new int[n];
        if (m == 0) {
            Arrays.fill(matches, BELOW_LOW);
            return matches;
        }
        // GT as columns of doubles, loaded once; each box's coordinates are loaded once
        double[] gx1 = new double[m], gy1 = new double[m], gx2 = new double[m], gy2 = new double[m];
        double[] garea = new double[m];
        for (int j = 0; j < m; j++) {
            gx1[j] = gt[4 * j];
            gy1[j] = gt[4 * j + 1];
            gx2[j] = gt[4 * j + 2];
            gy2[j] = gt[4 * j + 3];
            garea[j] = (gx2[j] - gx1[j]) * (gy2[j] - gy1[j]);
        }
        double[] gtBest = new double[m]; // u_j
        // with low-quality matching: per box its best GT j_i, and per GT the boxes attaining u_j so far
        int[] bestGt = allowLowQuality ? new int[n] : null;
        int[][] ties = allowLowQuality ? new int[m][4] : null;
        int[] tieCount = allowLowQuality ? new int[m] : null;
        double highD = RcnnBoxes.decimal(high), lowD = RcnnBoxes.decimal(low);
        for (int i = 0; i < n; i++) {
            double x1 = boxes[4 * i], y1 = boxes[4 * i + 1], x2 = boxes[4 * i + 2], y2 = boxes[4 * i + 3];
            double area = RcnnBoxes.area(x1, y1, x2, y2);
            double best = -1;
            int arg = 0;
            for (int j = 0; j < m; j++) {
                double v = RcnnBoxes.iou(x1, y1, x2, y2, area, gx1[j], gy1[j], gx2[j], gy2[j], garea[j]);
                if (v > best) {
                    best = v;
                    arg = j;
                }
                if (v >= gtBest[j] && v > 0 && ties != null) {
                    if (v > gtBest[j]) {
                        tieCount[j] = 0;
                    } else if (tieCount[j] == ties[j].length) {
                        ties[j] = Arrays.copyOf(ties[j], 2 * tieCount[j]);
                    }
                    ties[j][tieCount[j]++] = i;
                }
                if (v > gtBest[j]) {
                    gtBest[j] = v;
                }
            }
            matches[i] = best >= highD ? arg : best < lowD ? BELOW_LOW : BETWEEN;
            if (bestGt != null) {
                bestGt[i] = arg;
            }
        }
        if (allowLowQuality) {
            for (int j = 0; j < m; j++) {
                for (int t = 0; t < tieCount[j]; t++) {
                    int i = ties[j][t];
                    matches[i] = bestGt[i];
                }
            }
        }
        return matches;
    }

    @Override
    public String toString() {
        return "Matcher(high=" + high + ", low=" + low + ", allowLowQuality=" + allowLowQuality + ")";
    }
}
