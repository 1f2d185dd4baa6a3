/**
 * Where does a detector fail? A TIDE-style error analysis (Bolya et al., ECCV 2020) of COCO box
 * detections: {@link io.detkit.metrics.errors.ErrorAnalyzer} matches the detections as COCO does at
 * IoU 0.5, gives each false positive one {@link io.detkit.metrics.errors.ErrorType} (classification,
 * localisation, both, duplicate, background) and counts the missed objects, then reports for each
 * type how much the COCO AP50 would rise if its errors were fixed
 * ({@link io.detkit.metrics.errors.ErrorAnalysis}).
 */
package io.detkit.metrics.errors;
