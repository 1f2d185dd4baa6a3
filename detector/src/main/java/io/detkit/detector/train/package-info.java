/**
 * Pieces of the training step around the optimizer.
 *
 * <ul>
 *   <li>{@link io.detkit.detector.train.GradientClipper}: clipping by value and by global L2 norm,
 *       in place, between {@code backward} and {@code trainer.step()}; returns the pre-clip norm
 *       (NaN/inf: skip the step and {@code zeroGradients}).
 *   <li>{@link io.detkit.detector.train.ModelEma}: Ultralytics-style EMA of the weights, swapped
 *       in for validation and saved with checkpoints.
 * </ul>
 * A step, in order: forward and loss in a gradient collector, {@code backward}; {@code norm =
 * clipper.clip(trainer)}; if the norm is finite {@code trainer.step()} and
 * {@code ema.update(block)}, else {@code GradientClipper.zeroGradients(block)}; log
 * {@code optimizer.getCurrentLr()} and the norm.
 */
package io.detkit.detector.train;
