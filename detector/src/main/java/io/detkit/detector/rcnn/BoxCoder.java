package io.detkit.detector.rcnn;

import java.util.Objects;

/**
 * The {@code (dx, dy, dw, dh)} box encoding of R-CNN (Girshick et al. 2014), with weights
 * {@code (wx, wy, ww, wh)}, as torchvision's {@code BoxCoder}.
 *
 * <p>A reference box {@code p} (anchor or proposal) and a target box {@code g}, both xyxy, have widths
 * {@code p_w = x2 − x1}, heights {@code p_h = y2 − y1} and centres {@code p_x = x1 + p_w/2},
 * {@code p_y = y1 + p_h/2} (no "+1 pixel"). The encoding is
 *
 * <pre>
 *   dx = wx·(g_x − p_x)/p_w     dy = wy·(g_y − p_y)/p_h
 *   dw = ww·ln(g_w/p_w)         dh = wh·ln(g_h/p_h)
 * </pre>
 *
 * and decoding inverts it: {@code c_x = p_x + (dx/wx)·p_w}, {@code c_y = p_y + (dy/wy)·p_h},
 * {@code w = p_w·exp(min(dw/ww, C))}, {@code h = p_h·exp(min(dh/wh, C))}, box
 * {@code (c_x − w/2, c_y − h/2, c_x + w/2, c_y + h/2)}, where {@code C = }{@link #DEFAULT_CLAMP} keeps
 * {@code exp} from overflowing on a wild prediction (a box at most 1000/16 = 62.5 times the
 * reference). The clamp is one-sided, as torchvision's. Arithmetic is in double precision, stored
 * as float. RPN uses weights {@code (1, 1, 1, 1)}, the Fast R-CNN box head {@code (10, 10, 5, 5)}.
 *
 * <p>Immutable and thread-safe.
 */
public final class BoxCoder {
    /** The upper clamp {@code C = ln(1000/16) ≈ 4.135} of {@code dw/ww} and {@code dh/wh} before {@code exp}, as torchvision. */
    public static final float DEFAULT_CLAMP = (float) Math.log(1000.0 / 16);

    private final float wx;
    private final float wy;
    private final float ww;
    private final float wh;

    /**
     * Creates a coder.
     *
     * @param wx weight of {@code dx}, finite and &gt; 0
     * @param wy weight of {@code dy}, finite and &gt; 0
     * @param ww weight of {@code dw}, finite and &gt; 0
     * @param wh weight of {@code dh}, finite and &gt; 0
     * @throws IllegalArgumentException if a weight is not finite and &gt; 0
     */
    public BoxCoder(float wx, float wy, float ww, float wh) {
        for (float w : new float[] {wx, wy, ww, wh}) {
            if (!(w > 0) || !Float.isFinite(w)) {
                throw new IllegalArgumentException("BoxCoder: weights must be finite and > 0, got (" + wx + ", " + wy
                        + ", " + ww + ", " + wh + ")");
            }
        }
        this.wx = wx;
        this.wy = wy;
        this.ww = ww;
        this.wh = wh;
    }

    /** @return the weights {@code (wx, wy, ww, wh)} as a new array */
    public float[] weights() {
        return new float[] {wx, wy, ww, wh};
    }

    /**
     * Encodes one target box against one reference box:
     * {@code dx = wx·(g_x − p_x)/p_w}, {@code dy = wy·(g_y − p_y)/p_h}, {@code dw = ww·ln(g_w/p_w)},
     * {@code dh = wh·ln(g_h/p_h)}, with centres and sizes as in the class comment.
     *
     * @param ref array holding the reference box {@code p}, xyxy at {@code ref[refOff..refOff+3]}
     * @param refOff offset of the reference box
     * @param gt array holding the target box {@code g}, xyxy at {@code gt[gtOff..gtOff+3]}
     * @param gtOff offset of the target box
     * @param out where to write {@code dx, dy, dw, dh}
     * @param outOff offset of the four outputs
     * @throws IllegalArgumentException if either box has a width or height that is not &gt; 0 (the
     *     logarithm would be undefined) or a coordinate that is not finite
     */
    public void encode(float[] ref, int refOff, float[] gt, int gtOff, float[] out, int outOff) {
        double pw = (double) ref[refOff + 2] - ref[refOff];
        double ph = (double) ref[refOff + 3] - ref[refOff + 1];
        double gw = (double) gt[gtOff + 2] - gt[gtOff];
        double gh = (double) gt[gtOff + 3] - gt[gtOff + 1];
        if (!(pw > 0 && ph > 0 && gw > 0 && gh > 0) || !Double.isFinite(pw + ph + gw + gh)) {
            throw new IllegalArgumentException("BoxCoder.encode: reference box at " + refOff + " is " + pw + "×" + ph
                    + " and target box at " + gtOff + " is " + gw + "×" + gh
                    + "; both need finite width and height > 0");
        }
        double px = ref[refOff] + 0.5 * pw, py = ref[refOff + 1] + 0.5 * ph;
        double gx = gt[gtOff] + 0.5 * gw, gy = gt[gtOff + 1] + 0.5 * gh;
        out[outOff] = (float) (wx * (gx - px) / pw);
        out[outOff + 1] = (float) (wy * (gy - py) / ph);
        out[outOff + 2] = (float) (ww * Math.log(gw / pw));
        out[outOff + 3] = (float) (wh * Math.log(gh / ph));
    }

    /**
     * Decodes one box: {@code c_x = p_x + (dx/wx)·p_w}, {@code c_y = p_y + (dy/wy)·p_h},
     * {@code w = p_w·exp(min(dw/ww, C))}, {@code h = p_h·exp(min(dh/wh, C))} with
     * {@code C = }{@link #DEFAULT_CLAMP}; writes {@code (c_x − w/2, c_y − h/2, c_x + w/2, c_y + h/2)}.
     * A reference box of zero width or height decodes to a box of zero width or height.
     *
     * @param ref array holding the reference box {@code p}, xyxy at {@code ref[refOff..refOff+3]}
     * @param refOff offset of the reference box
     * @param deltas array holding {@code dx, dy, dw, dh} at {@code deltas[deltaOff..deltaOff+3]}
     * @param deltaOff offset of the deltas
     * @param out where to write the decoded box, xyxy
     * @param outOff offset of the four outputs
     * @throws IllegalArgumentException if a delta or a reference coordinate is NaN or infinite
     */
    public void decode(float[] ref, int refOff, float[] deltas, int deltaOff, float[] out, int outOff) {
        float dx = deltas[deltaOff], dy = deltas[deltaOff + 1], dw = deltas[deltaOff + 2], dh = deltas[deltaOff + 3];
        if (!Float.isFinite(dx) || !Float.isFinite(dy) || !Float.isFinite(dw) || !Float.isFinite(dh)) {
            throw new IllegalArgumentException("BoxCoder.decode: non-finite deltas (" + dx + ", " + dy + ", " + dw
                    + ", " + dh + ") at " + deltaOff);
        }
        double x1 = ref[refOff], y1 = ref[refOff + 1];
        double pw = ref[refOff + 2] - x1, ph = ref[refOff + 3] - y1;
        if (!Double.isFinite(pw) || !Double.isFinite(ph)) {
            throw new IllegalArgumentException("BoxCoder.decode: non-finite reference box at " + refOff);
        }
        double cx = x1 + 0.5 * pw + (dx / (double) wx) * pw;
        double cy = y1 + 0.5 * ph + (dy / (double) wy) * ph;
        double hw = 0.5 * pw * Math.exp(Math.min(dw / (double) ww, DEFAULT_CLAMP));
        double hh = 0.5 * ph * Math.exp(Math.min(dh / (double) wh, DEFAULT_CLAMP));
        out[outOff] = (float) (cx - hw);
        out[outOff + 1] = (float) (cy - hh);
        out[outOff + 2] = (float) (cx + hw);
        out[outOff + 3] = (float) (cy + hh);
    }

    /**
     * {@link #encode} of box {@code i} of {@code gts} against box {@code i} of {@code refs}, for all
     * {@code i}.
     *
     * @param refs {@code 4·n} numbers, the reference boxes xyxy
     * @param gts {@code 4·n} numbers, the target boxes xyxy
     * @return {@code 4·n} numbers, {@code dx, dy, dw, dh} of each pair
     * @throws IllegalArgumentException if the lengths differ or are not a multiple of 4, or as {@link #encode}
     */
    public float[] encodeAll(float[] refs, float[] gts) {
        checkPair(refs, gts, "gts");
        float[] out = new float[refs.length];
        for (int o = 0; o < refs.length; o += 4) {
            encode(refs, o, gts, o, out, o);
        }
        return out;
    }

    /**
     * {@link #decode} of deltas {@code i} against box {@code i} of {@code refs}, for all {@code i}.
     *
     * @param refs {@code 4·n} numbers, the reference boxes xyxy
     * @param deltas {@code 4·n} numbers, {@code dx, dy, dw, dh} per box
     * @return {@code 4·n} numbers, the decoded boxes xyxy
     * @throws IllegalArgumentException if the lengths differ or are not a multiple of 4, or as {@link #decode}
     */
    public float[] decodeAll(float[] refs, float[] deltas) {
        checkPair(refs, deltas, "deltas");
        float[] out = new float[refs.length];
        for (int o = 0; o < refs.length; o += 4) {
            decode(refs, o, deltas, o, out, o);
        }
        return out;
    }

    private static void checkPair(float[] refs, float[] other, String name) {
        Objects.requireNonNull(refs, "refs");
        Objects.requireNonNull(other, name);
        if (refs.length != other.length || refs.length % 4 != 0) {
            throw new IllegalArgumentException("BoxCoder: refs has " + refs.length + " numbers and " + name + " "
                    + other.length + "; need the same multiple of 4");
        }
    }

    @Override
    public String toString() {
        return "BoxCoder(" + wx + ", " + wy + ", " + ww + ", " + wh + ")";
    }
}
