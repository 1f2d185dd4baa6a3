package io.detkit.metrics.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.metrics.coco.CategoryMetrics;
import io.detkit.metrics.coco.CocoEvaluation;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable evaluation report, {@code metrics.json}. Stable keys:
 *
 * <pre>{@code
 * {
 *   "coco":      {"AP": .., "AP50": .., "AP75": .., "APs": .., "APm": .., "APl": ..,
 *                 "AR1": .., "AR10": .., "AR100": .., "ARs": .., "ARm": .., "ARl": ..},
 *   "per_class": {"<category name>": {"id": .., "AP": .., "AP50": .., "AP75": .., "AR100": ..,
 *                                     "gt": .., "detections": ..}, ...},
 *   ... further sections added with section(name)
 * }
 * }</pre>
 *
 * Numbers are −1 where undefined. A category name that occurs twice is written as
 * {@code "name (id)"}.
 */
public final class MetricsJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = MAPPER.createObjectNode();

    /**
     * Starts a report from a COCO evaluation.
     *
     * @param eval the evaluation
     */
    public MetricsJson(CocoEvaluation eval) {
        ObjectNode coco = root.putObject("coco");
        double[] stats = eval.stats();
        for (int i = 0; i < stats.length; i++) {
            coco.put(CocoEvaluation.STAT_NAMES.get(i), stats[i]);
        }
        ObjectNode perClass = root.putObject("per_class");
        List<CategoryMetrics> cats = eval.categoryMetrics();
        Map<String, Integer> nameCount = new HashMap<>();
        for (CategoryMetrics c : cats) {
            nameCount.merge(c.name(), 1, Integer::sum);
        }
        for (CategoryMetrics c : cats) {
            String key = nameCount.get(c.name()) > 1 ? c.name() + " (" + c.categoryId() + ")" : c.name();
            ObjectNode o = perClass.putObject(key);
            o.put("id", c.categoryId());
            o.put("AP", c.ap());
            o.put("AP50", c.ap50());
            o.put("AP75", c.ap75());
            o.put("AR100", c.ar100());
            o.put("gt", c.gtCount());
            o.put("detections", c.detectionCount());
        }
    }

    /**
     * @param name a top-level key (e.g. "voc", "inputs")
     * @return that section, created when missing
     */
    public ObjectNode section(String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    /** @return the JSON tree */
    public ObjectNode tree() {
        return root;
    }

    /** @return the pretty-printed JSON */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes the report atomically.
     *
     * @param file the target, usually {@code DIR/metrics.json}
     * @throws IOException if writing fails
     */
    public void write(Path file) throws IOException {
        AtomicFiles.writeString(file, toJson());
    }
}
