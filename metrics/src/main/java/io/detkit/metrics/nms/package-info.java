/**
 * Non-maximum suppression: {@link io.detkit.metrics.nms.Nms} (greedy, class-aware, soft-NMS, DIoU-NMS)
 * configured by {@link io.detkit.metrics.nms.NmsConfig}. The math is in the {@code Nms} class
 * documentation.
 */
package io.detkit.metrics.nms;
