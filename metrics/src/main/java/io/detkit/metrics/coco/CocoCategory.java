package io.detkit.metrics.coco;

/**
 * A COCO category.
 *
 * @param id the category id (COCO ids need not be contiguous)
 * @param name the category name
 * @param supercategory the supercategory, may be empty
 */
public record CocoCategory(int id, String name, String supercategory) {}
