/**
 * A FLOPs / parameters profiler for any DJL {@code Block}.
 *
 * <p>{@link io.detkit.profile.Profiler#profile Profiler.profile(block, inputShape)} walks the block
 * tree and returns a {@link io.detkit.profile.ProfileReport}: one
 * {@link io.detkit.profile.LayerProfile} per layer (name, type, input and output shapes,
 * trainable and frozen parameters, MACs, FLOPs = 2 × MACs, other operations, output bytes,
 * receptive field and cumulative stride), totals, and a training-memory estimate. The counting
 * rules, in one place, are in {@link io.detkit.profile.CountingRules}; custom blocks register their
 * own counters there.
 */
package io.detkit.profile;
