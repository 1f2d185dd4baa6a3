package io.detkit.detector.yolo;

import io.detkit.detector.nn.ActivationSpec;

/**
 * What defines a YOLO-style model.
 *
 * @param numClasses number of classes (≥ 1)
 * @param size depth/width multipliers
 * @param activation activation of every Conv-BN unit
 * @param inputSize square training/inference input side in pixels, a multiple of the largest
 *     stride (32); the network itself accepts any H and W that are multiples of 32
 * @param attention attention blocks in the backbone ({@link YoloAttention#NONE} for none)
 */
public record YoloConfig(int numClasses, YoloSize size, ActivationSpec activation, int inputSize, YoloAttention attention) {
    /** Output strides of the three detection levels (P3, P4, P5). */
    private static final int[] STRIDES = {8, 16, 32};

    /**
     * Checks the fields.
     *
     * @param numClasses number of classes
     * @param size size
     * @param activation activation
     * @param inputSize input side
     * @param attention attention blocks
     */
    public YoloConfig {
        if (numClasses < 1) {
            throw new IllegalArgumentException("numClasses must be ≥ 1, got " + numClasses);
        }
        if (size == null || activation == null || attention == null) {
            throw new IllegalArgumentException("size, activation and attention are required");
        }
        if (inputSize < 32 || inputSize % 32 != 0) {
            throw new IllegalArgumentException("inputSize must be a positive multiple of 32, got " + inputSize);
        }
    }

    /**
     * A config without attention blocks.
     *
     * @param numClasses number of classes
     * @param size size
     * @param activation activation
     * @param inputSize input side
     */
    public YoloConfig(int numClasses, YoloSize size, ActivationSpec activation, int inputSize) {
        this(numClasses, size, activation, inputSize, YoloAttention.NONE);
    }

    /**
     * SiLU, input 640.
     *
     * @param numClasses number of classes
     * @param size size
     * @return the config
     */
    public static YoloConfig of(int numClasses, YoloSize size) {
        return new YoloConfig(numClasses, size, ActivationSpec.silu(), 640);
    }

    /**
     * @param activation activation
     * @return a copy with that activation
     */
    public YoloConfig withActivation(ActivationSpec activation) {
        return new YoloConfig(numClasses, size, activation, inputSize, attention);
    }

    /**
     * @param attention attention blocks
     * @return a copy with them
     */
    public YoloConfig withAttention(YoloAttention attention) {
        return new YoloConfig(numClasses, size, activation, inputSize, attention);
    }

    /**
     * @param inputSize input side
     * @return a copy with that input size
     */
    public YoloConfig withInputSize(int inputSize) {
        return new YoloConfig(numClasses, size, activation, inputSize, attention);
    }

    /** @return the strides of the three output levels, {@code {8, 16, 32}} (a fresh array) */
    public int[] strides() {
        return STRIDES.clone();
    }

    /** @return number of anchor points at {@link #inputSize()}: {@code Σ (inputSize/stride)²} */
    public int numAnchors() {
        int a = 0;
        for (int s : STRIDES) {
            a += (inputSize / s) * (inputSize / s);
        }
        return a;
    }
}
