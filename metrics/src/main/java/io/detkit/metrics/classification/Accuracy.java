package io.detkit.metrics.classification;

import java.util.List;
import java.util.Objects;

/**
 * Accuracy, as sklearn's {@code accuracy_score}: the fraction of samples whose predicted label
 * equals the true label,
 * <pre>
 *   accuracy = (1/n) Σ_s 1[y_pred[s] = y_true[s]]
 * </pre>
 * No label set is involved: every sample counts, whatever its labels. For an empty input the
 * fraction is 0/0 and NaN is returned (sklearn returns NaN with a {@code RuntimeWarning}).
 */
public final class Accuracy {
    private Accuracy() {}

    /**
     * Fraction of correct predictions ({@code normalize=True}).
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @return {@code correct / n} in [0, 1], NaN when {@code n = 0}
     * @throws IllegalArgumentException on a length mismatch
     */
    public static double score(int[] yTrue, int[] yPred) {
        long correct = count(yTrue, yPred);
        return yTrue.length == 0 ? Double.NaN : (double) correct / yTrue.length;
    }

    /**
     * Number of correct predictions ({@code normalize=False}).
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @return {@code #{s : y_pred[s] = y_true[s]}}
     * @throws IllegalArgumentException on a length mismatch
     */
    public static long count(int[] yTrue, int[] yPred) {
        Checks.notNull(yTrue, "yTrue");
        Checks.notNull(yPred, "yPred");
        Checks.sameLength("yTrue", yTrue.length, "yPred", yPred.length);
        long correct = 0;
        for (int i = 0; i < yTrue.length; i++) {
            if (yTrue[i] == yPred[i]) {
                correct++;
            }
        }
        return correct;
    }

    /**
     * Fraction of correct predictions for labels of any type, compared with {@code equals}.
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @return {@code correct / n}, NaN when {@code n = 0}
     * @throws IllegalArgumentException on a length mismatch
     */
    public static double score(List<?> yTrue, List<?> yPred) {
        long correct = count(yTrue, yPred);
        return yTrue.isEmpty() ? Double.NaN : (double) correct / yTrue.size();
    }

    /**
     * Number of correct predictions for labels of any type, compared with {@code equals}.
     *
     * @param yTrue true labels
     * @param yPred predicted labels
     * @return number of positions where the two lists hold equal labels
     * @throws IllegalArgumentException on a length mismatch
     */
    public static long count(List<?> yTrue, List<?> yPred) {
        Checks.notNull(yTrue, "yTrue");
        Checks.notNull(yPred, "yPred");
        Checks.sameLength("yTrue", yTrue.size(), "yPred", yPred.size());
        long correct = 0;
        for (int i = 0; i < yTrue.size(); i++) {
            if (Objects.equals(yTrue.get(i), yPred.get(i))) {
                correct++;
            }
        }
        return correct;
    }
}
