package io.detkit.data.format;

import io.detkit.data.ImageHeaders;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.ProblemKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Reads YOLO txt labels: one file per image, one line {@code class cx cy w h} per box (normalised
 * to the image size), or {@code class x1 y1 x2 y2 …} for a polygon (its bounding box is used, as
 * Ultralytics does). Images come from an Ultralytics data YAML split (folders, searched
 * recursively, or list files), from {@code SRC/images}, or from a flat folder; the label of
 * {@code …/images/…/x.jpg} is {@code …/labels/…/x.txt} (the last {@code /images/} segment replaced,
 * as Ultralytics does), else {@code x.txt} next to the image. An image without a label file has no
 * boxes. The image size, needed to un-normalise, is read from each image's header.
 */
final class YoloReader {
    private static final String SEP = File.separator;
    private static final String IMAGES = SEP + "images" + SEP;
    private static final String LABELS = SEP + "labels" + SEP;

    private final LoadBuilder out = new LoadBuilder();
    private final Set<Path> usedLabels = new HashSet<>();
    private List<String> names;
    private int maxClass = -1;

    private YoloReader(List<String> names) {
        this.names = names;
    }

    /** An image to read, with where it was listed. */
    private record Entry(Path image, Path label, Location listedAt) {}

    static LoadedDataset load(Path src, ReadOptions o) throws IOException {
        if (!Files.exists(src)) {
            throw new DatasetFormatException(src + ": not found");
        }
        if (Files.isRegularFile(src)) {
            return fromYaml(DataYaml.read(src), o);
        }
        Path yaml = findYaml(src);
        if (yaml != null) {
            return fromYaml(DataYaml.read(yaml), o);
        }
        List<String> names = namesOf(o, src, src.toAbsolutePath().normalize().getParent());
        Path images = src.resolve("images");
        if (o.images().isEmpty() && Files.isDirectory(images) && Files.isDirectory(src.resolve("labels"))) {
            Path dir = o.split().map(images::resolve).orElse(images);
            if (!Files.isDirectory(dir)) {
                throw new DatasetFormatException(dir + ": split folder not found");
            }
            YoloReader r = new YoloReader(names);
            r.readFolder(dir, YoloReader::labelOf);
            return r.finish(null);
        }
        return flat(src, o, names);
    }

    private static LoadedDataset fromYaml(DataYaml y, ReadOptions o) throws IOException {
        String split = o.split().orElse("train");
        List<String> names = o.names().isPresent() ? NamesFile.read(o.names().get()) : y.names();
        YoloReader r = new YoloReader(names);
        for (Path entry : y.split(split)) {
            if (Files.isDirectory(entry)) {
                r.readFolder(entry, YoloReader::labelOf);
            } else if (Files.isRegularFile(entry)) {
                r.readList(entry);
            } else {
                throw new DatasetFormatException(y.file() + ": " + split + ": " + entry + " does not exist");
            }
        }
        int[] ids = y.categoryIds();
        if (ids != null && o.names().isPresent() && ids.length != names.size()) {
            ids = null;
        }
        return r.finish(ids);
    }

    /** A folder of label files; images in the image folder option, next to the labels, or in the matching images/ folder. */
    private static LoadedDataset flat(Path labels, ReadOptions o, List<String> names) throws IOException {
        YoloReader r = new YoloReader(names);
        if (o.images().isPresent()) {
            Path images = o.images().get();
            if (!Files.isDirectory(images)) {
                throw new DatasetFormatException(images + ": image folder not found");
            }
            Path imgRoot = images.toAbsolutePath().normalize();
            Path labelRoot = labels.toAbsolutePath().normalize();
            r.readFolder(images, img -> {
                String rel = imgRoot.relativize(img.toAbsolutePath().normalize()).toString();
                return ImageFiles.withSuffix(labelRoot.resolve(rel), ".txt");
            });
            return r.finish(null);
        }
        String s = labels.toAbsolutePath().normalize() + SEP;
        int k = s.lastIndexOf(LABELS);
        if (k >= 0) {
            Path images = Path.of(s.substring(0, k) + IMAGES + s.substring(k + LABELS.length()));
            if (Files.isDirectory(images)) {
                r.readFolder(images, YoloReader::labelOf);
                return r.finish(null);
            }
        }
        if (ImageFiles.listImages(labels).isEmpty()) {
            throw new DatasetFormatException(labels + ": no images next to the label files; give the image folder"
                    + " (ReadOptions.optImages, --images)");
        }
        r.readFolder(labels, YoloReader::labelOf);
        return r.finish(null);
    }

    private static Path findYaml(Path dir) throws IOException {
        for (String n : List.of("data.yaml", "dataset.yaml", "data.yml")) {
            if (Files.isRegularFile(dir.resolve(n))) {
                return dir.resolve(n);
            }
        }
        List<Path> yamls = new ArrayList<>(ImageFiles.listFiles(dir, ".yaml", false));
        yamls.addAll(ImageFiles.listFiles(dir, ".yml", false));
        return yamls.size() == 1 ? yamls.get(0) : null;
    }

    private static List<String> namesOf(ReadOptions o, Path... dirs) throws IOException {
        if (o.names().isPresent()) {
            return NamesFile.read(o.names().get());
        }
        Path found = NamesFile.find(dirs);
        return found == null ? null : NamesFile.read(found);
    }

    /** Ultralytics' img2label_paths: the last /images/ becomes /labels/, the suffix becomes .txt. */
    static Path labelOf(Path image) {
        String s = image.toAbsolutePath().normalize().toString();
        int k = s.lastIndexOf(IMAGES);
        if (k >= 0) {
            s = s.substring(0, k) + LABELS + s.substring(k + IMAGES.length());
        }
        return ImageFiles.withSuffix(Path.of(s), ".txt");
    }

    private void readFolder(Path dir, UnaryOperator<Path> labelOf) throws IOException {
        List<Path> images = ImageFiles.listImages(dir);
        for (Path img : images) {
            read(new Entry(img, labelOf.apply(img), null));
        }
        Path labelDir = labelOf.apply(dir.resolve("x.png")).getParent();
        if (Files.isDirectory(labelDir)) {
            reportOrphans(labelDir);
        }
    }

    /** A list file: one image path per line, relative paths resolved against the list file's folder. */
    private void readList(Path list) throws IOException {
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        Path dir = list.toAbsolutePath().normalize().getParent();
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (s.startsWith("./")) {
                s = s.substring(2);
            }
            Path img = dir.resolve(s).normalize();
            read(new Entry(img, labelOf(img), Location.of(list, i + 1)));
        }
    }

    private void reportOrphans(Path labelDir) throws IOException {
        for (Path f : ImageFiles.listFiles(labelDir, ".txt", true)) {
            Path abs = f.toAbsolutePath().normalize();
            if (!usedLabels.contains(abs) && !NamesFile.CANDIDATES.contains(f.getFileName().toString())) {
                out.problem(ProblemKind.LABEL_WITHOUT_IMAGE, Location.of(f), "label file has no image; its "
                        + countLines(f) + " labels are not used");
            }
        }
    }

    private static int countLines(Path f) {
        try {
            return (int) Files.readAllLines(f, StandardCharsets.ISO_8859_1).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            return 0;
        }
    }

    private void read(Entry e) throws IOException {
        Path label = e.label.toAbsolutePath().normalize();
        boolean hasLabel = Files.isRegularFile(label);
        if (hasLabel) {
            usedLabels.add(label);
        }
        ImageHeaders.Size size;
        try {
            size = ImageHeaders.read(e.image);
        } catch (NoSuchFileException ex) {
            Location where = e.listedAt != null ? e.listedAt : Location.of(e.image);
            out.problem(ProblemKind.IMAGE_MISSING, where, "image " + e.image + " not found"
                    + (hasLabel ? "; its label file " + label + " is not used" : ""));
            return;
        } catch (IOException ex) {
            out.problem(ProblemKind.IMAGE_UNREADABLE, Location.of(e.image), ex.getMessage()
                    + (hasLabel ? "; its label file " + label + " is not used" : ""));
            return;
        }
        SampleBuilder sb = new SampleBuilder();
        if (hasLabel) {
            parseLabels(label, size.width(), size.height(), sb);
        }
        out.add(sb.build(out.sampleCount() + 1, e.image, size.width(), size.height()),
                Location.of(hasLabel ? label : e.image), sb.sources());
    }

    private void parseLabels(Path label, int w, int h, SampleBuilder sb) throws IOException {
        List<String> lines;
        try {
            lines = Files.readAllLines(label, StandardCharsets.UTF_8);
        } catch (CharacterCodingException ex) {
            out.problem(ProblemKind.MALFORMED, Location.of(label), "not a text file (invalid UTF-8)");
            return;
        }
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (i == 0 && line.startsWith("\uFEFF")) {
                line = line.substring(1).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            parseLine(line, Location.of(label, i + 1), w, h, sb);
        }
    }

    private void parseLine(String line, Location at, int w, int h, SampleBuilder sb) {
        String[] t = line.split("\\s+");
        boolean polygon = t.length >= 7 && (t.length - 1) % 2 == 0;
        if (t.length != 5 && !polygon) {
            out.problem(ProblemKind.MALFORMED, at, "expected 5 values 'class cx cy w h' (or a polygon), got "
                    + t.length + ": '" + line + "'");
            return;
        }
        int cls;
        try {
            double c = Double.parseDouble(t[0]);
            if (c != Math.rint(c) || Math.abs(c) > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            cls = (int) c;
        } catch (NumberFormatException ex) {
            out.problem(ProblemKind.MALFORMED, at, "class '" + t[0] + "' is not an integer");
            return;
        }
        double[] v = new double[t.length - 1];
        for (int k = 1; k < t.length; k++) {
            try {
                v[k - 1] = Double.parseDouble(t[k]);
            } catch (NumberFormatException ex) {
                v[k - 1] = Double.NaN;
            }
            if (!Double.isFinite(v[k - 1])) {
                out.problem(ProblemKind.MALFORMED, at, "value " + k + " '" + t[k] + "' is not a finite number");
                return;
            }
        }
        if (cls < 0 || (names != null && cls >= names.size())) {
            out.problem(ProblemKind.UNKNOWN_CLASS, at, "class " + cls + " is not in the "
                    + (names == null ? "class list" : names.size() + " classes (0.." + (names.size() - 1) + ")"));
            return;
        }
        maxClass = Math.max(maxClass, cls);
        double x1, y1, x2, y2;
        if (polygon) {
            x1 = y1 = Double.POSITIVE_INFINITY;
            x2 = y2 = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < v.length; k += 2) {
                x1 = Math.min(x1, v[k]);
                x2 = Math.max(x2, v[k]);
                y1 = Math.min(y1, v[k + 1]);
                y2 = Math.max(y2, v[k + 1]);
            }
            x1 *= w;
            x2 *= w;
            y1 *= h;
            y2 *= h;
        } else {
            double cx = v[0] * w, cy = v[1] * h, bw = v[2] * w, bh = v[3] * h;
            x1 = cx - bw / 2;
            y1 = cy - bh / 2;
            x2 = cx + bw / 2;
            y2 = cy + bh / 2;
        }
        sb.add(x1, y1, x2, y2, cls, false, at);
    }

    private LoadedDataset finish(int[] categoryIds) {
        List<String> n = names;
        if (n == null) {
            n = new ArrayList<>();
            for (int i = 0; i <= maxClass; i++) {
                n.add(String.valueOf(i));
            }
        }
        int[] ids = categoryIds;
        if (ids == null) {
            ids = new int[n.size()];
            Arrays.setAll(ids, i -> i);
        }
        return out.build(n, ids, true);
    }
}
