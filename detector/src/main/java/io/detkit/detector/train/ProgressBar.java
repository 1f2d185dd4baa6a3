package io.detkit.detector.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * A one-line progress bar for an epoch: {@code epoch 3/30 [=====>    ] 45/100 12.3 it/s  box 1.234
 * cls 0.567  ETA 0:45}. On a terminal the line is redrawn in place; otherwise (CI logs, pipes) a line
 * is printed about every 10% so logs stay short.
 */
public final class ProgressBar {
    private final PrintStream out;
    private final String title;
    private final int total;
    private final boolean interactive;
    private final long start = System.nanoTime();
    private int lastDecile = -1;

    /**
     * @param out where to print (usually stderr)
     * @param title prefix, e.g. "epoch 3/30"
     * @param total iterations in this epoch
     */
    public ProgressBar(PrintStream out, String title, int total) {
        this.out = out;
        this.title = title;
        this.total = Math.max(1, total);
        this.interactive = System.console() != null && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * Reports progress.
     *
     * @param done iterations finished
     * @param values named values to show (loss parts, lr)
     */
    public void update(int done, Map<String, Double> values) {
        int decile = done * 10 / total;
        if (!interactive && decile == lastDecile && done != total) {
            return;
        }
        lastDecile = decile;
        String line = render(done, values);
        if (interactive) {
            out.print("\r" + line + "\u001b[K");
            if (done == total) {
                out.println();
            }
        } else {
            out.println(line);
        }
        out.flush();
    }

    String render(int done, Map<String, Double> values) {
        double secs = (System.nanoTime() - start) / 1e9;
        double rate = done / Math.max(secs, 1e-9);
        int width = 20;
        int filled = (int) Math.round(width * done / (double) total);
        StringBuilder bar = new StringBuilder();
        for (int i = 0; i < width; i++) {
            bar.append(i < filled - 1 || (i == filled - 1 && done == total) ? '=' : i == filled - 1 ? '>' : ' ');
        }
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s [%s] %d/%d %.2f it/s", title, bar, done, total, rate));
        for (Map.Entry<String, Double> e : values.entrySet()) {
            sb.append(String.format(Locale.ROOT, "  %s %.4g", e.getKey(), e.getValue()));
        }
        double eta = done == 0 ? Double.NaN : (total - done) / rate;
        sb.append(done == total ? String.format(Locale.ROOT, "  %s", clock(secs)) : "  ETA " + clock(eta));
        return sb.toString();
    }

    static String clock(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
