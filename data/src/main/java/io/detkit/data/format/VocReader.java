package io.detkit.data.format;

import io.detkit.data.ImageHeaders;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.ProblemKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads Pascal VOC XML, one file per image: {@code <filename>}, {@code <size>} (read from the image
 * header when absent or zero) and {@code <object>}s with {@code <name>}, {@code <difficult>} (→
 * ignore) and {@code <bndbox>} ({@code xmin ymin xmax ymax}, taken as given: no 1-pixel shift).
 *
 * <p>Layouts: a VOC folder ({@code Annotations/*.xml}, images in {@code JPEGImages/}; with a split,
 * only the ids of {@code ImageSets/Main/<split>.txt}), or a flat folder of XML files whose images
 * are in the image folder option, next to the XML files, or in {@code ../JPEGImages} or
 * {@code ../images}; the {@code <path>} element is used when none of these holds the image. A single
 * XML file is read as a one-image dataset.
 *
 * <p>Classes: the names file option, else a {@code classes.txt} (or {@code obj.names},
 * {@code labels.txt}) in the dataset folder (detkit's VOC writer leaves one), else the sorted union
 * of the names found. With a class list, a name not in it is an unknown class.
 */
final class VocReader {
    private final LoadBuilder out = new LoadBuilder();

    /** One parsed XML file. */
    private record Parsed(Path xml, Path image, int width, int height, List<Obj> objects) {}

    /** One object of an XML file. */
    private record Obj(String name, double x1, double y1, double x2, double y2, boolean difficult, Location at) {}

    private VocReader() {}

    static LoadedDataset load(Path src, ReadOptions o) throws IOException {
        if (!Files.exists(src)) {
            throw new DatasetFormatException(src + ": not found");
        }
        VocReader r = new VocReader();
        List<Path> xmls;
        List<Path> imageDirs = new ArrayList<>();
        o.images().ifPresent(imageDirs::add);
        Path root;
        if (Files.isRegularFile(src)) {
            root = src.toAbsolutePath().normalize().getParent();
            xmls = List.of(src);
            imageDirs.add(root);
        } else if (Files.isDirectory(src.resolve("Annotations"))) {
            root = src;
            Path ann = src.resolve("Annotations");
            imageDirs.add(src.resolve("JPEGImages"));
            imageDirs.add(src.resolve("images"));
            xmls = o.split().isPresent() ? r.fromImageSet(src, ann, o.split().get())
                    : ImageFiles.listFiles(ann, ".xml", false);
        } else {
            root = src;
            Path parent = src.toAbsolutePath().normalize().getParent();
            imageDirs.add(src);
            if (parent != null) {
                imageDirs.add(parent.resolve("JPEGImages"));
                imageDirs.add(parent.resolve("images"));
            }
            xmls = ImageFiles.listFiles(src, ".xml", false);
        }
        List<String> names = null;
        if (o.names().isPresent()) {
            names = NamesFile.read(o.names().get());
        } else {
            Path found = NamesFile.find(root);
            if (found != null) {
                names = NamesFile.read(found);
            }
        }
        List<Parsed> parsed = new ArrayList<>();
        for (Path x : xmls) {
            Parsed p = r.parse(x, imageDirs);
            if (p != null) {
                parsed.add(p);
            }
        }
        return r.build(parsed, names);
    }

    private List<Path> fromImageSet(Path root, Path ann, String split) throws IOException {
        Path list = root.resolve("ImageSets").resolve("Main").resolve(split + ".txt");
        if (!Files.isRegularFile(list)) {
            throw new DatasetFormatException(list + ": image set of split '" + split + "' not found");
        }
        List<Path> out = new ArrayList<>();
        List<String> lines = Files.readAllLines(list, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String id = lines.get(i).strip().split("\\s+")[0];
            if (id.isEmpty()) {
                continue;
            }
            Path x = ann.resolve(id + ".xml");
            if (Files.isRegularFile(x)) {
                out.add(x);
            } else {
                this.out.problem(ProblemKind.MALFORMED, Location.of(list, i + 1), "image set lists '" + id + "' but " + x
                        + " does not exist");
            }
        }
        return out;
    }

    private Parsed parse(Path xml, List<Path> imageDirs) throws IOException {
        XmlTree.Node root;
        try {
            root = XmlTree.parse(xml);
        } catch (XmlTree.XmlSyntaxException e) {
            out.problem(ProblemKind.MALFORMED, Location.of(xml, e.line), e.detail + "; the file is left out");
            return null;
        }
        if (!root.name.equals("annotation")) {
            out.problem(ProblemKind.MALFORMED, Location.of(xml, root.line), "root element is <" + root.name
                    + ">, expected <annotation>; the file is left out");
            return null;
        }
        Path image = imageOf(xml, root, imageDirs);
        int w = 0, h = 0;
        XmlTree.Node size = root.child("size");
        if (size != null) {
            w = (int) Math.round(number(size, "width", 0));
            h = (int) Math.round(number(size, "height", 0));
            if (w < 0 || h < 0 || Double.isNaN(number(size, "width", 0)) || Double.isNaN(number(size, "height", 0))) {
                out.problem(ProblemKind.MALFORMED, Location.of(xml, size.line), "<size> has no valid width/height; "
                        + "the size is read from the image");
                w = 0;
                h = 0;
            }
        }
        if (w == 0 || h == 0) {
            try {
                ImageHeaders.Size s = ImageHeaders.read(image);
                w = s.width();
                h = s.height();
            } catch (IOException e) {
                w = 0;
                h = 0; // the validator reports the missing or unreadable image
            }
        }
        List<Obj> objects = new ArrayList<>();
        int index = 0;
        for (XmlTree.Node o : root.children("object")) {
            Location at = new Location(xml, o.line, "object[" + index++ + "]");
            String name = o.childText("name");
            if (name == null || name.isEmpty()) {
                out.problem(ProblemKind.MALFORMED, at, "object without <name>");
                continue;
            }
            XmlTree.Node bb = o.child("bndbox");
            if (bb == null) {
                out.problem(ProblemKind.MALFORMED, at, "object '" + name + "' without <bndbox>");
                continue;
            }
            double[] v = new double[4];
            String[] tags = {"xmin", "ymin", "xmax", "ymax"};
            boolean ok = true;
            for (int k = 0; k < 4 && ok; k++) {
                v[k] = number(bb, tags[k], Double.NaN);
                if (!Double.isFinite(v[k])) {
                    XmlTree.Node c = bb.child(tags[k]);
                    out.problem(ProblemKind.MALFORMED, new Location(xml, c == null ? bb.line : c.line, at.record()),
                            "<" + tags[k] + "> " + (c == null ? "missing" : "is not a number: '" + c.text() + "'"));
                    ok = false;
                }
            }
            if (!ok) {
                continue;
            }
            String d = o.childText("difficult");
            boolean difficult;
            if (d == null || d.isEmpty() || d.equals("0") || d.equalsIgnoreCase("false")) {
                difficult = false;
            } else if (d.equals("1") || d.equalsIgnoreCase("true")) {
                difficult = true;
            } else {
                out.problem(ProblemKind.MALFORMED, at, "<difficult> must be 0 or 1, found '" + d + "'");
                continue;
            }
            objects.add(new Obj(name, v[0], v[1], v[2], v[3], difficult, at));
        }
        return new Parsed(xml, image, w, h, objects);
    }

    private static double number(XmlTree.Node parent, String tag, double missing) {
        String s = parent.childText(tag);
        if (s == null || s.isEmpty()) {
            return missing;
        }
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static Path imageOf(Path xml, XmlTree.Node root, List<Path> imageDirs) {
        String fn = root.childText("filename");
        if (fn == null || fn.isEmpty()) {
            String stem = ImageFiles.stem(xml);
            for (Path d : imageDirs) {
                Path p = ImageFiles.findByStem(d, stem);
                if (p != null) {
                    return p;
                }
            }
            return imageDirs.get(0).resolve(stem + ".jpg");
        }
        for (Path d : imageDirs) {
            Path p = d.resolve(fn);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        String path = root.childText("path");
        if (path != null && !path.isEmpty() && Files.isRegularFile(Path.of(path))) {
            return Path.of(path);
        }
        return imageDirs.get(0).resolve(fn);
    }

    private LoadedDataset build(List<Parsed> parsed, List<String> given) {
        List<String> names = given;
        if (names == null) {
            TreeSet<String> union = new TreeSet<>();
            parsed.forEach(p -> p.objects.forEach(o -> union.add(o.name)));
            names = new ArrayList<>(union);
        }
        Map<String, Integer> classOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            classOf.put(names.get(i), i);
        }
        for (Parsed p : parsed) {
            SampleBuilder sb = new SampleBuilder();
            for (Obj o : p.objects) {
                Integer c = classOf.get(o.name);
                if (c == null) {
                    out.problem(ProblemKind.UNKNOWN_CLASS, o.at, "class '" + o.name + "' is not in the class list");
                    continue;
                }
                sb.add(o.x1, o.y1, o.x2, o.y2, c, o.difficult, o.at);
            }
            out.add(sb.build(out.sampleCount() + 1, p.image, p.width, p.height), Location.of(p.xml), sb.sources());
        }
        int[] ids = new int[names.size()];
        Arrays.setAll(ids, i -> i);
        return out.build(names, ids, false);
    }
}
