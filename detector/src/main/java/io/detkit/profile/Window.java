package io.detkit.profile;

/**
 * The sliding-window geometry of a 2-D layer, as far as the receptive field is concerned: kernel,
 * stride and dilation along height and width. Padding moves a receptive field but does not change
 * its size, so it is not part of the window.
 *
 * <p>An element-wise layer is {@link #IDENTITY} (a 1×1 window with stride 1). A layer after which
 * the receptive field is not defined (flatten, fully connected, global pooling) has no window
 * ({@code null} in {@link LayerCount#window()}).
 *
 * @param kernelHeight kernel height, at least 1
 * @param kernelWidth kernel width, at least 1
 * @param strideHeight stride along the height, at least 1
 * @param strideWidth stride along the width, at least 1
 * @param dilationHeight dilation along the height, at least 1
 * @param dilationWidth dilation along the width, at least 1
 */
public record Window(long kernelHeight, long kernelWidth, long strideHeight, long strideWidth,
        long dilationHeight, long dilationWidth) {

    /** The window of an element-wise layer: the receptive field and the stride do not change. */
    public static final Window IDENTITY = new Window(1, 1, 1, 1, 1, 1);

    /** Checks that every value is at least 1. */
    public Window {
        if (kernelHeight < 1 || kernelWidth < 1 || strideHeight < 1 || strideWidth < 1
                || dilationHeight < 1 || dilationWidth < 1) {
            throw new IllegalArgumentException("window values must be at least 1: " + kernelHeight + "x" + kernelWidth
                    + " stride " + strideHeight + "x" + strideWidth + " dilation " + dilationHeight + "x" + dilationWidth);
        }
    }

    /**
     * A square window without dilation.
     *
     * @param kernel kernel size
     * @param stride stride
     * @return the window
     */
    public static Window of(long kernel, long stride) {
        return new Window(kernel, kernel, stride, stride, 1, 1);
    }

    /**
     * A window without dilation.
     *
     * @param kernelHeight kernel height
     * @param kernelWidth kernel width
     * @param strideHeight stride along the height
     * @param strideWidth stride along the width
     * @return the window
     */
    public static Window of(long kernelHeight, long kernelWidth, long strideHeight, long strideWidth) {
        return new Window(kernelHeight, kernelWidth, strideHeight, strideWidth, 1, 1);
    }
}
