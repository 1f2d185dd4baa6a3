package io.detkit.report;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code report.html}: one self-contained page. Charts and gallery images are embedded as base64
 * data URIs, styles and scripts are inline, nothing is loaded from elsewhere, so the file opens
 * offline and can be mailed. A small script sorts the per-class tables when a heading is clicked,
 * and another records, once the page has loaded, whether every image decoded and whether any error
 * was raised: {@code <body data-report-check="ok|fail" data-images-total data-images-broken
 * data-errors>}, which {@code scripts/check-report-html} reads from headless Chromium.
 */
final class HtmlPage {
    private static final String CSS = """
            :root{--fg:#1d2330;--muted:#5b6475;--line:#dde1e8;--accent:#1f77b4;--bg:#fafbfc}
            *{box-sizing:border-box}
            body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--fg);background:#fff}
            header{padding:18px 28px 10px;border-bottom:1px solid var(--line);background:var(--bg)}
            h1{font-size:22px;margin:0 0 4px}
            h2{font-size:18px;margin:30px 0 8px;padding-top:6px;border-top:2px solid var(--line)}
            h3{font-size:15px;margin:18px 0 6px}
            .inputs{color:var(--muted);margin:0 0 8px;word-break:break-all}
            nav a{margin-right:14px;color:var(--accent);text-decoration:none;white-space:nowrap}
            main{padding:0 28px 40px;max-width:1500px}
            p.lead{color:var(--muted);margin:4px 0 10px;max-width:1100px}
            table{border-collapse:collapse;font-size:13px;margin:6px 0 14px}
            th,td{border-bottom:1px solid var(--line);padding:3px 9px;text-align:right;white-space:nowrap}
            th{background:var(--bg);font-weight:600;position:sticky;top:0}
            td:first-child,th:first-child{text-align:left}
            td:not([data-v]){text-align:left}
            td.t{white-space:normal}
            table.sortable th{cursor:pointer;user-select:none}
            table.sortable th[data-dir=asc]::after{content:" \\25B2";font-size:10px}
            table.sortable th[data-dir=desc]::after{content:" \\25BC";font-size:10px}
            tbody tr:hover{background:#f1f5fb}
            .scroll{max-height:620px;overflow:auto;display:inline-block;border:1px solid var(--line)}
            .row{display:flex;flex-wrap:wrap;gap:18px;align-items:flex-start}
            .row3{display:flex;gap:14px;align-items:flex-start}
            .row3 figure{flex:1 1 0;min-width:0}
            figure{margin:8px 0 16px}
            figure img{max-width:100%;height:auto;border:1px solid var(--line)}
            figcaption{color:var(--muted);font-size:12.5px;max-width:900px;margin-top:4px}
            .gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:16px}
            .gallery figure{margin:0}
            .note{background:#fff8e1;border:1px solid #f3d98b;padding:8px 12px;border-radius:4px;max-width:1100px}
            .key{display:inline-block;width:11px;height:11px;margin:0 4px 0 10px;vertical-align:-1px}
            """;

    /** Records load failures and errors before anything else runs; sets the check marker on load. */
    private static final String MONITOR = """
            (function(){
              var errs = [];
              window.__reportErrors = errs;
              window.addEventListener('error', function (e) {
                var t = e.target;
                errs.push(t && t.tagName ? 'failed to load <' + t.tagName.toLowerCase() + '>' : String(e.message));
              }, true);
              var ce = console.error;
              console.error = function () { errs.push(Array.prototype.join.call(arguments, ' ')); return ce.apply(console, arguments); };
              window.addEventListener('load', function () {
                var imgs = document.images, broken = 0;
                for (var i = 0; i < imgs.length; i++) {
                  if (!imgs[i].complete || imgs[i].naturalWidth === 0) { broken++; }
                }
                var b = document.body.dataset;
                b.imagesTotal = String(imgs.length);
                b.imagesBroken = String(broken);
                b.errors = String(errs.length);
                b.imagesOk = broken === 0 ? 'true' : 'false';
                b.reportCheck = broken === 0 && errs.length === 0 ? 'ok' : 'fail';
                if (errs.length) { b.errorText = errs.join(' | ').slice(0, 500); }
              });
            })();
            """;

    private static final String SORT = """
            (function(){
              function key(c){ var v = c.getAttribute('data-v'); return v === null ? null : parseFloat(v); }
              function sortBy(table, col, th){
                var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
                var numeric = rows.length > 0 && key(rows[0].cells[col]) !== null;
                var dir = th.getAttribute('data-dir') ? (th.getAttribute('data-dir') === 'asc' ? 'desc' : 'asc') : (numeric ? 'desc' : 'asc');
                var hs = table.tHead.rows[0].cells;
                for (var i = 0; i < hs.length; i++) { hs[i].removeAttribute('data-dir'); }
                th.setAttribute('data-dir', dir);
                var s = dir === 'asc' ? 1 : -1;
                rows.sort(function (a, b) {
                  var x = a.cells[col], y = b.cells[col], kx = key(x), ky = key(y);
                  if (kx !== null && ky !== null) { return kx === ky ? 0 : (kx < ky ? -s : s); }
                  return s * x.textContent.localeCompare(y.textContent);
                });
                rows.forEach(function (r) { body.appendChild(r); });
              }
              var tables = document.querySelectorAll('table.sortable');
              for (var t = 0; t < tables.length; t++) {
                (function (table) {
                  var hs = table.tHead.rows[0].cells;
                  for (var i = 0; i < hs.length; i++) {
                    (function (col) { hs[col].addEventListener('click', function () { sortBy(table, col, hs[col]); }); })(i);
                  }
                })(tables[t]);
              }
            })();
            """;

    private final EvaluationReport r;
    private final Map<String, Charts.ChartImage> charts = new java.util.LinkedHashMap<>();
    private final Gallery.Result gallery;
    private final List<String> notes;
    private final Tables tables;
    private final StringBuilder sb = new StringBuilder(1 << 20);
    private boolean sectionOpen;

    HtmlPage(EvaluationReport r, List<Charts.ChartImage> charts, Gallery.Result gallery, List<String> notes) {
        this.r = r;
        for (Charts.ChartImage c : charts) {
            this.charts.put(c.name(), c);
        }
        this.gallery = gallery;
        this.notes = notes;
        this.tables = new Tables(r);
    }

    String render() {
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>").append(esc(r.title())).append("</title>\n")
                .append("<script>\n").append(MONITOR).append("</script>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<header>\n<h1>")
                .append(esc(r.title())).append("</h1>\n");
        Map<String, Object> inputs = r.settings().inputs();
        if (!inputs.isEmpty()) {
            sb.append("<p class=\"inputs\">");
            boolean first = true;
            for (Map.Entry<String, Object> e : inputs.entrySet()) {
                sb.append(first ? "" : " · ").append(esc(e.getKey())).append(": <b>").append(esc(String.valueOf(e.getValue())))
                        .append("</b>");
                first = false;
            }
            sb.append("</p>\n");
        }
        sb.append("<nav>");
        String[][] nav = {{"summary", "Summary"}, {"per-class", "Per class"}, {"pr", "PR curves"},
            {"confidence", "P/R/F1 vs confidence"}, {"confusion", "Confusion matrix"}, {"size", "AP by size"},
            {"errors", "Error breakdown"}, {"presence", "Presence ROC"}, {"gallery", "Worst images"}, {"notes", "Notes"}};
        for (String[] n : nav) {
            sb.append("<a href=\"#").append(n[0]).append("\">").append(n[1]).append("</a>");
        }
        sb.append("</nav>\n</header>\n<main>\n");

        section("summary", "Summary");
        lead("The 12 COCO statistics, exactly as pycocotools computes them, and the other headline numbers.");
        sb.append("<div class=\"row\">");
        table(tables.cocoStats());
        table(tables.keyFigures());
        sb.append("</div>\n");
        figure("per_class_ap");

        section("per-class", "Per class");
        lead("COCO AP (IoU .50:.95), AP50, AP75, AP by size and AR100 per class; VOC AP at the VOC IoU; precision, "
                + "recall and F1 at the best-F1 confidence (" + Tables.f3(r.confidenceCurves().best().confidence())
                + "); presence AUC. GT counts crowd annotations too. Click a heading to sort.");
        sb.append("<div class=\"scroll\">");
        table(tables.perClass());
        sb.append("</div>\n");

        section("pr", "Precision–recall curves");
        figure("pr_curves");
        figure("pr_per_class");

        section("confidence", "Precision, recall and F1 vs confidence");
        lead("Which confidence threshold to deploy: each curve keeps only the detections scoring at least the x value "
                + "(matching at IoU .50, as Ultralytics' validator).");
        sb.append("<div class=\"row3\">");
        figure("precision_confidence");
        figure("recall_confidence");
        figure("f1_confidence");
        sb.append("</div>\n");

        section("confusion", "Detection confusion matrix");
        sb.append("<div class=\"row\">");
        figure("confusion_matrix");
        figure("confusion_matrix_normalized");
        sb.append("</div>\n<h3>Most frequent class confusions</h3>\n<p class=\"lead\">Objects of one class detected as "
                + "another (matched at the confusion matrix's thresholds); misses are in the background row.</p>\n");
        table(tables.topConfusions(15));

        section("size", "AP by object size");
        sb.append("<div class=\"row\">");
        figure("ap_by_size");
        table(tables.bySize());
        sb.append("</div>\n");

        section("errors", "Error breakdown (TIDE)");
        lead(String.format(Locale.ROOT, "Every false positive gets one error type and every missed object is counted "
                + "(IoU .50 foreground, %.2f background; Bolya et al. 2020). ΔmAP50 is how much COCO AP50 would rise if "
                + "all errors of that type were fixed.", r.errors().backgroundIou()));
        sb.append("<div class=\"row\">");
        figure("errors");
        table(tables.errors());
        sb.append("</div>\n<h3>Errors per class</h3>\n<p class=\"lead\">Counts per type (false positives by the "
                + "detection's class, misses by the object's class) and the type whose fix would raise the class's AP50 "
                + "most.</p>\n<div class=\"scroll\">");
        table(tables.errorsPerClass());
        sb.append("</div>\n");

        section("presence", "Image-level presence ROC");
        figure("presence_roc");

        section("gallery", "Worst images");
        if (gallery.items().isEmpty()) {
            sb.append("<p class=\"note\">").append(esc(gallery.note() == null ? "No gallery." : gallery.note())).append("</p>\n");
        } else {
            sb.append(String.format(Locale.ROOT, "<p class=\"lead\">The images with the most errors at confidence %s (where the mean F1 "
                    + "is highest): false positives scoring at least that, plus objects that no detection at or above it found."
                    + "<span class=\"key\" style=\"background:#4caf50\"></span>GT found"
                    + "<span class=\"key\" style=\"background:#ff9800\"></span>GT missed"
                    + "<span class=\"key\" style=\"background:#2196f3\"></span>correct detection"
                    + "<span class=\"key\" style=\"background:#e53935\"></span>false positive (with its error type)</p>\n",
                    Tables.f3(r.operatingConfidence())));
            sb.append("<div class=\"gallery\">\n");
            for (Gallery.Item g : gallery.items()) {
                sb.append("<figure><img src=\"data:image/jpeg;base64,").append(Base64.getEncoder().encodeToString(g.jpeg()))
                        .append("\" width=\"").append(g.width()).append("\" height=\"").append(g.height())
                        .append("\" alt=\"image ").append(g.imageId()).append("\"><figcaption>image ").append(g.imageId())
                        .append(" · ").append(esc(g.source().getFileName().toString())).append(" · ")
                        .append(g.falsePositives()).append(" false positive").append(g.falsePositives() == 1 ? "" : "s")
                        .append(", ").append(g.falseNegatives()).append(" missed</figcaption></figure>\n");
            }
            sb.append("</div>\n");
            if (gallery.note() != null) {
                sb.append("<p class=\"note\">").append(esc(gallery.note())).append("</p>\n");
            }
        }

        section("notes", "Notes");
        sb.append("<ul>\n");
        for (String n : notes) {
            sb.append("<li>").append(esc(n)).append("</li>\n");
        }
        sb.append("<li>Every chart is also a PNG file in charts/, and every number is in metrics.json.</li>\n")
                .append("<li>Confusion matrix: rows = predicted class, columns = true class, last row and column = "
                        + "background.</li>\n</ul>\n");
        sb.append("</section>\n</main>\n<script>\n").append(SORT).append("</script>\n</body>\n</html>\n");
        return sb.toString();
    }

    private void section(String id, String title) {
        if (sectionOpen) {
            sb.append("</section>\n");
        }
        sectionOpen = true;
        sb.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(title)).append("</h2>\n");
    }

    private void lead(String text) {
        sb.append("<p class=\"lead\">").append(esc(text)).append("</p>\n");
    }

    private void figure(String name) {
        Charts.ChartImage c = charts.get(name);
        if (c == null) {
            return;
        }
        sb.append("<figure><img src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(c.png()))
                .append("\" width=\"").append(c.width()).append("\" height=\"").append(c.height()).append("\" alt=\"")
                .append(esc(c.title())).append("\"><figcaption><b>").append(esc(c.title())).append(".</b> ")
                .append(esc(c.caption())).append(" (charts/").append(name).append(".png)</figcaption></figure>\n");
    }

    private void table(Tables.Table t) {
        sb.append("<table id=\"").append(t.id()).append("\"").append(t.sortable() ? " class=\"sortable\"" : "")
                .append(">\n<thead><tr>");
        for (String h : t.header()) {
            sb.append("<th>").append(esc(h)).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Tables.Cell> row : t.rows()) {
            sb.append("<tr>");
            for (Tables.Cell c : row) {
                boolean num = !Double.isNaN(c.sort());
                sb.append("<td");
                if (num) {
                    sb.append(" data-v=\"").append(c.sort() == Double.NEGATIVE_INFINITY ? "-Infinity"
                            : Double.toString(c.sort())).append('"');
                } else if (c.text().length() > 40) {
                    sb.append(" class=\"t\"");
                }
                sb.append('>').append(esc(c.text())).append("</td>");
            }
            sb.append("</tr>\n");
        }
        sb.append("</tbody>\n</table>\n");
    }

    static String esc(String s) {
        StringBuilder out = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                default -> out.append(ch);
            }
        }
        return out.toString();
    }
}
