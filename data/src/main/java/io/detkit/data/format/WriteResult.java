package io.detkit.data.format;

import java.nio.file.Path;

/**
 * What a writer wrote.
 *
 * @param location the path to read the written dataset back from (the COCO JSON, the YOLO data
 *     YAML, the VOC folder)
 * @param images images written (label files, XML files or COCO image records)
 * @param boxes boxes written
 * @param skippedIgnoredBoxes ignored boxes (crowd/difficult) not written because the format has no
 *     ignore flag (YOLO); 0 for the other formats
 * @param placedImages images linked or copied under the output folder
 * @param imagesRoot the folder that image paths in the output are relative to
 */
public record WriteResult(Path location, int images, int boxes, int skippedIgnoredBoxes, int placedImages,
        Path imagesRoot) {}
