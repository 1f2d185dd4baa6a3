package io.detkit.data.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The implementation of {@link Format#detect}. */
final class FormatDetector {
    private FormatDetector() {}

    static Format detect(Path path) throws IOException {
        if (!Files.exists(path)) {
            throw new DatasetFormatException(path + ": not found");
        }
        if (Files.isRegularFile(path)) {
            String ext = ImageFiles.extension(path.getFileName().toString());
            return switch (ext) {
                case "json" -> Format.COCO;
                case "yaml", "yml" -> Format.YOLO;
                case "xml" -> "dataset".equals(XmlTree.rootName(path)) ? Format.DLIB : Format.VOC;
                default -> throw new DatasetFormatException(path + ": cannot tell the annotation format of a ." + ext
                        + " file (expected .json, .yaml or .xml); name the format");
            };
        }
        if (Files.isDirectory(path.resolve("Annotations"))
                && !ImageFiles.listFiles(path.resolve("Annotations"), ".xml", false).isEmpty()) {
            return Format.VOC;
        }
        List<Path> yamls = ImageFiles.listFiles(path, ".yaml", false);
        if (!yamls.isEmpty() || !ImageFiles.listFiles(path, ".yml", false).isEmpty()
                || Files.isDirectory(path.resolve("images")) && Files.isDirectory(path.resolve("labels"))) {
            return Format.YOLO;
        }
        List<Path> xmls = ImageFiles.listFiles(path, ".xml", false);
        if (!xmls.isEmpty()) {
            boolean dlib = xmls.stream().allMatch(x -> !"annotation".equals(XmlTree.rootName(x)))
                    && xmls.stream().anyMatch(x -> "dataset".equals(XmlTree.rootName(x)));
            return dlib ? Format.DLIB : Format.VOC;
        }
        if (!ImageFiles.listFiles(path, ".txt", false).stream()
                .filter(p -> !NamesFile.CANDIDATES.contains(p.getFileName().toString())).toList().isEmpty()) {
            return Format.YOLO;
        }
        if (cocoJson(path) != null) {
            return Format.COCO;
        }
        throw new DatasetFormatException(path + ": cannot tell the annotation format of this folder (no Annotations/*.xml,"
                + " data YAML, images/ + labels/, label .txt files or COCO JSON); name the format");
    }

    /** The one JSON file of a folder or of its {@code annotations/} folder, or null. */
    static Path cocoJson(Path dir) throws IOException {
        for (Path d : new Path[] {dir, dir.resolve("annotations")}) {
            if (Files.isDirectory(d)) {
                List<Path> jsons = ImageFiles.listFiles(d, ".json", false);
                if (jsons.size() == 1) {
                    return jsons.get(0);
                }
            }
        }
        return null;
    }

    /** The dlib XML file of a folder (the one XML whose root is {@code <dataset>}), or null. */
    static Path dlibXml(Path dir) throws IOException {
        List<Path> xmls = ImageFiles.listFiles(dir, ".xml", false).stream()
                .filter(p -> "dataset".equals(XmlTree.rootName(p))).toList();
        return xmls.size() == 1 ? xmls.get(0) : null;
    }
}
