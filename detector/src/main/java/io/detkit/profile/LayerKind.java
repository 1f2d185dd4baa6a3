package io.detkit.profile;

/**
 * What a profiled layer does, as far as counting is concerned. Only {@link #CONV}, {@link #LINEAR}
 * and {@link #MATMUL} layers report multiply-accumulates; every other kind reports its work as
 * "other ops", kept out of the headline MAC figure (see {@link CountingRules}).
 */
public enum LayerKind {
    /** A convolution (any dimensionality, any groups). */
    CONV,
    /** A fully connected layer. */
    LINEAR,
    /** Another contraction a custom counter reports as multiply-adds (attention products, einsum). */
    MATMUL,
    /** Batch / layer normalization. */
    NORM,
    /** Max, average, Lp, global or adaptive pooling. */
    POOL,
    /** A point-wise non-linearity (ReLU, SiLU, sigmoid, ...). */
    ACTIVATION,
    /** Another element-wise operation (scale, multiply by a gate, ...). */
    ELEMENTWISE,
    /** The join of a {@code ParallelBlock}: an element-wise sum, a concatenation, or another merge. */
    MERGE,
    /** Shape only: identity, flatten, reshape. */
    RESHAPE,
    /** Dropout (identity at inference). */
    DROPOUT,
    /** A block a custom counter profiles as one layer, children included. */
    COMPOSITE,
    /** No rule knows this block: zero MACs and zero other ops, shapes still propagated. */
    UNKNOWN
}
