package io.detkit.cli;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.image.ImageDecoder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.opencv.core.Mat;

/**
 * A minimal reader of a YOLO-layout folder for {@code detkit show-aug}: images under
 * {@code DATA/images} (or {@code DATA} itself), one label file per image under the sibling
 * {@code labels} folder (the last {@code images} path component replaced by {@code labels}, as
 * Ultralytics does; labels beside the images when there is none), lines
 * {@code class cx cy w h} normalised to 0..1, or {@code class x1 y1 x2 y2 ...} polygons whose
 * enclosing box is used. An image without a label file has no boxes. Class names come from the
 * constructor, else from {@code classes.txt} in {@code DATA} or the labels folder, else they are
 * the class numbers. Each image is decoded once to learn its size, so at most {@code limit} images
 * (in sorted path order) are read.
 */
final class YoloFolderSource implements DatasetSource {
    private static final Set<String> IMAGE_EXTENSIONS = Set.of("jpg", "jpeg", "png", "bmp", "tif", "tiff", "webp");

    private final List<String> names;
    private final int limit;

    /**
     * @param names class names, empty to look for {@code classes.txt} or number the classes
     * @param limit the most images to read
     */
    YoloFolderSource(List<String> names, int limit) {
        this.names = List.copyOf(names);
        this.limit = limit;
    }

    @Override
    public DetectionDataset load(Path data) throws IOException {
        if (!Files.isDirectory(data)) {
            throw new IOException(data + " is not a folder: expected a YOLO dataset folder with images/ and labels/");
        }
        Path imagesDir = Files.isDirectory(data.resolve("images")) ? data.resolve("images") : data;
        Path labelsDir = labelsFolderFor(imagesDir);
        List<Path> images;
        try (Stream<Path> files = Files.walk(imagesDir)) {
            images = files.filter(Files::isRegularFile).filter(YoloFolderSource::isImage).sorted()
                    .limit(limit).collect(Collectors.toList());
        }
        if (images.isEmpty()) {
            throw new IOException("no images (" + String.join(", ", IMAGE_EXTENSIONS.stream().sorted().toList()) + ") under "
                    + imagesDir);
        }
        List<String> classNames = names.isEmpty() ? classesFile(data, labelsDir) : names;
        List<DetectionSample> samples = new ArrayList<>(images.size());
        int maxClass = -1;
        for (int i = 0; i < images.size(); i++) {
            Path img = images.get(i);
            int w, h;
            Mat m = ImageDecoder.read(img);
            try {
                w = m.cols();
                h = m.rows();
            } finally {
                m.release();
            }
            Path rel = imagesDir.relativize(img);
            String file = rel.getFileName().toString();
            Path label = labelsDir.resolve(rel).resolveSibling(file.substring(0, file.lastIndexOf('.')) + ".txt");
            DetectionSample s = readLabels(i + 1, img, label, w, h, classNames);
            for (int c : s.classIds()) {
                maxClass = Math.max(maxClass, c);
            }
            samples.add(s);
        }
        if (classNames.isEmpty()) {
            List<String> numbers = new ArrayList<>();
            for (int c = 0; c <= maxClass; c++) {
                numbers.add(String.valueOf(c));
            }
            classNames = numbers;
        }
        return DetectionDataset.of(classNames, samples);
    }

    /** The labels folder of an images folder: its last {@code images} component becomes {@code labels}. */
    static Path labelsFolderFor(Path imagesDir) {
        Path abs = imagesDir.toAbsolutePath().normalize();
        for (int i = abs.getNameCount() - 1; i >= 0; i--) {
            if (abs.getName(i).toString().equals("images")) {
                Path root = abs.getRoot();
                Path out = root == null ? Path.of("") : root;
                for (int k = 0; k < abs.getNameCount(); k++) {
                    out = out.resolve(k == i ? "labels" : abs.getName(k).toString());
                }
                return out;
            }
        }
        return abs;
    }

    private static boolean isImage(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && IMAGE_EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    private static List<String> classesFile(Path data, Path labelsDir) throws IOException {
        for (Path p : List.of(data.resolve("classes.txt"), labelsDir.resolve("classes.txt"))) {
            if (Files.isRegularFile(p)) {
                return Files.readAllLines(p, StandardCharsets.UTF_8).stream().map(String::strip).filter(s -> !s.isEmpty())
                        .toList();
            }
        }
        return List.of();
    }

    static DetectionSample readLabels(long id, Path image, Path label, int w, int h, List<String> classNames)
            throws IOException {
        List<double[]> boxes = new ArrayList<>();
        List<Integer> classes = new ArrayList<>();
        if (Files.isRegularFile(label)) {
            List<String> lines = Files.readAllLines(label, StandardCharsets.UTF_8);
            for (int ln = 0; ln < lines.size(); ln++) {
                String line = lines.get(ln).strip();
                if (line.isEmpty()) {
                    continue;
                }
                String where = label + " line " + (ln + 1);
                String[] f = line.split("\\s+");
                if (f.length < 5 || (f.length > 5 && f.length % 2 == 0)) {
                    throw new IOException(where + ": expected 'class cx cy w h' or 'class x1 y1 x2 y2 ...', got " + f.length
                            + " fields");
                }
                int c;
                try {
                    c = Integer.parseInt(f[0]);
                } catch (NumberFormatException e) {
                    throw new IOException(where + ": class '" + f[0] + "' is not an integer", e);
                }
                if (c < 0 || (!classNames.isEmpty() && c >= classNames.size())) {
                    throw new IOException(where + ": class " + c + " is outside 0.." + (classNames.size() - 1)
                            + " (" + classNames.size() + " class names)");
                }
                double[] v = new double[f.length - 1];
                for (int k = 1; k < f.length; k++) {
                    try {
                        v[k - 1] = Double.parseDouble(f[k]);
                    } catch (NumberFormatException e) {
                        throw new IOException(where + ": field " + (k + 1) + " '" + f[k] + "' is not a number", e);
                    }
                    if (!Double.isFinite(v[k - 1])) {
                        throw new IOException(where + ": field " + (k + 1) + " is not finite");
                    }
                }
                double x1, y1, x2, y2;
                if (v.length == 4) {
                    x1 = v[0] - v[2] / 2;
                    y1 = v[1] - v[3] / 2;
                    x2 = v[0] + v[2] / 2;
                    y2 = v[1] + v[3] / 2;
                } else {
                    x1 = y1 = Double.POSITIVE_INFINITY;
                    x2 = y2 = Double.NEGATIVE_INFINITY;
                    for (int k = 0; k < v.length; k += 2) {
                        x1 = Math.min(x1, v[k]);
                        x2 = Math.max(x2, v[k]);
                        y1 = Math.min(y1, v[k + 1]);
                        y2 = Math.max(y2, v[k + 1]);
                    }
                }
                boxes.add(new double[] {clip(x1) * w, clip(y1) * h, clip(x2) * w, clip(y2) * h});
                classes.add(c);
            }
        }
        double[] flat = new double[4 * boxes.size()];
        int[] cls = new int[boxes.size()];
        for (int i = 0; i < cls.length; i++) {
            System.arraycopy(boxes.get(i), 0, flat, 4 * i, 4);
            cls[i] = classes.get(i);
        }
        return DetectionSample.of(id, image, w, h, flat, cls);
    }

    private static double clip(double v) {
        return Math.min(Math.max(v, 0), 1);
    }
}
