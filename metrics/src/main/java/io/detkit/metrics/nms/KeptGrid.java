package io.detkit.metrics.nms;

/**
 * A uniform grid over box centres that holds the boxes kept so far, so that a candidate is
 * compared only with the kept boxes that could suppress it.
 *
 * <p><b>Why it finds every suppressor.</b> Let A be kept, B the candidate, with positive areas,
 * widths w_A, w_B, heights h_A, h_B, overlap i_w × i_h, and 0 &lt; t. IoU &gt; t is
 * |A∩B| &gt; t·(|A| + |B| − |A∩B|), i.e. |A∩B|·(1 + t) &gt; t·(|A| + |B|). With h = min(h_A, h_B) ≥ i_h,
 * i_w·h ≥ |A∩B| and |A| + |B| ≥ h·(w_A + w_B), so i_w &gt; t/(1 + t)·(w_A + w_B). As i_w ≤ w_B, this
 * forces w_A &lt; w_B/t; as the overlap of two intervals is at most (w_A + w_B)/2 − |Δc_x|, it forces
 * |Δc_x| &lt; (w_A + w_B)·(1 − t)/(2(1 + t)) &lt; w_B·(1 − t)/(2t). The same holds for y. So every
 * possible suppressor has its centre within {@code R = w_B·(1 − t)/(2t)} of B's centre on x (and
 * {@code h_B·(1 − t)/(2t)} on y), and the grid cells covering that rectangle hold it. The bound is
 * tight: a box A of width w_B/t that contains B at one end approaches it. Rounding moves the
 * computed quantities by a few ulps only; R is widened by a relative 10⁻⁶ and by 10⁻⁹ of the largest
 * coordinate, far more than that. DIoU &gt; t implies IoU &gt; t (DIoU = IoU − a non-negative term,
 * also in floating point), so the same search serves DIoU-NMS. Boxes of zero area never overlap
 * anything and are not stored. Every pair found is checked with the exact IoU, so the grid only
 * prunes and never changes a decision.
 *
 * <p>Storage is CSR-like: all boxes are bucketed by the cell of their centre up front; each cell
 * owns a run of slots that fills in keep order, each holding a copy of the kept box and its area
 * side by side.
 */
final class KeptGrid {
    /** Target cell side as a multiple of the mean search half-width R (measured: 0.5 beats 1 to 3). */
    static final double CELL_PER_R = 0.5;
    /** Numbers per slot: x1, y1, x2, y2, area. */
    private static final int STRIDE = 5;
    /** At most this many cells per stored box. */
    private static final int MAX_CELLS_PER_BOX = 2;

    private final Suppression rule;
    private final double[] box;
    private final double[] area;
    private final double e;
    private final double rScale;
    private final double margin;
    private final int gx;
    private final int gy;
    private final double minX;
    private final double minY;
    private final double invX;
    private final double invY;
    /** Cell of each position's centre, −1 for zero-area boxes (never stored, never suppressed). */
    final int[] cellOf;
    private final int[] cellStart;
    private final int[] fill;
    /** Kept boxes, {@link #STRIDE} numbers per slot. */
    private final double[] slots;
    private final int[] slotOrder;

    /**
     * Builds an empty grid sized for the boxes of {@code s}.
     *
     * @param s the boxes, in processing order
     * @param rule the suppression rule; its threshold must be &gt; 0
     */
    KeptGrid(SortedBoxes s, Suppression rule) {
        this.rule = rule;
        this.box = s.xyxy;
        this.area = s.area;
        this.e = rule.plusOne ? 1.0 : 0.0;
        double t = rule.threshold;
        this.rScale = radiusFactor(t) * (1 + 1e-6);
        int m = s.size;
        double loX = Double.POSITIVE_INFINITY, hiX = Double.NEGATIVE_INFINITY;
        double loY = Double.POSITIVE_INFINITY, hiY = Double.NEGATIVE_INFINITY;
        double sumW = 0, sumH = 0, maxAbs = 0;
        int stored = 0;
        for (int p = 0; p < m; p++) {
            if (!(area[p] > 0)) {
                continue;
            }
            int o = 4 * p;
            double x1 = box[o], y1 = box[o + 1], x2 = box[o + 2], y2 = box[o + 3];
            double cx = centre(x1, x2), cy = centre(y1, y2);
            loX = Math.min(loX, cx);
            hiX = Math.max(hiX, cx);
            loY = Math.min(loY, cy);
            hiY = Math.max(hiY, cy);
            sumW += x2 - x1 + e;
            sumH += y2 - y1 + e;
            maxAbs = Math.max(maxAbs, Math.max(Math.max(Math.abs(x1), Math.abs(x2)), Math.max(Math.abs(y1), Math.abs(y2))));
            stored++;
        }
        this.margin = 1e-9 * (maxAbs + 1);
        int maxCells = (int) Math.min(1 << 24, Math.max(1L, (long) MAX_CELLS_PER_BOX * stored));
        double rangeX = stored > 0 ? hiX - loX : 0, rangeY = stored > 0 ? hiY - loY : 0;
        double sideX = CELL_PER_R * (rScale * (stored > 0 ? sumW / stored : 0) + margin);
        double sideY = CELL_PER_R * (rScale * (stored > 0 ? sumH / stored : 0) + margin);
        double nx = cellsAlong(rangeX, sideX, maxCells), ny = cellsAlong(rangeY, sideY, maxCells);
        if (nx * ny > maxCells) {
            double f = Math.sqrt(maxCells / (nx * ny));
            nx = Math.max(1, nx * f);
            ny = Math.max(1, ny * f);
        }
        this.gx = (int) nx;
        this.gy = (int) ny;
        this.minX = stored > 0 ? loX : 0;
        this.minY = stored > 0 ? loY : 0;
        this.invX = rangeX > 0 ? gx / rangeX : 0;
        this.invY = rangeY > 0 ? gy / rangeY : 0;

        this.cellOf = new int[m];
        this.cellStart = new int[gx * gy + 1];
        for (int p = 0; p < m; p++) {
            if (area[p] > 0) {
                int o = 4 * p;
                int c = cellY(centre(box[o + 1], box[o + 3])) * gx + cellX(centre(box[o], box[o + 2]));
                cellOf[p] = c;
                cellStart[c + 1]++;
            } else {
                cellOf[p] = -1;
            }
        }
        for (int c = 0; c < gx * gy; c++) {
            cellStart[c + 1] += cellStart[c];
        }
        this.fill = new int[gx * gy];
        this.slots = new double[STRIDE * stored];
        this.slotOrder = new int[stored];
    }

    /**
     * The search half-width per unit of candidate width (or height), before widening for rounding.
     *
     * @param t IoU threshold, &gt; 0
     * @return {@code max(0, (1 − t)/(2t))}
     */
    static double radiusFactor(double t) {
        return Math.max(0.0, (1 - t) / (2 * t));
    }

    private static double cellsAlong(double range, double side, int maxCells) {
        if (!(range > 0) || !(side > 0)) {
            return 1;
        }
        return Math.min(maxCells, range / side + 1);
    }

    /** Centre of the interval [lo, hi + e]; halves first so that huge coordinates cannot overflow. */
    private double centre(double lo, double hi) {
        return lo * 0.5 + (hi + e) * 0.5;
    }

    private int cellX(double x) {
        int c = (int) ((x - minX) * invX);
        return c < 0 ? 0 : Math.min(c, gx - 1);
    }

    private int cellY(double y) {
        int c = (int) ((y - minY) * invY);
        return c < 0 ? 0 : Math.min(c, gy - 1);
    }

    /**
     * Whether a kept box suppresses the box at position {@code p}. Only reads the grid, so several
     * threads may call it while nobody inserts.
     *
     * @param p position of a candidate with positive area
     * @return true if suppressed
     */
    boolean suppressed(int p) {
        return suppressed(p, -1);
    }

    /**
     * Whether a kept box with keep order ≥ {@code since} suppresses the box at position {@code p}.
     *
     * @param p position of a candidate with positive area
     * @param since smallest keep order to look at; −1 for all (skips the order check)
     * @return true if suppressed
     */
    boolean suppressed(int p, int since) {
        int o = 4 * p;
        double x1 = box[o], y1 = box[o + 1], x2 = box[o + 2], y2 = box[o + 3];
        double cx = centre(x1, x2), cy = centre(y1, y2);
        double rx = (x2 - x1 + e) * rScale + margin, ry = (y2 - y1 + e) * rScale + margin;
        int cx0 = cellX(cx - rx), cx1 = cellX(cx + rx);
        int cy0 = cellY(cy - ry), cy1 = cellY(cy + ry);
        double a = area[p];
        double[] slots = this.slots;
        for (int cyi = cy0; cyi <= cy1; cyi++) {
            int row = cyi * gx;
            for (int c = row + cx0, last = row + cx1; c <= last; c++) {
                int s0 = cellStart[c];
                int s1 = s0 + fill[c];
                if (since < 0) {
                    for (int s = s0; s < s1; s++) {
                        int so = STRIDE * s;
                        if (rule.suppresses(slots, so, slots[so + 4], box, o, a)) {
                            return true;
                        }
                    }
                } else {
                    // slots fill in keep order: the newest are at the end
                    for (int s = s1 - 1; s >= s0 && slotOrder[s] >= since; s--) {
                        int so = STRIDE * s;
                        if (rule.suppresses(slots, so, slots[so + 4], box, o, a)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Stores the box at position {@code p} as kept.
     *
     * @param p position of a box with positive area
     * @param order its keep order (0 for the first box kept, and so on)
     */
    void insert(int p, int order) {
        int c = cellOf[p];
        int s = cellStart[c] + fill[c]++;
        System.arraycopy(box, 4 * p, slots, STRIDE * s, 4);
        slots[STRIDE * s + 4] = area[p];
        slotOrder[s] = order;
    }
}
