package io.detkit.metrics.voc;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;

/**
 * Pascal VOC result: one {@link VocClassResult} per class seen in the ground truth or in the
 * detections (ascending class id), and the mean AP over the classes that have positives
 * ({@code npos > 0}); NaN when no class has any.
 *
 * @param config the configuration used
 * @param classes per-class results, ascending class id (an unmodifiable copy)
 * @param mapAllPoint mean all-point AP over classes with positives
 * @param mapElevenPoint mean 11-point AP over classes with positives
 */
public record VocResult(VocConfig config, List<VocClassResult> classes, double mapAllPoint, double mapElevenPoint) {

    /**
     * Copies the class list.
     *
     * @param config see the record description
     * @param classes see the record description
     * @param mapAllPoint see the record description
     * @param mapElevenPoint see the record description
     */
    public VocResult {
        Objects.requireNonNull(config, "config");
        classes = List.copyOf(classes);
    }

    /**
     * @param method which AP
     * @return the mean AP by that method
     */
    public double map(ApMethod method) {
        return method == ApMethod.ALL_POINT ? mapAllPoint : mapElevenPoint;
    }

    /**
     * @param classId a class id
     * @return its result, if the class was seen
     */
    public Optional<VocClassResult> find(int classId) {
        for (VocClassResult c : classes) {
            if (c.classId() == classId) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /**
     * @param classId a class id
     * @return its result
     * @throws NoSuchElementException if the class was never seen
     */
    public VocClassResult forClass(int classId) {
        return find(classId).orElseThrow(() -> new NoSuchElementException("class " + classId + " not seen"));
    }
}
