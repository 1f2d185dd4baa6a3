package io.detkit.detector.yolo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Arrays;

/**
 * The task-aligned assignment of {@link TaskAlignedAssigner} computed on the host on primitive
 * arrays, for engines on the CPU. The dense formulation builds a dozen {@code N×M×A} tensors
 * (CIoU of every GT with every predicted box, then masks, powers, top-k); here each GT only visits
 * the anchor points inside it, a few dozen instead of all {@code A}, so the cost falls from tens
 * of milliseconds per step (16 images × 32 slots × 2,100 anchors at 320 px) to about one.
 *
 * <p>Same rules, same results (to float rounding, computed in double): candidates strictly inside
 * the GT ({@code min distance > 1e-9}); {@code u = max(CIoU(gt, pred), 0)}, with
 * {@link io.detkit.detector.nn.BoxOps}'s CIoU and its ε = 1e-7; {@code t = s^α·u^β}; per GT the
 * candidates with {@code t ≥} the k-th largest {@code t} over all anchors and {@code t > 0}; an
 * anchor picked by several GT goes to the first GT of largest {@code u} among all it lies in; the
 * class target is {@code t · max_u(gt) / (max_t(gt) + 1e-9)}.
 */
final class HostAlignedAssignment {
    private static final double EPS = 1e-9;
    private static final double IOU_EPS = 1e-7;
    private static final double FOUR_OVER_PI_SQ = 4.0 / (Math.PI * Math.PI);

    private HostAlignedAssignment() {}

    /**
     * @param topK candidates kept per GT
     * @param alpha exponent of the class score
     * @param beta exponent of the IoU
     * @param predScores N×A×C probabilities
     * @param predBoxes N×A×4 xyxy
     * @param points A×2 anchor centres
     * @param gtBoxes N×M×4 xyxy
     * @param gtClasses N×M class indices
     * @param gtCount N valid boxes per image
     * @return the assignment, on {@code predScores}' manager, in its float type
     */
    static TaskAlignedAssigner.Assignment assign(int topK, double alpha, double beta, NDArray predScores, NDArray predBoxes,
            NDArray points, NDArray gtBoxes, NDArray gtClasses, NDArray gtCount) {
        Shape ss = predScores.getShape();
        int n = (int) ss.get(0), a = (int) ss.get(1), c = (int) ss.get(2);
        int m = (int) gtBoxes.getShape().get(1);
        double[] scores = host(predScores);
        double[] boxes = host(predBoxes);
        double[] pts = host(points);
        double[] gt = host(gtBoxes);
        double[] cls = host(gtClasses);
        double[] count = host(gtCount);
        int k = Math.min(topK, a);

        double[] targetBoxes = new double[n * a * 4];
        double[] targetScores = new double[n * a * c];
        double[] fg = new double[n * a];
        long[] gtIndex = new long[n * a];

        int[] owner = new int[a]; // per anchor of the current image: −1 none, j one GT, −2 several
        int[][] cand = new int[m][];
        double[][] candAlign = new double[m][];
        double[][] candIou = new double[m][];
        int[] candN = new int[m];
        double[] kth = new double[m];
        int[] scratchIdx = new int[a];
        double[] scratchAlign = new double[a];
        double[] scratchIou = new double[a];
        for (int img = 0; img < n; img++) {
            int valid = (int) Math.min(m, Math.max(0, Math.round(count[img])));
            Arrays.fill(owner, -1);
            // candidates, their IoU and alignment, and the k-th largest alignment of each GT
            for (int j = 0; j < valid; j++) {
                int g = (img * m + j) * 4;
                int gc = classOf(cls[img * m + j], c);
                int nc = 0;
                for (int p = 0; p < a; p++) {
                    if (!inside(pts, p, gt, g)) {
                        continue;
                    }
                    double u = Math.max(ciou(gt, g, boxes, (img * a + p) * 4), 0);
                    double s = scores[(img * a + p) * c + gc];
                    scratchIdx[nc] = p;
                    scratchIou[nc] = u;
                    scratchAlign[nc] = Math.pow(s, alpha) * Math.pow(u, beta);
                    nc++;
                }
                cand[j] = Arrays.copyOf(scratchIdx, nc);
                candIou[j] = Arrays.copyOf(scratchIou, nc);
                candAlign[j] = Arrays.copyOf(scratchAlign, nc);
                candN[j] = nc;
                kth[j] = kthLargest(candAlign[j], k); // anchors outside hold 0: fewer than k candidates → 0
            }
            // top-k picks; an anchor picked twice is resolved below
            for (int j = 0; j < valid; j++) {
                for (int i = 0; i < candN[j]; i++) {
                    double t = candAlign[j][i];
                    if (t >= kth[j] && t > 0) {
                        int p = cand[j][i];
                        owner[p] = owner[p] == -1 ? j : -2;
                    }
                }
            }
            for (int p = 0; p < a; p++) {
                if (owner[p] == -2) {
                    owner[p] = highestIou(img, p, valid, m, pts, gt, boxes, a);
                }
            }
            // per GT: the largest alignment and IoU among the anchors it owns
            double[] maxAlign = new double[valid];
            double[] maxIou = new double[valid];
            double[] ownAlign = new double[a];
            double[] ownIou = new double[a];
            for (int j = 0; j < valid; j++) {
                for (int i = 0; i < candN[j]; i++) {
                    int p = cand[j][i];
                    if (owner[p] == j) {
                        ownAlign[p] = candAlign[j][i];
                        ownIou[p] = candIou[j][i];
                        maxAlign[j] = Math.max(maxAlign[j], ownAlign[p]);
                        maxIou[j] = Math.max(maxIou[j], ownIou[p]);
                    }
                }
            }
            for (int p = 0; p < a; p++) {
                int j = owner[p];
                if (j < 0) {
                    continue;
                }
                int row = img * a + p;
                fg[row] = 1;
                gtIndex[row] = j;
                System.arraycopy(gt, (img * m + j) * 4, targetBoxes, row * 4, 4);
                targetScores[row * c + classOf(cls[img * m + j], c)] = ownAlign[p] * maxIou[j] / (maxAlign[j] + EPS);
            }
        }
        NDManager manager = predScores.getManager();
        DataType ft = predScores.getDataType();
        return new TaskAlignedAssigner.Assignment(create(manager, targetBoxes, new Shape(n, a, 4), ft),
                create(manager, targetScores, new Shape(n, a, c), ft), create(manager, fg, new Shape(n, a), ft),
                manager.create(gtIndex, new Shape(n, a)));
    }

    /**
     * The GT of largest IoU with the anchor's predicted box among all valid GT that hold the anchor
     * (the first on ties), as the dense {@code argMax} over GT slots does.
     */
    private static int highestIou(int img, int p, int valid, int m, double[] pts, double[] gt, double[] boxes, int a) {
        int best = 0;
        double bestIou = 0;
        for (int j = 0; j < valid; j++) {
            int g = (img * m + j) * 4;
            if (!inside(pts, p, gt, g)) {
                continue;
            }
            double u = Math.max(ciou(gt, g, boxes, (img * a + p) * 4), 0);
            if (u > bestIou) {
                bestIou = u;
                best = j;
            }
        }
        return best;
    }

    private static int classOf(double v, int c) {
        return (int) Math.min(c - 1, Math.max(0, v));
    }

    private static boolean inside(double[] pts, int p, double[] gt, int g) {
        double x = pts[2 * p], y = pts[2 * p + 1];
        double d = Math.min(Math.min(x - gt[g], y - gt[g + 1]), Math.min(gt[g + 2] - x, gt[g + 3] - y));
        return d > EPS;
    }

    /** k-th largest value (0 when there are fewer than k values, as for anchors outside the GT). */
    private static double kthLargest(double[] values, int k) {
        if (values.length < k) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length - k];
    }

    /** CIoU of box {@code b[i..i+3]} (the GT) with {@code q[o..o+3]} (the prediction), as BoxOps computes it. */
    static double ciou(double[] b, int i, double[] q, int o) {
        double ax1 = b[i], ay1 = b[i + 1], ax2 = b[i + 2], ay2 = b[i + 3];
        double bx1 = q[o], by1 = q[o + 1], bx2 = q[o + 2], by2 = q[o + 3];
        double aw = Math.max(ax2 - ax1, 0), ah = Math.max(ay2 - ay1, 0);
        double bw = Math.max(bx2 - bx1, 0), bh = Math.max(by2 - by1, 0);
        double iw = Math.max(Math.min(ax2, bx2) - Math.max(ax1, bx1), 0);
        double ih = Math.max(Math.min(ay2, by2) - Math.max(ay1, by1), 0);
        double inter = iw * ih;
        double iou = inter / (aw * ah + bw * bh - inter + IOU_EPS);
        double cw = Math.max(ax2, bx2) - Math.min(ax1, bx1);
        double ch = Math.max(ay2, by2) - Math.min(ay1, by1);
        double c2 = cw * cw + ch * ch + IOU_EPS;
        double dx = bx1 + bx2 - ax1 - ax2, dy = by1 + by2 - ay1 - ay2;
        double rho2 = (dx * dx + dy * dy) / 4;
        double d = Math.atan(bw / Math.max(bh, IOU_EPS)) - Math.atan(aw / Math.max(ah, IOU_EPS));
        double v = FOUR_OVER_PI_SQ * d * d;
        double alpha = v / (v - iou + 1 + IOU_EPS);
        return iou - rho2 / c2 - alpha * v;
    }

    private static double[] host(NDArray x) {
        if (x.getDataType() == DataType.FLOAT64) {
            return x.toDoubleArray();
        }
        try (NDArray d = x.toType(DataType.FLOAT64, true)) {
            return d.toDoubleArray();
        }
    }

    private static NDArray create(NDManager manager, double[] values, Shape shape, DataType ft) {
        if (ft == DataType.FLOAT64) {
            return manager.create(values, shape);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f, shape);
    }
}
