/**
 * Pascal VOC detection metrics.
 *
 * <p>{@link io.detkit.metrics.voc.VocEvaluator} takes images one at a time
 * ({@code add(imageKey, groundTruths, detections)}) and returns a
 * {@link io.detkit.metrics.voc.VocResult}: per class, the precision/recall arrays, TP/FP counts,
 * {@code npos}, the all-point AP (VOC2010+, area under the precision envelope) and the 11-point AP
 * (VOC2007), and the mAP over the classes that have positives. Ground truths with
 * {@code ignore = true} are VOC "difficult" objects: a detection matched to one is neither a true
 * nor a false positive, and they are not counted in {@code npos}.
 *
 * <p>{@link io.detkit.metrics.voc.VocConfig} sets the IoU threshold ({@code IoU ≥ t}), plain or
 * legacy "+1 pixel" IoU, and the 11-point recall grid. The default grid,
 * {@link io.detkit.metrics.voc.ElevenPointGrid#REFERENCE}, is the floating-point grid of the
 * reference tools ({@code k·0.1}, whose 7th point is {@code 0.6000000000000001});
 * {@link io.detkit.metrics.voc.ElevenPointGrid#EXACT_TENTHS} uses the doubles nearest to the
 * tenths. They differ only when a recall lands exactly on 0.3, 0.6 or 0.7.
 *
 * <p>Conformance with published values (padilla_voc, review_toyexample) is checked outside the
 * test suite by {@code io.detkit.conformance.VocConformance} in the detector module.
 */
package io.detkit.metrics.voc;
