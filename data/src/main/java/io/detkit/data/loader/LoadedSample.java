package io.detkit.data.loader;

/**
 * One training-ready sample: a planar float image and its targets, in the coordinates of that
 * image. Produced on a worker thread by a {@link LoadedSampleSource}; batched by {@link BatchLoader}.
 *
 * @param pixels planar {@code 3·height·width} floats, channel order RGB, values in [0, 1]
 * @param height image height
 * @param width image width
 * @param boxes xyxy boxes in this image's pixels, {@code 4·n}
 * @param classIds class index per box
 * @param ignore ignore flag per box (crowd / difficult)
 * @param imageId the source image's id (for evaluation)
 * @param meta anything the consumer needs to map predictions back (e.g. a letterbox transform); may be null
 */
public record LoadedSample(float[] pixels, int height, int width, float[] boxes, int[] classIds, boolean[] ignore,
        long imageId, Object meta) {

    /** Checks array lengths. */
    public LoadedSample {
        if (pixels.length != 3 * height * width) {
            throw new IllegalArgumentException("pixels length " + pixels.length + " != 3·" + height + "·" + width);
        }
        int n = classIds.length;
        if (boxes.length != 4 * n || ignore.length != n) {
            throw new IllegalArgumentException("boxes/classIds/ignore lengths disagree");
        }
    }

    /** @return number of boxes */
    public int boxCount() {
        return classIds.length;
    }
}
