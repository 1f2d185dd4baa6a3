package io.detkit.data.synth;

/**
 * The geometry of one shape before it is drawn.
 *
 * @param shape the class
 * @param cx centre x in OpenCV's pixel coordinates (pixel {@code (x, y)} is centred on the integer point)
 * @param cy centre y in the same coordinates
 * @param radius circumscribed radius in pixels
 * @param rotation rotation in radians
 * @param inner the class's second proportion: the star's inner radius, the cross's arm half-width,
 *     the ring's hole radius, each as a fraction of {@code radius}; unused for the others
 */
record ShapeSpec(ShapeClass shape, double cx, double cy, double radius, double rotation, double inner) {}
