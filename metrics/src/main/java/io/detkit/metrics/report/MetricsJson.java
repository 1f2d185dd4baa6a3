package io.detkit.metrics.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.metrics.classification.RocCurve;
import io.detkit.metrics.coco.CategoryMetrics;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.curves.BestF1;
import io.detkit.metrics.curves.ClassCurves;
import io.detkit.metrics.curves.ClassPresence;
import io.detkit.metrics.curves.ConfidenceCurves;
import io.detkit.metrics.curves.ConfusionMatrix;
import io.detkit.metrics.curves.PresenceRoc;
import io.detkit.metrics.errors.ErrorAnalysis;
import io.detkit.metrics.errors.ErrorType;
import io.detkit.metrics.voc.VocClassResult;
import io.detkit.metrics.voc.VocResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The machine-readable evaluation report, {@code metrics.json}. Stable keys; sections are added by
 * the {@code put…} methods (the HTML report of {@code detkit-report} writes all of them) or, for
 * anything else, with {@link #section(String)}:
 *
 * <pre>{@code
 * {
 *   "coco":      {"AP": .., "AP50": .., "AP75": .., "APs": .., "APm": .., "APl": ..,
 *                 "AR1": .., "AR10": .., "AR100": .., "ARs": .., "ARm": .., "ARl": ..},
 *   "per_class": {"<category>": {"id": .., "AP": .., "AP50": .., "AP75": .., "AR100": ..,
 *                                "gt": .., "detections": .., "APs": .., "APm": .., "APl": ..,
 *                                "AR1": .., "AR10": ..}, ...},
 *   "voc":       {"iou": .5, "plus_one_pixel": false, "mAP": .., "mAP_11point": ..,
 *                 "per_class": {"<category>": {"id", "AP", "AP_11point", "npos", "tp", "fp"}}},
 *   "ap_by_size": {"AP": {"small", "medium", "large"}, "AR": {"small", "medium", "large"},
 *                  "gt": {"small", "medium", "large"}},
 *   "pr_curves": {"recall": [101 levels], "iou50": {"all": [..], "per_class": {"<category>": [..]}},
 *                 "iou75": {..}},
 *   "confidence_curves": {"iou": .5, "confidence": [101 of the 1000 grid points],
 *                 "mean": {"precision": [..], "recall": [..], "f1": [..]},
 *                 "best_f1": {"confidence", "f1", "precision", "recall"},
 *                 "per_class": {"<category>": {"precision", "recall", "f1", "AP50", "labels", "predictions"}}},
 *   "confusion_matrix": {"confidence": .25, "iou": .45, "orientation": "rows = predicted, columns = true",
 *                 "labels": ["<category>", .., "background"], "counts": [[..]], "normalized": [[..]]},
 *   "errors":    {"method": "TIDE", "ap": "COCO AP50", "foreground_iou": .5, "background_iou": .1,
 *                 "base_mAP": .., "types": {"Cls": {"count", "dAP", "description"}, "Loc", "Both",
 *                 "Dupe", "Bkg", "Miss"}, "oracles": {"FP": dAP, "FN": dAP},
 *                 "per_class": {"<category>": {"AP50", "Cls": {"count", "dAP"}, ..}}},
 *   "presence_roc": {"images": .., "mean_AUC": .., "fpr": [101 levels],
 *                 "per_class": {"<category>": {"id", "AUC", "positives", "negatives", "tpr": [..]}}},
 *   ... further sections added with section(name)
 * }
 * }</pre>
 *
 * Numbers are −1 where undefined (COCO's convention; NaN is written as −1 too). A category name that
 * occurs twice is written as {@code "name (id)"}, the same key in every section. Curves are sampled
 * on fixed grids and rounded to 6 decimals to keep the file small; the COCO numbers are exact.
 */
public final class MetricsJson {
    /** Number of points of the sampled curves (recall levels, confidence and FPR grids). */
    public static final int CURVE_POINTS = 101;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private final ObjectNode root = MAPPER.createObjectNode();
    private final Map<Integer, String> keys = new HashMap<>();

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
            keys.put(c.categoryId(), key);
            ObjectNode o = perClass.putObject(key);
            o.put("id", c.categoryId());
            o.put("AP", c.ap());
            o.put("AP50", c.ap50());
            o.put("AP75", c.ap75());
            o.put("AR100", c.ar100());
            o.put("gt", c.gtCount());
            o.put("detections", c.detectionCount());
            o.put("APs", c.apSmall());
            o.put("APm", c.apMedium());
            o.put("APl", c.apLarge());
            o.put("AR1", c.ar1());
            o.put("AR10", c.ar10());
        }
    }

    /**
     * The key of a category in every per-class object: its name, or {@code "name (id)"} when two
     * categories share the name, or the id when the evaluation has no per-category results.
     *
     * @param categoryId a category id
     * @return its key
     */
    public String key(int categoryId) {
        String k = keys.get(categoryId);
        return k != null ? k : String.valueOf(categoryId);
    }

    /**
     * @param name a top-level key (e.g. "voc", "inputs")
     * @return that section, created when missing
     */
    public ObjectNode section(String name) {
        return root.has(name) ? (ObjectNode) root.get(name) : root.putObject(name);
    }

    /**
     * Writes {@code "voc"}: Pascal VOC AP per class and the mAP (all-point and 11-point).
     *
     * @param r the VOC result; class ids are category ids
     * @return this
     */
    public MetricsJson putVoc(VocResult r) {
        ObjectNode node = section("voc");
        node.put("iou", r.config().iouThreshold());
        node.put("plus_one_pixel", r.config().plusOnePixel());
        node.put("mAP", num(r.mapAllPoint()));
        node.put("mAP_11point", num(r.mapElevenPoint()));
        ObjectNode pc = node.putObject("per_class");
        for (VocClassResult c : r.classes()) {
            ObjectNode o = pc.putObject(key(c.classId()));
            o.put("id", c.classId());
            o.put("AP", num(c.apAllPoint()));
            o.put("AP_11point", num(c.apElevenPoint()));
            o.put("npos", c.npos());
            o.put("tp", c.truePositives());
            o.put("fp", c.falsePositives());
        }
        return this;
    }

    /**
     * Writes {@code "ap_by_size"}: COCO AP and AR (maxDets 100) for small, medium and large objects,
     * and how many regular GT fall in each range.
     *
     * @param e the evaluation
     * @param gtCounts regular (non-crowd) GT per range: small, medium, large
     * @return this
     */
    public MetricsJson putApBySize(CocoEvaluation e, long[] gtCounts) {
        ObjectNode node = section("ap_by_size");
        ObjectNode ap = node.putObject("AP");
        ap.put("small", e.stat("APs"));
        ap.put("medium", e.stat("APm"));
        ap.put("large", e.stat("APl"));
        ObjectNode ar = node.putObject("AR");
        ar.put("small", e.stat("ARs"));
        ar.put("medium", e.stat("ARm"));
        ar.put("large", e.stat("ARl"));
        ObjectNode gt = node.putObject("gt");
        gt.put("small", gtCounts[0]);
        gt.put("medium", gtCounts[1]);
        gt.put("large", gtCounts[2]);
        return this;
    }

    /**
     * Writes {@code "pr_curves"}: COCO's interpolated precision at the 101 recall levels, area "all",
     * the largest maxDets, at IoU 0.5 and 0.75 (when evaluated), per category and averaged over the
     * categories where it is defined (the curve whose mean is AP50 / AP75).
     *
     * @param e the evaluation
     * @return this
     */
    public MetricsJson putPrCurves(CocoEvaluation e) {
        ObjectNode node = section("pr_curves");
        double[] rec = e.params().recallThresholds();
        node.set("recall", array(rec));
        int[] slots = e.categorySlots();
        for (double iou : new double[] {0.5, 0.75}) {
            int t = iouIndex(e, iou);
            if (t < 0) {
                continue;
            }
            ObjectNode at = node.putObject(iou == 0.5 ? "iou50" : "iou75");
            at.set("all", array(meanPrecision(e, t)));
            ObjectNode pc = at.putObject("per_class");
            for (int k = 0; k < slots.length; k++) {
                pc.set(key(slots[k]), array(precision(e, t, k)));
            }
        }
        return this;
    }

    /**
     * The index of an IoU threshold of an evaluation.
     *
     * @param e the evaluation
     * @param iou a threshold
     * @return its index in {@code e.params().iouThresholds()}, or −1
     */
    public static int iouIndex(CocoEvaluation e, double iou) {
        double[] thr = e.params().iouThresholds();
        for (int t = 0; t < thr.length; t++) {
            if (Math.abs(thr[t] - iou) < 1e-9) {
                return t;
            }
        }
        return -1;
    }

    /**
     * COCO's interpolated precision of one category slot at the recall levels (area "all", largest
     * maxDets).
     *
     * @param e the evaluation
     * @param t IoU threshold index
     * @param k category slot
     * @return one value per recall level, −1 where undefined
     */
    public static double[] precision(CocoEvaluation e, int t, int k) {
        int[] dims = e.dims();
        double[] out = new double[dims[1]];
        for (int r = 0; r < out.length; r++) {
            out[r] = e.precision(t, r, k, 0, dims[4] - 1);
        }
        return out;
    }

    /**
     * The mean over the category slots where it is defined of {@link #precision}.
     *
     * @param e the evaluation
     * @param t IoU threshold index
     * @return one value per recall level, −1 where no category is defined
     */
    public static double[] meanPrecision(CocoEvaluation e, int t) {
        int[] dims = e.dims();
        double[] out = new double[dims[1]];
        for (int r = 0; r < out.length; r++) {
            double s = 0;
            int c = 0;
            for (int k = 0; k < dims[2]; k++) {
                double v = e.precision(t, r, k, 0, dims[4] - 1);
                if (v > -1) {
                    s += v;
                    c++;
                }
            }
            out[r] = c == 0 ? -1 : s / c;
        }
        return out;
    }

    /**
     * Writes {@code "confidence_curves"}: Ultralytics-style precision, recall and F1 against the
     * confidence threshold (101 evenly spread points of the 1000-point grid), per class and
     * their means, with the best-F1 operating point.
     *
     * @param c the curves; class ids are category ids
     * @return this
     */
    public MetricsJson putConfidenceCurves(ConfidenceCurves c) {
        ObjectNode node = section("confidence_curves");
        double[] iou = c.iouThresholds();
        node.put("iou", iou[0]);
        int[] idx = gridSample(c.confidence().length);
        node.set("confidence", array(pick(c.confidence(), idx)));
        List<ClassCurves> classes = c.classes();
        int n = c.confidence().length;
        double[] mp = new double[n];
        double[] mr = new double[n];
        for (ClassCurves cc : classes) {
            double[] p = cc.precision();
            double[] r = cc.recall();
            for (int i = 0; i < n; i++) {
                mp[i] += p[i] / classes.size();
                mr[i] += r[i] / classes.size();
            }
        }
        ObjectNode mean = node.putObject("mean");
        mean.set("precision", array(pick(mp, idx)));
        mean.set("recall", array(pick(mr, idx)));
        mean.set("f1", array(pick(c.meanF1(), idx)));
        BestF1 b = c.best();
        ObjectNode best = node.putObject("best_f1");
        best.put("confidence", num(b.confidence()));
        best.put("f1", num(b.meanF1()));
        best.put("precision", num(b.meanPrecision()));
        best.put("recall", num(b.meanRecall()));
        ObjectNode pc = node.putObject("per_class");
        for (ClassCurves cc : classes) {
            ObjectNode o = pc.putObject(key(cc.classId()));
            o.put("id", cc.classId());
            o.put("labels", cc.labels());
            o.put("predictions", cc.predictions());
            o.put("AP50", num(cc.ap()[0]));
            o.set("precision", array(pick(cc.precision(), idx)));
            o.set("recall", array(pick(cc.recall(), idx)));
            o.set("f1", array(pick(cc.f1(), idx)));
        }
        return this;
    }

    /**
     * Writes {@code "confusion_matrix"}: counts and column-normalised fractions, rows = predicted,
     * columns = true, the last row and column background.
     *
     * @param m the matrix
     * @param categoryIds the category id of each class index of the matrix
     * @return this
     */
    public MetricsJson putConfusionMatrix(ConfusionMatrix m, int[] categoryIds) {
        ObjectNode node = section("confusion_matrix");
        node.put("confidence", m.confidenceThreshold());
        node.put("iou", m.iouThreshold());
        node.put("orientation", "rows = predicted, columns = true; last row and column = background");
        ArrayNode labels = node.putArray("labels");
        for (int id : categoryIds) {
            labels.add(key(id));
        }
        labels.add("background");
        ArrayNode counts = node.putArray("counts");
        for (long[] row : m.counts()) {
            ArrayNode a = counts.addArray();
            for (long v : row) {
                a.add(v);
            }
        }
        ArrayNode norm = node.putArray("normalized");
        for (double[] row : m.normalized()) {
            norm.add(array(row));
        }
        return this;
    }

    /**
     * Writes {@code "errors"}: the TIDE-style error breakdown (see {@code ErrorAnalyzer}).
     *
     * @param a the analysis
     * @return this
     */
    public MetricsJson putErrors(ErrorAnalysis a) {
        ObjectNode node = section("errors");
        node.put("method", "TIDE (Bolya et al. 2020)");
        node.put("ap", "COCO AP" + Math.round(a.foregroundIou() * 100) + " (area all, maxDets " + a.maxDets() + ")");
        node.put("foreground_iou", a.foregroundIou());
        node.put("background_iou", a.backgroundIou());
        node.put("base_mAP", a.baseMap());
        ObjectNode types = node.putObject("types");
        for (ErrorType t : ErrorType.values()) {
            ObjectNode o = types.putObject(t.shortName());
            o.put("count", a.count(t));
            o.put("dAP", a.deltaMap(t));
            o.put("description", t.description());
        }
        ObjectNode oracles = node.putObject("oracles");
        oracles.put("FP", a.falsePositiveDeltaMap());
        oracles.put("FN", a.falseNegativeDeltaMap());
        ObjectNode pc = node.putObject("per_class");
        int[] ids = a.categoryIds();
        double[] base = a.baseAp();
        Map<ErrorType, int[]> counts = new HashMap<>();
        Map<ErrorType, double[]> fixed = new HashMap<>();
        for (ErrorType t : ErrorType.values()) {
            counts.put(t, a.counts(t));
            fixed.put(t, a.fixedAp(t));
        }
        for (int k = 0; k < ids.length; k++) {
            ObjectNode o = pc.putObject(key(ids[k]));
            o.put("id", ids[k]);
            o.put("AP50", base[k]);
            for (ErrorType t : ErrorType.values()) {
                ObjectNode e = o.putObject(t.shortName());
                e.put("count", counts.get(t)[k]);
                e.put("dAP", base[k] < 0 ? -1 : fixed.get(t)[k] - base[k]);
            }
        }
        return this;
    }

    /**
     * Writes {@code "presence_roc"}: per class the image-level presence AUC, and the ROC curve as
     * the TPR at 101 FPR levels (linear between the curve's points; the highest TPR on a vertical
     * step). Undefined classes have AUC −1 and no curve.
     *
     * @param r the presence ROC; class ids are category ids
     * @return this
     */
    public MetricsJson putPresence(PresenceRoc r) {
        ObjectNode node = section("presence_roc");
        node.put("images", r.images());
        node.put("mean_AUC", num(r.meanAuc()));
        double[] grid = grid(CURVE_POINTS);
        node.set("fpr", array(grid));
        ObjectNode pc = node.putObject("per_class");
        for (ClassPresence c : r.classes()) {
            ObjectNode o = pc.putObject(key(c.classId()));
            o.put("id", c.classId());
            o.put("AUC", num(c.auc()));
            o.put("positives", c.positives());
            o.put("negatives", c.negatives());
            if (c.isDefined()) {
                o.set("tpr", array(tprAt(c.curve(), grid)));
            }
        }
        return this;
    }

    /**
     * The TPR of a ROC curve at given FPR levels: linear interpolation between the curve's points,
     * the highest TPR where the curve steps vertically.
     *
     * @param curve the curve
     * @param fpr FPR levels, ascending
     * @return one TPR per level
     */
    public static double[] tprAt(RocCurve curve, double[] fpr) {
        double[] x = curve.fpr();
        double[] y = curve.tpr();
        double[] out = new double[fpr.length];
        int j = 0;
        for (int i = 0; i < fpr.length; i++) {
            double f = fpr[i];
            while (j + 1 < x.length && x[j + 1] <= f) {
                j++;
            }
            if (j + 1 >= x.length || x[j] == f) {
                out[i] = y[j];
            } else {
                out[i] = y[j] + (y[j + 1] - y[j]) * (f - x[j]) / (x[j + 1] - x[j]);
            }
        }
        return out;
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

    private static double num(double v) {
        return Double.isNaN(v) ? -1 : v;
    }

    private static ArrayNode array(double[] v) {
        ArrayNode a = MAPPER.createArrayNode();
        for (double x : v) {
            a.add(Double.isFinite(x) ? Math.round(x * 1e6) / 1e6 : -1);
        }
        return a;
    }

    private static double[] grid(int n) {
        double[] g = new double[n];
        for (int i = 0; i < n; i++) {
            g[i] = i / (double) (n - 1);
        }
        return g;
    }

    /** {@value #CURVE_POINTS} evenly spread indices of an n-point grid, first and last included. */
    static int[] gridSample(int n) {
        if (n <= CURVE_POINTS) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return all;
        }
        int[] idx = new int[CURVE_POINTS];
        for (int i = 0; i < CURVE_POINTS; i++) {
            idx[i] = (int) Math.round(i * (n - 1) / (double) (CURVE_POINTS - 1));
        }
        return idx;
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = v[idx[i]];
        }
        return out;
    }
}
