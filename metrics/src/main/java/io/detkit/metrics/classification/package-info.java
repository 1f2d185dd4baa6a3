/**
 * Classification metrics with scikit-learn's definitions, on primitive arrays.
 *
 * <table>
 *   <caption>Classes and their scikit-learn counterparts</caption>
 *   <tr><th>class</th><th>sklearn.metrics</th></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.RocCurve}</td><td>{@code roc_curve}</td></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.RocAuc}</td><td>{@code roc_auc_score}
 *       (binary; multi-class {@code multi_class='ovr'})</td></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.PrecisionRecallCurve}</td>
 *       <td>{@code precision_recall_curve}</td></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.AveragePrecision}</td>
 *       <td>{@code average_precision_score}</td></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.Auc}</td><td>{@code auc}</td></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.ConfusionMatrix}</td>
 *       <td>{@code confusion_matrix}</td></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.Accuracy}</td><td>{@code accuracy_score}</td></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.PrecisionRecallFScore}</td>
 *       <td>{@code precision_recall_fscore_support}, {@code precision_score}, {@code recall_score},
 *       {@code f1_score}, {@code fbeta_score}</td></tr>
 *   <tr><td>{@link io.detkit.metrics.classification.ClassificationReport}</td>
 *       <td>{@code classification_report}</td></tr>
 * </table>
 *
 * <p>Conventions: confusion matrices have true labels on rows and predicted labels on columns;
 * invalid input (length mismatch, NaN or infinite score, label outside the declared range, one
 * class where two are needed) throws {@link java.lang.IllegalArgumentException} with a message
 * naming the argument and index. Where sklearn emits an {@code UndefinedMetricWarning} and
 * returns a fallback value, these classes return the same value silently.
 *
 * <p>Deliberate differences from scikit-learn:
 * <ul>
 *   <li>No {@code sample_weight}: every sample counts once.</li>
 *   <li>{@code zero_division} defaults to 0 and never warns (sklearn's {@code "warn"} also gives 0,
 *       with a warning); 1 and NaN are settable.</li>
 *   <li>Integer-label overloads taking {@code numClasses} use the labels {@code 0..numClasses-1}
 *       (sklearn's {@code labels=range(numClasses)}) and reject values outside that range; use the
 *       overloads without labels for sklearn's "labels present in the data" default.</li>
 *   <li>Binary ROC AUC is summed exactly in integers and divided once; results agree with
 *       sklearn's floating-point trapezoid to rounding (~1e-16).</li>
 *   <li>ROC AUC of one-class targets throws, as sklearn up to 1.5 raised; sklearn 1.6 and later
 *       warn and return NaN instead.</li>
 *   <li>One-vs-rest ROC AUC and AP also accept {@code K = 2} score columns (sklearn requires a 1-D
 *       score for binary targets); ROC AUC's one-vs-one scheme and {@code max_fpr} are not
 *       provided.</li>
 * </ul>
 */
package io.detkit.metrics.classification;
