package io.detkit.cli;

import io.detkit.data.format.Datasets;
import io.detkit.data.format.Format;
import io.detkit.data.format.ImageMode;
import io.detkit.data.format.WriteOptions;
import io.detkit.data.format.WriteResult;
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

/** {@code detkit convert}: convert a dataset between COCO, Pascal VOC and YOLO. */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = {"Convert a detection dataset between COCO JSON, Pascal VOC XML and YOLO txt (dlib XML: read only).",
            "The source is validated first; bad records stop the conversion unless --policy skip or clip says",
            "what to do with them (everything dropped or clipped is counted)."},
        footer = {"", "Examples:",
            "  detkit convert --from yolo coco128/coco128.yaml --to coco out/coco",
            "  detkit convert --from coco instances_val2017.json --images val2017 --to yolo out/yolo",
            "  detkit convert --from voc VOCdevkit/VOC2007 --to coco out/voc.json"})
public final class ConvertCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", paramLabel = "FORMAT", description = "Source format: yolo, coco, voc or dlib (default: detected).")
    String from;

    @Parameters(index = "0", paramLabel = "SRC", description = "Source: COCO JSON, YOLO data YAML or folder, VOC folder, dlib XML.")
    Path src;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "Target format: yolo, coco or voc.")
    String to;

    @Parameters(index = "1", paramLabel = "DST", description = "Target folder (or a .json file for COCO, a .yaml for YOLO).")
    Path dst;

    @Mixin
    DataOptions data;

    @Option(names = "--policy", paramLabel = "fail|skip|clip", defaultValue = "fail",
            description = "What to do with bad records (default: ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--image-mode", paramLabel = "reference|link|copy",
            description = "Images: refer to them in place (COCO, VOC default), link (YOLO default) or copy them under DST.")
    String imageMode;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Format target = Format.parse(to);
        if (!target.writable()) {
            throw new UserException("--to " + to + ": detkit reads " + target.label() + " but does not write it");
        }
        Policy pol = Policy.parse(policy);
        WriteOptions.Builder wo = WriteOptions.builder();
        if (imageMode != null) {
            try {
                wo.optImageMode(ImageMode.valueOf(imageMode.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new UserException("--image-mode: expected reference, link or copy, got '" + imageMode + "'");
            }
        }
        Format source = from != null ? Format.parse(from) : Format.detect(src);
        LoadedDataset loaded = Datasets.load(src, source, data.readOptions());
        ValidationReport report = Validator.builder().optCheckImages(!data.noImageCheck).build().validate(loaded);
        CleanDataset clean = pol.apply(loaded, report);
        for (Problem p : report.warnings()) {
            err.println(p);
        }
        if (!clean.unchanged()) {
            for (Problem p : report.errors()) {
                err.println(p);
            }
            err.println(clean.describe());
        }
        out.printf(Locale.ROOT, "read %s (%s): %d images, %d boxes, %d classes%n", src, source.label(),
                loaded.dataset().samples().size(), loaded.dataset().boxCount(), loaded.dataset().numClasses());
        long start = System.currentTimeMillis();
        WriteResult w = Datasets.write(clean.dataset(), dst, target, wo.build());
        staleWarning(dst, target, start, err);
        out.printf(Locale.ROOT, "wrote %s (%s): %d images, %d boxes%n", w.location(), target.label(), w.images(), w.boxes());
        if (target == Format.VOC) {
            int rounded = fractionalBoxes(clean.dataset());
            if (rounded > 0) {
                out.printf(Locale.ROOT, "note: %d boxes had fractional coordinates; VOC stores whole pixels, so their edges were"
                        + " rounded (by at most 0.5 px)%n", rounded);
            }
        }
        if (w.skippedIgnoredBoxes() > 0) {
            out.printf(Locale.ROOT, "note: %d ignored boxes (crowd/difficult) not written: %s has no ignore flag%n",
                    w.skippedIgnoredBoxes(), target.label());
        }
        if (w.placedImages() > 0) {
            out.printf(Locale.ROOT, "placed %d images under %s%n", w.placedImages(), w.imagesRoot());
        } else {
            out.printf(Locale.ROOT, "image paths are relative to %s%n", w.imagesRoot());
        }
        out.flush();
        return 0;
    }

    /**
     * Warns about annotation files under DST that this conversion did not write (older than a second
     * before its start): a reader of DST would take them as part of the dataset.
     */
    static void staleWarning(Path dst, Format target, long startMillis, PrintWriter err) throws java.io.IOException {
        String sub = switch (target) {
            case YOLO -> "labels";
            case VOC -> "Annotations";
            default -> null;
        };
        Path base = java.nio.file.Files.isDirectory(dst) || dst.toAbsolutePath().getParent() == null ? dst
                : dst.toAbsolutePath().getParent();
        if (sub == null || !java.nio.file.Files.isDirectory(base.resolve(sub))) {
            return;
        }
        List<Path> stale;
        try (java.util.stream.Stream<Path> files = java.nio.file.Files.walk(base.resolve(sub))) {
            stale = files.filter(java.nio.file.Files::isRegularFile).filter(f -> {
                try {
                    // file times come from a coarse kernel clock that may lag the JVM's by milliseconds:
                    // only a file older than a second before the start counts as stale
                    return java.nio.file.Files.getLastModifiedTime(f).toMillis() < startMillis - 1000;
                } catch (java.io.IOException e) {
                    return false;
                }
            }).sorted().toList();
        }
        if (!stale.isEmpty()) {
            err.printf(Locale.ROOT, "warning: %d file(s) under %s were there before and are not part of this conversion"
                    + " (e.g. %s); they will be read with the new dataset: remove them or convert into an empty folder%n",
                    stale.size(), base.resolve(sub), stale.get(0));
        }
    }

    /** The boxes with a coordinate that is not a whole number of pixels. */
    static int fractionalBoxes(io.detkit.data.DetectionDataset ds) {
        int n = 0;
        for (io.detkit.data.DetectionSample s : ds.samples()) {
            double[] b = s.boxes();
            for (int i = 0; i < s.size(); i++) {
                for (int k = 0; k < 4; k++) {
                    if (b[4 * i + k] != Math.rint(b[4 * i + k])) {
                        n++;
                        break;
                    }
                }
            }
        }
        return n;
    }
}
