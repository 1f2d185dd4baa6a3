package io.detkit.report;

import java.nio.file.Path;
import java.util.List;

/**
 * The files that {@link EvaluationReport#write} wrote.
 *
 * @param dir the output folder
 * @param metricsJson {@code dir/metrics.json}
 * @param markdown {@code dir/report.md}
 * @param html {@code dir/report.html}
 * @param charts the chart files under {@code dir/charts}
 * @param gallery the gallery images under {@code dir/gallery} (empty when no image was found)
 * @param htmlBytes size of {@code report.html} in bytes
 * @param notes the notes printed in the report (what was shortened or left out, and why)
 */
public record WrittenReport(Path dir, Path metricsJson, Path markdown, Path html, List<Path> charts, List<Path> gallery,
        long htmlBytes, List<String> notes) {
    /**
     * Copies the lists.
     *
     * @param dir see the record description
     * @param metricsJson see the record description
     * @param markdown see the record description
     * @param html see the record description
     * @param charts see the record description
     * @param gallery see the record description
     * @param htmlBytes see the record description
     * @param notes see the record description
     */
    public WrittenReport {
        charts = List.copyOf(charts);
        gallery = List.copyOf(gallery);
        notes = List.copyOf(notes);
    }
}
