package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Activation;

/**
 * Losses written with NDArray ops (constants through {@link ScalarOps}, see there why), without
 * reduction: each returns the loss per element (or per
 * row for the softmax cross-entropy); the caller sums or averages. Every one is differentiable
 * wherever its formula is (checked against central differences by the tests' gradient check).
 *
 * <table>
 * <caption>The losses (d = prediction − target)</caption>
 * <tr><th>method</th><th>formula</th></tr>
 * <tr><td>{@link #bceWithLogits}</td><td>−z·log σ(x) − (1 − z)·log(1 − σ(x))</td></tr>
 * <tr><td>{@link #focalWithLogits}</td><td>BCE · (1 − p_t)^γ · α_t</td></tr>
 * <tr><td>{@link #varifocalWithLogits}</td><td>−q(q·log p + (1 − q)·log(1 − p)) for q &gt; 0,
 *     −α·p^γ·log(1 − p) for q = 0</td></tr>
 * <tr><td>{@link #softmaxCrossEntropy}</td><td>−Σ_k q_k·log softmax(x)_k,
 *     q = (1 − ε)·onehot(y) + ε/K</td></tr>
 * <tr><td>{@link #l1}</td><td>|d|</td></tr>
 * <tr><td>{@link #mse}</td><td>d²</td></tr>
 * <tr><td>{@link #smoothL1}</td><td>0.5·d²/β for |d| &lt; β, |d| − 0.5·β otherwise</td></tr>
 * <tr><td>{@link #huber}</td><td>0.5·d² for |d| ≤ δ, δ·(|d| − 0.5·δ) otherwise</td></tr>
 * <tr><td>{@link #klDivergence}</td><td>p·(log p − log q), 0 where p = 0</td></tr>
 * </table>
 */
public final class Losses {
    /** Stand-in for log 0 in {@link #klDivergence}: p·log p is taken as 0 where p = 0. */
    private static final float TINY = 1e-30f;

    private Losses() {}

    /**
     * Binary cross-entropy with logits, elementwise and numerically stable:
     * {@code max(x, 0) − x·z + log(1 + exp(−|x|))}, the last term taken as {@code softplus(−|x|)}
     * (PyTorch computes it with {@code log1p}). Equals
     * {@code −z·log σ(x) − (1 − z)·log(1 − σ(x))} for any {@code x} without overflow; {@code z}
     * may be soft (in [0, 1]).
     *
     * @param logits {@code x}
     * @param targets {@code z}, broadcastable with {@code logits}
     * @return the loss per element
     */
    public static NDArray bceWithLogits(NDArray logits, NDArray targets) {
        return Activation.relu(logits).sub(logits.mul(targets)).add(Activation.softPlus(logits.abs().neg()));
    }

    /**
     * Focal loss (Lin et al. 2017) on logits, elementwise:
     * {@code BCE(x, z) · (1 − p_t)^γ · α_t} with {@code p = σ(x)},
     * {@code p_t = z·p + (1 − z)·(1 − p)} and {@code α_t = z·α + (1 − z)·(1 − α)}. A negative
     * {@code alpha} turns the α weighting off ({@code α_t = 1}). With {@code γ = 0} and no α it
     * is the BCE. Soft targets are allowed (the same formula, as in Ultralytics' FocalLoss).
     *
     * @param logits {@code x}
     * @param targets {@code z} in [0, 1]
     * @param gamma focusing parameter γ ≥ 0 (2 in RetinaNet, 1.5 in Ultralytics)
     * @param alpha class balance α in [0, 1] (0.25 in RetinaNet), or negative for none
     * @return the loss per element
     */
    public static NDArray focalWithLogits(NDArray logits, NDArray targets, float gamma, float alpha) {
        NDArray bce = bceWithLogits(logits, targets);
        NDArray p = Activation.sigmoid(logits);
        // 1 − p_t = z·(1 − p) + (1 − z)·p = p + z − 2·z·p
        NDArray oneMinusPt = p.add(targets).sub(ScalarOps.mul(p.mul(targets), 2f));
        NDArray loss = gamma == 0f ? bce : bce.mul(ScalarOps.pow(Activation.relu(oneMinusPt), gamma));
        if (alpha >= 0f) {
            // α_t = z·α + (1 − z)·(1 − α) = (1 − α) + z·(2α − 1)
            loss = loss.mul(ScalarOps.mul(targets, 2f * alpha - 1f).add(1f - alpha));
        }
        return loss;
    }

    /**
     * Varifocal loss (Zhang et al. 2021, VarifocalNet) on logits, elementwise, with
     * {@code p = σ(x)} and an IoU-aware target score {@code q} in [0, 1]:
     *
     * <pre>
     *   VFL(p, q) = −q·(q·log p + (1 − q)·log(1 − p))     for q &gt; 0
     *             = −α·p^γ·log(1 − p)                      for q = 0
     * </pre>
     *
     * computed as {@code w · BCE(x, q)} with {@code w = q} where {@code q > 0} and
     * {@code w = α·p^γ} where {@code q = 0} (the BCE is the stable {@link #bceWithLogits}).
     * Positives are weighted by their own target score, negatives down-weighted as in focal loss.
     * The weight is differentiated too (as the formula; Ultralytics and MMDetection do the same).
     *
     * @param logits {@code x}
     * @param targets {@code q} in [0, 1], same shape as {@code logits}
     * @param alpha α ≥ 0 (0.75 in the paper)
     * @param gamma γ ≥ 0 (2 in the paper)
     * @return the loss per element
     */
    public static NDArray varifocalWithLogits(NDArray logits, NDArray targets, float alpha, float gamma) {
        NDArray bce = bceWithLogits(logits, targets);
        NDArray positive = targets.gt(0f).toType(logits.getDataType(), false);
        NDArray p = Activation.sigmoid(logits);
        NDArray negWeight = ScalarOps.mul(gamma == 0f ? p.onesLike() : ScalarOps.pow(p, gamma), alpha);
        // w = q·[q > 0] + α·p^γ·[q = 0]  (q·[q > 0] = q)
        NDArray weight = targets.add(negWeight.mul(positive.neg().add(1f)));
        return bce.mul(weight);
    }

    /**
     * Softmax cross-entropy with label smoothing, one value per row:
     * {@code −Σ_k q_k·log softmax(x)_k} over the last axis, with the smoothed target
     * {@code q = (1 − ε)·onehot(y) + ε/K} (PyTorch's {@code CrossEntropyLoss(label_smoothing=ε)}
     * convention: ε is spread over all K classes, the true one included). Equals
     * {@code (1 − ε)·(−log softmax(x)_y) + ε·mean_k(−log softmax(x)_k)}.
     *
     * @param logits {@code (..., K)}
     * @param labels class indices {@code (...)} (any numeric type, values in [0, K))
     * @param smoothing ε in [0, 1)
     * @return the loss per row, shape {@code (...)}
     */
    public static NDArray softmaxCrossEntropy(NDArray logits, NDArray labels, float smoothing) {
        int k = (int) logits.getShape().get(logits.getShape().dimension() - 1);
        NDArray oneHot = labels.toType(DataType.INT64, false).oneHot(k).toType(logits.getDataType(), false);
        return softmaxCrossEntropyProbs(logits, ScalarOps.mul(oneHot, 1f - smoothing).add(smoothing / k));
    }

    /**
     * Softmax cross-entropy against a target distribution, one value per row:
     * {@code −Σ_k q_k·log softmax(x)_k} over the last axis.
     *
     * @param logits {@code (..., K)}
     * @param targetProbs {@code q}, {@code (..., K)}, rows summing to 1
     * @return the loss per row, shape {@code (...)}
     */
    public static NDArray softmaxCrossEntropyProbs(NDArray logits, NDArray targetProbs) {
        int axis = logits.getShape().dimension() - 1;
        return logits.logSoftmax(axis).mul(targetProbs).sum(new int[] {axis}).neg();
    }

    /**
     * L1 (absolute) error, elementwise: {@code |x − y|}.
     *
     * @param predictions x
     * @param targets y, broadcastable
     * @return the loss per element
     */
    public static NDArray l1(NDArray predictions, NDArray targets) {
        return predictions.sub(targets).abs();
    }

    /**
     * Squared error, elementwise: {@code (x − y)²} (the mean of it is the MSE).
     *
     * @param predictions x
     * @param targets y, broadcastable
     * @return the loss per element
     */
    public static NDArray mse(NDArray predictions, NDArray targets) {
        return predictions.sub(targets).square();
    }

    /**
     * Smooth L1, elementwise, as PyTorch's {@code SmoothL1Loss(beta=β)}: with {@code d = x − y},
     * {@code 0.5·d²/β} for {@code |d| < β} and {@code |d| − 0.5·β} otherwise; β = 0 gives the L1
     * error. Continuous with a continuous first derivative at {@code |d| = β}.
     *
     * @param predictions x
     * @param targets y, broadcastable
     * @param beta β ≥ 0 (1 in Fast R-CNN; 1/9 in Detectron's box regression)
     * @return the loss per element
     */
    public static NDArray smoothL1(NDArray predictions, NDArray targets, float beta) {
        if (beta < 0) {
            throw new IllegalArgumentException("smooth L1 β must be ≥ 0, got " + beta);
        }
        NDArray a = predictions.sub(targets).abs();
        if (beta == 0f) {
            return a;
        }
        // 0.5·min(|d|, β)²/β + max(|d| − β, 0): the quadratic part up to β, then linear
        NDArray inner = ScalarOps.minimum(a, beta);
        return ScalarOps.mul(inner.square(), 0.5f / beta).add(Activation.relu(a.sub(beta)));
    }

    /**
     * Huber loss, elementwise, as PyTorch's {@code HuberLoss(delta=δ)}: with {@code d = x − y},
     * {@code 0.5·d²} for {@code |d| ≤ δ} and {@code δ·(|d| − 0.5·δ)} otherwise. Equals
     * {@code δ·smoothL1(β = δ)}.
     *
     * @param predictions x
     * @param targets y, broadcastable
     * @param delta δ &gt; 0
     * @return the loss per element
     */
    public static NDArray huber(NDArray predictions, NDArray targets, float delta) {
        if (!(delta > 0)) {
            throw new IllegalArgumentException("Huber δ must be > 0, got " + delta);
        }
        NDArray a = predictions.sub(targets).abs();
        NDArray inner = ScalarOps.minimum(a, delta);
        return ScalarOps.mul(inner.square(), 0.5f).add(ScalarOps.mul(Activation.relu(a.sub(delta)), delta));
    }

    /**
     * Kullback–Leibler divergence terms, elementwise, as PyTorch's
     * {@code kl_div(input=log q, target=p, reduction='none')}: {@code p·(log p − log q)}, taken as
     * 0 where {@code p = 0}. Summed over a distribution's axis it is {@code KL(p ‖ q)}. Meant for a
     * constant target {@code p} (its gradient where {@code p = 0} is not the derivative of p·log p).
     *
     * @param logQ log-probabilities of the model, e.g. {@code logSoftmax} of logits
     * @param p target probabilities, same shape
     * @return the terms per element
     */
    public static NDArray klDivergence(NDArray logQ, NDArray p) {
        return p.mul(ScalarOps.maximum(p, TINY).log().sub(logQ));
    }

    /**
     * Label smoothing of binary (sigmoid) targets: {@code t·(1 − ε) + ε/2}, so 1 becomes
     * {@code 1 − ε/2} and 0 becomes {@code ε/2} (the YOLOv5 {@code smooth_BCE} convention); soft
     * targets are mapped the same way.
     *
     * @param targets t in [0, 1]
     * @param epsilon ε in [0, 1)
     * @return the smoothed targets (the same array when ε = 0)
     */
    public static NDArray smoothBinaryTargets(NDArray targets, float epsilon) {
        return epsilon == 0f ? targets : ScalarOps.mul(targets, 1f - epsilon).add(epsilon / 2f);
    }
}
