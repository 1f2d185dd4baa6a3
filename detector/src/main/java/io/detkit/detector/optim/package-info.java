/**
 * Optimizers and learning-rate schedules with PyTorch's semantics, on DJL NDArray ops.
 *
 * <ul>
 *   <li>{@link io.detkit.detector.optim.DetkitOptimizer}: base of {@link io.detkit.detector.optim.Sgd}
 *       (plain, momentum with dampening 0, Nesterov), {@link io.detkit.detector.optim.AdaGrad},
 *       {@link io.detkit.detector.optim.RmsProp}, {@link io.detkit.detector.optim.AdaDelta},
 *       {@link io.detkit.detector.optim.Adam}, {@link io.detkit.detector.optim.AdamW} and
 *       {@link io.detkit.detector.optim.NAdam}; each class comment has its update formula. Use one
 *       with {@code new DefaultTrainingConfig(loss).optOptimizer(opt)}; {@code trainer.step()} then
 *       calls {@code update} per parameter, and the gradient is zeroed afterwards as DJL's own
 *       PyTorch optimizers do. Built from {@code train.optimizer} by
 *       {@link io.detkit.detector.optim.Optimizers#create}.
 *   <li>{@link io.detkit.detector.optim.LrSchedule}: lr(t) for the 0-based iteration t; the k-th
 *       update uses lr(k − 1). Built from {@code train.schedule} by
 *       {@link io.detkit.detector.optim.LrSchedules#create}, whose class comment lists every
 *       formula and how warm-up is put in front.
 *   <li>Exact resume: {@link io.detkit.detector.optim.DetkitOptimizer#saveState} /
 *       {@link io.detkit.detector.optim.DetkitOptimizer#loadState} (format in the class comment),
 *       parameters named by {@link io.detkit.detector.optim.ParamRef}. With the model weights and
 *       the EMA restored too, a resumed run continues bit for bit.
 * </ul>
 */
package io.detkit.detector.optim;
