package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** Elementwise classification losses on logits, written with NDArray ops (no reduction). */
public final class Losses {
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
}
