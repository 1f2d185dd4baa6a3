package io.detkit.metrics;

import io.detkit.metrics.box.Box;

/**
 * One detection: a box, its class and its confidence. The record that flows from the model's
 * decoder through NMS to the evaluators.
 *
 * @param box the box in original-image pixels
 * @param classId the class (COCO category id when evaluating with the COCO evaluator)
 * @param score the confidence, higher is more confident
 */
public record Detection(Box box, int classId, double score) {}
