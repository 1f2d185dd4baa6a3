package io.detkit.data.synth;

import io.detkit.data.DetectionDataset;
import java.nio.file.Path;

/**
 * The two splits of a generated synthetic dataset; image paths point at the written files.
 *
 * @param root the dataset folder (absolute)
 * @param train the training split
 * @param val the validation split (may have no samples when the val fraction is 0)
 */
public record SynthSplits(Path root, DetectionDataset train, DetectionDataset val) {}
