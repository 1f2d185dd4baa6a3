package io.detkit.detector.train;

import io.detkit.data.DetectionDataset;
import io.detkit.data.format.Datasets;
import io.detkit.data.format.Format;
import io.detkit.data.format.ReadOptions;
import io.detkit.data.synth.SynthConfig;
import io.detkit.data.synth.SyntheticDataset;
import io.detkit.data.validate.CleanDataset;
import io.detkit.data.validate.Policy;
import io.detkit.detector.config.ConfigException;
import io.detkit.detector.config.RunConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The train and val splits of a run's dataset: a YOLO data YAML with {@code train} and {@code val}
 * entries (convert other formats with {@code detkit convert}). When the path does not exist and
 * {@code data.synth.enabled} is set, the synthetic shapes dataset is generated there first. Bad
 * records follow {@code data.policy}; whatever a policy drops or clips is printed.
 *
 * @param train the training split
 * @param val the validation split
 */
public record DatasetSplits(DetectionDataset train, DetectionDataset val) {

    /**
     * @param cfg the run config; {@code data.path} must be absolute or relative to the working directory
     * @param log where to report
     * @return the splits
     * @throws IOException if the dataset cannot be read
     */
    public static DatasetSplits load(RunConfig cfg, PrintStream log) throws IOException {
        if (cfg.data.path == null || cfg.data.path.isBlank()) {
            throw new ConfigException("data.path: no dataset given");
        }
        Path path = Path.of(cfg.data.path);
        if (!Files.exists(path)) {
            if (!cfg.data.synth.enabled) {
                throw new ConfigException("data.path: " + path + " does not exist (set data.synth.enabled: true to generate the"
                        + " synthetic dataset there)");
            }
            Path dir = path.getFileName().toString().endsWith(".yaml") ? path.toAbsolutePath().getParent() : path;
            log.printf(Locale.ROOT, "generating the synthetic dataset in %s (%d images, seed %d) ...%n", dir, cfg.data.synth.images,
                    cfg.data.synth.seed);
            long t = System.nanoTime();
            SyntheticDataset.generate(SynthConfig.builder().optImages(cfg.data.synth.images).optSeed(cfg.data.synth.seed)
                    .optValFraction(cfg.data.synth.valFraction).optImageSize(cfg.model.imgsz).build(), dir);
            log.printf(Locale.ROOT, "generated in %.1f s%n", (System.nanoTime() - t) / 1e9);
            path = dir.resolve("data.yaml");
        }
        Format format = Format.detect(path);
        if (format != Format.YOLO) {
            throw new ConfigException("data.path: " + path + " is " + format.label() + "; training reads a YOLO data YAML with"
                    + " train and val splits (detkit convert --to yolo makes one)");
        }
        Policy policy = Policy.parse(cfg.data.policy);
        DetectionDataset train = split(path, "train", policy, log);
        DetectionDataset val = split(path, "val", policy, log);
        if (train.samples().isEmpty() || val.samples().isEmpty()) {
            throw new ConfigException("data.path: " + path + ": the train and val splits must both hold images (train "
                    + train.samples().size() + ", val " + val.samples().size() + ")");
        }
        return new DatasetSplits(train, val);
    }

    private static DetectionDataset split(Path path, String split, Policy policy, PrintStream log) throws IOException {
        CleanDataset c = Datasets.readChecked(path, Format.YOLO, ReadOptions.builder().optSplit(split).build(), policy);
        if (!c.unchanged()) {
            log.println(split + ": " + c.describe());
        }
        return c.dataset();
    }
}
