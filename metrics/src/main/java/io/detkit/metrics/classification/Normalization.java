package io.detkit.metrics.classification;

/**
 * Normalisation of a {@link ConfusionMatrix}, as sklearn's {@code confusion_matrix(normalize=...)}.
 *
 * <p>With counts {@code C[i][j]} (row {@code i} = true label, column {@code j} = predicted label):
 * <ul>
 *   <li>{@link #NONE}: {@code C[i][j]} as is;</li>
 *   <li>{@link #TRUE}: {@code C[i][j] / Σ_j' C[i][j']}, every non-empty row sums to 1 (the diagonal
 *       holds per-class recall);</li>
 *   <li>{@link #PRED}: {@code C[i][j] / Σ_i' C[i'][j]}, every non-empty column sums to 1 (the
 *       diagonal holds per-class precision);</li>
 *   <li>{@link #ALL}: {@code C[i][j] / Σ C}, the whole matrix sums to 1.</li>
 * </ul>
 * A 0/0 cell (empty row, column or matrix) is 0, as sklearn's {@code np.nan_to_num} makes it.
 */
public enum Normalization {
    /** Raw counts. */
    NONE,
    /** Divide each row by its sum (over the true conditions). */
    TRUE,
    /** Divide each column by its sum (over the predicted conditions). */
    PRED,
    /** Divide every cell by the total count. */
    ALL
}
