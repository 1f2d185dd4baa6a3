package io.detkit.metrics.coco;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streaming reader for COCO ground-truth files ({@code instances_*.json}) and COCO results files
 * (the detection list that pycocotools' {@code loadRes}, Ultralytics, Detectron2 and MMDetection
 * use).
 *
 * <p>Segmentations, keypoints and unknown fields are skipped without being materialised, so a large
 * file costs little memory. Every problem is reported as a {@link CocoFormatException} whose message
 * names the file, the record (e.g. {@code annotations[17]}, line 40) and the field.
 *
 * <p>Rules (pycocotools' where it has one): a GT annotation without {@code area} gets
 * {@code w·h}; without {@code iscrowd} it is not a crowd. A result must name an image and a
 * category of the ground truth, have 4 finite box numbers with non-negative width and height, and a
 * finite score. A results file may be a JSON array, or an object whose {@code annotations} field is
 * that array.
 */
public final class CocoJson {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private CocoJson() {}

    /**
     * Reads a COCO ground-truth file.
     *
     * @param file the file
     * @return the ground truth
     * @throws CocoFormatException if the file is malformed or inconsistent
     * @throws IOException if it cannot be read
     */
    public static CocoGroundTruth readGroundTruth(Path file) throws IOException {
        try (InputStream in = open(file); JsonParser p = FACTORY.createParser(in)) {
            return new GtReader(file, p).read();
        } catch (JsonParseException e) {
            throw malformed(file, e, 0);
        }
    }

    /**
     * Reads a COCO results file and checks it against the ground truth.
     *
     * @param file the results file
     * @param gt the ground truth whose image and category ids the results must use
     * @return the detections in file order
     * @throws CocoFormatException if the file is malformed or refers to unknown ids
     * @throws IOException if it cannot be read
     */
    public static CocoDetections readResults(Path file, CocoGroundTruth gt) throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CocoFormatException(file + ": file not found");
        }
        int threads = Runtime.getRuntime().availableProcessors();
        if (bytes.length >= PARALLEL_MIN_BYTES && threads > 1) {
            List<ResultChunks.Chunk> chunks = ResultChunks.split(bytes, threads);
            if (chunks != null) {
                return readChunks(file, bytes, chunks, gt);
            }
        }
        try (JsonParser p = FACTORY.createParser(bytes)) {
            return readResults(file, p, gt);
        } catch (JsonParseException e) {
            throw malformed(file, e, 0);
        }
    }

    /** Results files at least this large are parsed in parallel chunks. */
    static final int PARALLEL_MIN_BYTES = 4 << 20;

    private static CocoDetections readChunks(Path file, byte[] bytes, List<ResultChunks.Chunk> chunks, CocoGroundTruth gt)
            throws IOException {
        List<java.util.concurrent.CompletableFuture<CocoDetections>> parts = new ArrayList<>();
        for (ResultChunks.Chunk c : chunks) {
            parts.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    byte[] buf = new byte[c.length() + 2];
                    buf[0] = '[';
                    System.arraycopy(bytes, c.start(), buf, 1, c.length());
                    buf[buf.length - 1] = ']';
                    try (JsonParser p = FACTORY.createParser(buf)) {
                        p.nextToken();
                        return readResultArray(file, p, gt, c.firstIndex(), c.firstLine() - 1);
                    } catch (JsonParseException e) {
                        throw malformed(file, e, c.firstLine() - 1);
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }));
        }
        CocoDetections out = null;
        for (var f : parts) {
            CocoDetections d;
            try {
                d = f.join();
            } catch (java.util.concurrent.CompletionException e) {
                // the first failing chunk in file order reports, as a sequential read would
                if (e.getCause() instanceof java.io.UncheckedIOException u) {
                    throw u.getCause();
                }
                throw e;
            }
            if (out == null) {
                out = d;
            } else {
                out.addAll(d);
            }
        }
        return out;
    }

    private static InputStream open(Path file) throws IOException {
        try {
            return new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16);
        } catch (NoSuchFileException e) {
            throw new CocoFormatException(file + ": file not found");
        }
    }

    private static CocoFormatException malformed(Path file, JsonParseException e, int lineOffset) {
        JsonLocation loc = e.getLocation();
        String where = loc == null ? "" : " at line " + (loc.getLineNr() + lineOffset)
                + (lineOffset == 0 ? " column " + loc.getColumnNr() : "");
        return new CocoFormatException(file + ": malformed JSON" + where + ": " + e.getOriginalMessage(), e);
    }

    private static CocoDetections readResults(Path file, JsonParser p, CocoGroundTruth gt) throws IOException {
        JsonToken t = p.nextToken();
        if (t == JsonToken.START_OBJECT) {
            // {"annotations": [...]} form
            boolean found = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if ("annotations".equals(name) && v == JsonToken.START_ARRAY) {
                    found = true;
                    return readResultArray(file, p, gt, 0, 0);
                }
                p.skipChildren();
            }
            if (!found) {
                throw new CocoFormatException(file + ": expected a JSON array of detections (or an object with an 'annotations' array)");
            }
        }
        if (t != JsonToken.START_ARRAY) {
            throw new CocoFormatException(file + ": expected a JSON array of detections at the top level, found " + t);
        }
        return readResultArray(file, p, gt, 0, 0);
    }

    private static CocoDetections readResultArray(Path file, JsonParser p, CocoGroundTruth gt, int firstIndex,
            int lineOffset) throws IOException {
        CocoDetections out = new CocoDetections(1 << 14);
        double[] box = new double[4];
        int index = firstIndex;
        JsonToken t;
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
            if (t == null) {
                throw new CocoFormatException(file + ": unexpected end of file inside the detections array");
            }
            Record r = new Record(file, "detections[" + index + "]", p.currentLocation().getLineNr() + lineOffset);
            if (t != JsonToken.START_OBJECT) {
                throw r.error(null, "expected an object, found " + t);
            }
            long imageId = Long.MIN_VALUE;
            int categoryId = Integer.MIN_VALUE;
            double score = Double.NaN;
            boolean hasBox = false, hasScore = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "image_id" -> imageId = r.readLong(p, v, name);
                    case "category_id" -> categoryId = r.readInt(p, v, name);
                    case "bbox" -> { r.readBox(p, v, box); hasBox = true; }
                    case "score" -> { score = r.readDouble(p, v, name); hasScore = true; }
                    default -> p.skipChildren();
                }
            }
            if (imageId == Long.MIN_VALUE) {
                throw r.error("image_id", "missing");
            }
            if (categoryId == Integer.MIN_VALUE) {
                throw r.error("category_id", "missing");
            }
            if (!hasBox) {
                throw r.error("bbox", "missing");
            }
            if (!hasScore) {
                throw r.error("score", "missing");
            }
            if (!Double.isFinite(score)) {
                throw r.error("score", "must be a finite number, got " + score);
            }
            if (box[2] < 0 || box[3] < 0) {
                throw r.error("bbox", "negative width or height [" + box[0] + ", " + box[1] + ", " + box[2] + ", " + box[3] + "]");
            }
            if (!gt.hasImage(imageId)) {
                throw r.error("image_id", imageId + " is not an image of the ground truth");
            }
            if (!gt.hasCategory(categoryId)) {
                throw r.error("category_id", categoryId + " is not a category of the ground truth");
            }
            out.add(imageId, categoryId, box[0], box[1], box[2], box[3], score);
            index++;
        }
        return out;
    }

    /** Reads the GT object. */
    private static final class GtReader {
        private final Path file;
        private final JsonParser p;
        private final CocoGroundTruth.Builder b = CocoGroundTruth.builder();
        private final List<long[]> pendingIds = new ArrayList<>();
        private final CocoDetections pending = new CocoDetections(1 << 12);
        private final List<double[]> pendingMeta = new ArrayList<>();
        private final List<Record> pendingRecords = new ArrayList<>();
        private final Set<Long> imageIds = new HashSet<>();
        private final Set<Integer> categoryIds = new HashSet<>();

        GtReader(Path file, JsonParser p) {
            this.file = file;
            this.p = p;
        }

        CocoGroundTruth read() throws IOException {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new CocoFormatException(file + ": expected a JSON object with 'images', 'annotations' and 'categories'");
            }
            boolean sawImages = false, sawCategories = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                switch (name) {
                    case "images" -> { expectArray(v, name); readImages(); sawImages = true; }
                    case "categories" -> { expectArray(v, name); readCategories(); sawCategories = true; }
                    case "annotations" -> { expectArray(v, name); readAnnotations(); }
                    default -> p.skipChildren();
                }
            }
            if (!sawImages) {
                throw new CocoFormatException(file + ": no 'images' array (is this a results file rather than ground truth?)");
            }
            if (!sawCategories) {
                throw new CocoFormatException(file + ": no 'categories' array");
            }
            for (int i = 0; i < pending.size(); i++) {
                Record r = pendingRecords.get(i);
                long imageId = pending.imageId(i);
                int cat = pending.categoryId(i);
                if (!imageIds.contains(imageId)) {
                    throw r.error("image_id", imageId + " is not in 'images'");
                }
                if (!categoryIds.contains(cat)) {
                    throw r.error("category_id", cat + " is not in 'categories'");
                }
                double[] box = pending.boxXywh(i);
                double[] meta = pendingMeta.get(i);
                b.addAnnotation(pendingIds.get(i)[0], imageId, cat, box[0], box[1], box[2], box[3], meta[0], meta[1] != 0);
            }
            return b.build();
        }

        private void expectArray(JsonToken v, String name) throws CocoFormatException {
            if (v != JsonToken.START_ARRAY) {
                throw new CocoFormatException(file + ": field '" + name + "' must be an array, found " + v);
            }
        }

        private void readImages() throws IOException {
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                Record r = new Record(file, "images[" + index + "]", p.currentLocation().getLineNr());
                if (t != JsonToken.START_OBJECT) {
                    throw r.error(null, "expected an object, found " + t);
                }
                long id = Long.MIN_VALUE;
                String fileName = "";
                int w = 0, h = 0;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "id" -> id = r.readLong(p, v, name);
                        case "file_name" -> fileName = r.readString(p, v, name);
                        case "width" -> w = r.readInt(p, v, name);
                        case "height" -> h = r.readInt(p, v, name);
                        default -> p.skipChildren();
                    }
                }
                if (id == Long.MIN_VALUE) {
                    throw r.error("id", "missing");
                }
                if (!imageIds.add(id)) {
                    throw r.error("id", "duplicate image id " + id);
                }
                b.addImage(new CocoImage(id, fileName, w, h));
                index++;
            }
        }

        private void readCategories() throws IOException {
            int index = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                Record r = new Record(file, "categories[" + index + "]", p.currentLocation().getLineNr());
                if (t != JsonToken.START_OBJECT) {
                    throw r.error(null, "expected an object, found " + t);
                }
                int id = Integer.MIN_VALUE;
                String name0 = null;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "id" -> id = r.readInt(p, v, name);
                        case "name" -> name0 = r.readString(p, v, name);
                        default -> p.skipChildren();
                    }
                }
                if (id == Integer.MIN_VALUE) {
                    throw r.error("id", "missing");
                }
                if (!categoryIds.add(id)) {
                    throw r.error("id", "duplicate category id " + id);
                }
                b.addCategory(id, name0 == null ? String.valueOf(id) : name0);
                index++;
            }
        }

        private void readAnnotations() throws IOException {
            int index = 0;
            double[] box = new double[4];
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                Record r = new Record(file, "annotations[" + index + "]", p.currentLocation().getLineNr());
                if (t != JsonToken.START_OBJECT) {
                    throw r.error(null, "expected an object, found " + t);
                }
                long id = Long.MIN_VALUE, imageId = Long.MIN_VALUE;
                int cat = Integer.MIN_VALUE;
                double area = Double.NaN;
                boolean crowd = false, hasBox = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "id" -> id = r.readLong(p, v, name);
                        case "image_id" -> imageId = r.readLong(p, v, name);
                        case "category_id" -> cat = r.readInt(p, v, name);
                        case "bbox" -> { r.readBox(p, v, box); hasBox = true; }
                        case "area" -> area = r.readDouble(p, v, name);
                        case "iscrowd" -> crowd = r.readLong(p, v, name) != 0;
                        default -> p.skipChildren();
                    }
                }
                if (id == Long.MIN_VALUE) {
                    throw r.error("id", "missing");
                }
                if (imageId == Long.MIN_VALUE) {
                    throw r.error("image_id", "missing");
                }
                if (cat == Integer.MIN_VALUE) {
                    throw r.error("category_id", "missing");
                }
                if (!hasBox) {
                    throw r.error("bbox", "missing (detkit evaluates boxes)");
                }
                if (box[2] < 0 || box[3] < 0) {
                    throw r.error("bbox", "negative width or height [" + box[0] + ", " + box[1] + ", " + box[2] + ", " + box[3] + "]");
                }
                if (Double.isNaN(area)) {
                    area = box[2] * box[3];
                } else if (!Double.isFinite(area) || area < 0) {
                    throw r.error("area", "must be a finite non-negative number, got " + area);
                }
                pending.add(imageId, cat, box[0], box[1], box[2], box[3], 0);
                pendingIds.add(new long[] {id});
                pendingMeta.add(new double[] {area, crowd ? 1 : 0});
                pendingRecords.add(r);
                index++;
            }
        }
    }

    /** Where a record starts, for messages. */
    private static final class Record {
        final Path file;
        final String name;
        int line;

        Record(Path file, String name, int line) {
            this.file = file;
            this.name = name;
            this.line = line;
        }

        CocoFormatException error(String field, String what) {
            return new CocoFormatException(file + ": " + name + " (line " + line + ")"
                    + (field == null ? "" : ": field '" + field + "'") + ": " + what);
        }

        private static String abbreviate(String digits) {
            return digits.length() <= 24 ? digits : digits.substring(0, 20) + "… (" + digits.length() + " digits)";
        }

        long readLong(JsonParser p, JsonToken v, String field) throws IOException {
            if (v == JsonToken.VALUE_NUMBER_INT) {
                if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                    throw error(field, "integer " + abbreviate(p.getText()) + " is out of range (at most 19 digits)");
                }
                return p.getLongValue();
            }
            if (v == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                if (d == Math.rint(d) && Math.abs(d) < 9.0e15) {
                    return (long) d;
                }
                throw error(field, "expected an integer, got " + d);
            }
            if (v == JsonToken.VALUE_TRUE || v == JsonToken.VALUE_FALSE) {
                return v == JsonToken.VALUE_TRUE ? 1 : 0;
            }
            throw error(field, "expected an integer, found " + describe(p, v));
        }

        int readInt(JsonParser p, JsonToken v, String field) throws IOException {
            long x = readLong(p, v, field);
            if (x < Integer.MIN_VALUE + 1 || x > Integer.MAX_VALUE) {
                throw error(field, "integer out of range: " + x);
            }
            return (int) x;
        }

        double readDouble(JsonParser p, JsonToken v, String field) throws IOException {
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                return p.getDoubleValue();
            }
            throw error(field, "expected a number, found " + describe(p, v));
        }

        String readString(JsonParser p, JsonToken v, String field) throws IOException {
            if (v == JsonToken.VALUE_STRING) {
                return p.getText();
            }
            if (v == JsonToken.VALUE_NULL) {
                return "";
            }
            if (v.isScalarValue()) {
                return p.getText();
            }
            throw error(field, "expected a string, found " + describe(p, v));
        }

        void readBox(JsonParser p, JsonToken v, double[] box) throws IOException {
            if (v != JsonToken.START_ARRAY) {
                throw error("bbox", "expected an array [x, y, w, h], found " + describe(p, v));
            }
            int n = 0;
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw error("bbox", "expected 4 numbers [x, y, w, h], found " + describe(p, t));
                }
                double d = p.getDoubleValue();
                if (!Double.isFinite(d)) {
                    throw error("bbox", "element " + n + " is not a finite number: " + d);
                }
                if (n < 4) {
                    box[n] = d;
                }
                n++;
            }
            if (n != 4) {
                throw error("bbox", "expected 4 numbers [x, y, w, h], got " + n);
            }
        }

        private static String describe(JsonParser p, JsonToken v) throws IOException {
            if (v == null) {
                return "end of file";
            }
            if (v.isScalarValue()) {
                return v == JsonToken.VALUE_STRING ? "string \"" + p.getText() + "\"" : p.getText();
            }
            return v.toString();
        }
    }
}
