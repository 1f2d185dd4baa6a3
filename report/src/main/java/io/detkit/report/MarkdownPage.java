package io.detkit.report;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.md}: the same sections and tables as the HTML page, with the charts and gallery
 * images linked as the files in {@code charts/} and {@code gallery/} (relative paths).
 */
final class MarkdownPage {
    private final EvaluationReport r;
    private final Map<String, Charts.ChartImage> charts = new java.util.LinkedHashMap<>();
    private final Gallery.Result gallery;
    private final List<String> notes;
    private final Tables tables;
    private final StringBuilder sb = new StringBuilder(1 << 16);

    MarkdownPage(EvaluationReport r, List<Charts.ChartImage> charts, Gallery.Result gallery, List<String> notes) {
        this.r = r;
        for (Charts.ChartImage c : charts) {
            this.charts.put(c.name(), c);
        }
        this.gallery = gallery;
        this.notes = notes;
        this.tables = new Tables(r);
    }

    String render() {
        sb.append("# ").append(r.title()).append("\n\n");
        for (Map.Entry<String, Object> e : r.settings().inputs().entrySet()) {
            sb.append("- ").append(e.getKey()).append(": `").append(e.getValue()).append("`\n");
        }
        sb.append("\n## Summary\n\n");
        table(tables.cocoStats());
        table(tables.keyFigures());
        figure("per_class_ap");

        sb.append("## Per class\n\n");
        sb.append("P, R and F1 at the best-F1 confidence (").append(Tables.f3(r.confidenceCurves().best().confidence()))
                .append("); VOC AP at the VOC IoU; AUC: image-level presence.\n\n");
        table(tables.perClass());

        sb.append("## Precision–recall curves\n\n");
        figure("pr_curves");
        figure("pr_per_class");

        sb.append("## Precision, recall and F1 vs confidence\n\n");
        figure("precision_confidence");
        figure("recall_confidence");
        figure("f1_confidence");

        sb.append("## Detection confusion matrix\n\n");
        figure("confusion_matrix");
        figure("confusion_matrix_normalized");
        sb.append("Most frequent class confusions (objects of one class detected as another):\n\n");
        table(tables.topConfusions(15));

        sb.append("## AP by object size\n\n");
        table(tables.bySize());
        figure("ap_by_size");

        sb.append("## Error breakdown (TIDE)\n\n");
        sb.append(String.format(Locale.ROOT, "Foreground IoU %.2f, background IoU %.2f; ΔmAP50 = COCO AP50 after fixing "
                + "every error of the type minus the base %s.%n%n", r.errors().foregroundIou(), r.errors().backgroundIou(),
                Tables.f3(r.errors().baseMap())));
        table(tables.errors());
        figure("errors");
        sb.append("Errors per class:\n\n");
        table(tables.errorsPerClass());

        sb.append("## Image-level presence ROC\n\n");
        figure("presence_roc");

        sb.append("## Worst images\n\n");
        if (gallery.items().isEmpty()) {
            sb.append("> ").append(gallery.note() == null ? "No gallery." : gallery.note()).append("\n\n");
        } else {
            sb.append(String.format(Locale.ROOT, "Images with the most errors at confidence %s (highest mean F1). Green: GT found; orange: "
                    + "GT missed; blue: correct detection; red: false positive with its error type.%n%n",
                    Tables.f3(r.operatingConfidence())));
            for (Gallery.Item g : gallery.items()) {
                sb.append("![image ").append(g.imageId()).append("](gallery/").append(g.fileName()).append(")\n")
                        .append("image ").append(g.imageId()).append(" (").append(g.source().getFileName()).append("): ")
                        .append(g.falsePositives()).append(" false positives, ").append(g.falseNegatives())
                        .append(" missed\n\n");
            }
            if (gallery.note() != null) {
                sb.append("> ").append(gallery.note()).append("\n\n");
            }
        }

        sb.append("## Notes\n\n");
        for (String n : notes) {
            sb.append("- ").append(n).append('\n');
        }
        sb.append("- Every chart is also a PNG file in charts/, and every number is in metrics.json.\n");
        return sb.toString();
    }

    private void figure(String name) {
        Charts.ChartImage c = charts.get(name);
        if (c == null) {
            return;
        }
        sb.append("![").append(c.title()).append("](charts/").append(name).append(".png)\n\n*").append(c.caption())
                .append("*\n\n");
    }

    private void table(Tables.Table t) {
        sb.append('|');
        for (String h : t.header()) {
            sb.append(' ').append(cell(h)).append(" |");
        }
        sb.append("\n|");
        for (int i = 0; i < t.header().size(); i++) {
            sb.append(i == 0 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<Tables.Cell> row : t.rows()) {
            sb.append('|');
            for (Tables.Cell c : row) {
                sb.append(' ').append(cell(c.text())).append(" |");
            }
            sb.append('\n');
        }
        sb.append('\n');
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
