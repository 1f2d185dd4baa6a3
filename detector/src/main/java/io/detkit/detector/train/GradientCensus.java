package io.detkit.detector.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the gradients of a block's trainable parameters hold after a backward pass: per parameter
 * the number of NaN and of infinite elements, the largest finite magnitude and the L2 norm of the
 * finite elements (accumulated in float64), plus a checksum of the exact bits so that two backward
 * passes can be compared for equality.
 *
 * <p>Used when a training step is skipped for a non-finite gradient norm ({@link AnomalyRecorder})
 * to say which layers hold the bad values, and by {@link StepReplay} to tell a reproducible
 * singularity (same bits every time) from memory read before it was written or after it was freed
 * (different bits between identical replays).
 *
 * @param parameters one entry per trainable parameter with a gradient, in the block's order
 */
public record GradientCensus(List<Entry> parameters) {

    /**
     * One parameter's gradient.
     *
     * @param name the parameter's path in the block
     * @param elements number of elements
     * @param nan NaN elements
     * @param inf infinite elements
     * @param maxAbs largest |g| over the finite elements (0 when none)
     * @param norm L2 norm over the finite elements, in float64
     * @param checksum a hash of the exact float bits (equal gradients give equal checksums)
     */
    public record Entry(String name, long elements, long nan, long inf, double maxAbs, double norm, long checksum) {
        /** @return whether every element is finite */
        public boolean finite() {
            return nan == 0 && inf == 0;
        }
    }

    /**
     * Reads the gradients of a block (one host transfer per parameter; meant for diagnostics, not
     * for every step).
     *
     * @param block the model's block, after the backward pass
     * @return the census
     */
    public static GradientCensus of(Block block) {
        List<Entry> out = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            Parameter param = p.getValue();
            if (!param.requiresGradient() || !param.isInitialized() || !param.getArray().hasGradient()) {
                continue;
            }
            try (NDArray g = param.getArray().getGradient()) {
                out.add(entry(p.getKey(), g));
            }
        }
        return new GradientCensus(Collections.unmodifiableList(out));
    }

    private static Entry entry(String name, NDArray g) {
        double[] v;
        if (g.getDataType() == DataType.FLOAT64) {
            v = g.toDoubleArray();
        } else {
            float[] f = g.toFloatArray();
            v = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                v[i] = f[i];
            }
        }
        long nan = 0, inf = 0;
        double max = 0, sum = 0;
        long h = 1125899906842597L;
        for (double x : v) {
            h = 31 * h + Double.doubleToRawLongBits(x);
            if (Double.isNaN(x)) {
                nan++;
            } else if (Double.isInfinite(x)) {
                inf++;
            } else {
                max = Math.max(max, Math.abs(x));
                sum += x * x;
            }
        }
        return new Entry(name, v.length, nan, inf, max, Math.sqrt(sum), h);
    }

    /** @return whether every gradient element is finite */
    public boolean allFinite() {
        return parameters.stream().allMatch(Entry::finite);
    }

    /** @return the parameters holding a NaN or an infinity, in the block's order */
    public List<Entry> nonFinite() {
        return parameters.stream().filter(e -> !e.finite()).toList();
    }

    /** @return √(Σ norm²) over all parameters (finite elements only) */
    public double finiteNorm() {
        double s = 0;
        for (Entry e : parameters) {
            s += e.norm() * e.norm();
        }
        return Math.sqrt(s);
    }

    /** @return parameter name → checksum of its gradient bits, in the block's order */
    public Map<String, Long> checksums() {
        Map<String, Long> out = new LinkedHashMap<>();
        parameters.forEach(e -> out.put(e.name(), e.checksum()));
        return out;
    }

    /**
     * @param other a census of the same block
     * @return the names of the parameters whose gradient bits differ
     */
    public List<String> differingFrom(GradientCensus other) {
        return differingFrom(other.checksums());
    }

    /**
     * @param checksums parameter name → checksum, as {@link #checksums()} gave for another pass
     * @return the names of this census' parameters whose checksum differs or is missing there
     */
    public List<String> differingFrom(Map<String, Long> checksums) {
        List<String> out = new ArrayList<>();
        for (Entry e : parameters) {
            Long c = checksums.get(e.name());
            if (c == null || c != e.checksum()) {
                out.add(e.name());
            }
        }
        return out;
    }

    /**
     * A readable summary: the count of non-finite parameters, then up to {@code maxLines} of them
     * (name, NaN and ∞ counts, largest finite magnitude).
     *
     * @param maxLines the most parameters listed
     * @return the text, one parameter per line
     */
    public String describe(int maxLines) {
        List<Entry> bad = nonFinite();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%d of %d parameters hold non-finite gradients (finite-part norm %.4g)%n",
                bad.size(), parameters.size(), finiteNorm()));
        for (int i = 0; i < Math.min(maxLines, bad.size()); i++) {
            Entry e = bad.get(i);
            sb.append(String.format(Locale.ROOT, "  %s: %d NaN, %d inf of %d, max |finite| %.4g%n", e.name(), e.nan(), e.inf(),
                    e.elements(), e.maxAbs()));
        }
        if (bad.size() > maxLines) {
            sb.append(String.format(Locale.ROOT, "  ... and %d more%n", bad.size() - maxLines));
        }
        return sb.toString();
    }
}
