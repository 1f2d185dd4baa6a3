package io.detkit.data.format;

import io.detkit.data.ImageHeaders;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.ProblemKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Reads dlib imglab XML: {@code <dataset><images><image file='…' width='…' height='…'><box top='…'
 * left='…' width='…' height='…' ignore='1'><label>…</label></box>…}. The box is
 * {@code [left, top, left + width, top + height]}; {@code ignore} sets the ignore flag; a box
 * without {@code <label>} has class {@code object}; classes are the sorted union of the labels.
 * Image files are relative to the XML's folder (or to the image folder option); the size comes from
 * the attributes, else from the image header.
 */
final class DlibReader {
    /** Class of a box without {@code <label>}. */
    static final String DEFAULT_CLASS = "object";

    private DlibReader() {}

    /** One box as read. */
    private record RawBox(double x1, double y1, double x2, double y2, String label, boolean ignore, Location at) {}

    /** One image as read. */
    private record RawImage(Path path, int width, int height, List<RawBox> boxes, Location at) {}

    static LoadedDataset load(Path xml, ReadOptions o) throws IOException {
        if (!Files.isRegularFile(xml)) {
            throw new DatasetFormatException(xml + ": dlib XML file not found");
        }
        XmlTree.Node root;
        try {
            root = XmlTree.parse(xml);
        } catch (XmlTree.XmlSyntaxException e) {
            throw new DatasetFormatException(e.getMessage(), e);
        }
        if (!root.name.equals("dataset")) {
            throw new DatasetFormatException(xml + ":" + root.line + ": root element is <" + root.name
                    + ">, expected dlib's <dataset>");
        }
        LoadBuilder out = new LoadBuilder();
        Path dir = o.images().orElse(xml.toAbsolutePath().normalize().getParent());
        XmlTree.Node images = root.child("images");
        List<RawImage> raw = new ArrayList<>();
        TreeSet<String> labels = new TreeSet<>();
        int index = 0;
        for (XmlTree.Node im : images == null ? List.<XmlTree.Node>of() : images.children("image")) {
            Location at = new Location(xml, im.line, "image[" + index++ + "]");
            String file = im.attributes.get("file");
            if (file == null || file.isBlank()) {
                out.problem(ProblemKind.MALFORMED, at, "image without a 'file' attribute");
                continue;
            }
            Path path = dir.resolve(file).normalize();
            int w = (int) attr(im, "width", 0), h = (int) attr(im, "height", 0);
            if (w <= 0 || h <= 0) {
                try {
                    ImageHeaders.Size s = ImageHeaders.read(path);
                    w = s.width();
                    h = s.height();
                } catch (IOException e) {
                    w = 0;
                    h = 0; // the validator reports it
                }
            }
            List<RawBox> boxes = new ArrayList<>();
            int b = 0;
            for (XmlTree.Node box : im.children("box")) {
                Location bat = new Location(xml, box.line, at.record() + ".box[" + b++ + "]");
                double top = attr(box, "top", Double.NaN), left = attr(box, "left", Double.NaN);
                double bw = attr(box, "width", Double.NaN), bh = attr(box, "height", Double.NaN);
                if (!Double.isFinite(top) || !Double.isFinite(left) || !Double.isFinite(bw) || !Double.isFinite(bh)) {
                    out.problem(ProblemKind.MALFORMED, bat, "box needs numeric top, left, width and height attributes, got "
                            + box.attributes);
                    continue;
                }
                String ig = box.attributes.getOrDefault("ignore", "0").strip();
                boolean ignored = ig.equals("1") || ig.equalsIgnoreCase("true");
                if (!ignored && !ig.equals("0") && !ig.equalsIgnoreCase("false")) {
                    // an unreadable flag must not turn an ignored region into a training target
                    out.problem(ProblemKind.MALFORMED, bat, "attribute 'ignore' must be 0, 1, true or false, got '" + ig + "'");
                    continue;
                }
                String label = box.childText("label");
                label = label == null || label.isEmpty() ? DEFAULT_CLASS : label;
                labels.add(label);
                boxes.add(new RawBox(left, top, left + bw, top + bh, label, ignored, bat));
            }
            raw.add(new RawImage(path, w, h, boxes, at));
        }
        if (labels.isEmpty()) {
            labels.add(DEFAULT_CLASS);
        }
        List<String> names = new ArrayList<>(labels);
        Map<String, Integer> classOf = new HashMap<>();
        for (int i = 0; i < names.size(); i++) {
            classOf.put(names.get(i), i);
        }
        for (RawImage im : raw) {
            SampleBuilder sb = new SampleBuilder();
            for (RawBox b : im.boxes) {
                sb.add(b.x1, b.y1, b.x2, b.y2, classOf.get(b.label), b.ignore, b.at);
            }
            out.add(sb.build(out.sampleCount() + 1, im.path, im.width, im.height), im.at, sb.sources());
        }
        int[] ids = new int[names.size()];
        Arrays.setAll(ids, i -> i);
        return out.build(names, ids, false);
    }

    private static double attr(XmlTree.Node n, String name, double missing) {
        String s = n.attributes.get(name);
        if (s == null || s.isBlank()) {
            return missing;
        }
        try {
            return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
