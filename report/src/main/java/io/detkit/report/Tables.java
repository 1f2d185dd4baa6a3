package io.detkit.report;

import io.detkit.metrics.coco.CategoryMetrics;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.curves.BestF1;
import io.detkit.metrics.curves.ClassCurves;
import io.detkit.metrics.curves.ClassPresence;
import io.detkit.metrics.curves.ConfidenceCurves;
import io.detkit.metrics.errors.ErrorAnalysis;
import io.detkit.metrics.errors.ErrorType;
import io.detkit.metrics.voc.VocClassResult;
import io.detkit.metrics.voc.VocResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report's tables, built once and rendered by both {@link HtmlPage} and {@link MarkdownPage}, so
 * that the two say the same thing. Numbers are formatted here; each cell also keeps a sort key.
 */
final class Tables {
    /**
     * A table cell: its text and the number it sorts by (NaN for text cells).
     *
     * @param text the shown text
     * @param sort the sort key
     */
    record Cell(String text, double sort) {
        static Cell text(String s) {
            return new Cell(s, Double.NaN);
        }

        static Cell num(double v) {
            return new Cell(f3(v), v > -1 && Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY);
        }

        static Cell count(long v) {
            return new Cell(Long.toString(v), v);
        }

        static Cell signed(double v) {
            return new Cell(Double.isFinite(v) ? String.format(Locale.ROOT, "%+.4f", v) : "-",
                    Double.isFinite(v) ? v : Double.NEGATIVE_INFINITY);
        }
    }

    /**
     * A table.
     *
     * @param id an HTML id
     * @param header column names
     * @param rows the rows
     * @param sortable true for tables the reader can sort
     */
    record Table(String id, List<String> header, List<List<Cell>> rows, boolean sortable) {}

    private static final String[][] STATS = {
        {"AP", "0.50:0.95", "all"}, {"AP50", "0.50", "all"}, {"AP75", "0.75", "all"},
        {"APs", "0.50:0.95", "small"}, {"APm", "0.50:0.95", "medium"}, {"APl", "0.50:0.95", "large"},
        {"AR1", "0.50:0.95", "all"}, {"AR10", "0.50:0.95", "all"}, {"AR100", "0.50:0.95", "all"},
        {"ARs", "0.50:0.95", "small"}, {"ARm", "0.50:0.95", "medium"}, {"ARl", "0.50:0.95", "large"},
    };

    private final EvaluationReport r;

    Tables(EvaluationReport r) {
        this.r = r;
    }

    static String f3(double v) {
        return Double.isFinite(v) && v > -1 ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    Table cocoStats() {
        CocoEvaluation e = r.coco();
        int[] md = e.params().maxDets();
        List<List<Cell>> rows = new ArrayList<>();
        for (String[] s : STATS) {
            // pycocotools: stats[0] uses maxDets 100, AR1/AR10 the first two values, the rest the third
            String maxDets = switch (s[0]) {
                case "AP" -> "100";
                case "AR1" -> String.valueOf(md[0]);
                case "AR10" -> String.valueOf(md[Math.min(1, md.length - 1)]);
                default -> String.valueOf(md[Math.min(2, md.length - 1)]);
            };
            rows.add(List.of(Cell.text(s[0]), Cell.text(s[0].startsWith("AP") ? "precision" : "recall"), Cell.text(s[1]),
                    Cell.text(s[2]), Cell.text(maxDets), Cell.num(e.stat(s[0]))));
        }
        return new Table("table-coco-stats", List.of("statistic", "average", "IoU", "area", "maxDets", "value"), rows, false);
    }

    Table keyFigures() {
        VocResult v = r.voc();
        ConfidenceCurves cc = r.confidenceCurves();
        BestF1 b = cc.best();
        ErrorAnalysis a = r.errors();
        List<List<Cell>> rows = new ArrayList<>();
        String vocIou = String.format(Locale.ROOT, "%.2f", v.config().iouThreshold())
                + (v.config().plusOnePixel() ? ", +1 pixel areas" : "");
        rows.add(List.of(Cell.text("Pascal VOC mAP, all-point (IoU " + vocIou + ")"), Cell.num(v.mapAllPoint())));
        rows.add(List.of(Cell.text("Pascal VOC mAP, 11-point (IoU " + vocIou + ")"), Cell.num(v.mapElevenPoint())));
        rows.add(List.of(Cell.text("best mean F1 (IoU 0.50)"), Cell.num(b.meanF1())));
        rows.add(List.of(Cell.text("… at confidence"), Cell.num(b.confidence())));
        rows.add(List.of(Cell.text("… mean precision / recall there"),
                Cell.text(f3(b.meanPrecision()) + " / " + f3(b.meanRecall()))));
        rows.add(List.of(Cell.text("mean presence AUC (image level)"), Cell.num(r.presence().meanAuc())));
        rows.add(List.of(Cell.text("images / ground-truth objects / detections"), Cell.text(r.perImage().size() + " / "
                + r.groundTruth().annotationCount() + " / " + r.detections().size())));
        rows.add(List.of(Cell.text("largest error (TIDE)"), Cell.text(largestError(a))));
        return new Table("table-key-figures", List.of("figure", "value"), rows, false);
    }

    private static String largestError(ErrorAnalysis a) {
        ErrorType best = null;
        for (ErrorType t : ErrorType.values()) {
            if (best == null || a.deltaMap(t) > a.deltaMap(best)) {
                best = t;
            }
        }
        return best == null ? "-" : String.format(Locale.ROOT, "%s (%s): +%.2f AP50 points if fixed", best.shortName(),
                best.description(), 100 * a.deltaMap(best));
    }

    Table perClass() {
        CocoEvaluation e = r.coco();
        Map<Integer, VocClassResult> voc = new HashMap<>();
        for (VocClassResult c : r.voc().classes()) {
            voc.put(c.classId(), c);
        }
        ConfidenceCurves cc = r.confidenceCurves();
        Map<Integer, Integer> curveIndex = new HashMap<>();
        List<ClassCurves> cl = cc.classes();
        for (int i = 0; i < cl.size(); i++) {
            curveIndex.put(cl.get(i).classId(), i);
        }
        BestF1 b = cc.best();
        double[] bp = b.precision(), br = b.recall(), bf = b.f1();
        Map<Integer, ClassPresence> pres = new HashMap<>();
        for (ClassPresence p : r.presence().classes()) {
            pres.put(p.classId(), p);
        }
        List<List<Cell>> rows = new ArrayList<>();
        for (CategoryMetrics m : e.categoryMetrics()) {
            int id = m.categoryId();
            VocClassResult v = voc.get(id);
            Integer ci = curveIndex.get(id);
            boolean op = ci != null && b.index() >= 0;
            ClassPresence p = pres.get(id);
            rows.add(List.of(Cell.text(r.name(id)), Cell.count(id), Cell.count(m.gtCount()), Cell.count(m.detectionCount()),
                    Cell.num(m.ap()), Cell.num(m.ap50()), Cell.num(m.ap75()), Cell.num(m.apSmall()), Cell.num(m.apMedium()),
                    Cell.num(m.apLarge()), Cell.num(m.ar100()), Cell.num(v == null ? -1 : v.apAllPoint()),
                    Cell.num(op ? bp[ci] : -1), Cell.num(op ? br[ci] : -1), Cell.num(op ? bf[ci] : -1),
                    Cell.num(p == null ? -1 : p.auc())));
        }
        return new Table("table-per-class", List.of("class", "id", "GT", "dets", "AP", "AP50", "AP75", "APs", "APm", "APl", "AR100",
                "VOC AP", "P@best", "R@best", "F1@best", "AUC"), rows, true);
    }

    Table bySize() {
        CocoEvaluation e = r.coco();
        long[] n = r.gtBySize();
        String[] names = {"small (area ≤ 32²)", "medium (32² ≤ area ≤ 96²)", "large (area ≥ 96²)"};
        String[] ap = {"APs", "APm", "APl"};
        String[] ar = {"ARs", "ARm", "ARl"};
        List<List<Cell>> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            rows.add(List.of(Cell.text(names[i]), Cell.count(n[i]), Cell.num(e.stat(ap[i])), Cell.num(e.stat(ar[i]))));
        }
        return new Table("table-by-size", List.of("object size", "GT objects", "AP", "AR100"), rows, false);
    }

    Table errors() {
        ErrorAnalysis a = r.errors();
        List<List<Cell>> rows = new ArrayList<>();
        for (ErrorType t : ErrorType.values()) {
            rows.add(List.of(Cell.text(t.shortName()), Cell.count(a.count(t)), Cell.signed(a.deltaMap(t)),
                    Cell.num(a.fixedMap(t)), Cell.text(t.description())));
        }
        rows.add(List.of(Cell.text("all FP"), Cell.text(""), Cell.signed(a.falsePositiveDeltaMap()),
                Cell.num(a.baseMap() + a.falsePositiveDeltaMap()), Cell.text("every false positive removed")));
        rows.add(List.of(Cell.text("all FN"), Cell.text(""), Cell.signed(a.falseNegativeDeltaMap()),
                Cell.num(a.baseMap() + a.falseNegativeDeltaMap()), Cell.text("every missed object found (perfect recall)")));
        return new Table("table-errors", List.of("type", "count", "ΔmAP50", "mAP50 if fixed", "meaning"), rows, false);
    }

    Table errorsPerClass() {
        ErrorAnalysis a = r.errors();
        int[] ids = a.categoryIds();
        double[] base = a.baseAp();
        Map<ErrorType, int[]> counts = new HashMap<>();
        Map<ErrorType, double[]> fixed = new HashMap<>();
        for (ErrorType t : ErrorType.values()) {
            counts.put(t, a.counts(t));
            fixed.put(t, a.fixedAp(t));
        }
        int[] tp = a.truePositives();
        List<String> header = new ArrayList<>(List.of("class", "AP50", "TP"));
        for (ErrorType t : ErrorType.values()) {
            header.add(t.shortName());
        }
        header.add("costliest error");
        List<List<Cell>> rows = new ArrayList<>();
        for (int k = 0; k < ids.length; k++) {
            List<Cell> row = new ArrayList<>();
            row.add(Cell.text(r.name(ids[k])));
            row.add(Cell.num(base[k]));
            row.add(Cell.count(tp[k]));
            ErrorType worst = null;
            double worstGain = 0;
            for (ErrorType t : ErrorType.values()) {
                row.add(Cell.count(counts.get(t)[k]));
                double gain = base[k] < 0 ? 0 : fixed.get(t)[k] - base[k];
                if (gain > worstGain) {
                    worstGain = gain;
                    worst = t;
                }
            }
            row.add(worst == null ? Cell.text("-")
                    : new Cell(String.format(Locale.ROOT, "%s +%.3f", worst.shortName(), worstGain), worstGain));
            rows.add(row);
        }
        return new Table("table-errors-per-class", header, rows, true);
    }

    Table topConfusions(int max) {
        long[][] m = r.confusionMatrix().counts();
        int nK = m.length - 1;
        int[] ids = r.categoryIds();
        long[] col = new long[nK + 1];
        for (long[] row : m) {
            for (int t = 0; t <= nK; t++) {
                col[t] += row[t];
            }
        }
        List<long[]> cells = new ArrayList<>();
        for (int p = 0; p < nK; p++) {
            for (int t = 0; t < nK; t++) {
                if (p != t && m[p][t] > 0) {
                    cells.add(new long[] {p, t, m[p][t]});
                }
            }
        }
        cells.sort((x, y) -> x[2] != y[2] ? Long.compare(y[2], x[2]) : x[1] != y[1] ? Long.compare(x[1], y[1])
                : Long.compare(x[0], y[0]));
        List<List<Cell>> rows = new ArrayList<>();
        for (long[] c : cells.subList(0, Math.min(max, cells.size()))) {
            int p = (int) c[0], t = (int) c[1];
            rows.add(List.of(Cell.text(r.name(ids[t])), Cell.text(r.name(ids[p])),
                    Cell.count(c[2]), Cell.num(c[2] / (double) col[t])));
        }
        return new Table("table-top-confusions", List.of("true class", "predicted as", "count", "share of the true class"), rows,
                false);
    }
}
