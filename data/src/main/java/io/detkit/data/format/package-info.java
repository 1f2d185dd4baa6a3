/**
 * Reading and writing detection datasets: COCO JSON, Pascal VOC XML, YOLO txt (with Ultralytics
 * data YAMLs) and dlib XML (read only), through {@link io.detkit.data.format.Datasets}. Every
 * reader produces the one in-memory model, {@link io.detkit.data.DetectionDataset}, together with
 * where each record came from and the problems found, so that
 * {@link io.detkit.data.validate.Validator} can report them by file and line.
 */
package io.detkit.data.format;
