package io.detkit.conformance;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * Readers for the reference-set formats the conformance checks use: one text file per image
 * ({@code <class> <x> <y> <w> <h>} for ground truth, {@code <class> <score> <a> <b> <c> <d>} for
 * detections, absolute pixels, boxes as xywh or xyxy) and Pascal VOC XML annotations
 * ({@code <object><name/><difficult/><bndbox><xmin/>…</bndbox></object>}, difficult → ignore).
 */
final class ReferenceReaders {
    private ReferenceReaders() {}

    /** How the four numbers of a text line encode a box. */
    enum TextBox {
        XYWH,
        XYXY
    }

    /**
     * Reads one text file per image from each folder and pairs them by file name (images sorted
     * by key; an image present in one folder only has an empty list in the other).
     */
    static List<LabeledImage> readTextPairs(Path gtDir, Path detDir, TextBox gtFormat, TextBox detFormat, ClassNames names)
            throws IOException {
        Map<String, List<GroundTruth>> gts = new TreeMap<>();
        for (Path f : listFiles(gtDir, ".txt")) {
            List<GroundTruth> list = new ArrayList<>();
            for (String[] t : tokens(f)) {
                expect(f, t, 5);
                list.add(new GroundTruth(box(gtFormat, t, 1), names.id(t[0])));
            }
            gts.put(key(f), list);
        }
        Map<String, List<Detection>> dets = readDetections(detDir, detFormat, names);
        return pair(gts, dets);
    }

    /** Reads VOC XML ground truth and text detections, paired by file name. */
    static List<LabeledImage> readXmlAndText(Path gtDir, Path detDir, TextBox detFormat, ClassNames names)
            throws IOException {
        Map<String, List<GroundTruth>> gts = new TreeMap<>();
        DocumentBuilder parser = newParser();
        for (Path f : listFiles(gtDir, ".xml")) {
            gts.put(key(f), readVocXml(parser, f, names));
        }
        return pair(gts, readDetections(detDir, detFormat, names));
    }

    private static Map<String, List<Detection>> readDetections(Path dir, TextBox format, ClassNames names)
            throws IOException {
        Map<String, List<Detection>> dets = new TreeMap<>();
        for (Path f : listFiles(dir, ".txt")) {
            List<Detection> list = new ArrayList<>();
            for (String[] t : tokens(f)) {
                expect(f, t, 6);
                list.add(new Detection(box(format, t, 2), names.id(t[0]), Double.parseDouble(t[1])));
            }
            dets.put(key(f), list);
        }
        return dets;
    }

    private static List<GroundTruth> readVocXml(DocumentBuilder parser, Path f, ClassNames names) throws IOException {
        Document doc;
        try (InputStream in = Files.newInputStream(f)) {
            doc = parser.parse(in);
        } catch (SAXException e) {
            throw new IOException(f + ": not valid XML: " + e.getMessage(), e);
        }
        List<GroundTruth> out = new ArrayList<>();
        NodeList objects = doc.getElementsByTagName("object");
        for (int i = 0; i < objects.getLength(); i++) {
            Element o = (Element) objects.item(i);
            String name = text(o, "name", f);
            boolean difficult = childText(o, "difficult").map(s -> s.trim().equals("1")).orElse(false);
            Element bb = child(o, "bndbox");
            if (bb == null) {
                throw new IOException(f + ": object without bndbox");
            }
            Box box = new Box(num(bb, "xmin", f), num(bb, "ymin", f), num(bb, "xmax", f), num(bb, "ymax", f));
            out.add(new GroundTruth(box, names.id(name.trim()), difficult));
        }
        return out;
    }

    private static List<LabeledImage> pair(Map<String, List<GroundTruth>> gts, Map<String, List<Detection>> dets) {
        TreeMap<String, Boolean> keys = new TreeMap<>();
        gts.keySet().forEach(k -> keys.put(k, true));
        dets.keySet().forEach(k -> keys.put(k, true));
        List<LabeledImage> out = new ArrayList<>();
        for (String k : keys.keySet()) {
            out.add(new LabeledImage(k, gts.getOrDefault(k, List.of()), dets.getOrDefault(k, List.of())));
        }
        return out;
    }

    private static Box box(TextBox format, String[] t, int from) {
        double a = Double.parseDouble(t[from]), b = Double.parseDouble(t[from + 1]);
        double c = Double.parseDouble(t[from + 2]), d = Double.parseDouble(t[from + 3]);
        return format == TextBox.XYWH ? Box.ofXywh(a, b, c, d) : new Box(a, b, c, d);
    }

    private static List<Path> listFiles(Path dir, String suffix) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IOException("not a folder: " + dir);
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().toLowerCase().endsWith(suffix)).sorted().toList();
        }
    }

    private static List<String[]> tokens(Path f) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String line : Files.readAllLines(f)) {
            String s = line.strip();
            if (!s.isEmpty()) {
                out.add(s.split("\\s+"));
            }
        }
        return out;
    }

    private static void expect(Path f, String[] t, int n) throws IOException {
        if (t.length != n) {
            throw new IOException(f + ": expected " + n + " fields, got " + t.length + ": " + String.join(" ", t));
        }
    }

    private static String key(Path f) {
        String name = f.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    private static DocumentBuilder newParser() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }

    /** The text of the first direct child element named {@code tag} (nested parts are skipped). */
    private static Optional<String> childText(Element e, String tag) {
        Element c = child(e, tag);
        return c == null ? Optional.empty() : Optional.of(c.getTextContent());
    }

    private static Element child(Element e, String tag) {
        for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element c && c.getTagName().equals(tag)) {
                return c;
            }
        }
        return null;
    }

    private static String text(Element e, String tag, Path f) throws IOException {
        return childText(e, tag).orElseThrow(() -> new IOException(f + ": object without <" + tag + ">"));
    }

    private static double num(Element e, String tag, Path f) throws IOException {
        String s = text(e, tag, f).trim();
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException ex) {
            throw new IOException(f + ": <" + tag + "> is not a number: " + s, ex);
        }
    }
}
