package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;
import io.detkit.metrics.box.IouKind;

/**
 * The IoU family on NDArrays of xyxy boxes, differentiable, for losses and label assignment. The
 * formulas are those of {@link io.detkit.metrics.box.Iou} (see {@link IouKind}); values agree
 * with it to about 1e-6 relative for boxes of positive size. Differences, as in Ultralytics'
 * {@code bbox_iou}:
 *
 * <ul>
 *   <li>a small {@link #EPS} is added to the union, the enclosing area, the enclosing diagonal,
 *       and heights in the aspect term, so that degenerate boxes give finite values and
 *       gradients (never NaN);
 *   <li>CIoU's trade-off weight {@code α = v / (v − IoU + 1)} is treated as a constant for the
 *       gradient (computed on detached values), as the CIoU paper prescribes.
 * </ul>
 *
 * <p>Shapes: both arguments end in a dimension of 4 ({@code x1, y1, x2, y2}) and broadcast
 * against each other on the leading dimensions; the result has the broadcast leading shape (the
 * last dimension dropped).
 */
public final class BoxOps {
    /** Guard added to denominators. */
    public static final float EPS = 1e-7f;
    private static final float FOUR_OVER_PI_SQ = (float) (4.0 / (Math.PI * Math.PI));

    private BoxOps() {}

    /**
     * Elementwise IoU-family value of {@code a[..., :]} and {@code b[..., :]}.
     *
     * @param kind which member
     * @param a boxes {@code (..., 4)} xyxy
     * @param b boxes {@code (..., 4)} xyxy, broadcastable with {@code a}
     * @return values of the broadcast leading shape
     */
    public static NDArray iou(IouKind kind, NDArray a, NDArray b) {
        NDArray ax1 = coord(a, 0), ay1 = coord(a, 1), ax2 = coord(a, 2), ay2 = coord(a, 3);
        NDArray bx1 = coord(b, 0), by1 = coord(b, 1), bx2 = coord(b, 2), by2 = coord(b, 3);
        NDArray aw = Activation.relu(ax2.sub(ax1)), ah = Activation.relu(ay2.sub(ay1));
        NDArray bw = Activation.relu(bx2.sub(bx1)), bh = Activation.relu(by2.sub(by1));
        NDArray iw = Activation.relu(ax2.minimum(bx2).sub(ax1.maximum(bx1)));
        NDArray ih = Activation.relu(ay2.minimum(by2).sub(ay1.maximum(by1)));
        NDArray inter = iw.mul(ih);
        NDArray union = aw.mul(ah).add(bw.mul(bh)).sub(inter).add(EPS);
        NDArray iou = inter.div(union);
        if (kind == IouKind.IOU) {
            return iou;
        }
        NDArray cw = ax2.maximum(bx2).sub(ax1.minimum(bx1));
        NDArray ch = ay2.maximum(by2).sub(ay1.minimum(by1));
        if (kind == IouKind.GIOU) {
            NDArray c = cw.mul(ch).add(EPS);
            return iou.sub(c.sub(union).div(c));
        }
        NDArray c2 = cw.square().add(ch.square()).add(EPS);
        NDArray dx = bx1.add(bx2).sub(ax1).sub(ax2);
        NDArray dy = by1.add(by2).sub(ay1).sub(ay2);
        NDArray rho2 = dx.square().add(dy.square()).div(ScalarOps.constant(dx, 4f));
        NDArray diou = iou.sub(rho2.div(c2));
        if (kind == IouKind.DIOU) {
            return diou;
        }
        NDArray d = bw.div(ScalarOps.maximum(bh, EPS)).atan().sub(aw.div(ScalarOps.maximum(ah, EPS)).atan());
        NDArray v = ScalarOps.mul(d.square(), FOUR_OVER_PI_SQ);
        NDArray vc = v.stopGradient();
        NDArray alpha = vc.div(vc.sub(iou.stopGradient()).add(1f + EPS));
        return diou.sub(alpha.mul(v));
    }

    /**
     * Pairwise IoU-family matrix.
     *
     * @param kind which member
     * @param a {@code (..., n, 4)}
     * @param b {@code (..., m, 4)}
     * @return {@code (..., n, m)}
     */
    public static NDArray pairwise(IouKind kind, NDArray a, NDArray b) {
        int ra = a.getShape().dimension(), rb = b.getShape().dimension();
        return iou(kind, a.expandDims(ra - 1), b.expandDims(rb - 2));
    }

    /**
     * Areas {@code max(0, x2 − x1)·max(0, y2 − y1)}.
     *
     * @param boxes {@code (..., 4)}
     * @return {@code (...)}
     */
    public static NDArray area(NDArray boxes) {
        return Activation.relu(coord(boxes, 2).sub(coord(boxes, 0))).mul(Activation.relu(coord(boxes, 3).sub(coord(boxes, 1))));
    }

    private static NDArray coord(NDArray boxes, int i) {
        return boxes.get(new NDIndex("..., {}", i));
    }
}
