/**
 * Faster R-CNN: two-stage detector (RPN, RoIAlign, box head).
 *
 * <ul>
 *   <li>{@link io.detkit.detector.rcnn.RoiAlign}: RoIAlign on one feature map, equal to
 *       {@code torchvision.ops.roi_align}, differentiable with respect to the features.
 *   <li>{@link io.detkit.detector.rcnn.MultiScaleRoiAlign}: RoIAlign over FPN levels, each RoI on
 *       the level chosen by the FPN paper's rule.
 * </ul>
 */
package io.detkit.detector.rcnn;
