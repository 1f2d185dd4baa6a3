package io.detkit.data.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.detkit.data.ImageHeaders;
import io.detkit.data.validate.LoadedDataset;
import io.detkit.data.validate.Location;
import io.detkit.data.validate.ProblemKind;
import io.detkit.metrics.coco.CocoCategory;
import io.detkit.metrics.coco.CocoImage;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads COCO ground truth ({@code images}, {@code annotations}, {@code categories}) as a stream;
 * segmentations and keypoints are skipped unread. Categories become classes in id order, their ids
 * kept in {@link io.detkit.data.DetectionDataset#categoryIds()}; {@code iscrowd} (or a non-zero
 * {@code ignore}) sets the ignore flag; {@code area} is kept (w·h when absent); images without
 * annotations are kept; sizes come from the JSON (from the image header when the JSON has none).
 *
 * <p>Image {@code file_name}s are resolved against the image folder option, else against the first
 * of these folders that holds the first images: the JSON's folder, {@code info.images_root} (which
 * detkit writes), {@code images/} next to the JSON, and for {@code annotations/instances_<split>.json}
 * the folders {@code ../images/<split>}, {@code ../<split>} and {@code ../images}.
 *
 * <p>A broken record (a missing or mistyped field, an unknown image or category, a duplicate id) is
 * reported with its file, record and line, left out, and reading goes on; a JSON syntax error stops
 * the reading with a {@link DatasetFormatException} naming line and column.
 */
final class CocoReader {
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private final Path file;
    private final LoadBuilder out = new LoadBuilder();
    private final List<CocoImage> images = new ArrayList<>();
    private final List<Location> imageLocations = new ArrayList<>();
    private final Map<Long, Integer> imageIndex = new HashMap<>();
    private final List<CocoCategory> categories = new ArrayList<>();
    private final Set<Integer> categoryIds = new HashSet<>();
    private final List<Ann> annotations = new ArrayList<>();
    private String imagesRootHint;

    /** One annotation as read. */
    private record Ann(long id, long imageId, int categoryId, double x, double y, double w, double h, double area,
            boolean ignore, Location at) {}

    /** A record-level error: reported, the record left out. */
    private static final class BadRecord extends Exception {
        private static final long serialVersionUID = 1L;
        final ProblemKind kind;

        BadRecord(ProblemKind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }
    }

    private CocoReader(Path file) {
        this.file = file;
    }

    static LoadedDataset load(Path file, ReadOptions o) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + ": COCO JSON file not found");
        }
        CocoReader r = new CocoReader(file);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                JsonParser p = JSON.createParser(in)) {
            r.parse(p);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new DatasetFormatException(file + where + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        return r.build(o);
    }

    private void parse(JsonParser p) throws IOException {
        if (p.nextToken() != JsonToken.START_OBJECT) {
            throw new DatasetFormatException(file + ": expected a JSON object with 'images', 'annotations' and 'categories'");
        }
        boolean sawImages = false, sawCategories = false;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken v = p.nextToken();
            switch (name) {
                case "images" -> { array(p, v, name); sawImages = true; }
                case "annotations" -> array(p, v, name);
                case "categories" -> { array(p, v, name); sawCategories = true; }
                case "info" -> {
                    JsonNode info = JSON.readTree(p);
                    if (info != null && info.path("images_root").isTextual()) {
                        imagesRootHint = info.get("images_root").asText();
                    }
                }
                default -> p.skipChildren();
            }
        }
        if (!sawImages) {
            throw new DatasetFormatException(file + ": no 'images' array (is this a results file rather than ground truth?)");
        }
        if (!sawCategories) {
            throw new DatasetFormatException(file + ": no 'categories' array");
        }
    }

    private void array(JsonParser p, JsonToken v, String name) throws IOException {
        if (v != JsonToken.START_ARRAY) {
            throw new DatasetFormatException(file + ":" + p.currentLocation().getLineNr() + ": field '" + name
                    + "' must be an array, found " + v);
        }
        int index = 0;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            Location at = new Location(file, p.currentLocation().getLineNr(), name + "[" + index + "]");
            try {
                if (t != JsonToken.START_OBJECT) {
                    p.skipChildren();
                    throw new BadRecord(ProblemKind.MALFORMED, "expected an object, found " + t);
                }
                Map<String, JsonNode> fields = fields(p);
                switch (name) {
                    case "images" -> image(fields, at);
                    case "annotations" -> annotation(fields, at);
                    default -> category(fields, at);
                }
            } catch (BadRecord e) {
                out.problem(e.kind, at, e.getMessage());
            }
            index++;
        }
    }

    /** The fields of the object the parser is at, segmentation and keypoints skipped. */
    private static Map<String, JsonNode> fields(JsonParser p) throws IOException {
        Map<String, JsonNode> m = new HashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String n = p.currentName();
            p.nextToken();
            if (n.equals("segmentation") || n.equals("keypoints")) {
                p.skipChildren();
            } else {
                m.put(n, JSON.readTree(p));
            }
        }
        return m;
    }

    private void image(Map<String, JsonNode> f, Location at) throws BadRecord {
        long id = integer(f, "id", true);
        JsonNode fn = f.get("file_name");
        if (fn == null || !fn.isTextual() || fn.asText().isBlank()) {
            throw new BadRecord(ProblemKind.MALFORMED, "field 'file_name': " + (fn == null ? "missing" : "expected a file name, found " + fn));
        }
        int w = (int) integer(f, "width", false), h = (int) integer(f, "height", false);
        if (w < 0 || h < 0) {
            throw new BadRecord(ProblemKind.MALFORMED, "negative width or height " + w + "×" + h);
        }
        if (imageIndex.containsKey(id)) {
            throw new BadRecord(ProblemKind.DUPLICATE_ID, "image id " + id + " already used by "
                    + imageLocations.get(imageIndex.get(id)).record() + "; this image is left out");
        }
        imageIndex.put(id, images.size());
        images.add(new CocoImage(id, fn.asText(), w, h));
        imageLocations.add(at);
    }

    private void category(Map<String, JsonNode> f, Location at) throws BadRecord {
        long id = integer(f, "id", true);
        if (id < Integer.MIN_VALUE || id > Integer.MAX_VALUE) {
            throw new BadRecord(ProblemKind.MALFORMED, "field 'id': out of range: " + id);
        }
        JsonNode n = f.get("name");
        String name = n == null || n.isNull() ? String.valueOf(id) : n.asText();
        if (!categoryIds.add((int) id)) {
            throw new BadRecord(ProblemKind.DUPLICATE_ID, "category id " + id + " is used twice; this one ('" + name
                    + "') is left out");
        }
        JsonNode sc = f.get("supercategory");
        categories.add(new CocoCategory((int) id, name, sc == null || sc.isNull() ? "" : sc.asText()));
    }

    private void annotation(Map<String, JsonNode> f, Location at) throws BadRecord {
        long id = integer(f, "id", true);
        long imageId = integer(f, "image_id", true);
        long cat = integer(f, "category_id", true);
        JsonNode b = f.get("bbox");
        if (b == null) {
            throw new BadRecord(ProblemKind.MALFORMED, "field 'bbox': missing");
        }
        if (!b.isArray() || b.size() != 4) {
            throw new BadRecord(ProblemKind.MALFORMED, "field 'bbox': expected [x, y, w, h], found " + b);
        }
        double[] v = new double[4];
        for (int i = 0; i < 4; i++) {
            if (!b.get(i).isNumber() || !Double.isFinite(b.get(i).asDouble())) {
                throw new BadRecord(ProblemKind.MALFORMED, "field 'bbox': element " + i + " is not a finite number: " + b.get(i));
            }
            v[i] = b.get(i).asDouble();
        }
        double area = v[2] * v[3];
        JsonNode a = f.get("area");
        if (a != null && !a.isNull()) {
            if (!a.isNumber() || !Double.isFinite(a.asDouble()) || a.asDouble() < 0) {
                throw new BadRecord(ProblemKind.MALFORMED, "field 'area': expected a finite non-negative number, found " + a);
            }
            area = a.asDouble();
        }
        boolean ignore = flag(f, "iscrowd") || flag(f, "ignore");
        annotations.add(new Ann(id, imageId, (int) cat, v[0], v[1], v[2], v[3], area, ignore, at));
    }

    private static long integer(Map<String, JsonNode> f, String name, boolean required) throws BadRecord {
        JsonNode n = f.get(name);
        if (n == null || n.isNull()) {
            if (required) {
                throw new BadRecord(ProblemKind.MALFORMED, "field '" + name + "': missing");
            }
            return 0;
        }
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isNumber() && n.asDouble() == Math.rint(n.asDouble()) && Math.abs(n.asDouble()) < 9.0e15) {
            return (long) n.asDouble();
        }
        throw new BadRecord(ProblemKind.MALFORMED, "field '" + name + "': expected an integer, found " + n);
    }

    private static boolean flag(Map<String, JsonNode> f, String name) throws BadRecord {
        JsonNode n = f.get(name);
        if (n == null || n.isNull()) {
            return false;
        }
        if (n.isBoolean()) {
            return n.asBoolean();
        }
        if (n.isNumber()) {
            return n.asDouble() != 0;
        }
        throw new BadRecord(ProblemKind.MALFORMED, "field '" + name + "': expected 0 or 1, found " + n);
    }

    private LoadedDataset build(ReadOptions o) {
        List<CocoCategory> cats = new ArrayList<>(categories);
        cats.sort(Comparator.comparingInt(CocoCategory::id));
        Map<Integer, Integer> classOf = new HashMap<>();
        List<String> names = new ArrayList<>();
        int[] ids = new int[cats.size()];
        for (int i = 0; i < cats.size(); i++) {
            classOf.put(cats.get(i).id(), i);
            names.add(cats.get(i).name());
            ids[i] = cats.get(i).id();
        }
        SampleBuilder[] boxes = new SampleBuilder[images.size()];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = new SampleBuilder();
        }
        Map<Long, Location> annIds = new HashMap<>();
        for (Ann a : annotations) {
            Location first = annIds.putIfAbsent(a.id, a.at);
            if (first != null) {
                out.problem(ProblemKind.DUPLICATE_ID, a.at, "annotation id " + a.id + " already used by " + first.record()
                        + "; this annotation is left out");
                continue;
            }
            Integer img = imageIndex.get(a.imageId);
            if (img == null) {
                out.problem(ProblemKind.UNKNOWN_IMAGE, a.at, "field 'image_id': " + a.imageId + " is not in 'images'");
                continue;
            }
            Integer cls = classOf.get(a.categoryId);
            if (cls == null) {
                out.problem(ProblemKind.UNKNOWN_CLASS, a.at, "field 'category_id': " + a.categoryId + " is not in 'categories'");
                continue;
            }
            boxes[img].add(a.x, a.y, a.x + a.w, a.y + a.h, cls, a.ignore, a.area, a.at);
        }
        Path root = imagesRoot(o);
        for (int i = 0; i < images.size(); i++) {
            CocoImage im = images.get(i);
            Path path = root.resolve(im.fileName()).normalize();
            int w = im.width(), h = im.height();
            if (w <= 0 || h <= 0) {
                try {
                    ImageHeaders.Size s = ImageHeaders.read(path);
                    w = s.width();
                    h = s.height();
                } catch (IOException e) {
                    w = 0;
                    h = 0; // the validator reports the missing or unreadable image
                }
            }
            out.add(boxes[i].build(im.id(), path, w, h), imageLocations.get(i), boxes[i].sources());
        }
        return out.build(names, ids, false);
    }

    private Path imagesRoot(ReadOptions o) {
        if (o.images().isPresent()) {
            return o.images().get();
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        List<Path> candidates = new ArrayList<>();
        candidates.add(dir);
        if (imagesRootHint != null) {
            candidates.add(dir.resolve(imagesRootHint));
        }
        candidates.add(dir.resolve("images"));
        String stem = ImageFiles.stem(file);
        int us = stem.indexOf('_');
        Path parent = dir.getParent();
        if (parent != null) {
            if (us >= 0) {
                String split = stem.substring(us + 1);
                candidates.add(parent.resolve("images").resolve(split));
                candidates.add(parent.resolve(split));
            }
            candidates.add(parent.resolve("images"));
        }
        List<String> probe = images.stream().limit(20).map(CocoImage::fileName).toList();
        for (Path c : candidates) {
            for (String name : probe) {
                if (Files.isRegularFile(c.resolve(name))) {
                    return c;
                }
            }
        }
        return dir;
    }
}
