package io.detkit.metrics.curves;

import java.util.List;
import java.util.NoSuchElementException;

/**
 * Image-level presence ROC curves of every class, and their mean AUC. Built by
 * {@link PresenceEvaluator#result()}; immutable.
 *
 * @param images number of images
 * @param classes one entry per class, ascending class id
 * @param meanAuc mean AUC over the classes where it is defined (NaN when none is)
 */
public record PresenceRoc(int images, List<ClassPresence> classes, double meanAuc) {
    /**
     * Copies the list.
     *
     * @param images see the record description
     * @param classes see the record description
     * @param meanAuc see the record description
     */
    public PresenceRoc {
        classes = List.copyOf(classes);
    }

    /**
     * @param classId a class id
     * @return its entry
     * @throws NoSuchElementException if the class was not evaluated
     */
    public ClassPresence forClass(int classId) {
        for (ClassPresence c : classes) {
            if (c.classId() == classId) {
                return c;
            }
        }
        throw new NoSuchElementException("class " + classId + " was not evaluated");
    }
}
