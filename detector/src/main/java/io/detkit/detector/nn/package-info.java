/**
 * Reusable network pieces on DJL blocks and NDArray ops.
 *
 * <ul>
 *   <li>Blocks (NCHW in and out): {@link io.detkit.detector.nn.ConvBnAct} (conv → BatchNorm →
 *       activation), {@link io.detkit.detector.nn.Bottleneck}, {@link io.detkit.detector.nn.C2f}
 *       (CSP block), {@link io.detkit.detector.nn.Sppf}; activations are chosen with
 *       {@link io.detkit.detector.nn.ActivationSpec} ({@link io.detkit.detector.nn.ActivationType}
 *       lists the kinds; add one there), PReLU's learnable slopes live in
 *       {@link io.detkit.detector.nn.PRelu}; attention blocks
 *       {@link io.detkit.detector.nn.SqueezeExcitation} and {@link io.detkit.detector.nn.Cbam}.
 *   <li>Differentiable functions: {@link io.detkit.detector.nn.BoxOps} (IoU, GIoU, DIoU, CIoU of
 *       xyxy boxes, matching {@link io.detkit.metrics.box.Iou}) and
 *       {@link io.detkit.detector.nn.Losses} (BCE with logits, focal, varifocal, softmax
 *       cross-entropy with label smoothing, L1, MSE, smooth L1, Huber, KL divergence);
 *       {@link io.detkit.detector.nn.ClassificationLoss} is a detector's choice of classification
 *       loss with label smoothing.
 *   <li>Training safety: {@link io.detkit.detector.nn.GradientGuard} checks gradients before an
 *       optimizer step and clears them when they are not finite.
 * </ul>
 */
package io.detkit.detector.nn;
