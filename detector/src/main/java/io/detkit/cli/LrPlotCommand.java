package io.detkit.cli;

import io.detkit.detector.config.ConfigException;
import io.detkit.detector.config.RunConfig;
import io.detkit.detector.config.RunConfigLoader;
import io.detkit.detector.optim.LrSchedule;
import io.detkit.detector.optim.LrSchedules;
import java.awt.Color;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code detkit lr-plot}: draw the learning-rate schedule of a run config. */
@Command(name = "lr-plot", mixinStandardHelpOptions = true,
        description = {"Draw a run config's learning rate at every training iteration (a PNG chart).",
            "It follows train.optimizer.lr, train.schedule (warmup included) and train.epochs."})
public final class LrPlotCommand implements Callable<Integer> {
    /** At most this many points are drawn; longer runs are sampled evenly (last iteration kept). */
    static final int MAX_POINTS = 4000;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN.yaml", description = "Run config.")
    Path config;

    @Option(names = "--out", paramLabel = "PNG", defaultValue = "lr.png", description = "Output image (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--iters-per-epoch", paramLabel = "N",
            description = {"Optimizer updates per epoch. Default: from data.synth (images × (1 − val_fraction) / batch)",
                "when synthetic data is enabled, else 100."})
    Integer itersPerEpoch;

    @Option(names = "--log-y", description = "Logarithmic learning-rate axis.")
    boolean logY;

    @Override
    public Integer call() throws IOException {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        RunConfig cfg;
        try {
            cfg = RunConfigLoader.load(config, List.of());
        } catch (ConfigException e) {
            throw new UserException(e.getMessage(), e);
        }
        int ipe = itersPerEpoch != null ? itersPerEpoch : defaultItersPerEpoch(cfg, err);
        if (ipe < 1) {
            throw new UserException("--iters-per-epoch must be ≥ 1, got " + ipe);
        }
        int epochs = cfg.train.epochs;
        LrSchedule schedule;
        try {
            schedule = LrSchedules.create(cfg.train.schedule, cfg.train.optimizer.lr, ipe, epochs);
        } catch (IllegalArgumentException e) {
            throw new UserException(config + ": " + e.getMessage(), e);
        }
        long total = (long) epochs * ipe;
        long warm = Math.min(LrSchedules.warmupIters(cfg.train.schedule, ipe), total);

        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        long argMax = 0;
        for (long t = 0; t < total; t++) {
            double v = schedule.lr(t);
            if (v > max) {
                max = v;
                argMax = t;
            }
            min = Math.min(min, v);
        }
        // XChart puts ticks only at data values when they look equally spaced with an absolute
        // tolerance of 1e-4, which every small LR curve does: plot in units of 10^k, the update of
        // iteration t in the middle of [t, t+1), and two hidden points at the ends of the axes
        double unit = logY ? 1 : Math.pow(10, Math.floor(Math.log10(max)));
        long stride = Math.max(1, (total + MAX_POINTS - 1) / MAX_POINTS);
        List<Double> xs = new ArrayList<>();
        List<Double> ys = new ArrayList<>();
        for (long t = 0; t < total; t += stride) {
            xs.add((t + 0.5) / ipe);
            ys.add(schedule.lr(t) / unit);
        }
        if ((total - 1) % stride != 0) {
            xs.add((total - 0.5) / ipe);
            ys.add(schedule.lr(total - 1) / unit);
        }

        String title = String.format(Locale.ROOT, "%s: %s schedule, %s", cfg.name, cfg.train.schedule.name,
                cfg.train.optimizer.name);
        String yTitle = unit == 1 ? "learning rate" : "learning rate (×" + num(unit) + ")";
        XYChart chart = new XYChartBuilder().width(1000).height(560).title(title)
                .xAxisTitle(String.format(Locale.ROOT, "epoch (%d iterations each; %d in all, %d warm-up)", ipe, total, warm))
                .yAxisTitle(yTitle).build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setYAxisLogarithmic(logY);
        chart.getStyler().setPlotGridLinesVisible(true);
        double floor = logY ? min / unit : 0;
        XYSeries ends = chart.addSeries("axes", new double[] {0, epochs}, new double[] {floor, floor});
        ends.setMarker(SeriesMarkers.NONE);
        ends.setLineColor(new Color(0, 0, 0, 0));
        ends.setShowInLegend(false);
        XYSeries s = chart.addSeries("lr", xs, ys);
        s.setMarker(SeriesMarkers.NONE);
        s.setLineColor(new Color(31, 119, 180));

        if (!out.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UserException("--out " + out + ": the chart is a PNG; give a file name ending in .png");
        }
        if (Files.isDirectory(out)) {
            throw new UserException("--out " + out + " is a folder; give a file name ending in .png");
        }
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        BitmapEncoder.saveBitmap(chart, png, BitmapEncoder.BitmapFormat.PNG);
        io.detkit.metrics.report.AtomicFiles.write(out, png.toByteArray());
        stdout.printf(Locale.ROOT, "%s%n", schedule);
        stdout.printf(Locale.ROOT, "iterations %d (%d epochs × %d), warm-up %d%n", total, epochs, ipe, warm);
        stdout.printf(Locale.ROOT, "lr first %s, peak %s at iteration %d, last %s%n", num(schedule.lr(0)), num(max), argMax,
                num(schedule.lr(total - 1)));
        stdout.printf(Locale.ROOT, "wrote %s%n", out);
        return 0;
    }

    private static String num(double v) {
        if (!Double.isFinite(v) || v == 0) {
            return Double.toString(v);
        }
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toString();
    }

    private static int defaultItersPerEpoch(RunConfig cfg, PrintWriter err) {
        if (cfg.data.synth.enabled) {
            double train = cfg.data.synth.images * (1 - cfg.data.synth.valFraction);
            int ipe = (int) Math.max(1, Math.ceil(Math.floor(train) / cfg.train.batch));
            err.printf(Locale.ROOT, "lr-plot: %d iterations per epoch (synthetic data: %d training images, batch %d)%n", ipe,
                    (int) Math.floor(train), cfg.train.batch);
            return ipe;
        }
        err.println("lr-plot: assuming 100 iterations per epoch (set --iters-per-epoch N for your dataset)");
        return 100;
    }
}
