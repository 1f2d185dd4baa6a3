package io.detkit.detector.yolo;

import java.util.Locale;

/**
 * Model sizes: depth and width multipliers over the YOLOv8 base layout (backbone channels
 * 64/128/256/512/1024, C2f repeats 3/6/6/3 in the backbone and 3 in the neck), with a channel cap.
 * A layer with base channels {@code c} gets {@code ceil(min(c, maxChannels)·width / 8)·8}
 * channels and a C2f with base repeats {@code n} gets {@code max(round(n·depth), 1)} bottlenecks.
 */
public enum YoloSize {
    /** Tiny, for fast CPU training and tests (channels 8…128). Not an Ultralytics size. */
    T(0.33, 0.125, 1024),
    /** Nano, YOLOv8n multipliers (channels 16…256). */
    N(0.33, 0.25, 1024),
    /** Small, YOLOv8s multipliers (channels 32…512). */
    S(0.33, 0.50, 1024),
    /** Medium, YOLOv8m multipliers (channels 48…576). */
    M(0.67, 0.75, 768);

    private final double depth;
    private final double width;
    private final int maxChannels;

    YoloSize(double depth, double width, int maxChannels) {
        this.depth = depth;
        this.width = width;
        this.maxChannels = maxChannels;
    }

    /** @return depth multiplier */
    public double depth() {
        return depth;
    }

    /** @return width multiplier */
    public double width() {
        return width;
    }

    /** @return channel cap applied before the width multiplier */
    public int maxChannels() {
        return maxChannels;
    }

    /**
     * @param base channels in the base layout
     * @return channels at this size (a multiple of 8)
     */
    public int channels(int base) {
        double c = Math.min(base, maxChannels) * width;
        return (int) Math.ceil(c / 8) * 8;
    }

    /**
     * @param base repeats in the base layout
     * @return repeats at this size (at least 1)
     */
    public int repeats(int base) {
        return Math.max((int) Math.round(base * depth), 1);
    }

    /**
     * @param text {@code t}, {@code n}, {@code s}, {@code m} (any case)
     * @return the size
     * @throws IllegalArgumentException listing the sizes when the text is none of them
     */
    public static YoloSize parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown model size '" + text + "'; known: t, n, s, m", e);
        }
    }
}
