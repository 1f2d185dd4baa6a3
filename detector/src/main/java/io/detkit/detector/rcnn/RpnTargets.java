package io.detkit.detector.rcnn;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;

/**
 * Training targets of the region proposal network for one image, as torchvision's
 * {@code RegionProposalNetwork.assign_targets_to_anchors} followed by its sampler.
 *
 * <ol>
 *   <li>Every anchor is matched to the GT boxes ({@link Matcher}, by default
 *       {@code Matcher(0.7, 0.3, true)}): IoU ≥ 0.7 or the best anchor of some GT is a positive
 *       candidate, IoU &lt; 0.3 a negative candidate, the rest is ignored. An image without GT has
 *       only negative candidates.
 *   <li>{@link BalancedSampler} (by default 256 anchors, at most half positive) picks the anchors
 *       that enter the losses.
 *   <li>Label {@code 1} for sampled positives, {@code 0} for sampled negatives, {@code −1} for every
 *       other anchor (ignored by the objectness loss).
 *   <li>Regression target of a sampled positive anchor {@code a} matched to GT {@code g}:
 *       {@link BoxCoder#encode}{@code (a, g)} with, by default, weights {@code (1, 1, 1, 1)}, i.e.
 *       {@code ((g_x − a_x)/a_w, (g_y − a_y)/a_h, ln(g_w/a_w), ln(g_h/a_h))}; 0 for every other anchor.
 *       The box loss is then taken over the sampled positives only.
 * </ol>
 *
 * <p>Anchors crossing the image border are kept (as torchvision and Detectron2). Cost:
 * {@code O(A·M)} IoUs for {@code A} anchors and {@code M} GT boxes, all on primitive arrays.
 * Immutable and thread-safe.
 */
public final class RpnTargets {
    private final Matcher matcher;
    private final BalancedSampler sampler;
    private final BoxCoder coder;

    /** The torchvision defaults: {@code Matcher(0.7, 0.3, true)}, {@code BalancedSampler(256, 0.5)}, {@code BoxCoder(1, 1, 1, 1)}. */
    public RpnTargets() {
        this(new Matcher(0.7f, 0.3f, true), new BalancedSampler(256, 0.5f), new BoxCoder(1, 1, 1, 1));
    }

    /**
     * Creates the target builder.
     *
     * @param matcher anchor-to-GT matching; torchvision uses {@code Matcher(0.7, 0.3, true)}
     * @param sampler anchor sampling; torchvision uses {@code BalancedSampler(256, 0.5)}
     * @param coder box encoding; torchvision uses {@code BoxCoder(1, 1, 1, 1)}
     */
    public RpnTargets(Matcher matcher, BalancedSampler sampler, BoxCoder coder) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.coder = Objects.requireNonNull(coder, "coder");
    }

    /**
     * The targets of one image.
     *
     * @param labels per anchor: {@code 1} sampled positive, {@code 0} sampled negative, {@code −1}
     *     not sampled
     * @param regression {@code 4·A} numbers: for a sampled positive the encoding of its matched GT
     *     against the anchor, 0 elsewhere
     * @param positives the number of sampled positives (labels equal to 1)
     * @param negatives the number of sampled negatives (labels equal to 0)
     */
    public record Result(float[] labels, float[] regression, int positives, int negatives) {
        /** @return the number of sampled anchors, {@code positives + negatives} */
        public int sampled() {
            return positives + negatives;
        }
    }

    /**
     * Matches, samples and encodes, as in the class comment.
     *
     * @param anchors {@code 4·A} numbers: the anchors of all levels concatenated, xyxy in input pixels
     *     (see {@link AnchorGenerator#allAnchors})
     * @param gt {@code 4·M} numbers, the GT boxes xyxy in input pixels, each with width and height
     *     &gt; 0; {@code M} may be 0
     * @param random source of randomness of the sampler
     * @return labels and regression targets
     * @throws IllegalArgumentException on lengths that are not a multiple of 4, non-finite numbers, or a
     *     GT box with width or height ≤ 0 (named by index)
     */
    public Result compute(float[] anchors, float[] gt, Random random) {
        int[] matches = matcher.match(anchors, gt);
        BalancedSampler.Sample s = sampler.sample(matches, random);
        float[] labels = new float[matches.length];
        Arrays.fill(labels, -1f);
        float[] regression = new float[anchors.length];
        for (int i : s.positives()) {
            labels[i] = 1f;
            coder.encode(anchors, 4 * i, gt, 4 * matches[i], regression, 4 * i);
        }
        for (int i : s.negatives()) {
            labels[i] = 0f;
        }
        return new Result(labels, regression, s.positives().length, s.negatives().length);
    }

    @Override
    public String toString() {
        return "RpnTargets(" + matcher + ", " + sampler + ", " + coder + ")";
    }
}
