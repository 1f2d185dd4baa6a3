/**
 * Detection curves and the detection confusion matrix, with Ultralytics' semantics.
 *
 * <ul>
 *   <li>{@link io.detkit.metrics.curves.CurveEvaluator}: per-detection TP flags at several IoU
 *       thresholds ({@link io.detkit.metrics.curves.PredictionMatcher}), per-class precision,
 *       recall and F1 against the confidence threshold on a 1000-point grid, the mean F1 curve and
 *       the best-F1 operating point ({@link io.detkit.metrics.curves.ConfidenceCurves}), APs per
 *       IoU threshold, and per-class precision/recall curves
 *       ({@link io.detkit.metrics.curves.PrCurve}, also buildable from a VOC result).
 *   <li>{@link io.detkit.metrics.curves.ConfusionMatrixEvaluator}: the confusion matrix at one
 *       confidence and IoU threshold. <b>Rows = predicted class, columns = true class, last index
 *       = background</b> ({@link io.detkit.metrics.curves.ConfusionMatrix}).
 * </ul>
 * All evaluators take images one at a time with {@code add(imageKey, groundTruths, detections)}.
 */
package io.detkit.metrics.curves;
