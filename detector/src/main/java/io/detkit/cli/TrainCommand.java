package io.detkit.cli;

import io.detkit.detector.config.RunConfig;
import io.detkit.detector.config.RunConfigLoader;
import io.detkit.detector.train.TrainingRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code detkit train}: train a detector from a YAML run config. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {"Train a detector from a YAML run config (keys: configs/README.md).",
            "Outputs go to runs/<name>/: results.csv, results.png, weights/{last,best}.ckpt, config.yaml and val/",
            "(the report of the best checkpoint: report.html, report.md, metrics.json, charts/)."})
public final class TrainCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG", description = "Run config YAML (e.g. configs/yolo-shapes.yaml).")
    Path config;

    @Parameters(index = "1..*", paramLabel = "KEY=VALUE", description = "Overrides, e.g. train.epochs=5 train.optimizer.lr=1e-3.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--name", description = "Run name (overrides the config's name).")
    String name;

    @Option(names = "--resume", paramLabel = "RUN_DIR", description = "Continue runs/<name> from its weights/last.ckpt.")
    Path resume;

    @Override
    public Integer call() throws Exception {
        if (resume != null) {
            if (config != null || !overrides.isEmpty() || name != null) {
                List<String> extra = new ArrayList<>();
                if (config != null) {
                    extra.add(config.toString());
                }
                extra.addAll(overrides);
                if (name != null) {
                    extra.add("--name " + name);
                }
                throw new UserException("--resume continues a run as it was configured (the config inside its"
                        + " weights/last.ckpt); it takes no config file, overrides or --name, got: " + String.join(" ", extra));
            }
            printWhere(TrainingRun.resume(resume, System.err));
            return 0;
        }
        if (config == null) {
            throw new UserException("give a run config (e.g. configs/yolo-shapes.yaml) or --resume RUN_DIR");
        }
        List<String> all = new ArrayList<>(overrides);
        if (name != null) {
            all.add("name=" + name);
        }
        RunConfig cfg = RunConfigLoader.load(config, all);
        Path base = config.toAbsolutePath().getParent();
        if (!cfg.data.path.isBlank()) {
            cfg.data.path = base.resolve(cfg.data.path).normalize().toString();
        }
        printWhere(TrainingRun.start(cfg, System.err));
        return 0;
    }

    /** Tells where the run's outputs are: the report people open first, then the rest. */
    private static void printWhere(Path dir) {
        System.out.println("run folder: " + dir);
        Path val = dir.resolve("val");
        Path html = val.resolve("report.html");
        if (Files.exists(html)) {
            System.out.println("report: " + html + " (report.md, metrics.json and charts/ beside it)");
        } else {
            System.out.println("report: " + val.resolve("metrics.json"));
        }
        System.out.println("training curves: " + dir.resolve("results.png") + ", weights: " + dir.resolve("weights"));
    }
}
