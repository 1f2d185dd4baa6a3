/**
 * Evaluation reports that a person reads. {@link io.detkit.report.EvaluationReport} takes COCO
 * ground truth and detections (from a results file or from a detkit model), computes every analysis
 * of {@code detkit-metrics} that says where a detector fails — COCO and VOC AP, precision-recall and
 * confidence curves, the confusion matrix, AP by size, a TIDE-style error breakdown, image-level
 * presence ROC — and writes {@code metrics.json}, {@code report.md}, a self-contained
 * {@code report.html} and the charts as PNG files (XChart), with a gallery of the worst images drawn
 * when an {@link io.detkit.report.ImageLocator} finds them.
 */
package io.detkit.report;
