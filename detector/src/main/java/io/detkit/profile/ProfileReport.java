package io.detkit.profile;

import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * The result of {@link Profiler#profile}: one {@link LayerProfile} per layer in execution order,
 * the {@link ProfileTotals}, a {@link TrainingMemory} estimate, and warnings about what could not be
 * counted. Renders as a plain-text table ({@link #text()}), Markdown ({@link #markdown()}) or one
 * JSON object ({@link #json()}).
 */
public final class ProfileReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final String name;
    private final List<Shape> inputShapes;
    private final DataType dataType;
    private final List<LayerProfile> layers;
    private final ProfileTotals total;
    private final TrainingMemory trainingMemory;
    private final List<String> warnings;

    ProfileReport(String name, List<Shape> inputShapes, DataType dataType, List<LayerProfile> layers, ProfileTotals total,
            TrainingMemory trainingMemory, List<String> warnings) {
        this.name = name;
        this.inputShapes = List.copyOf(inputShapes);
        this.dataType = dataType;
        this.layers = List.copyOf(layers);
        this.total = total;
        this.trainingMemory = trainingMemory;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The model's name in the report header (the block's class name unless set).
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The same report under another name.
     *
     * @param newName the name to show
     * @return a copy with the name
     */
    public ProfileReport withName(String newName) {
        return new ProfileReport(Objects.requireNonNull(newName), inputShapes, dataType, layers, total, trainingMemory,
                warnings);
    }

    /**
     * The same report with the training-memory estimate for another batch size or optimizer.
     *
     * @param batch images per step
     * @param optimizer the optimizer
     * @return a copy with that estimate
     */
    public ProfileReport withTraining(int batch, OptimizerKind optimizer) {
        return new ProfileReport(name, inputShapes, dataType, layers, total, trainingMemory(batch, optimizer), warnings);
    }

    /**
     * The profiled input shapes, batch dimension included.
     *
     * @return input shapes
     */
    public List<Shape> inputShapes() {
        return inputShapes;
    }

    /**
     * The data type used for bytes.
     *
     * @return the data type
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * The layers, in execution order.
     *
     * @return the rows
     */
    public List<LayerProfile> layers() {
        return layers;
    }

    /**
     * The totals.
     *
     * @return totals
     */
    public ProfileTotals total() {
        return total;
    }

    /**
     * The training-memory estimate for the profiler's configured batch size and optimizer.
     *
     * @return the estimate
     */
    public TrainingMemory trainingMemory() {
        return trainingMemory;
    }

    /**
     * A training-memory estimate for another batch size or optimizer.
     *
     * @param batch images per step, at least 1
     * @param optimizer the optimizer
     * @return the estimate
     */
    public TrainingMemory trainingMemory(int batch, OptimizerKind optimizer) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be at least 1, got " + batch);
        }
        return Profiler.trainingMemory(total, inputShapes, batch, optimizer);
    }

    /**
     * What could not be counted exactly (unknown blocks, unreadable pool geometry, ...).
     *
     * @return warnings, each once, with the number of layers it concerns
     */
    public List<String> warnings() {
        return warnings;
    }

    // ---------------------------------------------------------------- text

    /**
     * The layer table, the totals and the warnings as plain text.
     *
     * @return the text, ending with a newline
     */
    public String text() {
        return text(true);
    }

    /**
     * The report as plain text.
     *
     * @param withLayers include the per-layer table
     * @return the text, ending with a newline
     */
    public String text(boolean withLayers) {
        StringBuilder sb = new StringBuilder();
        sb.append(header()).append('\n');
        if (withLayers) {
            sb.append('\n');
            List<String[]> rows = tableRows("->");
            int[] w = new int[rows.get(0).length];
            for (String[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    w[i] = Math.max(w[i], r[i].length());
                }
            }
            boolean[] left = leftAligned(rows.get(0).length);
            for (String[] r : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < r.length; i++) {
                    if (i > 0) {
                        line.append("  ");
                    }
                    String pad = " ".repeat(w[i] - r[i].length());
                    line.append(left[i] ? r[i] + pad : pad + r[i]);
                }
                sb.append(line.toString().stripTrailing()).append('\n');
            }
        }
        sb.append('\n');
        List<String[]> totals = totalRows();
        int w0 = 0, w1 = 0;
        for (String[] t : totals) {
            w0 = Math.max(w0, t[0].length());
            w1 = Math.max(w1, t[1].length());
        }
        for (String[] t : totals) {
            sb.append(String.format(Locale.ROOT, "%-" + w0 + "s  %" + w1 + "s  %s", t[0], t[1], t[2]).stripTrailing()).append('\n');
        }
        sb.append(trainingLine()).append('\n');
        for (String warning : warnings) {
            sb.append("warning: ").append(warning).append('\n');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- Markdown

    /**
     * The report as Markdown: a layer table, a totals table and the warnings.
     *
     * @return the Markdown, ending with a newline
     */
    public String markdown() {
        return markdown(true);
    }

    /**
     * The report as Markdown.
     *
     * @param withLayers include the per-layer table
     * @return the Markdown, ending with a newline
     */
    public String markdown(boolean withLayers) {
        StringBuilder sb = new StringBuilder();
        sb.append("**").append(escape(name)).append("**: ").append(headerDetails()).append("\n\n");
        if (withLayers) {
            List<String[]> rows = tableRows("→");
            boolean[] left = leftAligned(rows.get(0).length);
            for (int r = 0; r < rows.size(); r++) {
                sb.append('|');
                for (String cell : rows.get(r)) {
                    sb.append(' ').append(escape(cell)).append(" |");
                }
                sb.append('\n');
                if (r == 0) {
                    sb.append('|');
                    for (boolean l : left) {
                        sb.append(l ? "---|" : "---:|");
                    }
                    sb.append('\n');
                }
            }
            sb.append('\n');
        }
        sb.append("| total | value | |\n|---|---:|---|\n");
        for (String[] t : totalRows()) {
            sb.append("| ").append(t[0]).append(" | ").append(t[1]).append(" | ").append(escape(t[2])).append(" |\n");
        }
        sb.append('\n').append(trainingLine()).append('\n');
        if (!warnings.isEmpty()) {
            sb.append('\n');
            for (String warning : warnings) {
                sb.append("- warning: ").append(escape(warning)).append('\n');
            }
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- JSON

    /**
     * The report as one JSON object: {@code model}, {@code input}, {@code dtype}, {@code units},
     * {@code total} (integers {@code params}, {@code macs}, {@code flops}, ...), {@code
     * training_memory}, {@code layers} (one object per layer) and {@code warnings}.
     *
     * @return the JSON text
     */
    public String json() {
        try {
            return JSON.writeValueAsString(toJson());
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The report as a Jackson tree (see {@link #json()}).
     *
     * @return the JSON object
     */
    public ObjectNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("model", name);
        root.set("input", shapesJson(inputShapes));
        root.put("dtype", dataType.toString());
        ObjectNode units = root.putObject("units");
        units.put("macs", "multiply-accumulates of convolution, linear and matrix-product layers; one multiply-add = 1");
        units.put("flops", "2 x macs");
        units.put("other_ops", "pooling, normalization, activation and element-wise operations; not in macs or flops");
        units.put("bytes", dataType + ", " + total.bytesPerElement() + " bytes per element");
        ObjectNode t = root.putObject("total");
        t.put("params", total.params());
        t.put("trainable_params", total.trainableParams());
        t.put("frozen_params", total.frozenParams());
        t.put("buffers", total.buffers());
        t.put("macs", total.macs());
        t.put("flops", total.flops());
        t.put("gmacs", total.macs() / 1e9);
        t.put("gflops", total.flops() / 1e9);
        t.put("other_ops", total.otherOps());
        t.put("activation_bytes", total.activationBytes());
        t.put("input_bytes", total.inputBytes());
        t.put("weight_bytes", total.weightBytes());
        t.put("layers", layers.size());
        ObjectNode m = root.putObject("training_memory");
        m.put("batch", trainingMemory.batchSize());
        m.put("optimizer", trainingMemory.optimizer().cliName());
        m.put("weight_bytes", trainingMemory.weightBytes());
        m.put("gradient_bytes", trainingMemory.gradientBytes());
        m.put("optimizer_bytes", trainingMemory.optimizerBytes());
        m.put("activation_bytes", trainingMemory.activationBytes());
        m.put("total_bytes", trainingMemory.totalBytes());
        ArrayNode rows = root.putArray("layers");
        for (LayerProfile l : layers) {
            ObjectNode o = rows.addObject();
            o.put("index", l.index());
            o.put("name", l.name());
            o.put("type", l.type());
            o.put("kind", l.kind().name().toLowerCase(Locale.ROOT));
            o.set("input", shapesJson(l.inputShapes()));
            o.set("output", shapesJson(l.outputShapes()));
            o.put("params", l.params());
            o.put("trainable_params", l.trainableParams());
            o.put("frozen_params", l.frozenParams());
            o.put("buffers", l.buffers());
            o.put("macs", l.macs());
            o.put("flops", l.flops());
            o.put("other_ops", l.otherOps());
            o.put("activation_bytes", l.activationBytes());
            ReceptiveField rf = l.receptiveField();
            if (rf == null) {
                o.putNull("receptive_field");
                o.putNull("stride");
            } else {
                o.putArray("receptive_field").add(rf.height()).add(rf.width());
                o.putArray("stride").add(rf.strideHeight()).add(rf.strideWidth());
            }
        }
        ArrayNode w = root.putArray("warnings");
        warnings.forEach(w::add);
        return root;
    }

    private static ArrayNode shapesJson(List<Shape> shapes) {
        ArrayNode a = JSON.createArrayNode();
        for (Shape s : shapes) {
            ArrayNode dims = a.addArray();
            for (long d : s.getShape()) {
                dims.add(d);
            }
        }
        return a;
    }

    // ---------------------------------------------------------------- shared pieces

    private String header() {
        return name + ": " + headerDetails();
    }

    private String headerDetails() {
        return "input " + Profiler.shapesText(inputShapes.toArray(new Shape[0])) + ", " + dataType + ", " + layers.size()
                + " layers. MACs count one multiply-add as 1 (conv, linear); FLOPs = 2 x MACs; "
                + "pooling, normalization, activations and sums are \"other ops\", counted apart.";
    }

    private List<String[]> tableRows(String arrow) {
        boolean frozen = layers.stream().anyMatch(l -> l.frozenParams() > 0);
        List<String[]> rows = new ArrayList<>();
        List<String> head = new ArrayList<>(List.of("#", "layer", "type", "input " + arrow + " output", "params"));
        if (frozen) {
            head.add("frozen");
        }
        head.addAll(List.of("MACs", "FLOPs", "other ops", "activations", "RF", "stride"));
        rows.add(head.toArray(new String[0]));
        for (LayerProfile l : layers) {
            List<String> r = new ArrayList<>();
            r.add(Integer.toString(l.index()));
            r.add(l.name());
            r.add(l.type());
            r.add(shapes(l.inputShapes()) + " " + arrow + " " + shapes(l.outputShapes()));
            r.add(grouped(l.params()));
            if (frozen) {
                r.add(grouped(l.frozenParams()));
            }
            r.add(grouped(l.macs()));
            r.add(grouped(l.flops()));
            r.add(grouped(l.otherOps()));
            r.add(bytes(l.activationBytes()));
            ReceptiveField rf = l.receptiveField();
            r.add(rf == null ? "-" : rf.sizeText());
            r.add(rf == null ? "-" : rf.strideText());
            rows.add(r.toArray(new String[0]));
        }
        return rows;
    }

    private static boolean[] leftAligned(int columns) {
        boolean[] left = new boolean[columns];
        left[1] = true;
        left[2] = true;
        left[3] = true;
        return left;
    }

    private List<String[]> totalRows() {
        long batch = inputShapes.get(0).dimension() > 0 ? inputShapes.get(0).get(0) : 1;
        return List.of(
                new String[] {"params", grouped(total.params()),
                    "trainable " + grouped(total.trainableParams()) + ", frozen " + grouped(total.frozenParams())},
                new String[] {"buffers", grouped(total.buffers()), "BatchNorm running mean/var; not parameters"},
                new String[] {"MACs", grouped(total.macs()), giga(total.macs()) + " GMACs (conv + linear multiply-adds)"},
                new String[] {"FLOPs", grouped(total.flops()), giga(total.flops()) + " GFLOPs (= 2 x MACs)"},
                new String[] {"other ops", grouped(total.otherOps()), giga(total.otherOps()) + " G (pool, norm, activation, sums)"},
                new String[] {"activations", bytes(total.activationBytes()), "layer outputs at batch " + batch + " (views excluded)"},
                new String[] {"weights", bytes(total.weightBytes()), "parameters + buffers, " + dataType});
    }

    private String trainingLine() {
        TrainingMemory m = trainingMemory;
        return String.format(Locale.ROOT,
                "training memory (estimate, batch %d, %s): weights %s + gradients %s + optimizer %s + activations %s = %s",
                m.batchSize(), optimizerText(m.optimizer()), bytes(m.weightBytes()), bytes(m.gradientBytes()),
                bytes(m.optimizerBytes()), bytes(m.activationBytes()), bytes(m.totalBytes()));
    }

    private static String optimizerText(OptimizerKind k) {
        return switch (k) {
            case NONE -> "SGD without momentum";
            case SGD -> "SGD with momentum";
            case ADAM -> "Adam";
            case ADAMW -> "AdamW";
        };
    }

    private static String shapes(List<Shape> shapes) {
        return shapes.isEmpty() ? "?" : Profiler.shapesText(shapes.toArray(new Shape[0]));
    }

    static String grouped(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    static String giga(long v) {
        double g = v / 1e9;
        return g >= 0.01 || g == 0 ? String.format(Locale.ROOT, "%.3f", g) : String.format(Locale.ROOT, "%.3g", g);
    }

    static String bytes(long b) {
        if (b < 1024) {
            return b + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = b;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    private static String escape(String s) {
        return s.replace("|", "\\|");
    }

    @Override
    public String toString() {
        return header();
    }
}
