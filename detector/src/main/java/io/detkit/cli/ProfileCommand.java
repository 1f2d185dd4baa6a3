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
        description = {"Profile a network layer by layer without running it: parameters",
            "(trainable, frozen), MACs (one multiply-add = 1; conv and linear), FLOPs",
            "(= 2 x MACs), other ops (pool, norm, activations, sums; counted apart),",
            "output sizes, receptive field and stride, and a training-memory estimate.",
            "Figures are per image (batch 1) at --imgsz."})
public final class ProfileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "NAME",
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
        ModelZoo.Entry entry = ModelZoo.find(model).orElseThrow(() -> new UserException(
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

    /** The names in {@link ModelZoo}, for the option's help text. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelZoo.names().iterator();
        }
    }
}
