package io.detkit.metrics.classification;

/**
 * How per-class scores are combined into one number, as scikit-learn's {@code average=} argument.
 *
 * <p>With per-class true-positive counts {@code tp_k}, predicted counts {@code pred_k} (tp + fp),
 * true counts {@code true_k} (tp + fn, the <em>support</em>) and per-class scores {@code s_k} over
 * the {@code K} labels:
 * <ul>
 *   <li>{@link #MICRO}: pool the counts first, then score once, e.g. precision
 *       {@code Σ tp_k / Σ pred_k}, recall {@code Σ tp_k / Σ true_k}. For one-vs-rest ranking
 *       metrics, every (sample, class) cell of the one-hot label matrix becomes one binary
 *       sample.</li>
 *   <li>{@link #MACRO}: unweighted mean {@code (1/K) Σ s_k}; every class counts the same.</li>
 *   <li>{@link #WEIGHTED}: support-weighted mean {@code Σ true_k · s_k / Σ true_k}.</li>
 * </ul>
 * sklearn's {@code 'samples'} (multilabel only) and {@code 'binary'} (read the positive class's
 * entry of the per-class arrays instead) have no counterpart here.
 */
public enum Average {
    /** Pool counts over the classes, then compute the metric once. */
    MICRO,
    /** Unweighted mean of the per-class values. */
    MACRO,
    /** Mean of the per-class values weighted by support (number of true instances of the class). */
    WEIGHTED
}
