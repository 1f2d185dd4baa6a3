package io.detkit.profile;

/**
 * What a {@link LayerCounter} says about one layer.
 *
 * @param kind what the layer does
 * @param macs multiply-accumulates (one multiply-add = 1); non-zero only for contractions
 *     (convolution, fully connected, matrix products)
 * @param otherOps the layer's other arithmetic (pool comparisons and sums, normalization,
 *     activations, element-wise sums), kept out of {@code macs}
 * @param window the layer's sliding-window geometry for the receptive field, or {@code null} when
 *     the receptive field is not defined after this layer
 * @param note something the reader of the report should know about this count (for example that
 *     a pool's geometry could not be read), or {@code null}; notes are listed as warnings
 */
public record LayerCount(LayerKind kind, long macs, long otherOps, Window window, String note) {

    /** Checks the values. */
    public LayerCount {
        if (kind == null) {
            throw new IllegalArgumentException("kind is required");
        }
        if (macs < 0 || otherOps < 0) {
            throw new IllegalArgumentException("negative count: macs " + macs + ", other ops " + otherOps);
        }
    }

    /**
     * A count without a note.
     *
     * @param kind what the layer does
     * @param macs multiply-accumulates
     * @param otherOps other arithmetic
     * @param window sliding-window geometry, or {@code null}
     */
    public LayerCount(LayerKind kind, long macs, long otherOps, Window window) {
        this(kind, macs, otherOps, window, null);
    }

    /**
     * An element-wise layer of the given kind: the receptive field passes through.
     *
     * @param kind the kind
     * @param otherOps the layer's element-wise operations
     * @return the count
     */
    public static LayerCount elementwise(LayerKind kind, long otherOps) {
        return new LayerCount(kind, 0, otherOps, Window.IDENTITY);
    }

    /**
     * A layer with no arithmetic at all that keeps the receptive field (identity, dropout).
     *
     * @param kind the kind
     * @return the count
     */
    public static LayerCount free(LayerKind kind) {
        return new LayerCount(kind, 0, 0, Window.IDENTITY);
    }
}
