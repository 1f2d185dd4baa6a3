/**
 * Training-time augmentation on OpenCV: mosaic, random affine, HSV jitter, flips and letterbox,
 * with boxes transformed and filtered consistently, reproducible per {@code (seed, epoch, index)}.
 *
 * <ul>
 *   <li>{@link io.detkit.data.augment.AugmentConfig}: the settings, Ultralytics' defaults.
 *   <li>{@link io.detkit.data.augment.Augmenter}: {@code apply(seed, epoch, index, source)} gives an
 *       {@link io.detkit.data.augment.AugmentedSample} (square BGR image, xyxy boxes in its pixels,
 *       class ids, ignore flags).
 *   <li>{@link io.detkit.data.augment.SampleSource}: random access to
 *       {@link io.detkit.data.augment.DecodedSample}s, so a mosaic can fetch three more images;
 *       {@code SampleSource.of(samples)} decodes {@link io.detkit.data.DetectionSample} files.
 *   <li>{@link io.detkit.data.augment.AugmentationGrid}: draws samples with their boxes into one
 *       PNG.
 * </ul>
 * Every {@code Mat} the pipeline creates is released; the caller closes the samples it gets.
 */
package io.detkit.data.augment;
