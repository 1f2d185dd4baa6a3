package io.detkit.detector.rcnn;

import java.util.Objects;
import java.util.Random;

/**
 * Training samples of the Fast R-CNN box head for one image, as torchvision's
 * {@code RoIHeads.select_training_samples}.
 *
 * <ol>
 *   <li>The GT boxes are appended to the proposals, so that every GT has at least one perfect roi
 *       (candidates = {@code P} proposals followed by the {@code M} GT boxes).
 *   <li>Each candidate is matched to the GT ({@link Matcher}, by default {@code Matcher(0.5, 0.5, false)}):
 *       IoU ≥ 0.5 is foreground with label {@code class + 1}, IoU &lt; 0.5 background with label 0
 *       (with {@code low < high}, candidates in between are ignored and never sampled). Without GT
 *       every candidate is background.
 *   <li>{@link BalancedSampler} (by default 512 rois, at most 25 % foreground) picks the rois.
 *   <li>Regression target of a foreground roi {@code p} matched to GT {@code g}:
 *       {@link BoxCoder#encode}{@code (p, g)}, by default with weights {@code (10, 10, 5, 5)}:
 *       {@code (10·(g_x − p_x)/p_w, 10·(g_y − p_y)/p_h, 5·ln(g_w/p_w), 5·ln(g_h/p_h))}; 0 for background.
 * </ol>
 *
 * <p>The sampled rois are listed foreground first, each group by ascending candidate index (torchvision
 * instead interleaves them by index; the losses do not depend on the order). Unlike torchvision, an
 * image without GT gets no dummy zero box: its rois are sampled proposals only, and an image with
 * neither proposals nor GT gets an empty sample. Immutable and thread-safe.
 */
public final class ProposalTargets {
    private final Matcher matcher;
    private final BalancedSampler sampler;
    private final BoxCoder coder;

    /** The torchvision defaults: {@code Matcher(0.5, 0.5, false)}, {@code BalancedSampler(512, 0.25)}, {@code BoxCoder(10, 10, 5, 5)}. */
    public ProposalTargets() {
        this(new Matcher(0.5f, 0.5f, false), new BalancedSampler(512, 0.25f), new BoxCoder(10, 10, 5, 5));
    }

    /**
     * Creates the sampler of box-head targets.
     *
     * @param matcher roi-to-GT matching; torchvision uses {@code Matcher(0.5, 0.5, false)}
     * @param sampler roi sampling; torchvision uses {@code BalancedSampler(512, 0.25)}
     * @param coder box encoding; torchvision uses {@code BoxCoder(10, 10, 5, 5)}
     */
    public ProposalTargets(Matcher matcher, BalancedSampler sampler, BoxCoder coder) {
        this.matcher = Objects.requireNonNull(matcher, "matcher");
        this.sampler = Objects.requireNonNull(sampler, "sampler");
        this.coder = Objects.requireNonNull(coder, "coder");
    }

    /**
     * The sampled rois of one image and their targets; {@code S} rois of which the first
     * {@code foreground} are foreground.
     *
     * @param rois {@code 4·S} numbers, the sampled rois xyxy, foreground first
     * @param labels {@code S} labels: 0 background, {@code class + 1} foreground
     * @param regression {@code 4·S} numbers: for foreground the encoding of the matched GT against the
     *     roi, 0 for background
     * @param foreground the number of foreground rois, at the front
     */
    public record Sample(float[] rois, int[] labels, float[] regression, int foreground) {
        /** @return the number of sampled rois {@code S} */
        public int count() {
            return labels.length;
        }
    }

    /**
     * Appends the GT to the proposals, matches, samples and encodes, as in the class comment.
     *
     * @param proposals {@code 4·P} numbers, the RPN proposals xyxy in input pixels (see
     *     {@link ProposalGenerator}); finite; {@code P} may be 0
     * @param gt {@code 4·M} numbers, the GT boxes xyxy in input pixels, each with width and height
     *     &gt; 0; {@code M} may be 0
     * @param gtClasses {@code M} class ids in {@code [0, C)}
     * @param random source of randomness of the sampler
     * @return the sampled rois, their labels and regression targets
     * @throws IllegalArgumentException on inconsistent lengths, non-finite numbers, a GT box with width or
     *     height ≤ 0 or a negative class id (each named by index)
     */
    public Sample sample(float[] proposals, float[] gt, int[] gtClasses, Random random) {
        int p = RcnnBoxes.count(proposals, "proposals");
        int m = RcnnBoxes.countPositive(gt, "gt");
        Objects.requireNonNull(gtClasses, "gtClasses");
        if (gtClasses.length != m) {
            throw new IllegalArgumentException("ProposalTargets: " + m + " GT boxes but " + gtClasses.length
                    + " class ids");
        }
        for (int j = 0; j < m; j++) {
            if (gtClasses[j] < 0 || gtClasses[j] == Integer.MAX_VALUE) {
                throw new IllegalArgumentException("ProposalTargets: GT " + j + " has class id " + gtClasses[j]);
            }
        }
        float[] candidates = new float[4 * (p + m)];
        System.arraycopy(proposals, 0, candidates, 0, 4 * p);
        System.arraycopy(gt, 0, candidates, 4 * p, 4 * m);
        int[] matches = matcher.match(candidates, gt);
        BalancedSampler.Sample s = sampler.sample(matches, random);
        int fg = s.positives().length;
        int count = s.count();
        float[] rois = new float[4 * count];
        int[] labels = new int[count];
        float[] regression = new float[4 * count];
        int r = 0;
        for (int i : s.positives()) {
            System.arraycopy(candidates, 4 * i, rois, 4 * r, 4);
            labels[r] = gtClasses[matches[i]] + 1;
            coder.encode(candidates, 4 * i, gt, 4 * matches[i], regression, 4 * r);
            r++;
        }
        for (int i : s.negatives()) {
            System.arraycopy(candidates, 4 * i, rois, 4 * r, 4);
            r++;
        }
        return new Sample(rois, labels, regression, fg);
    }

    @Override
    public String toString() {
        return "ProposalTargets(" + matcher + ", " + sampler + ", " + coder + ")";
    }
}
