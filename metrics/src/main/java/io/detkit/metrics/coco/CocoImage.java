package io.detkit.metrics.coco;

/**
 * A COCO image record.
 *
 * @param id the image id
 * @param fileName the file name, may be empty
 * @param width width in pixels, 0 when unknown
 * @param height height in pixels, 0 when unknown
 */
public record CocoImage(long id, String fileName, int width, int height) {}
