package io.detkit.cli;

import io.detkit.data.DetectionDataset;
import io.detkit.data.augment.AugmentConfig;
import io.detkit.data.augment.AugmentationGrid;
import io.detkit.data.augment.AugmentedSample;
import io.detkit.data.augment.Augmenter;
import io.detkit.data.augment.SampleSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code detkit show-aug}: augments a few samples of a dataset with a training pipeline and writes
 * them, boxes drawn, as one grid PNG, to check that boxes follow their pixels.
 */
@Command(name = "show-aug", mixinStandardHelpOptions = true,
        description = {"Augment samples of a dataset as training would and draw them in one grid PNG.",
            "Mosaic, affine, HSV, flips and letterbox as configured; boxes in one colour and label per class.",
            "DATA is a YOLO folder: DATA/images/** with labels in DATA/labels/** (class cx cy w h, normalised)."})
public final class ShowAugCommand implements Callable<Integer> {
    private final DatasetSource source;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATA", description = "Dataset folder (see above).")
    Path data;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "runs/show-aug/grid.png",
            description = "Grid image to write (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--names", split = ",", paramLabel = "NAME",
            description = "Class names in index order (default: DATA/classes.txt, else the class numbers).")
    List<String> names = new ArrayList<>();

    @Option(names = "--size", defaultValue = "640", paramLabel = "PX", description = "Training image size (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--tile", defaultValue = "320", paramLabel = "PX",
            description = "Side of each tile in the grid, 0 = the training size (default: ${DEFAULT-VALUE}).")
    int tile;

    @Option(names = "--count", defaultValue = "16", paramLabel = "N", description = "Samples to show (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--cols", defaultValue = "4", paramLabel = "N", description = "Tiles per row (default: ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--seed", defaultValue = "0", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--epoch", defaultValue = "0", description = "Epoch whose augmentation to show (default: ${DEFAULT-VALUE}).")
    int epoch;

    @Option(names = "--mosaic", defaultValue = "1.0", paramLabel = "P", description = "Mosaic probability (default: ${DEFAULT-VALUE}).")
    double mosaic;

    @Option(names = "--fliplr", defaultValue = "0.5", paramLabel = "P", description = "Left-right flip probability (default: ${DEFAULT-VALUE}).")
    double fliplr;

    @Option(names = "--flipud", defaultValue = "0.0", paramLabel = "P", description = "Up-down flip probability (default: ${DEFAULT-VALUE}).")
    double flipud;

    @Option(names = "--scale", defaultValue = "0.5", description = "Scale gain, zoom in [1-s, 1+s] (default: ${DEFAULT-VALUE}).")
    double scale;

    @Option(names = "--translate", defaultValue = "0.1", description = "Translation, fraction of the size (default: ${DEFAULT-VALUE}).")
    double translate;

    @Option(names = "--degrees", defaultValue = "0.0", description = "Maximum rotation in degrees (default: ${DEFAULT-VALUE}).")
    double degrees;

    @Option(names = "--shear", defaultValue = "0.0", description = "Maximum shear in degrees (default: ${DEFAULT-VALUE}).")
    double shear;

    @Option(names = "--hsv", split = ",", paramLabel = "H,S,V", defaultValue = "0.015,0.7,0.4",
            description = "HSV gains (default: ${DEFAULT-VALUE}).")
    double[] hsv;

    @Option(names = "--min-box", defaultValue = "2.0", paramLabel = "PX", description = "Minimum box side kept, pixels (default: ${DEFAULT-VALUE}).")
    double minBox;

    @Option(names = "--min-visibility", defaultValue = "0.1", paramLabel = "F",
            description = "Minimum visible fraction of a box kept (default: ${DEFAULT-VALUE}).")
    double minVisibility;

    @Option(names = "--limit", defaultValue = "1000", paramLabel = "N",
            description = "Read at most N images of DATA, in path order (default: ${DEFAULT-VALUE}).")
    int limit;

    /** A command that reads {@code DATA} as a YOLO folder. */
    public ShowAugCommand() {
        this(null);
    }

    /**
     * A command that reads {@code DATA} with the given source ({@code --names} still overrides the
     * class names it returns; {@code --limit} applies only to the default YOLO folder reader).
     *
     * @param source the dataset reader, or null for the YOLO folder reader
     */
    public ShowAugCommand(DatasetSource source) {
        this.source = source;
    }

    /**
     * Files (a YOLO data YAML, a COCO JSON) and VOC folders go through the dataset readers; any
     * other folder is read as a plain YOLO images/labels folder.
     */
    private DatasetSource defaultReader() {
        return path -> {
            if (java.nio.file.Files.isRegularFile(path)) {
                return io.detkit.data.format.Datasets.read(path);
            }
            try {
                return io.detkit.data.format.Datasets.read(path);
            } catch (io.detkit.data.format.DatasetFormatException e) {
                return new YoloFolderSource(names, limit).load(path);
            }
        };
    }

    @Override
    public Integer call() throws Exception {
        if (count < 1 || hsv.length != 3 || limit < 1) {
            throw new UserException("--count and --limit must be at least 1 and --hsv needs three values H,S,V");
        }
        AugmentConfig config = AugmentConfig.builder().setImageSize(size).optMosaicProb(mosaic).optFlipProb(fliplr)
                .optFlipUdProb(flipud).optScale(scale).optTranslate(translate).optDegrees(degrees).optShear(shear)
                .optHsv(hsv[0], hsv[1], hsv[2]).optMinBoxSize(minBox).optMinVisibility(minVisibility).build();
        DatasetSource reader = source != null ? source : defaultReader();
        DetectionDataset ds = reader.load(data);
        if (ds.samples().isEmpty()) {
            throw new UserException("no samples in " + data);
        }
        List<String> classNames = names.isEmpty() ? ds.classNames() : names;
        SampleSource samples = SampleSource.of(ds.samples(), size);
        Augmenter augmenter = new Augmenter(config);
        int n = ds.samples().size();
        List<AugmentedSample> shown = new ArrayList<>(count);
        int boxes = 0;
        try {
            for (int i = 0; i < count; i++) {
                int index = (int) ((long) i * n / count) % n;
                AugmentedSample s = augmenter.apply(seed, epoch, index, samples);
                shown.add(s);
                boxes += s.size();
            }
            new AugmentationGrid(classNames).withColumns(cols).withTileSize(tile).write(shown, out);
        } finally {
            shown.forEach(AugmentedSample::close);
        }
        PrintWriter pw = spec.commandLine().getOut();
        pw.printf(Locale.ROOT, "%d images, %d classes; %d augmented samples with %d boxes (%s)%n", n, classNames.size(),
                count, boxes, config);
        pw.println("wrote " + out);
        pw.flush();
        return 0;
    }
}
