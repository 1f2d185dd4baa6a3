package io.detkit.detector.train;

import io.detkit.metrics.report.AtomicFiles;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Per-epoch results of a run: {@code results.csv} (one row per epoch, columns fixed by the first
 * row) and {@code results.png} (one small chart per column against the epoch). Both are rewritten
 * atomically after every epoch; on resume the existing CSV is read back and extended.
 */
public final class ResultsLog {
    /** Columns written as whole numbers (the first, the epoch, always is). */
    private static final java.util.Set<String> COUNT_COLUMNS = java.util.Set.of("skipped");

    private final Path csv;
    private final Path png;
    private final List<String> columns = new ArrayList<>();
    private final List<double[]> rows = new ArrayList<>();

    /**
     * Opens the log of a run folder, reading {@code results.csv} when it exists.
     *
     * @param runDir the run folder
     * @throws IOException if an existing CSV cannot be read
     */
    public ResultsLog(Path runDir) throws IOException {
        this.csv = runDir.resolve("results.csv");
        this.png = runDir.resolve("results.png");
        if (Files.exists(csv)) {
            List<String> lines = Files.readAllLines(csv);
            if (!lines.isEmpty()) {
                for (String c : lines.get(0).split(",")) {
                    columns.add(c.trim());
                }
                for (int i = 1; i < lines.size(); i++) {
                    if (lines.get(i).isBlank()) {
                        continue;
                    }
                    String[] f = lines.get(i).split(",");
                    double[] r = new double[columns.size()];
                    for (int j = 0; j < r.length && j < f.length; j++) {
                        r[j] = Double.parseDouble(f[j].trim());
                    }
                    rows.add(r);
                }
            }
        }
    }

    /** @return number of epochs logged */
    public int size() {
        return rows.size();
    }

    /**
     * Keeps only the first {@code n} rows (a resumed run repeats the epochs after its checkpoint).
     *
     * @param n rows to keep
     */
    public void truncate(int n) {
        while (rows.size() > n) {
            rows.remove(rows.size() - 1);
        }
    }

    /**
     * @param column a column name
     * @return its values, one per epoch
     */
    public double[] column(String column) {
        int j = columns.indexOf(column);
        if (j < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.stream().mapToDouble(r -> r[j]).toArray();
    }

    /**
     * Appends one epoch and rewrites the CSV and PNG.
     *
     * @param values column name → value, in column order; the first call fixes the columns
     * @throws IOException if writing fails
     */
    public void append(LinkedHashMap<String, Double> values) throws IOException {
        if (columns.isEmpty()) {
            columns.addAll(values.keySet());
        }
        double[] r = new double[columns.size()];
        for (int j = 0; j < r.length; j++) {
            Double v = values.get(columns.get(j));
            r[j] = v == null ? Double.NaN : v;
        }
        rows.add(r);
        write();
    }

    private void write() throws IOException {
        StringBuilder sb = new StringBuilder(String.join(",", columns)).append('\n');
        for (double[] r : rows) {
            for (int j = 0; j < r.length; j++) {
                boolean count = j == 0 || COUNT_COLUMNS.contains(columns.get(j));
                sb.append(j == 0 ? "" : ",").append(count && Double.isFinite(r[j]) ? String.valueOf((long) r[j])
                        : String.format(Locale.ROOT, "%.6g", r[j]));
            }
            sb.append('\n');
        }
        AtomicFiles.writeString(csv, sb.toString());
        AtomicFiles.write(png, renderPng());
    }

    /**
     * Renders one chart per column (except the first, the epoch) into a grid.
     *
     * @return PNG bytes
     * @throws IOException if encoding fails
     */
    byte[] renderPng() throws IOException {
        int n = columns.size() - 1;
        int cols = Math.min(5, Math.max(1, n));
        int gridRows = Math.max(1, (n + cols - 1) / cols);
        int w = 320, h = 240;
        BufferedImage img = new BufferedImage(cols * w, gridRows * h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = img.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, img.getWidth(), img.getHeight());
        double[] x = rows.stream().mapToDouble(r -> r[0]).toArray();
        for (int k = 0; k < n; k++) {
            String name = columns.get(k + 1);
            XYChart chart = new XYChartBuilder().width(w).height(h).title(name).xAxisTitle("epoch").build();
            chart.getStyler().setLegendVisible(false);
            chart.getStyler().setChartTitleFont(chart.getStyler().getChartTitleFont().deriveFont(12f));
            double[] y = new double[rows.size()];
            for (int i = 0; i < y.length; i++) {
                double v = rows.get(i)[k + 1];
                y[i] = Double.isFinite(v) ? v : Double.NaN;
            }
            if (x.length > 0) {
                XYSeries s = chart.addSeries(name, x.length == 1 ? new double[] {x[0], x[0]} : x,
                        y.length == 1 ? new double[] {y[0], y[0]} : y);
                s.setMarker(SeriesMarkers.CIRCLE);
            }
            BufferedImage c = BitmapEncoder.getBufferedImage(chart);
            g.drawImage(c, (k % cols) * w, (k / cols) * h, null);
        }
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** @return the columns */
    public List<String> columns() {
        return List.copyOf(columns);
    }

    /** @return a copy of the last row as a map, or empty */
    public Map<String, Double> last() {
        Map<String, Double> m = new LinkedHashMap<>();
        if (!rows.isEmpty()) {
            double[] r = rows.get(rows.size() - 1);
            for (int j = 0; j < columns.size(); j++) {
                m.put(columns.get(j), r[j]);
            }
        }
        return m;
    }
}
