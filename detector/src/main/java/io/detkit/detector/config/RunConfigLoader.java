package io.detkit.detector.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a {@link RunConfig} from YAML, strictly: an unknown key, a wrong type or a value out of
 * range is a {@link ConfigException} naming the file, the line and the key path. Command-line
 * overrides {@code key.sub=value} (e.g. {@code train.epochs=5}) are applied on top, typed as YAML
 * scalars, and checked by the same rules.
 */
public final class RunConfigLoader {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .build();

    private RunConfigLoader() {}

    /**
     * Reads a config file and applies overrides.
     *
     * @param file the YAML file
     * @param overrides {@code key.sub=value} strings, applied in order
     * @return the config
     * @throws ConfigException on any problem
     */
    public static RunConfig load(Path file, List<String> overrides) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": file not found");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new ConfigException(file + ": not UTF-8 text (save the config as UTF-8)");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        return parse(file.toString(), text, overrides);
    }

    /**
     * Parses config text (used by tests and by {@link #load}).
     *
     * @param source name for messages (the file)
     * @param text YAML text
     * @param overrides {@code key.sub=value} strings
     * @return the config
     * @throws ConfigException on any problem
     */
    public static RunConfig parse(String source, String text, List<String> overrides) {
        Map<String, Integer> lines = keyLines(source, text);
        // first the file alone: errors carry its line numbers
        RunConfig fileConfig = bind(source, text, lines);
        RunConfig cfg = fileConfig;
        if (!overrides.isEmpty()) {
            ObjectNode tree;
            try {
                JsonNode t = YAML.readTree(text);
                tree = t instanceof ObjectNode o ? o : YAML.createObjectNode();
            } catch (JsonProcessingException e) {
                throw new ConfigException(source + ": " + e.getOriginalMessage());
            }
            for (String o : overrides) {
                applyOverride(tree, o);
            }
            try {
                cfg = YAML.treeToValue(tree, RunConfig.class);
            } catch (UnrecognizedPropertyException e) {
                throw new ConfigException("override " + path(e) + ": unknown key" + knownKeys(e));
            } catch (JsonMappingException e) {
                throw new ConfigException("override " + path(e) + ": " + cleanMessage(e));
            } catch (JsonProcessingException e) {
                throw new ConfigException("override: " + e.getOriginalMessage());
            }
        }
        validate(source, cfg, lines, overrideKeys(overrides));
        return cfg;
    }

    private static RunConfig bind(String source, String text, Map<String, Integer> lines) {
        if (text.isBlank()) {
            return new RunConfig();
        }
        try {
            JsonNode root = YAML.readTree(text);
            if (root != null && !root.isObject() && !root.isMissingNode() && !root.isNull()) {
                throw new ConfigException(source + ": line 1: expected a mapping of sections (model, data, train, val,"
                        + " output), got " + (root.isArray() ? "a list" : "a single value"));
            }
            RunConfig c = YAML.readValue(text, RunConfig.class);
            return c == null ? new RunConfig() : c;
        } catch (UnrecognizedPropertyException e) {
            String p = path(e);
            throw new ConfigException(source + ": line " + line(e, lines, p) + ": " + p + ": unknown key" + knownKeys(e));
        } catch (JsonMappingException e) {
            String p = path(e);
            throw new ConfigException(source + ": line " + line(e, lines, p) + ": " + p + ": " + cleanMessage(e));
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new ConfigException(source + ": line " + (loc == null ? "?" : loc.getLineNr()) + ": malformed YAML: "
                    + e.getOriginalMessage());
        }
    }

    /** {@code " (known here: a, b, c)"}, or nothing when Jackson does not say. */
    private static String knownKeys(UnrecognizedPropertyException e) {
        Set<String> known = e.getKnownPropertyIds() == null ? Set.of()
                : e.getKnownPropertyIds().stream().map(Object::toString).collect(Collectors.toCollection(java.util.TreeSet::new));
        return known.isEmpty() ? "" : " (known here: " + String.join(", ", known) + ")";
    }

    private static int line(JsonMappingException e, Map<String, Integer> lines, String path) {
        Integer l = lines.get(path);
        if (l != null) {
            return l;
        }
        JsonLocation loc = e.getLocation();
        return loc == null ? 0 : loc.getLineNr();
    }

    private static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.length() == 0 ? "(top level)" : sb.toString();
    }

    private static String cleanMessage(JsonMappingException e) {
        String m = e.getOriginalMessage();
        // Jackson names Java types; say it in config terms
        m = m.replaceAll("Cannot deserialize value of type `(int|long)` from String (\"[^\"]*\").*", "expected an integer, got $2")
                .replaceAll("Cannot deserialize value of type `double` from String (\"[^\"]*\").*", "expected a number, got $1")
                .replaceAll("Cannot deserialize value of type `boolean` from String (\"[^\"]*\").*", "expected true or false, got $1")
                .replaceAll("Cannot coerce Floating-point value \\(([^)]*)\\) to `(int|long)`.*", "expected an integer, got $1")
                .replaceAll("Cannot deserialize value of type `[^`]*\\$([A-Za-z]+)` from [^ ]+ value.*", "expected a section (key: value lines)")
                .replaceAll("Cannot construct instance of `[^`]*\\$([A-Za-z]+)`.*", "expected a section (key: value lines)")
                .replaceAll("Cannot deserialize value of type `java.lang.String` from [^ ]+ value.*", "expected a text value");
        int nl = m.indexOf('\n');
        return nl > 0 ? m.substring(0, nl) : m;
    }

    private static void applyOverride(ObjectNode tree, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("override '" + override + "': expected key.sub=value");
        }
        String key = override.substring(0, eq).trim();
        String value = override.substring(eq + 1);
        String[] parts = key.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child == null || child.isNull()) {
                node = node.putObject(parts[i]);
            } else if (child instanceof ObjectNode o) {
                node = o;
            } else {
                throw new ConfigException("override '" + override + "': " + String.join(".", java.util.Arrays.copyOf(parts, i + 1))
                        + " is not a section");
            }
        }
        JsonNode parsed;
        try {
            parsed = value.isEmpty() ? YAML.getNodeFactory().textNode("") : YAML.readTree(value);
        } catch (JsonProcessingException e) {
            parsed = YAML.getNodeFactory().textNode(value);
        }
        if (parsed == null || parsed.isMissingNode()) {
            parsed = YAML.getNodeFactory().textNode(value);
        }
        node.set(parts[parts.length - 1], parsed);
    }

    private static Set<String> overrideKeys(List<String> overrides) {
        return overrides.stream().map(o -> o.contains("=") ? o.substring(0, o.indexOf('=')).trim() : o)
                .collect(Collectors.toSet());
    }

    private static void validate(String source, RunConfig c, Map<String, Integer> lines, Set<String> overridden) {
        Checker k = new Checker(source, lines, overridden);
        k.oneOf("model.type", c.model.type, "yolo", "faster_rcnn");
        k.oneOf("model.activation", c.model.activation, "silu", "relu", "leaky_relu", "prelu", "elu", "selu", "mish", "gelu", "tanh",
                "sigmoid", "maxout");
        k.check("model.elu_alpha", c.model.eluAlpha >= 0, "must be ≥ 0, got " + c.model.eluAlpha);
        k.check("model.prelu_init", Double.isFinite(c.model.preluInit), "must be a finite number");
        k.check("model.maxout_pieces", c.model.maxoutPieces >= 2 && c.model.maxoutPieces <= 64, "must be in [2, 64], got "
                + c.model.maxoutPieces);
        k.oneOf("model.attention", c.model.attention, "none", "se", "cbam");
        k.check("model.attention_reduction", c.model.attentionReduction >= 1, "must be ≥ 1, got " + c.model.attentionReduction);
        k.check("model.attention_kernel", c.model.attentionKernel >= 1 && c.model.attentionKernel % 2 == 1,
                "must be odd and ≥ 1, got " + c.model.attentionKernel);
        k.check("model.attention_stages", c.model.attentionStages != null && !c.model.attentionStages.isEmpty()
                && c.model.attentionStages.stream().allMatch(st -> st != null && st >= 2 && st <= 5),
                "must list backbone C2f stages from 2 to 5, got " + c.model.attentionStages);
        k.check("model.imgsz", c.model.imgsz >= 32 && c.model.imgsz % 32 == 0, "must be a multiple of 32, at least 32, got " + c.model.imgsz);
        k.check("val.imgsz", c.val.imgsz == 0 || (c.val.imgsz >= 32 && c.val.imgsz % 32 == 0),
                "must be 0 (model.imgsz) or a multiple of 32, at least 32, got " + c.val.imgsz);
        validateRcnn(k, c.model.rcnn);
        k.oneOf("data.policy", c.data.policy, "fail", "skip", "clip");
        k.check("data.workers", c.data.workers >= 0, "must be ≥ 0");
        k.check("data.synth.images", c.data.synth.images >= 2, "must be ≥ 2");
        k.check("data.synth.val_fraction", c.data.synth.valFraction > 0 && c.data.synth.valFraction < 1, "must be in (0, 1)");
        k.check("train.epochs", c.train.epochs >= 1, "must be ≥ 1, got " + c.train.epochs);
        k.check("train.batch", c.train.batch >= 1, "must be ≥ 1, got " + c.train.batch);
        k.check("train.device", c.train.device.matches("auto|cpu|gpu(:\\d+)?"), "must be auto, cpu, gpu or gpu:N, got " + c.train.device);
        k.oneOf("train.optimizer.name", c.train.optimizer.name, "sgd", "adam", "adamw", "nadam", "rmsprop", "adagrad", "adadelta");
        k.check("train.optimizer.lr", c.train.optimizer.lr > 0, "must be > 0, got " + c.train.optimizer.lr);
        k.check("train.optimizer.weight_decay", c.train.optimizer.weightDecay >= 0, "must be ≥ 0");
        k.check("train.optimizer.momentum", c.train.optimizer.momentum >= 0 && c.train.optimizer.momentum < 1, "must be in [0, 1)");
        k.check("train.optimizer.l1", c.train.optimizer.l1 >= 0 && Double.isFinite(c.train.optimizer.l1), "must be ≥ 0");
        k.check("train.l1", c.train.l1 >= 0 && Double.isFinite(c.train.l1), "must be ≥ 0 (deprecated: use train.optimizer.l1)");
        k.oneOf("train.schedule.name", c.train.schedule.name, "constant", "step", "multistep", "cosine", "linear", "inverse_sqrt",
                "poly", "onecycle");
        k.check("train.schedule.warmup_epochs", c.train.schedule.warmupEpochs >= 0, "must be ≥ 0");
        k.check("train.clip.norm", c.train.clip.norm >= 0, "must be ≥ 0 (0 turns it off)");
        k.check("train.clip.value", c.train.clip.value >= 0, "must be ≥ 0 (0 turns it off)");
        k.check("train.ema.decay", c.train.ema.decay > 0 && c.train.ema.decay < 1, "must be in (0, 1)");
        k.oneOf("train.loss.box_type", c.train.loss.boxType, "ciou", "giou", "diou", "iou");
        k.oneOf("train.loss.cls_type", c.train.loss.clsType, "bce", "focal", "varifocal");
        k.check("train.loss.focal_gamma", c.train.loss.focalGamma >= 0, "must be ≥ 0");
        k.check("train.loss.focal_alpha", c.train.loss.focalAlpha <= 1, "must be ≤ 1 (negative: no α weighting)");
        k.check("train.loss.varifocal_gamma", c.train.loss.varifocalGamma >= 0, "must be ≥ 0");
        k.check("train.loss.varifocal_alpha", c.train.loss.varifocalAlpha >= 0, "must be ≥ 0");
        k.check("train.loss.label_smoothing", c.train.loss.labelSmoothing >= 0 && c.train.loss.labelSmoothing < 1, "must be in [0, 1)");
        k.check("train.loss.label_smoothing", c.train.loss.labelSmoothing == 0 || !c.train.loss.clsType.equals("varifocal"),
                "must be 0 with cls_type varifocal (smoothing would make every negative a positive of score ε/2)");
        k.check("val.conf", c.val.conf >= 0 && c.val.conf < 1, "must be in [0, 1)");
        k.check("val.iou", c.val.iou > 0 && c.val.iou <= 1, "must be in (0, 1]");
        k.check("val.max_det", c.val.maxDet >= 1, "must be ≥ 1");
        k.check("name", c.name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*"),
                "use letters, digits, '.', '_' or '-', not starting with '.' (the run folder's name), got '" + c.name + "'");
    }

    private static void validateRcnn(Checker k, RunConfig.Rcnn r) {
        k.check("model.rcnn.fpn_channels", r.fpnChannels >= 1, "must be ≥ 1, got " + r.fpnChannels);
        k.check("model.rcnn.anchor_sizes", r.anchorSizes != null && r.anchorSizes.size() == 3
                && r.anchorSizes.stream().allMatch(l -> l != null && !l.isEmpty() && l.stream().allMatch(v -> v != null && v > 0)),
                "must give 3 non-empty lists of positive sizes (levels P3, P4, P5), got " + r.anchorSizes);
        k.check("model.rcnn.aspect_ratios", r.aspectRatios != null && !r.aspectRatios.isEmpty()
                && r.aspectRatios.stream().allMatch(v -> v != null && v > 0), "must be a non-empty list of positive ratios, got "
                + r.aspectRatios);
        RunConfig.RcnnRpn p = r.rpn;
        k.check("model.rcnn.rpn.pre_nms_top_k_train", p.preNmsTopKTrain >= 1, "must be ≥ 1");
        k.check("model.rcnn.rpn.pre_nms_top_k_test", p.preNmsTopKTest >= 1, "must be ≥ 1");
        k.check("model.rcnn.rpn.post_nms_top_k_train", p.postNmsTopKTrain >= 1, "must be ≥ 1");
        k.check("model.rcnn.rpn.post_nms_top_k_test", p.postNmsTopKTest >= 1, "must be ≥ 1");
        k.check("model.rcnn.rpn.nms_iou", p.nmsIou > 0 && p.nmsIou <= 1, "must be in (0, 1]");
        k.check("model.rcnn.rpn.fg_iou", p.fgIou > 0 && p.fgIou <= 1, "must be in (0, 1]");
        k.check("model.rcnn.rpn.bg_iou", p.bgIou >= 0 && p.bgIou <= p.fgIou, "must be in [0, fg_iou], got " + p.bgIou);
        k.check("model.rcnn.rpn.batch_per_image", p.batchPerImage >= 1, "must be ≥ 1");
        k.check("model.rcnn.rpn.positive_fraction", p.positiveFraction > 0 && p.positiveFraction <= 1, "must be in (0, 1]");
        RunConfig.RcnnRoi o = r.roi;
        k.check("model.rcnn.roi.output_size", o.outputSize >= 1, "must be ≥ 1");
        k.check("model.rcnn.roi.head_dim", o.headDim >= 1, "must be ≥ 1");
        k.check("model.rcnn.roi.fg_iou", o.fgIou > 0 && o.fgIou <= 1, "must be in (0, 1]");
        k.check("model.rcnn.roi.batch_per_image", o.batchPerImage >= 1, "must be ≥ 1");
        k.check("model.rcnn.roi.positive_fraction", o.positiveFraction > 0 && o.positiveFraction <= 1, "must be in (0, 1]");
        k.check("model.rcnn.roi.canonical_size", o.canonicalSize >= 1, "must be ≥ 1");
    }

    /** Semantic checks with line numbers. */
    private record Checker(String source, Map<String, Integer> lines, Set<String> overridden) {
        void check(String key, boolean ok, String what) {
            if (!ok) {
                String where = overridden.contains(key) ? "override " + key
                        : source + ": line " + lines.getOrDefault(key, 0) + ": " + key;
                throw new ConfigException(where + ": " + what);
            }
        }

        void oneOf(String key, String value, String... allowed) {
            check(key, List.of(allowed).contains(value), "unknown value '" + value + "'; one of " + String.join(", ", allowed));
        }
    }

    /** The line of each key path in the YAML text ("train.optimizer.lr" → 12). */
    static Map<String, Integer> keyLines(String source, String text) {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            Deque<String> stack = new ArrayDeque<>();
            Deque<Boolean> isObject = new ArrayDeque<>();
            String pending = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> {
                        pending = p.currentName();
                        String full = stack.isEmpty() ? pending : String.join(".", reversed(stack)) + "." + pending;
                        out.putIfAbsent(full, p.currentLocation().getLineNr());
                    }
                    case START_OBJECT -> {
                        if (pending != null) {
                            stack.push(pending);
                        } else if (!isObject.isEmpty()) {
                            stack.push("[]");
                        }
                        isObject.push(pending != null || isObject.isEmpty());
                        pending = null;
                    }
                    case END_OBJECT -> {
                        isObject.pop();
                        if (!stack.isEmpty() && !isObject.isEmpty()) {
                            stack.pop();
                        }
                    }
                    case START_ARRAY -> {
                        stack.push(pending == null ? "[]" : pending);
                        isObject.push(false);
                        pending = null;
                    }
                    case END_ARRAY -> {
                        isObject.pop();
                        stack.pop();
                    }
                    default -> pending = null;
                }
            }
        } catch (IOException e) {
            JsonLocation loc = e instanceof JsonProcessingException j ? j.getLocation() : null;
            throw new ConfigException(source + ": line " + (loc == null ? "?" : loc.getLineNr()) + ": malformed YAML: "
                    + (e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()));
        }
        return out;
    }

    private static Iterable<String> reversed(Deque<String> stack) {
        return stack::descendingIterator;
    }

    /**
     * The config as YAML, every key written (the "resolved config" a run keeps).
     *
     * @param c the config
     * @return YAML text
     */
    public static String toYaml(RunConfig c) {
        try {
            return YAML.writeValueAsString(c);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return a JSON mapper sharing the config's naming, for tests and reports */
    static ObjectMapper json() {
        return JsonMapper.builder().build();
    }
}
