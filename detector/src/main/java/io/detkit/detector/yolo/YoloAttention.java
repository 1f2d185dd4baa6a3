package io.detkit.detector.yolo;

import ai.djl.nn.Block;
import io.detkit.detector.nn.Cbam;
import io.detkit.detector.nn.SqueezeExcitation;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Attention blocks in the YOLO backbone: which kind, its settings, and after which backbone C2f
 * stages it goes. Stage s is the C2f at stride 2^s: 2 (stride 4), 3 (stride 8, feeds P3), 4
 * (stride 16, feeds P4), 5 (stride 32, before SPPF). A block after stage s takes that stage's
 * output and replaces it for everything downstream (the next stage, and the neck for P3/P4).
 *
 * @param kind none, SE or CBAM
 * @param reduction r of the channel MLP (hidden width {@code max(1, ⌊C/r⌋)})
 * @param kernel CBAM's spatial kernel (odd; 7 in the paper); unused by SE
 * @param stages backbone stages (2–5) followed by a block, sorted, no repeats
 */
public record YoloAttention(Kind kind, int reduction, int kernel, List<Integer> stages) {
    /** The attention kinds. */
    public enum Kind {
        /** No attention blocks. */
        NONE,
        /** {@link SqueezeExcitation}. */
        SE,
        /** {@link Cbam}. */
        CBAM;

        /**
         * Parses a config name.
         *
         * @param name {@code none}, {@code se} or {@code cbam} (any case)
         * @return the kind
         * @throws IllegalArgumentException naming the known kinds
         */
        public static Kind parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown attention '" + name + "'; one of none, se, cbam", e);
            }
        }
    }

    /** No attention. */
    public static final YoloAttention NONE = new YoloAttention(Kind.NONE, 16, 7, List.of());

    /**
     * Checks the fields.
     *
     * @param kind the kind
     * @param reduction r
     * @param kernel CBAM kernel
     * @param stages the stages
     */
    public YoloAttention {
        if (kind == null || stages == null) {
            throw new IllegalArgumentException("attention kind and stages are required");
        }
        if (reduction < 1) {
            throw new IllegalArgumentException("attention reduction must be ≥ 1, got " + reduction);
        }
        if (kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("attention kernel must be odd and ≥ 1, got " + kernel);
        }
        TreeSet<Integer> sorted = new TreeSet<>();
        for (Integer s : stages) {
            if (s == null || s < 2 || s > 5) {
                throw new IllegalArgumentException("attention stages are backbone C2f stages 2..5, got " + stages);
            }
            sorted.add(s);
        }
        stages = List.copyOf(sorted);
    }

    /**
     * An attention kind after every backbone C2f stage (2, 3, 4, 5), reduction 16, kernel 7.
     *
     * @param kind the kind
     * @return the spec
     */
    public static YoloAttention of(Kind kind) {
        return new YoloAttention(kind, 16, 7, kind == Kind.NONE ? List.of() : List.of(2, 3, 4, 5));
    }

    /**
     * Whether a block follows a stage.
     *
     * @param stage 2..5
     * @return true if {@link #kind()} is not none and the stage is listed
     */
    public boolean after(int stage) {
        return kind != Kind.NONE && stages.contains(stage);
    }

    /**
     * A new block for a stage output.
     *
     * @param channels the stage's output channels
     * @return an SE or CBAM block
     * @throws IllegalStateException for {@link Kind#NONE}
     */
    public Block create(int channels) {
        return switch (kind) {
            case SE -> new SqueezeExcitation(channels, reduction);
            case CBAM -> new Cbam(channels, reduction, kernel);
            case NONE -> throw new IllegalStateException("no attention block for kind none");
        };
    }
}
