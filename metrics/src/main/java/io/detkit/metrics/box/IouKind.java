package io.detkit.metrics.box;

/**
 * The IoU family. For boxes A and B with smallest enclosing box C:
 *
 * <ul>
 *   <li>{@link #IOU}: |A∩B| / |A∪B|, in [0, 1].
 *   <li>{@link #GIOU}: IoU − (|C| − |A∪B|) / |C| (Rezatofighi et al. 2019), in [−1, 1].
 *   <li>{@link #DIOU}: IoU − ρ²/c², where ρ is the distance between the box centres and c the
 *       diagonal of C (Zheng et al. 2020), in [−1, 1].
 *   <li>{@link #CIOU}: DIoU − α·v with v = 4/π²·(atan(w_B/h_B) − atan(w_A/h_A))² and
 *       α = v / (1 − IoU + v) (α = 0 when v = 0), in [−1.5, 1].
 * </ul>
 */
public enum IouKind {
    /** Intersection over union. */
    IOU,
    /** Generalised IoU. */
    GIOU,
    /** Distance IoU. */
    DIOU,
    /** Complete IoU. */
    CIOU
}
