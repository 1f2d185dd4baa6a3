/**
 * The synthetic shapes detection dataset, detkit's embedded default: {@link
 * io.detkit.data.synth.SyntheticDataset#generate} renders coloured shapes ({@link
 * io.detkit.data.synth.ShapeClass}) with exact boxes into a folder, in the Ultralytics YOLO and COCO
 * layouts, from a {@link io.detkit.data.synth.SynthConfig}; the same seed gives byte-identical files.
 */
package io.detkit.data.synth;
