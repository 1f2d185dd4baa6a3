package io.detkit.detector.nn;

import ai.djl.ndarray.NDArray;

/**
 * Arithmetic between an array and a constant that is safe to differentiate on DJL's PyTorch
 * engine.
 *
 * <p><b>Why this exists.</b> DJL's {@code NDArray.mul(Number)}, {@code div(Number)},
 * {@code pow(Number)}, {@code maximum(Number)} and {@code minimum(Number)} wrap the number in a
 * 0-d tensor backed by a Java direct buffer and close that tensor as soon as the op returns. The
 * PyTorch autograd graph, however, keeps the tensor for the backward pass ({@code MulBackward}
 * saves the other factor, {@code DivBackward} the divisor, {@code PowBackward} the exponent,
 * {@code Maximum/MinimumBackward} both operands). After the close nothing on the Java side
 * references the buffer; once the garbage collector frees it, the backward pass reads whatever the
 * allocator put there next — gradients of 1e31 or NaN in random layers, or a crash, depending on
 * GC timing. {@code add(Number)} and {@code sub(Number)} are safe (their backward saves nothing).
 *
 * <p>The methods here create the constant in the manager of {@code x} and leave it open, so it
 * lives exactly as long as the arrays of the step that uses it. Use them for every constant in a
 * forward pass or a loss; plain {@code mul(Number)} is fine only where no gradient is recorded.
 */
public final class ScalarOps {
    private ScalarOps() {}

    /**
     * A constant owned by the manager of {@code like} (same device, float32).
     *
     * @param like the array whose manager owns the constant
     * @param value the value
     * @return a 0-d array that stays open until that manager closes
     */
    public static NDArray constant(NDArray like, float value) {
        return like.getManager().create(value).toDevice(like.getDevice(), false);
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code x · c}
     */
    public static NDArray mul(NDArray x, float c) {
        return x.mul(constant(x, c));
    }

    /**
     * @param x the array
     * @param c the constant (non-zero)
     * @return {@code x / c}
     */
    public static NDArray div(NDArray x, float c) {
        return x.div(constant(x, c));
    }

    /**
     * @param x the array
     * @param c the exponent
     * @return {@code x^c} elementwise
     */
    public static NDArray pow(NDArray x, float c) {
        return x.pow(constant(x, c));
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code max(x, c)} elementwise
     */
    public static NDArray maximum(NDArray x, float c) {
        return x.maximum(constant(x, c));
    }

    /**
     * @param x the array
     * @param c the constant
     * @return {@code min(x, c)} elementwise
     */
    public static NDArray minimum(NDArray x, float c) {
        return x.minimum(constant(x, c));
    }
}
