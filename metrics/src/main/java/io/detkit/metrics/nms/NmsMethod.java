package io.detkit.metrics.nms;

/** How {@link Nms} treats a box that overlaps a higher-scored kept box; see {@link Nms} for the math. */
public enum NmsMethod {
    /** Classic greedy NMS: remove the box when IoU &gt; threshold. */
    GREEDY,
    /** Soft-NMS, linear decay: multiply the score by {@code 1 − IoU} when IoU &gt; threshold. */
    SOFT_LINEAR,
    /** Soft-NMS, Gaussian decay: multiply the score by {@code exp(−IoU²/σ)}. */
    SOFT_GAUSSIAN,
    /** DIoU-NMS: remove the box when IoU − ρ²/c² &gt; threshold. */
    DIOU
}
