package io.detkit.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.coco.CategoryMetrics;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.curves.ConfidenceCurves;
import io.detkit.metrics.curves.ConfusionMatrix;
import io.detkit.metrics.curves.ConfusionMatrixEvaluator;
import io.detkit.metrics.curves.CurveEvaluator;
import io.detkit.metrics.curves.PresenceEvaluator;
import io.detkit.metrics.curves.PresenceRoc;
import io.detkit.metrics.errors.ErrorAnalysis;
import io.detkit.metrics.errors.ErrorAnalyzer;
import io.detkit.metrics.report.AtomicFiles;
import io.detkit.metrics.report.MetricsJson;
import io.detkit.metrics.voc.VocConfig;
import io.detkit.metrics.voc.VocEvaluator;
import io.detkit.metrics.voc.VocResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An evaluation report that a person reads: everything that says where a detector fails, computed
 * from COCO ground truth and COCO results, and written as {@code metrics.json} (machine-readable,
 * stable keys, see {@link MetricsJson}), {@code report.md} and a self-contained {@code report.html}
 * (charts and images embedded, opens offline), with every chart also a PNG in {@code charts/}.
 *
 * <pre>{@code
 * EvaluationReport r = EvaluationReport.builder(gt, detections)
 *         .optImages(ImageLocator.forGroundTruthFile(gtFile, null))
 *         .optTitle("yolo-s on val2017")
 *         .build();                          // computes
 * WrittenReport files = r.write(Path.of("runs/eval"));
 * }</pre>
 *
 * <p>Content:
 * <ul>
 *   <li>the 12 COCO statistics (pycocotools-exact, {@link CocoEvaluator}) and Pascal VOC mAP
 *       ({@link VocEvaluator}, crowd GT as "difficult"; IoU 0.5 all-point by default);
 *   <li>per-class AP, AP50, AP75, AR100, AP by size, GT and detection counts, VOC AP, precision /
 *       recall / F1 at the best-F1 confidence and the presence AUC, in a sortable table;
 *   <li>COCO's interpolated precision-recall curves at IoU 0.5 and 0.75, for all classes and per
 *       class;
 *   <li>Ultralytics-style precision, recall and F1 against the confidence threshold with the best
 *       mean F1 marked ({@link CurveEvaluator} at IoU 0.5);
 *   <li>the detection confusion matrix, counts and column-normalised ({@link ConfusionMatrixEvaluator},
 *       confidence 0.25, IoU 0.45 by default; rows = predicted, columns = true, plus background);
 *   <li>AP and AR by object size;
 *   <li>the TIDE-style error breakdown with counts and ΔAP50 per error type ({@link ErrorAnalyzer});
 *   <li>image-level presence ROC curves and AUC per class ({@link PresenceEvaluator});
 *   <li>a gallery of the images with the most errors at the confidence of the highest mean F1
 *       ({@link #operatingConfidence()}), ground truth and detections drawn, when the image files can
 *       be found ({@link ImageLocator}).
 * </ul>
 * Crowd GT are left out of the Ultralytics-style curves and of the confusion matrix (Ultralytics'
 * COCO conversion drops them); COCO, VOC, the error analysis and presence use them as their
 * definitions say. With many classes, the per-class chart grids show the classes with the most GT
 * (every class stays in the tables and in {@code metrics.json}), and the report says so.
 */
public final class EvaluationReport {
    private final Builder settings;
    private final CocoGroundTruth gt;
    private final CocoDetections dets;
    private final CocoEvaluation coco;
    private final MetricsJson json;
    private final int[] categoryIds;
    private final VocResult voc;
    private final ConfidenceCurves curves;
    private final ConfusionMatrix confusion;
    private final ErrorAnalysis errors;
    private final PresenceRoc presence;
    private final long[] gtBySize;
    private final PerImage perImage;
    private final List<Integer> topClasses;
    private final Map<String, Double> seconds = new LinkedHashMap<>();

    private EvaluationReport(Builder b) {
        this.settings = b;
        this.gt = b.gt;
        this.dets = b.dets;
        long t0 = System.nanoTime();
        CocoEvaluation e = b.evaluation;
        if (e == null) {
            CocoEvaluator ev = new CocoEvaluator(gt);
            ev.addAll(dets);
            e = ev.evaluate();
        }
        this.coco = e;
        this.categoryIds = gt.sortedCategoryIds();
        long t1 = System.nanoTime();
        seconds.put("coco", (t1 - t0) / 1e9);
        this.perImage = PerImage.of(gt, dets);
        long t2 = System.nanoTime();
        seconds.put("group", (t2 - t1) / 1e9);

        Object[] out = new Object[6];
        double[] took = new double[5];
        List<Runnable> tasks = List.of(
            () -> out[3] = timed(took, 3, () -> new ErrorAnalyzer(gt).analyze(dets)),
            () -> out[1] = timed(took, 1, this::evaluateCurves),
            () -> out[0] = timed(took, 0, this::evaluateVoc),
            () -> out[2] = timed(took, 2, this::evaluateConfusion),
            () -> out[4] = timed(took, 4, this::evaluatePresence));
        tasks.parallelStream().forEach(Runnable::run);
        String[] names = {"voc", "curves", "confusion", "errors", "presence"};
        for (int i = 0; i < names.length; i++) {
            seconds.put("analyses." + names[i], took[i]);
        }
        this.voc = (VocResult) out[0];
        this.curves = (ConfidenceCurves) out[1];
        this.confusion = (ConfusionMatrix) out[2];
        this.errors = (ErrorAnalysis) out[3];
        this.presence = (PresenceRoc) out[4];
        this.gtBySize = countBySize();
        long t3 = System.nanoTime();
        seconds.put("analyses", (t3 - t2) / 1e9);

        this.json = new MetricsJson(coco).putVoc(voc).putApBySize(coco, gtBySize).putPrCurves(coco)
                .putConfidenceCurves(curves).putConfusionMatrix(confusion, categoryIds).putErrors(errors)
                .putPresence(presence);
        if (!b.inputs.isEmpty()) {
            ObjectNode in = json.section("inputs");
            b.inputs.forEach((k, v) -> in.putPOJO(k, v));
        }
        List<CategoryMetrics> cms = new ArrayList<>(coco.categoryMetrics());
        cms.sort(Comparator.comparingInt(CategoryMetrics::gtCount).reversed().thenComparingInt(CategoryMetrics::categoryId));
        List<Integer> top = new ArrayList<>();
        for (CategoryMetrics c : cms) {
            if (top.size() < b.topClasses && c.gtCount() > 0) {
                top.add(c.categoryId());
            }
        }
        this.topClasses = Collections.unmodifiableList(top);
    }

    /**
     * Starts a report.
     *
     * @param gt the ground truth
     * @param detections the detections (COCO results: category ids of the ground truth, xywh boxes)
     * @return the builder
     * @throws IllegalArgumentException if the ground truth has no category
     */
    public static Builder builder(CocoGroundTruth gt, CocoDetections detections) {
        return new Builder(gt, detections);
    }

    private static <T> T timed(double[] took, int i, java.util.function.Supplier<T> task) {
        long t0 = System.nanoTime();
        T v = task.get();
        took[i] = (System.nanoTime() - t0) / 1e9;
        return v;
    }

    private VocResult evaluateVoc() {
        VocEvaluator ev = new VocEvaluator(settings.vocConfig);
        for (int i = 0; i < perImage.size(); i++) {
            ev.add(String.valueOf(perImage.imageIds[i]), perImage.groundTruths.get(i), perImage.dets.get(i));
        }
        return ev.evaluate();
    }

    private ConfidenceCurves evaluateCurves() {
        CurveEvaluator ev = new CurveEvaluator(new double[] {0.5});
        for (int i = 0; i < perImage.size(); i++) {
            ev.add(String.valueOf(perImage.imageIds[i]), regular(perImage.groundTruths.get(i)), perImage.dets.get(i));
        }
        return ev.confidenceCurves();
    }

    private ConfusionMatrix evaluateConfusion() {
        ConfusionMatrixEvaluator ev = new ConfusionMatrixEvaluator(categoryIds.length, settings.confusionConfidence,
                settings.confusionIou);
        for (int i = 0; i < perImage.size(); i++) {
            List<GroundTruth> g = new ArrayList<>();
            for (GroundTruth x : perImage.groundTruths.get(i)) {
                if (!x.ignore()) {
                    g.add(new GroundTruth(x.box(), slot(x.classId())));
                }
            }
            List<Detection> d = new ArrayList<>();
            for (Detection x : perImage.dets.get(i)) {
                if (x.score() > settings.confusionConfidence) {
                    d.add(new Detection(x.box(), slot(x.classId()), x.score()));
                }
            }
            ev.add(String.valueOf(perImage.imageIds[i]), g, d);
        }
        return ev.result();
    }

    private PresenceRoc evaluatePresence() {
        PresenceEvaluator ev = new PresenceEvaluator(categoryIds);
        for (int i = 0; i < perImage.size(); i++) {
            ev.add(String.valueOf(perImage.imageIds[i]), perImage.groundTruths.get(i), perImage.dets.get(i));
        }
        return ev.result();
    }

    private static List<GroundTruth> regular(List<GroundTruth> l) {
        for (GroundTruth g : l) {
            if (g.ignore()) {
                List<GroundTruth> out = new ArrayList<>(l.size());
                for (GroundTruth x : l) {
                    if (!x.ignore()) {
                        out.add(x);
                    }
                }
                return out;
            }
        }
        return l;
    }

    /** Regular GT per COCO area range (small, medium, large; inclusive at both ends, as COCO). */
    private long[] countBySize() {
        double[] area = gt.annotationAreas();
        boolean[] crowd = gt.annotationCrowd();
        long[] n = new long[3];
        for (int a = 0; a < area.length; a++) {
            if (crowd[a]) {
                continue;
            }
            double v = area[a];
            n[0] += v <= 32 * 32 ? 1 : 0;
            n[1] += v >= 32 * 32 && v <= 96 * 96 ? 1 : 0;
            n[2] += v >= 96 * 96 ? 1 : 0;
        }
        return n;
    }

    int slot(int categoryId) {
        return Arrays.binarySearch(categoryIds, categoryId);
    }

    /** @return the ground truth */
    public CocoGroundTruth groundTruth() {
        return gt;
    }

    /** @return the detections */
    public CocoDetections detections() {
        return dets;
    }

    /** @return the COCO evaluation */
    public CocoEvaluation coco() {
        return coco;
    }

    /** @return the Pascal VOC evaluation */
    public VocResult voc() {
        return voc;
    }

    /** @return the Ultralytics-style confidence curves at IoU 0.5 (class ids are category ids) */
    public ConfidenceCurves confidenceCurves() {
        return curves;
    }

    /** @return the confusion matrix; class index k is category {@code categoryIds()[k]} */
    public ConfusionMatrix confusionMatrix() {
        return confusion;
    }

    /** @return the TIDE-style error analysis */
    public ErrorAnalysis errors() {
        return errors;
    }

    /** @return the image-level presence ROC (class ids are category ids) */
    public PresenceRoc presence() {
        return presence;
    }

    /** @return the category ids, sorted (a copy) */
    public int[] categoryIds() {
        return categoryIds.clone();
    }

    /** @return regular GT per COCO area range: small, medium, large (a copy) */
    public long[] gtBySize() {
        return gtBySize.clone();
    }

    /** @return the categories shown in per-class chart grids: the most GT first */
    public List<Integer> topClasses() {
        return topClasses;
    }

    /**
     * @param categoryId a category id
     * @return its display name: the name, or {@code "name (id)"} when two categories share it
     */
    public String name(int categoryId) {
        return json.key(categoryId);
    }

    /** @return the report title */
    public String title() {
        return settings.title;
    }

    /**
     * The confidence at which the gallery counts and draws errors: where the mean F1 over classes
     * (IoU 0.5, unsmoothed) is highest, or 0.25 when no class has ground truth. (The operating point
     * marked on the F1 curve is Ultralytics' pick on the smoothed curve, which sits at 0 when the
     * detector's scores are all low.)
     *
     * @return the threshold
     */
    public double operatingConfidence() {
        double[] f1 = curves.meanF1();
        double[] grid = curves.confidence();
        int best = -1;
        for (int i = 0; i < f1.length; i++) {
            if (!Double.isNaN(f1[i]) && (best < 0 || f1[i] > f1[best])) {
                best = i;
            }
        }
        return best < 0 ? 0.25 : grid[best];
    }

    /**
     * @return seconds spent per phase so far: coco, group, analyses (and each analysis, which run two
     *     at a time), then on {@link #write} charts, gallery and files
     */
    public Map<String, Double> seconds() {
        return Collections.unmodifiableMap(seconds);
    }

    /** @return the machine-readable report (without the {@code report} section that {@link #write} adds) */
    public MetricsJson metricsJson() {
        return json;
    }

    Builder settings() {
        return settings;
    }

    PerImage perImage() {
        return perImage;
    }

    /**
     * Renders the charts and the gallery and writes, each file atomically:
     * {@code dir/metrics.json}, {@code dir/report.md}, {@code dir/report.html},
     * {@code dir/charts/*.png} (and {@code *.svg} when asked) and {@code dir/gallery/worst_NN.jpg}.
     *
     * @param dir the output folder (created when missing)
     * @return what was written
     * @throws IOException if a file cannot be written
     */
    public WrittenReport write(Path dir) throws IOException {
        Objects.requireNonNull(dir, "dir");
        long t0 = System.nanoTime();
        List<Charts.ChartImage> charts = new Charts(this).render();
        long t1 = System.nanoTime();
        seconds.put("charts", (t1 - t0) / 1e9);
        Gallery.Result gallery = new Gallery(this).render();
        long t2 = System.nanoTime();
        seconds.put("gallery", (t2 - t1) / 1e9);

        List<Path> chartFiles = new ArrayList<>();
        for (Charts.ChartImage c : charts) {
            Path p = dir.resolve("charts").resolve(c.name() + ".png");
            AtomicFiles.write(p, c.png());
            chartFiles.add(p);
            if (c.svg() != null) {
                Path s = dir.resolve("charts").resolve(c.name() + ".svg");
                AtomicFiles.write(s, c.svg());
                chartFiles.add(s);
            }
        }
        List<Path> galleryFiles = new ArrayList<>();
        for (Gallery.Item g : gallery.items()) {
            Path p = dir.resolve("gallery").resolve(g.fileName());
            AtomicFiles.write(p, g.jpeg());
            galleryFiles.add(p);
        }
        removeStaleGallery(dir.resolve("gallery"), galleryFiles);

        List<String> notes = notes(gallery);
        ObjectNode rep = json.section("report");
        rep.removeAll();
        ArrayNode cf = rep.putArray("charts");
        for (Path p : chartFiles) {
            cf.add(dir.relativize(p).toString().replace('\\', '/'));
        }
        ArrayNode gl = rep.putArray("gallery");
        for (Gallery.Item g : gallery.items()) {
            ObjectNode o = gl.addObject();
            o.put("image_id", g.imageId());
            o.put("file", "gallery/" + g.fileName());
            o.put("source", g.source().toString());
            o.put("false_positives", g.falsePositives());
            o.put("false_negatives", g.falseNegatives());
        }
        rep.put("gallery_confidence", operatingConfidence());
        ArrayNode nl = rep.putArray("notes");
        notes.forEach(nl::add);

        Path jsonFile = dir.resolve("metrics.json");
        json.write(jsonFile);
        Path md = dir.resolve("report.md");
        AtomicFiles.writeString(md, new MarkdownPage(this, charts, gallery, notes).render());
        Path html = dir.resolve("report.html");
        byte[] page = new HtmlPage(this, charts, gallery, notes).render().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        AtomicFiles.write(html, page);
        long t3 = System.nanoTime();
        seconds.put("files", (t3 - t2) / 1e9);
        return new WrittenReport(dir, jsonFile, md, html, chartFiles, galleryFiles, page.length, notes);
    }

    private static final Pattern GALLERY_FILE = Pattern.compile("worst_\\d+\\.jpg");

    private static void removeStaleGallery(Path folder, List<Path> written) throws IOException {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> s = Files.list(folder)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (GALLERY_FILE.matcher(p.getFileName().toString()).matches() && !written.contains(p)) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private List<String> notes(Gallery.Result gallery) {
        List<String> notes = new ArrayList<>();
        int nK = categoryIds.length;
        if (nK > topClasses.size()) {
            notes.add("Per-class chart grids show the " + topClasses.size() + " classes with the most ground truth, of " + nK
                    + "; every class is in the tables and in metrics.json.");
        }
        if (nK > Charts.CONFUSION_CLASSES) {
            notes.add("The confusion-matrix charts show the " + (Charts.CONFUSION_CLASSES - 1)
                    + " classes with the most ground truth; the other " + (nK - Charts.CONFUSION_CLASSES + 1)
                    + " are summed into \"other\". metrics.json holds the full " + (nK + 1) + "×" + (nK + 1) + " matrix.");
        }
        if (gallery.note() != null) {
            notes.add(gallery.note());
        }
        if (!coco.params().useCategories()) {
            notes.add("The COCO statistics are class-agnostic (categories ignored when matching), so the per-class COCO "
                    + "columns are empty; VOC, the curves, the confusion matrix and the error analysis are per class.");
        }
        boolean crowd = false;
        for (boolean c : gt.annotationCrowd()) {
            crowd |= c;
        }
        if (crowd) {
            notes.add("Crowd (iscrowd) annotations are ignored regions for COCO, VOC (as \"difficult\") and the error "
                    + "analysis; they are left out of the confidence curves and the confusion matrix.");
        }
        return notes;
    }

    /** Settings of a report, in DJL's builder style (every setting optional). */
    public static final class Builder {
        private final CocoGroundTruth gt;
        private final CocoDetections dets;
        private CocoEvaluation evaluation;
        private String title = "Detection evaluation report";
        private final Map<String, Object> inputs = new LinkedHashMap<>();
        private ImageLocator images = ImageLocator.NONE;
        private int topClasses = 16;
        private int gallerySize = 12;
        private int galleryMaxSide = 512;
        private double confusionConfidence = ConfusionMatrixEvaluator.DEFAULT_CONFIDENCE;
        private double confusionIou = ConfusionMatrixEvaluator.DEFAULT_IOU;
        private VocConfig vocConfig = VocConfig.defaults();
        private boolean svg;

        private Builder(CocoGroundTruth gt, CocoDetections dets) {
            this.gt = Objects.requireNonNull(gt, "gt");
            this.dets = Objects.requireNonNull(dets, "detections");
            if (gt.categories().isEmpty()) {
                throw new IllegalArgumentException("the ground truth has no categories");
            }
        }

        /**
         * @param evaluation a COCO evaluation of the same inputs, already computed (default: computed
         *     with the default parameters)
         * @return this builder
         */
        public Builder optEvaluation(CocoEvaluation evaluation) {
            this.evaluation = evaluation;
            return this;
        }

        /**
         * @param title the heading of the report
         * @return this builder
         */
        public Builder optTitle(String title) {
            this.title = Objects.requireNonNull(title, "title");
            return this;
        }

        /**
         * Records an input in {@code metrics.json}'s {@code inputs} section and the report header.
         *
         * @param key a name such as "gt" or "weights"
         * @param value a string, number or boolean
         * @return this builder
         */
        public Builder optInput(String key, Object value) {
            inputs.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * @param images where the image files are, for the gallery (default: none, no gallery)
         * @return this builder
         */
        public Builder optImages(ImageLocator images) {
            this.images = Objects.requireNonNull(images, "images");
            return this;
        }

        /**
         * @param n classes shown in per-class chart grids and ROC legends (default 16)
         * @return this builder
         */
        public Builder optTopClasses(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("top classes must be at least 1, got " + n);
            }
            this.topClasses = n;
            return this;
        }

        /**
         * @param n images in the gallery of worst images (default 12; 0 turns it off)
         * @param maxSide longest side of a gallery image in pixels (default 512)
         * @return this builder
         */
        public Builder optGallery(int n, int maxSide) {
            if (n < 0 || maxSide < 64) {
                throw new IllegalArgumentException("gallery size must be ≥ 0 and image side ≥ 64");
            }
            this.gallerySize = n;
            this.galleryMaxSide = maxSide;
            return this;
        }

        /**
         * @param confidence detections at or below it are left out of the confusion matrix (default 0.25)
         * @param iou IoU a pair needs, strictly above (default 0.45)
         * @return this builder
         */
        public Builder optConfusionThresholds(double confidence, double iou) {
            this.confusionConfidence = confidence;
            this.confusionIou = iou;
            return this;
        }

        /**
         * @param config the Pascal VOC settings (default: IoU 0.5, no "+1 pixel")
         * @return this builder
         */
        public Builder optVocConfig(VocConfig config) {
            this.vocConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * @param svg also write each single chart as SVG next to its PNG (default false)
         * @return this builder
         */
        public Builder optSvg(boolean svg) {
            this.svg = svg;
            return this;
        }

        /**
         * Computes the evaluation and every analysis.
         *
         * @return the report, ready to {@link EvaluationReport#write}
         */
        public EvaluationReport build() {
            return new EvaluationReport(this);
        }

        ImageLocator images() {
            return images;
        }

        int gallerySize() {
            return gallerySize;
        }

        int galleryMaxSide() {
            return galleryMaxSide;
        }

        boolean svg() {
            return svg;
        }

        Map<String, Object> inputs() {
            return inputs;
        }
    }
}
