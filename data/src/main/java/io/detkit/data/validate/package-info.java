/**
 * Dataset validation: {@link io.detkit.data.validate.Validator} reports every problem with its file
 * and line/record, {@link io.detkit.data.validate.DatasetSummary} counts images, boxes, classes and
 * box sizes, and {@link io.detkit.data.validate.Policy} (FAIL, SKIP, CLIP) decides what training
 * does with bad records — never silently: {@link io.detkit.data.validate.CleanDataset} counts every
 * dropped or clipped thing.
 */
package io.detkit.data.validate;
