package io.detkit.report;

import io.detkit.metrics.classification.RocCurve;
import io.detkit.metrics.coco.CategoryMetrics;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.curves.BestF1;
import io.detkit.metrics.curves.ClassCurves;
import io.detkit.metrics.curves.ClassPresence;
import io.detkit.metrics.curves.ConfidenceCurves;
import io.detkit.metrics.errors.ErrorAnalysis;
import io.detkit.metrics.errors.ErrorType;
import io.detkit.metrics.report.MetricsJson;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart and encoded as PNG (and SVG on request). Each chart is a
 * {@link ChartImage} with a file name, a title and a caption that says how to read it.
 */
final class Charts {
    /** Rows and columns of the confusion-matrix charts (classes + "other" when needed). */
    static final int CONFUSION_CLASSES = 30;
    /** Bars of the per-class AP chart. */
    static final int BAR_CLASSES = 100;

    static final Color BLUE = new Color(0x1f77b4);
    static final Color ORANGE = new Color(0xff7f0e);
    static final Color GREEN = new Color(0x2ca02c);
    static final Color RED = new Color(0xd62728);
    static final Color GREY = new Color(0xb8b8b8);
    static final Color LIGHT_BLUE = new Color(0xaec7e8);
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)
    };
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
    private static final Font AXIS = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    /**
     * One rendered chart.
     *
     * @param name file name without extension
     * @param title heading
     * @param caption how to read it
     * @param png PNG bytes
     * @param svg SVG bytes, or null
     * @param width pixels
     * @param height pixels
     */
    record ChartImage(String name, String title, String caption, byte[] png, byte[] svg, int width, int height) {}

    private final EvaluationReport r;
    private final boolean svg;

    Charts(EvaluationReport r) {
        this.r = r;
        this.svg = r.settings().svg();
    }

    /** Renders every chart; two at a time on the common pool. */
    List<ChartImage> render() {
        List<Supplier<ChartImage>> jobs = List.of(this::perClassAp, this::prCurves, this::prPerClass,
                () -> confidence(0), () -> confidence(1), () -> confidence(2), () -> confusion(false),
                () -> confusion(true), this::apBySize, this::errorChart, this::presenceRoc);
        return jobs.parallelStream().map(Supplier::get).toList();
    }

    // ---------------------------------------------------------------- per-class AP

    private ChartImage perClassAp() {
        List<CategoryMetrics> cms = new ArrayList<>();
        for (CategoryMetrics c : r.coco().categoryMetrics()) {
            if (c.ap() > -1) {
                cms.add(c);
            }
        }
        cms.sort(Comparator.comparingInt(CategoryMetrics::gtCount).reversed());
        if (cms.size() > BAR_CLASSES) {
            cms = new ArrayList<>(cms.subList(0, BAR_CLASSES));
        }
        cms.sort(Comparator.comparingDouble(CategoryMetrics::ap50).reversed().thenComparingInt(CategoryMetrics::categoryId));
        int w = Math.max(900, Math.min(1400, 220 + 16 * cms.size()));
        CategoryChart c = new CategoryChartBuilder().width(w).height(480).title("AP per class, sorted by AP50")
                .xAxisTitle("").yAxisTitle("AP").build();
        styleAxes(c.getStyler());
        c.getStyler().setOverlapped(true);
        c.getStyler().setXAxisLabelRotation(cms.size() > 12 ? 90 : 0);
        c.getStyler().setAxisTickLabelsFont(cms.size() > 40 ? new Font(Font.SANS_SERIF, Font.PLAIN, 10) : TICKS);
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        c.getStyler().setAvailableSpaceFill(0.8);
        List<String> names = new ArrayList<>();
        List<Double> ap50 = new ArrayList<>();
        List<Double> ap = new ArrayList<>();
        for (CategoryMetrics m : cms) {
            names.add(r.name(m.categoryId()));
            ap50.add(m.ap50());
            ap.add(m.ap());
        }
        if (names.isEmpty()) {
            names.add("(no class with ground truth)");
            ap50.add(0.0);
            ap.add(0.0);
        }
        c.addSeries("AP50", names, ap50).setFillColor(LIGHT_BLUE);
        c.addSeries("AP (IoU .50:.95)", names, ap).setFillColor(BLUE);
        return image(c, "per_class_ap", "AP per class",
                "Light bars: AP at IoU 0.50; dark bars: COCO AP averaged over IoU 0.50–0.95. Classes sorted by AP50"
                        + (r.categoryIds().length > BAR_CLASSES ? "; the " + BAR_CLASSES + " classes with most GT." : "."));
    }

    // ---------------------------------------------------------------- PR curves

    private ChartImage prCurves() {
        CocoEvaluation e = r.coco();
        double[] rec = e.params().recallThresholds();
        XYChart c = xy(900, 620, "Precision–recall (COCO interpolated, area all, maxDets 100)", "recall", "precision");
        unitAxes(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
        int t50 = MetricsJson.iouIndex(e, 0.5);
        int t75 = MetricsJson.iouIndex(e, 0.75);
        int nK = e.dims()[2];
        if (t50 >= 0) {
            boolean first = true;
            for (int k = 0; k < nK; k++) {
                double[] p = MetricsJson.precision(e, t50, k);
                if (p[0] <= -1) {
                    continue;
                }
                XYSeries s = c.addSeries("_pc" + k, rec, p);
                thin(s, GREY, 0.8f);
                s.setShowInLegend(first);
                if (first) {
                    s.setLabel("one class @ IoU .50");
                }
                first = false;
            }
            line(c.addSeries(String.format(Locale.ROOT, "all classes @ IoU .50 (AP50 %s)", f3(e.stat("AP50"))), rec,
                    clip(MetricsJson.meanPrecision(e, t50))), BLUE, 3f);
        }
        if (t75 >= 0) {
            line(c.addSeries(String.format(Locale.ROOT, "all classes @ IoU .75 (AP75 %s)", f3(e.stat("AP75"))), rec,
                    clip(MetricsJson.meanPrecision(e, t75))), ORANGE, 3f);
        }
        if (c.getSeriesMap().isEmpty()) {
            c.addSeries("no IoU .50 / .75 evaluated", new double[] {0, 1}, new double[] {0, 0});
        }
        return image(c, "pr_curves", "Precision–recall curves",
                "COCO's interpolated precision at 101 recall levels; the mean over classes at IoU .50 (blue) and .75 "
                        + "(orange) is what AP50 and AP75 average. Grey: each class at IoU .50.");
    }

    private ChartImage prPerClass() {
        CocoEvaluation e = r.coco();
        double[] rec = e.params().recallThresholds();
        int t50 = MetricsJson.iouIndex(e, 0.5);
        int t75 = MetricsJson.iouIndex(e, 0.75);
        int[] slots = e.categorySlots();
        Map<Integer, Integer> slotOf = new HashMap<>();
        for (int k = 0; k < slots.length; k++) {
            slotOf.put(slots[k], k);
        }
        Map<Integer, CategoryMetrics> metrics = new HashMap<>();
        for (CategoryMetrics m : e.categoryMetrics()) {
            metrics.put(m.categoryId(), m);
        }
        List<XYChart> tiles = new ArrayList<>();
        for (int id : r.topClasses()) {
            Integer k = slotOf.get(id);
            CategoryMetrics m = metrics.get(id);
            if (k == null || m == null) {
                continue;
            }
            XYChart c = new XYChartBuilder().width(330).height(250)
                    .title(r.name(id) + " (n=" + m.gtCount() + ")").xAxisTitle("recall").yAxisTitle("precision").build();
            c.getStyler().setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
            c.getStyler().setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            c.getStyler().setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            c.getStyler().setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 10));
            c.getStyler().setLegendPosition(Styler.LegendPosition.InsideSW);
            c.getStyler().setChartBackgroundColor(Color.WHITE);
            c.getStyler().setPlotGridLinesColor(new Color(0xe6e6e6));
            c.getStyler().setMarkerSize(0);
            unitAxes(c.getStyler());
            if (t50 >= 0) {
                line(c.addSeries("IoU .50: AP " + f3(m.ap50()), rec, clip(MetricsJson.precision(e, t50, k))), BLUE, 2f);
            }
            if (t75 >= 0) {
                line(c.addSeries("IoU .75: AP " + f3(m.ap75()), rec, clip(MetricsJson.precision(e, t75, k))), ORANGE, 2f);
            }
            if (c.getSeriesMap().isEmpty()) {
                c.addSeries("-", new double[] {0, 1}, new double[] {0, 0});
            }
            tiles.add(c);
        }
        int cols = Math.max(1, Math.min(4, tiles.size()));
        int rows = Math.max(1, (tiles.size() + cols - 1) / cols);
        int tw = 330, th = 250;
        BufferedImage img = new BufferedImage(cols * tw, rows * th, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        for (int i = 0; i < tiles.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(tiles.get(i)), (i % cols) * tw, (i / cols) * th, null);
        }
        g.dispose();
        String shown = r.categoryIds().length > tiles.size()
                ? " The " + tiles.size() + " classes with the most ground truth are shown, of " + r.categoryIds().length + "."
                : "";
        return new ChartImage("pr_per_class", "Precision–recall per class", "Blue: IoU .50; orange: IoU .75; the legend "
                + "gives each curve's AP (its mean over the 101 recall levels)." + shown, png(img), null, img.getWidth(),
                img.getHeight());
    }

    // ---------------------------------------------------------------- confidence curves

    private ChartImage confidence(int which) {
        ConfidenceCurves cc = r.confidenceCurves();
        String[] names = {"precision", "recall", "F1"};
        String[] files = {"precision_confidence", "recall_confidence", "f1_confidence"};
        double[] grid = cc.confidence();
        int n = grid.length;
        int stride = Math.max(1, n / 100);
        int m = (n - 1) / stride + 1;
        double[] x = new double[m];
        for (int i = 0; i < m; i++) {
            x[i] = grid[Math.min(n - 1, i * stride)];
        }
        XYChart c = xy(600, 450, names[which].substring(0, 1).toUpperCase(Locale.ROOT) + names[which].substring(1)
                + " vs confidence (IoU .50)", "confidence", names[which]);
        unitAxes(c.getStyler());
        c.getStyler().setLegendPosition(which == 0 ? Styler.LegendPosition.InsideSE : Styler.LegendPosition.InsideNE);
        List<ClassCurves> classes = cc.classes();
        double[] mean = new double[n];
        boolean first = true;
        for (ClassCurves k : classes) {
            double[] y = which == 0 ? k.precision() : which == 1 ? k.recall() : k.f1();
            for (int i = 0; i < n; i++) {
                mean[i] += y[i] / classes.size();
            }
            XYSeries s = c.addSeries("_c" + k.classId(), x, sample(y, stride, m));
            thin(s, GREY, 0.8f);
            s.setShowInLegend(first);
            if (first) {
                s.setLabel("one class");
            }
            first = false;
        }
        if (which == 2) {
            mean = cc.meanF1();
        }
        BestF1 b = cc.best();
        if (!classes.isEmpty()) {
            line(c.addSeries("all classes (mean)", x, sample(mean, stride, m)), BLUE, 3f);
        }
        if (b.index() >= 0) {
            double y = which == 0 ? b.meanPrecision() : which == 1 ? b.meanRecall() : b.meanF1();
            XYSeries best = c.addSeries(String.format(Locale.ROOT, "best F1 %s at confidence %s", f3(b.meanF1()),
                    f3(b.confidence())), new double[] {b.confidence()}, new double[] {y});
            best.setMarker(SeriesMarkers.DIAMOND);
            best.setMarkerColor(RED);
            best.setLineColor(RED);
            AnnotationLine v = new AnnotationLine(b.confidence(), true, false);
            c.addAnnotation(v);
            c.getStyler().setAnnotationLineColor(RED);
            c.getStyler().setAnnotationLineStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {6f, 4f}, 0f));
        }
        if (c.getSeriesMap().isEmpty()) {
            c.addSeries("no class with ground truth", new double[] {0, 1}, new double[] {0, 0});
        }
        String caption = switch (which) {
            case 0 -> "Precision of the detections scoring at least the confidence on the x axis (Ultralytics' "
                    + "definition, IoU .50). The dashed red line marks the confidence of the best mean F1.";
            case 1 -> "Recall when only detections scoring at least the confidence are kept.";
            default -> "F1 = 2PR/(P+R); the operating point maximises the mean F1 over classes (smoothed as "
                    + "Ultralytics does).";
        };
        return image(c, files[which], names[which].substring(0, 1).toUpperCase(Locale.ROOT) + names[which].substring(1)
                + " vs confidence", caption);
    }

    private static double[] sample(double[] y, int stride, int m) {
        double[] out = new double[m];
        for (int i = 0; i < m; i++) {
            out[i] = y[Math.min(y.length - 1, i * stride)];
        }
        return out;
    }

    // ---------------------------------------------------------------- confusion matrix

    /** The matrix cut to the classes with most GT; the rest summed into "other". */
    record Reduced(List<String> labels, long[][] counts) {}

    Reduced reducedConfusion() {
        long[][] full = r.confusionMatrix().counts();
        int nK = full.length - 1;
        int[] ids = r.categoryIds();
        List<Integer> keep = new ArrayList<>();
        boolean other = nK > CONFUSION_CLASSES;
        if (!other) {
            for (int k = 0; k < nK; k++) {
                keep.add(k);
            }
        } else {
            long[] colTotal = new long[nK];
            for (int k = 0; k < nK; k++) {
                for (long[] row : full) {
                    colTotal[k] += row[k];
                }
            }
            List<Integer> order = new ArrayList<>();
            for (int k = 0; k < nK; k++) {
                order.add(k);
            }
            order.sort((a, b) -> colTotal[b] != colTotal[a] ? Long.compare(colTotal[b], colTotal[a]) : Integer.compare(a, b));
            keep.addAll(order.subList(0, CONFUSION_CLASSES - 1));
            keep.sort(Integer::compare);
        }
        int[] to = new int[nK + 1];
        int nOut = keep.size() + (other ? 1 : 0) + 1;
        java.util.Arrays.fill(to, other ? keep.size() : -1);
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < keep.size(); i++) {
            to[keep.get(i)] = i;
            labels.add(r.name(ids[keep.get(i)]));
        }
        if (other) {
            labels.add("other");
        }
        labels.add("background");
        to[nK] = nOut - 1;
        long[][] out = new long[nOut][nOut];
        for (int p = 0; p <= nK; p++) {
            for (int t = 0; t <= nK; t++) {
                out[to[p]][to[t]] += full[p][t];
            }
        }
        return new Reduced(labels, out);
    }

    private ChartImage confusion(boolean normalized) {
        Reduced red = reducedConfusion();
        int n = red.labels().size();
        long[][] counts = red.counts();
        double[][] v = new double[n][n];
        double max = 0;
        for (int t = 0; t < n; t++) {
            long col = 0;
            for (int p = 0; p < n; p++) {
                col += counts[p][t];
            }
            for (int p = 0; p < n; p++) {
                v[p][t] = normalized ? (col == 0 ? 0 : counts[p][t] / (double) col) : counts[p][t];
                max = Math.max(max, v[p][t]);
            }
        }
        int side = Math.max(560, Math.min(1100, 200 + 28 * n));
        HeatMapChart c = new HeatMapChartBuilder().width(side + 120).height(side)
                .title(normalized ? "Confusion matrix, column-normalised (each true class sums to 1)" : "Confusion matrix (counts)")
                .xAxisTitle("true class").yAxisTitle("predicted class").build();
        c.getStyler().setChartTitleFont(TITLE);
        c.getStyler().setAxisTitleFont(AXIS);
        c.getStyler().setAxisTickLabelsFont(n > 20 ? new Font(Font.SANS_SERIF, Font.PLAIN, 10) : TICKS);
        c.getStyler().setChartBackgroundColor(Color.WHITE);
        c.getStyler().setPlotBackgroundColor(Color.WHITE);
        c.getStyler().setXAxisLabelRotation(90);
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        c.getStyler().setRangeColors(new Color[] {Color.WHITE, new Color(0x9ecae1), new Color(0x3182bd)});
        c.getStyler().setMin(0);
        c.getStyler().setMax(normalized ? 1 : Math.max(1, max));
        c.getStyler().setShowValue(n <= CONFUSION_CLASSES + 2);
        c.getStyler().setValueFont(new Font(Font.SANS_SERIF, Font.PLAIN, n <= 12 ? 12 : n <= 20 ? 10 : 8));
        c.getStyler().setValueFontColor(new Color(0x202020));
        c.getStyler().setHeatMapValueDecimalPattern(normalized ? "0.00" : "0");
        c.getStyler().setPlotContentSize(0.98);
        List<String> x = red.labels();
        List<String> y = new ArrayList<>(red.labels());
        java.util.Collections.reverse(y);
        List<Number[]> data = new ArrayList<>();
        for (int p = 0; p < n; p++) {
            for (int t = 0; t < n; t++) {
                if (counts[p][t] != 0) { // empty cells stay blank, without a "0"
                    data.add(new Number[] {t, n - 1 - p, v[p][t]});
                }
            }
        }
        c.addSeries("confusion", x, y, data);
        String th = String.format(Locale.ROOT, "confidence > %s, IoU > %s", f3(r.confusionMatrix().confidenceThreshold()),
                f3(r.confusionMatrix().iouThreshold()));
        return image(c, normalized ? "confusion_matrix_normalized" : "confusion_matrix",
                normalized ? "Confusion matrix, normalised" : "Confusion matrix",
                "Rows: predicted class, columns: true class (" + th + ", any-class matching as Ultralytics). The "
                        + "background row counts missed objects, the background column detections that matched nothing."
                        + (normalized ? " Each column is divided by its total: where the objects of a class went." : ""));
    }

    // ---------------------------------------------------------------- AP by size

    private ChartImage apBySize() {
        CocoEvaluation e = r.coco();
        long[] n = r.gtBySize();
        List<String> labels = List.of("small (n=" + n[0] + ")", "medium (n=" + n[1] + ")", "large (n=" + n[2] + ")");
        CategoryChart c = new CategoryChartBuilder().width(620).height(420).title("AP and AR by object size")
                .xAxisTitle("COCO area range (small < 32², medium 32²–96², large > 96² px)").yAxisTitle("").build();
        styleAxes(c.getStyler());
        c.getStyler().setYAxisMin(0.0);
        c.getStyler().setYAxisMax(1.0);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFont(TICKS);
        c.getStyler().setDecimalPattern("0.000");
        c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        c.addSeries("AP (IoU .50:.95)", labels, List.of(pos(e.stat("APs")), pos(e.stat("APm")), pos(e.stat("APl"))))
                .setFillColor(BLUE);
        c.addSeries("AR (maxDets 100)", labels, List.of(pos(e.stat("ARs")), pos(e.stat("ARm")), pos(e.stat("ARl"))))
                .setFillColor(ORANGE);
        return image(c, "ap_by_size", "AP by object size", "COCO's APs/APm/APl and ARs/ARm/ARl; n counts the regular "
                + "ground-truth objects in each range (the area field; ranges include both ends). An undefined value "
                + "(no object of that size) is drawn as 0.");
    }

    // ---------------------------------------------------------------- errors

    private ChartImage errorChart() {
        ErrorAnalysis a = r.errors();
        List<String> labels = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (ErrorType t : ErrorType.values()) {
            labels.add(t.shortName() + " (" + a.count(t) + ")");
            values.add(100 * a.deltaMap(t));
        }
        labels.add("all FP");
        values.add(100 * a.falsePositiveDeltaMap());
        labels.add("all FN");
        values.add(100 * a.falseNegativeDeltaMap());
        CategoryChart c = new CategoryChartBuilder().width(820).height(440)
                .title(String.format(Locale.ROOT, "mAP50 gained by fixing each error type (base mAP50 %s)", f3(a.baseMap())))
                .xAxisTitle("error type (count)").yAxisTitle("ΔAP50 (points)").build();
        styleAxes(c.getStyler());
        c.getStyler().setLegendVisible(false);
        c.getStyler().setLabelsVisible(true);
        c.getStyler().setLabelsFont(TICKS);
        c.getStyler().setDecimalPattern("0.00");
        c.getStyler().setYAxisMin(0.0);
        CategorySeries s = c.addSeries("dAP", labels, values);
        s.setFillColor(RED);
        return image(c, "errors", "Error breakdown (TIDE)", "How many AP50 points the mAP would gain if every error of "
                + "one type were fixed (the others left as they are). Cls: right box, wrong class; Loc: right class, box "
                + "off (IoU .1–.5); Both: wrong class and box off; Dupe: second detection of a found object; Bkg: "
                + "detection on background; Miss: object never detected. \"all FP\" removes every false positive, "
                + "\"all FN\" finds every missed object.");
    }

    // ---------------------------------------------------------------- presence ROC

    private ChartImage presenceRoc() {
        XYChart c = xy(860, 600, String.format(Locale.ROOT, "Image-level presence ROC (mean AUC %s)",
                f3(r.presence().meanAuc())), "false positive rate (images without the class)",
                "true positive rate (images with the class)");
        unitAxes(c.getStyler());
        c.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        XYSeries diag = c.addSeries("chance", new double[] {0, 1}, new double[] {0, 1});
        diag.setLineColor(new Color(0x999999));
        diag.setLineStyle(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
        diag.setMarker(SeriesMarkers.NONE);
        int colored = Math.min(PALETTE.length, r.topClasses().size());
        List<Integer> shown = r.topClasses().subList(0, colored);
        boolean firstGrey = true;
        for (ClassPresence p : r.presence().classes()) {
            if (!p.isDefined() || shown.contains(p.classId())) {
                continue;
            }
            RocCurve cv = p.curve();
            XYSeries s = c.addSeries("_g" + p.classId(), thinOut(cv.fpr(), 100), thinOut(cv.tpr(), 100));
            thin(s, GREY, 0.8f);
            s.setShowInLegend(firstGrey);
            if (firstGrey) {
                s.setLabel("other classes");
            }
            firstGrey = false;
        }
        int i = 0;
        for (int id : shown) {
            ClassPresence p = r.presence().forClass(id);
            if (!p.isDefined()) {
                continue;
            }
            line(c.addSeries(r.name(id) + " AUC " + f3(p.auc()), thinOut(p.curve().fpr(), 500), thinOut(p.curve().tpr(), 500)),
                    PALETTE[i++ % PALETTE.length], 2f);
        }
        return image(c, "presence_roc", "Presence ROC per class", "Each image is scored, per class, by its best detection of "
                + "that class (no detection: lowest score) and labelled by whether its ground truth holds the class. "
                + "The curve shows how well that score tells the two kinds of image apart; AUC 0.5 is chance. Coloured: "
                + "the classes with the most ground truth; the AUC of every class is in the per-class table.");
    }

    private static double[] thinOut(double[] v, int max) {
        if (v.length <= max) {
            return v;
        }
        double[] out = new double[max];
        for (int i = 0; i < max; i++) {
            out[i] = v[(int) Math.round(i * (v.length - 1) / (double) (max - 1))];
        }
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private static XYChart xy(int w, int h, String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(w).height(h).title(title).xAxisTitle(x).yAxisTitle(y).build();
        styleAxes(c.getStyler());
        c.getStyler().setMarkerSize(8);
        return c;
    }

    private static void styleAxes(AxesChartStyler s) {
        s.setChartTitleFont(TITLE);
        s.setAxisTitleFont(AXIS);
        s.setAxisTickLabelsFont(TICKS);
        s.setLegendFont(LEGEND);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xe6e6e6));
        s.setLegendBorderColor(new Color(0xcccccc));
        s.setAntiAlias(true);
    }

    private static void unitAxes(AxesChartStyler s) {
        s.setXAxisMin(0.0);
        s.setXAxisMax(1.0);
        s.setYAxisMin(0.0);
        s.setYAxisMax(1.0);
        s.setXAxisDecimalPattern("0.0");
        s.setYAxisDecimalPattern("0.0");
    }

    private static void line(XYSeries s, Color color, float width) {
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        s.setMarker(SeriesMarkers.NONE);
    }

    private static void thin(XYSeries s, Color color, float width) {
        s.setLineColor(color);
        s.setLineStyle(new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        s.setMarker(SeriesMarkers.NONE);
    }

    private static double[] clip(double[] v) {
        double[] out = v.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.max(0, out[i]);
        }
        return out;
    }

    private static double pos(double v) {
        return v < 0 ? 0 : v;
    }

    static String f3(double v) {
        return Double.isFinite(v) && v > -1 ? String.format(Locale.ROOT, "%.3f", v) : "-";
    }

    private ChartImage image(Chart<?, ?> chart, String name, String title, String caption) {
        BufferedImage img = BitmapEncoder.getBufferedImage(chart);
        byte[] vector = null;
        if (svg) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                VectorGraphicsEncoder.saveVectorGraphic(chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            vector = out.toByteArray();
        }
        return new ChartImage(name, title, caption, png(img), vector, img.getWidth(), img.getHeight());
    }

    static byte[] png(BufferedImage img) {
        return PngEncoder.encode(img);
    }
}
