package io.detkit.detector.rcnn;

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
 * 0.300000012), so that an IoU of exactly 30/100 is not below a threshold of 0.3. The cost
 * is two passes of {@code n·m} IoUs and no allocation beyond {@code O(n + m)}.
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
            java.util.Arrays.fill(matches, BELOW_LOW);
            return matches;
        }
        double[] boxAreas = RcnnBoxes.areas(boxes);
        double[] gtAreas = RcnnBoxes.areas(gt);
        double[] gtBest = new double[m]; // u_j
        double highD = RcnnBoxes.decimal(high), lowD = RcnnBoxes.decimal(low);
        for (int i = 0; i < n; i++) {
            double best = -1;
            int arg = 0;
            double area = boxAreas[i];
            for (int j = 0; j < m; j++) {
                double v = RcnnBoxes.iou(boxes, i, area, gt, j, gtAreas[j]);
                if (v > best) {
                    best = v;
                    arg = j;
                }
                if (v > gtBest[j]) {
                    gtBest[j] = v;
                }
            }
            matches[i] = best >= highD ? arg : best < lowD ? BELOW_LOW : BETWEEN;
        }
        if (allowLowQuality) {
            for (int i = 0; i < n; i++) {
                if (matches[i] >= 0) {
                    continue;
                }
                double best = -1;
                int arg = 0;
                boolean tiesAGtBest = false;
                double area = boxAreas[i];
                for (int j = 0; j < m; j++) {
                    double v = RcnnBoxes.iou(boxes, i, area, gt, j, gtAreas[j]);
                    if (v > best) {
                        best = v;
                        arg = j;
                    }
                    if (v > 0 && v == gtBest[j]) {
                        tiesAGtBest = true;
                    }
                }
                if (tiesAGtBest) {
                    matches[i] = arg;
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
