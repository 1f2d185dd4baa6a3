package io.detkit.cli;

import io.detkit.data.DetectionDataset;
import io.detkit.data.synth.DatasetSummary;
import io.detkit.data.synth.ImageFormat;
import io.detkit.data.synth.SynthConfig;
import io.detkit.data.synth.SynthSplits;
import io.detkit.data.synth.SyntheticDataset;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code detkit synth}: render the synthetic shapes detection dataset. */
@Command(name = "synth", mixinStandardHelpOptions = true,
        description = {"Render the synthetic shapes detection dataset, with exact boxes.",
            "Six classes (circle, square, triangle, star, cross, ring): DIR/images/{train,val}/, YOLO labels and data.yaml, COCO annotations.",
            "The same seed gives byte-identical files. DIR must be new, empty, or made by an earlier synth run."})
public final class SynthCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output folder.")
    Path outDir;

    @Option(names = "--images", paramLabel = "N", defaultValue = "1000", description = "Images over both splits (default: ${DEFAULT-VALUE}).")
    int images;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "both",
            description = "Annotation files to write: yolo (labels/ + data.yaml), coco (annotations/instances_*.json) "
                    + "or both (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--imgsz", paramLabel = "PX", defaultValue = "320", description = "Image width and height (default: ${DEFAULT-VALUE}).")
    int imageSize;

    @Option(names = "--val-fraction", paramLabel = "F", defaultValue = "0.2",
            description = "Fraction of the images in the val split (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--min-objects", paramLabel = "N", defaultValue = "1", description = "Fewest shapes per image (default: ${DEFAULT-VALUE}).")
    int minObjects;

    @Option(names = "--max-objects", paramLabel = "N", defaultValue = "8", description = "Most shapes per image (default: ${DEFAULT-VALUE}).")
    int maxObjects;

    @Option(names = "--image-format", paramLabel = "EXT", defaultValue = "jpg",
            description = "jpg (JPEG quality 95) or png (default: ${DEFAULT-VALUE}).")
    String imageFormat;

    @Option(names = "--threads", paramLabel = "N", description = "Rendering threads (default: all processors).")
    Integer threads;

    @Option(names = "--quiet", description = "No progress lines.")
    boolean quiet;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SynthConfig config = config();
        long t0 = System.nanoTime();
        int step = Math.max(1, config.images() / 10);
        SynthSplits splits = SyntheticDataset.generate(config, outDir, (done, total) -> {
            if (!quiet && (done % step == 0 || done == total)) {
                err.printf(Locale.ROOT, "rendered %d/%d images%n", done, total);
                err.flush();
            }
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.print(summary(config, splits, seconds));
        out.flush();
        return 0;
    }

    private SynthConfig config() {
        boolean yolo, coco;
        switch (format.toLowerCase(Locale.ROOT)) {
            case "yolo" -> { yolo = true; coco = false; }
            case "coco" -> { yolo = false; coco = true; }
            case "both" -> { yolo = true; coco = true; }
            default -> throw new UserException("--format must be yolo, coco or both, got '" + format + "'");
        }
        ImageFormat fmt = switch (imageFormat.toLowerCase(Locale.ROOT)) {
            case "jpg", "jpeg" -> ImageFormat.JPEG;
            case "png" -> ImageFormat.PNG;
            default -> throw new UserException("--image-format must be jpg or png, got '" + imageFormat + "'");
        };
        SynthConfig.Builder b = SynthConfig.builder().optImages(images).optSeed(seed).optImageSize(imageSize)
                .optValFraction(valFraction).optMinObjects(minObjects).optMaxObjects(maxObjects).optImageFormat(fmt)
                .optWriteYolo(yolo).optWriteCoco(coco);
        if (threads != null) {
            b.optThreads(threads);
        }
        try {
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UserException(e.getMessage(), e);
        }
    }

    static String summary(SynthConfig config, SynthSplits splits, double seconds) {
        StringBuilder sb = new StringBuilder();
        DatasetSummary train = DatasetSummary.of(splits.train()), val = DatasetSummary.of(splits.val());
        sb.append(String.format(Locale.ROOT, "synthetic shapes: %d images of %dx%d, seed %d, %.2f s (%.1f images/s) -> %s%n",
                config.images(), config.imageSize(), config.imageSize(), config.seed(), seconds, config.images() / seconds,
                splits.root()));
        sb.append(String.format(Locale.ROOT, "%n%-8s %7s %7s %7s %7s %7s%n", "split", "images", "boxes", "small", "medium", "large"));
        for (var row : List.of(new Object[] {"train", train}, new Object[] {"val", val})) {
            DatasetSummary s = (DatasetSummary) row[1];
            sb.append(String.format(Locale.ROOT, "%-8s %7d %7d %7d %7d %7d%n", row[0], s.images(), s.boxes(), s.small(), s.medium(),
                    s.large()));
        }
        sb.append(String.format(Locale.ROOT, "(small: area < 32², medium: < 96², large: ≥ 96²)%n"));
        DetectionDataset d = splits.train();
        sb.append(String.format(Locale.ROOT, "%n%-8s %7s %7s%n", "class", "train", "val"));
        for (int c = 0; c < d.numClasses(); c++) {
            sb.append(String.format(Locale.ROOT, "%-8s %7d %7d%n", d.classNames().get(c), train.boxesPerClass()[c],
                    val.boxesPerClass()[c]));
        }
        sb.append(System.lineSeparator());
        sb.append("wrote images/{train,val}/");
        if (config.writeYolo()) {
            sb.append(", labels/{train,val}/, data.yaml");
        }
        if (config.writeCoco()) {
            sb.append(", annotations/instances_{train,val}.json");
        }
        sb.append(System.lineSeparator());
        return sb.toString();
    }
}
