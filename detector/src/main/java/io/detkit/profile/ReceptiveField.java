package io.detkit.profile;

import java.util.List;

/**
 * The receptive field of one output element of a layer, and the cumulative stride of its output,
 * both in input pixels, along height and width.
 *
 * <p>The input itself has a receptive field of 1 and a stride of 1. A layer with window
 * (k, s, d) turns (r, j) into (r + d·(k − 1)·j, j·s). Two branches that meet (a residual sum, a
 * concatenation) give the larger field when their strides agree; otherwise the field is not
 * defined.
 *
 * @param height receptive field height
 * @param width receptive field width
 * @param strideHeight cumulative stride along the height (distance in input pixels between
 *     neighbouring outputs)
 * @param strideWidth cumulative stride along the width
 */
public record ReceptiveField(long height, long width, long strideHeight, long strideWidth) {

    /** The receptive field of the network input: one pixel, stride one. */
    public static final ReceptiveField INPUT = new ReceptiveField(1, 1, 1, 1);

    /**
     * The receptive field after a layer with the given window.
     *
     * @param w the layer's window
     * @return the new receptive field
     */
    public ReceptiveField apply(Window w) {
        return new ReceptiveField(
                Math.addExact(height, Math.multiplyExact(w.dilationHeight() * (w.kernelHeight() - 1), strideHeight)),
                Math.addExact(width, Math.multiplyExact(w.dilationWidth() * (w.kernelWidth() - 1), strideWidth)),
                Math.multiplyExact(strideHeight, w.strideHeight()),
                Math.multiplyExact(strideWidth, w.strideWidth()));
    }

    /**
     * The receptive field where branches meet: the largest field, if every branch has one and all
     * strides agree.
     *
     * @param branches the branches' receptive fields (elements may be {@code null})
     * @return the merged field, or {@code null} when it is not defined
     */
    public static ReceptiveField merge(List<ReceptiveField> branches) {
        if (branches.isEmpty()) {
            return null;
        }
        ReceptiveField first = branches.get(0);
        if (first == null) {
            return null;
        }
        long h = first.height, w = first.width;
        for (ReceptiveField b : branches) {
            if (b == null || b.strideHeight != first.strideHeight || b.strideWidth != first.strideWidth) {
                return null;
            }
            h = Math.max(h, b.height);
            w = Math.max(w, b.width);
        }
        return new ReceptiveField(h, w, first.strideHeight, first.strideWidth);
    }

    /**
     * The field as text: {@code 7} for a square field, {@code 7x3} otherwise.
     *
     * @return the field size
     */
    public String sizeText() {
        return height == width ? Long.toString(height) : height + "x" + width;
    }

    /**
     * The stride as text: {@code 8} when equal along both axes, {@code 8x4} otherwise.
     *
     * @return the cumulative stride
     */
    public String strideText() {
        return strideHeight == strideWidth ? Long.toString(strideHeight) : strideHeight + "x" + strideWidth;
    }
}
