package io.detkit.detector.yolo;

/**
 * Non-maximum suppression over one image's candidate boxes, as {@link YoloDecoder} calls it.
 * Implementations must be class-aware (boxes of different classes never suppress each other)
 * unless documented otherwise, and must not modify the arrays.
 */
@FunctionalInterface
public interface CandidateNms {
    /**
     * @param boxes {@code 4·k} numbers, candidate {@code i} at {@code [4i, 4i + 4)}, xyxy
     * @param scores {@code k} confidences
     * @param classes {@code k} class ids
     * @param iouThreshold a candidate is suppressed by a kept one of its class when their IoU is
     *     greater than this
     * @return indices of the kept candidates, highest score first (ties: lower index first)
     */
    int[] select(double[] boxes, double[] scores, int[] classes, double iouThreshold);
}
