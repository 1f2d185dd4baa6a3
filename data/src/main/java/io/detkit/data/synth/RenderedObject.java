package io.detkit.data.synth;

/**
 * One labelled shape of a rendered image. The box is the tight box of the shape's visible pixels
 * in pixel-edge coordinates: pixel {@code (x, y)} covers {@code [x, x+1) × [y, y+1)}, so
 * {@code x2 − x1} is the number of pixel columns the visible shape spans.
 *
 * @param shape the class
 * @param colour the colour the shape was painted with (before noise)
 * @param x1 left edge (the leftmost visible column)
 * @param y1 top edge (the topmost visible row)
 * @param x2 right edge (the rightmost visible column + 1)
 * @param y2 bottom edge (the bottom visible row + 1)
 * @param visiblePixels pixels of the shape that no later shape covers
 * @param fullPixels pixels the shape painted
 */
record RenderedObject(ShapeClass shape, Bgr colour, int x1, int y1, int x2, int y2, int visiblePixels, int fullPixels) {

    /** @return box area {@code (x2 − x1)·(y2 − y1)} */
    int boxArea() {
        return (x2 - x1) * (y2 - y1);
    }
}
