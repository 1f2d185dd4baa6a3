package io.detkit.data.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The annotation formats detkit reads (all) and writes (all but {@link #DLIB}). */
public enum Format {
    /** COCO JSON ({@code instances_*.json}): one file for all images. */
    COCO(true),
    /** Pascal VOC XML: one file per image ({@code Annotations/*.xml}, or a flat folder of XML files). */
    VOC(true),
    /** YOLO txt: one label file per image, normalised {@code class cx cy w h}; an Ultralytics data YAML. */
    YOLO(true),
    /** dlib imglab XML ({@code <images><image file><box top left width height/>}); read only. */
    DLIB(false);

    private final boolean writable;

    Format(boolean writable) {
        this.writable = writable;
    }

    /** @return true when detkit can write this format */
    public boolean writable() {
        return writable;
    }

    /** @return the lower-case name used on the command line */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a format name (case-insensitive; {@code pascal} and {@code pascalvoc} mean VOC,
     * {@code ultralytics} and {@code darknet} mean YOLO).
     *
     * @param name the name
     * @return the format
     * @throws IllegalArgumentException for an unknown name
     */
    public static Format parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "coco", "json" -> COCO;
            case "voc", "pascal", "pascalvoc", "pascal-voc" -> VOC;
            case "yolo", "ultralytics", "darknet" -> YOLO;
            case "dlib", "imglab" -> DLIB;
            default -> throw new IllegalArgumentException("unknown format '" + name + "' (expected coco, voc, yolo or dlib)");
        };
    }

    /**
     * Tells the format of a path: a {@code .json} file is COCO; a {@code .yaml}/{@code .yml} file is
     * a YOLO data YAML; an {@code .xml} file is dlib when its root element is {@code <dataset>},
     * else VOC; a folder with {@code Annotations/*.xml} or with VOC XML files is VOC; a folder with a
     * data YAML, with {@code images/} and {@code labels/}, or with {@code .txt} label files is YOLO;
     * a folder with one COCO JSON (directly or under {@code annotations/}) is COCO.
     *
     * @param path a file or folder
     * @return its format
     * @throws DatasetFormatException when the path does not exist or its format cannot be told
     * @throws IOException if the folder cannot be listed
     */
    public static Format detect(Path path) throws IOException {
        return FormatDetector.detect(path);
    }
}
