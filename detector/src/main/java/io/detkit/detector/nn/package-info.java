/**
 * Reusable network pieces on DJL blocks and NDArray ops.
 *
 * <ul>
 *   <li>Blocks (NCHW in and out): {@link io.detkit.detector.nn.ConvBnAct} (conv → BatchNorm →
 *       activation), {@link io.detkit.detector.nn.Bottleneck}, {@link io.detkit.detector.nn.C2f}
 *       (CSP block), {@link io.detkit.detector.nn.Sppf}; activations are chosen with
 *       {@link io.detkit.detector.nn.ActivationSpec} ({@link io.detkit.detector.nn.ActivationType}
 *       lists the kinds; add one there).
 *   <li>Differentiable functions: {@link io.detkit.detector.nn.BoxOps} (IoU, GIoU, DIoU, CIoU of
 *       xyxy boxes, matching {@link io.detkit.metrics.box.Iou}) and
 *       {@link io.detkit.detector.nn.Losses} (stable BCE with logits, focal loss).
 *   <li>Training safety: {@link io.detkit.detector.nn.GradientGuard} checks gradients before an
 *       optimizer step and clears them when they are not finite.
 * </ul>
 */
package io.detkit.detector.nn;
