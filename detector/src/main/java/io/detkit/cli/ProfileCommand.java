package io.detkit.cli;

import io.detkit.detector.zoo.ModelZoo;
import io.detkit.profile.OptimizerKind;
import io.detkit.profile.ProfileReport;
import io.detkit.profile.Profiler;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detkit profile}: parameters, MACs/FLOPs, activations and receptive fields of a network. */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = {"Profile a network layer by layer without running it.",
            "Parameters (trainable, frozen), MACs (one multiply-add = 1; conv and linear), FLOPs",
            "(= 2 x MACs), other ops (pool, norm, activations, sums; counted apart),",
            "output sizes, receptive field and stride, and a training-memory estimate.",
            "Figures are per image (batch 1) at --imgsz."})
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "RUN.yaml", description = "Profile the model of a run config (its classes and imgsz).")
    java.nio.file.Path config;

    @Option(names = "--model", paramLabel = "NAME",
            description = "Network to profile: ${COMPLETION-CANDIDATES}.", completionCandidates = ModelNames.class)
    String model;

    @Option(names = "--imgsz", paramLabel = "N", description = "Square input size in pixels (default: the model's own, 224; 32 for lenet5).")
    Integer imageSize;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "16", description = "Batch size of the training-memory estimate (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--optimizer", paramLabel = "OPT", defaultValue = "sgd",
            description = "Optimizer of the training-memory estimate: none (plain SGD), sgd (with momentum), adam, adamw (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--md", description = "Print Markdown.")
    boolean markdown;

    @Option(names = "--json", description = "Print one JSON object (total.params, total.macs, layers[], ...).")
    boolean json;

    @Option(names = "--summary", description = "Leave out the per-layer table (text and Markdown).")
    boolean summary;

    @Override
    public Integer call() {
        if (markdown && json) {
            throw new UserException("--md and --json cannot be used together");
        }
        if (batch < 1) {
            throw new UserException("--batch must be at least 1, got " + batch);
        }
        if ((config == null) == (model == null)) {
            throw new UserException("give exactly one of --model NAME or --config RUN.yaml");
        }
        ModelZoo.Entry entry = config != null ? fromConfig(config) : ModelZoo.find(model).orElseThrow(() -> new UserException(
                "unknown model \"" + model + "\"; known models: " + String.join(", ", ModelZoo.names())));
        int size = imageSize == null ? entry.defaultImageSize() : imageSize;
        if (size < 1) {
            throw new UserException("--imgsz must be positive, got " + size);
        }
        OptimizerKind opt;
        try {
            opt = OptimizerKind.fromName(optimizer);
        } catch (IllegalArgumentException e) {
            throw new UserException("--optimizer: " + e.getMessage(), e);
        }
        Profiler profiler = Profiler.builder().optTrainingBatch(batch).optOptimizer(opt).build();
        ProfileReport report;
        try {
            report = profiler.analyze(entry.build(), entry.inputShape(1, size)).withName(entry.name());
        } catch (IllegalArgumentException e) {
            throw new UserException(entry.name() + " at --imgsz " + size + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(report.json());
        } else if (markdown) {
            out.print(report.markdown(!summary));
        } else {
            out.print(report.text(!summary));
        }
        out.flush();
        return 0;
    }

    /** The detector a run config describes, with the class count of its dataset (or of the synthetic set). */
    private static ModelZoo.Entry fromConfig(java.nio.file.Path file) {
        io.detkit.detector.config.RunConfig cfg = io.detkit.detector.config.RunConfigLoader.load(file, java.util.List.of());
        java.nio.file.Path data = file.toAbsolutePath().getParent().resolve(cfg.data.path).normalize();
        java.util.List<String> names;
        try {
            names = java.nio.file.Files.isRegularFile(data) ? io.detkit.data.format.Datasets.read(data).classNames()
                    : io.detkit.data.synth.SyntheticDataset.CLASS_NAMES;
        } catch (java.io.IOException e) {
            throw new UserException("cannot read the class list of " + data + ": " + e.getMessage(), e);
        }
        java.util.List<String> classes = names;
        return new ModelZoo.Entry(cfg.name, cfg.model.type + " " + cfg.model.size + ", " + classes.size() + " classes", 3,
                cfg.model.imgsz, () -> io.detkit.detector.DetectorModels.build(cfg, classes).block());
    }

    /** The names in {@link ModelZoo}, for the option's help text. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelZoo.names().iterator();
        }
    }
}
