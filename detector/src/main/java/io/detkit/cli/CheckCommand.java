package io.detkit.cli;

import io.detkit.data.format.Datasets;
import io.detkit.data.format.Format;
import io.detkit.data.validate.CleanDataset;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Policy;
import io.detkit.data.validate.Problem;
import io.detkit.data.validate.ValidationReport;
import io.detkit.data.validate.Validator;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code detkit check}: validate a dataset and print its summary and problems. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Check a detection dataset (COCO, VOC, YOLO or dlib) for problems.",
            "Prints its summary (images, boxes, boxes per class, box sizes by COCO area range, empty images) and every problem with its file and",
            "line/record: missing or unreadable images, label files without image, boxes outside the image or",
            "of zero size, unknown classes, duplicate ids, annotation sizes that differ from the image, malformed lines.",
            "Exit code: 0 when training could use the data under the policy, 1 when there are errors under",
            "--policy fail, 2 when the dataset cannot be read at all."})
public final class CheckCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "COCO JSON, YOLO data YAML or folder, VOC folder, dlib XML.")
    Path data;

    @Option(names = "--format", paramLabel = "FORMAT", description = "yolo, coco, voc or dlib (default: detected).")
    String format;

    @Mixin
    DataOptions options;

    @Option(names = "--policy", paramLabel = "fail|skip|clip", defaultValue = "fail",
            description = "What training would do with the errors; skip and clip print what they would drop or clip"
                    + " (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "100",
            description = "Print at most N problems, 0 for all (default: ${DEFAULT-VALUE}).")
    int maxProblems;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Policy pol = Policy.parse(policy);
        Format f = format != null ? Format.parse(format) : Format.detect(data);
        LoadedDataset loaded = Datasets.load(data, f, options.readOptions());
        ValidationReport r = Validator.builder().optCheckImages(!options.noImageCheck).build().validate(loaded);
        out.printf(Locale.ROOT, "%s (%s)%n", data, f.label());
        out.print(r.summary().format());
        List<Problem> ps = r.problems();
        out.printf(Locale.ROOT, "%nproblems: %d (%d errors, %d warnings)%n", ps.size(), r.errors().size(), r.warnings().size());
        r.countsByKind().forEach((k, n) -> out.printf(Locale.ROOT, "  %-20s %d%n", k.label(), n));
        int shown = maxProblems <= 0 ? ps.size() : Math.min(maxProblems, ps.size());
        for (int i = 0; i < shown; i++) {
            out.println(ps.get(i));
        }
        if (shown < ps.size()) {
            out.printf(Locale.ROOT, "... %d more problems (--max-problems 0 lists all)%n", ps.size() - shown);
        }
        int code = 0;
        if (pol == Policy.FAIL) {
            if (r.hasErrors()) {
                out.printf(Locale.ROOT, "policy fail: %d errors: training would stop (--policy skip or clip says what they"
                        + " would drop or clip)%n", r.errors().size());
                code = 1;
            } else {
                out.println("policy fail: no errors");
            }
        } else {
            CleanDataset c = pol.apply(loaded, r);
            out.println(c.describe());
            out.printf(Locale.ROOT, "after the policy: %d images, %d boxes%n", c.dataset().samples().size(),
                    c.dataset().boxCount());
        }
        out.flush();
        return code;
    }
}
