package io.detkit.data.format;

/** What a writer does with the image files of the dataset it writes. */
public enum ImageMode {
    /**
     * Leave the images where they are and refer to them: COCO {@code file_name} is relative to the
     * common folder of the images (written as {@code info.images_root} too); VOC writes the absolute
     * {@code <path>}. Not possible for YOLO, whose labels must sit next to the images.
     */
    REFERENCE,
    /** Put a symbolic link to each image under the output folder (a copy where links are not possible). */
    LINK,
    /** Copy each image under the output folder. */
    COPY
}
