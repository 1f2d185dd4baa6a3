package io.detkit.data.format;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An Ultralytics data YAML: {@code path} (the dataset root), {@code train}/{@code val}/{@code test}
 * (image folders or list files, one or a list, relative to the root), {@code names} (a list, or a
 * map {@code {id: name}} whose ids are {@code 0..n−1}) or only {@code nc}. detkit also reads and
 * writes {@code category_ids}, the original COCO id of each class, so non-contiguous COCO ids
 * survive a COCO → YOLO → COCO round trip (Ultralytics ignores the key).
 *
 * <p>A relative {@code path} is resolved against the YAML's folder (Ultralytics resolves it against
 * the working directory, then its datasets folder); when that does not exist, against the working
 * directory. Without {@code path}, or when an absolute {@code path} does not exist (the dataset was
 * moved), the root is the YAML's folder.
 */
record DataYaml(Path file, Path root, JsonNode node, List<String> names, int[] categoryIds) {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    static DataYaml read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + ": data YAML not found");
        }
        JsonNode n;
        try {
            n = YAML.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null ? "" : ":" + loc.getLineNr() + ":" + loc.getColumnNr();
            throw new DatasetFormatException(file + where + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (n == null || !n.isObject()) {
            throw new DatasetFormatException(file + ": expected a YAML mapping with 'path', 'train', 'val' and 'names'");
        }
        Path dir = file.toAbsolutePath().normalize().getParent();
        Path root = dir;
        JsonNode p = n.get("path");
        if (p != null && !p.isNull() && !p.asText().isBlank()) {
            Path given = Path.of(p.asText().strip());
            if (given.isAbsolute()) {
                root = Files.isDirectory(given) ? given : dir; // a dataset that was moved: its YAML's folder
            } else {
                root = dir.resolve(given).normalize();
                if (!Files.isDirectory(root) && Files.isDirectory(given)) {
                    root = given.toAbsolutePath().normalize();
                }
            }
        }
        List<String> names = names(file, n);
        int[] ids = categoryIds(file, n, names.size());
        return new DataYaml(file, root, n, names, ids);
    }

    private static List<String> names(Path file, JsonNode n) throws DatasetFormatException {
        JsonNode names = n.get("names");
        JsonNode nc = n.get("nc");
        List<String> out = new ArrayList<>();
        if (names == null || names.isNull()) {
            if (nc == null || !nc.canConvertToInt() || nc.asInt() <= 0) {
                throw new DatasetFormatException(file + ": no 'names' (and no positive 'nc')");
            }
            for (int i = 0; i < nc.asInt(); i++) {
                out.add("class_" + i);
            }
            return out;
        }
        if (names.isArray()) {
            for (int i = 0; i < names.size(); i++) {
                JsonNode v = names.get(i);
                if (!v.isValueNode() || v.isNull()) {
                    throw new DatasetFormatException(file + ": names[" + i + "]: expected a class name, found " + v);
                }
                out.add(v.asText());
            }
        } else if (names.isObject()) {
            Map<Integer, String> m = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = names.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                int id;
                try {
                    id = Integer.parseInt(e.getKey().strip());
                } catch (NumberFormatException ex) {
                    throw new DatasetFormatException(file + ": names: key '" + e.getKey() + "' is not a class index");
                }
                m.put(id, e.getValue().asText());
            }
            int expect = 0;
            for (Map.Entry<Integer, String> e : m.entrySet()) {
                if (e.getKey() != expect) {
                    throw new DatasetFormatException(file + ": names: class indices must be 0.." + (m.size() - 1)
                            + ", index " + expect + " is missing");
                }
                out.add(e.getValue());
                expect++;
            }
        } else {
            throw new DatasetFormatException(file + ": names: expected a list or an {index: name} map, found " + names);
        }
        if (out.isEmpty()) {
            throw new DatasetFormatException(file + ": names is empty");
        }
        if (nc != null && nc.canConvertToInt() && nc.asInt() != out.size()) {
            throw new DatasetFormatException(file + ": nc is " + nc.asInt() + " but names has " + out.size() + " classes");
        }
        return out;
    }

    private static int[] categoryIds(Path file, JsonNode n, int classes) throws DatasetFormatException {
        JsonNode c = n.get("category_ids");
        if (c == null || c.isNull()) {
            return null;
        }
        if (!c.isArray() || c.size() != classes) {
            throw new DatasetFormatException(file + ": category_ids must be a list of " + classes + " integers");
        }
        int[] ids = new int[classes];
        for (int i = 0; i < classes; i++) {
            if (!c.get(i).canConvertToInt()) {
                throw new DatasetFormatException(file + ": category_ids[" + i + "] is not an integer: " + c.get(i));
            }
            ids[i] = c.get(i).asInt();
        }
        return ids;
    }

    /** Whether the YAML names the split. */
    boolean hasSplit(String split) {
        JsonNode v = node.get(split);
        return v != null && !v.isNull();
    }

    /** The folders/list files of a split, resolved against the root. */
    List<Path> split(String split) throws DatasetFormatException {
        JsonNode v = node.get(split);
        if (v == null || v.isNull()) {
            throw new DatasetFormatException(file + ": no '" + split + "' split");
        }
        List<Path> out = new ArrayList<>();
        if (v.isArray()) {
            for (JsonNode e : v) {
                out.add(root.resolve(e.asText().strip()).normalize());
            }
        } else {
            out.add(root.resolve(v.asText().strip()).normalize());
        }
        return out;
    }
}
