package io.detkit.report;

import io.detkit.metrics.coco.CocoImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the image file of a COCO image record, for the gallery of worst images. A report without
 * images is complete otherwise: the gallery is left out with a note.
 */
@FunctionalInterface
public interface ImageLocator {
    /** A locator that finds nothing. */
    ImageLocator NONE = image -> Optional.empty();

    /**
     * @param image an image of the ground truth
     * @return its file, when it exists
     */
    Optional<Path> locate(CocoImage image);

    /**
     * Images listed by id (e.g. the samples of a dataset).
     *
     * @param files image id → file
     * @return the locator; an id not in the map, or a file that does not exist, is not found
     */
    static ImageLocator of(Map<Long, Path> files) {
        Map<Long, Path> copy = Map.copyOf(files);
        return image -> Optional.ofNullable(copy.get(image.id())).filter(Files::isRegularFile);
    }

    /**
     * Resolves {@code file_name} against each folder in turn; the first existing file wins.
     *
     * @param folders the folders to try, in order
     * @return the locator
     */
    static ImageLocator inFolders(List<Path> folders) {
        List<Path> copy = List.copyOf(folders);
        return image -> {
            if (image.fileName() == null || image.fileName().isEmpty()) {
                return Optional.empty();
            }
            for (Path dir : copy) {
                Path p = dir.resolve(image.fileName());
                if (Files.isRegularFile(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        };
    }

    /**
     * The folders where the images of a COCO ground-truth file usually are, most specific first:
     * {@code imagesDir} when given; else, with {@code G} the GT file's folder and {@code S} the split
     * named by a GT file {@code instances_S.json}: {@code G}, {@code G/images}, {@code G/images/S},
     * {@code G/../images/S}, {@code G/../S}, {@code G/../images}, {@code G/..} (the layouts of COCO,
     * Ultralytics' coco128 and {@code detkit synth}).
     *
     * @param gtFile the COCO ground-truth file
     * @param imagesDir a folder given by the user, or null
     * @return the locator
     */
    static ImageLocator forGroundTruthFile(Path gtFile, Path imagesDir) {
        if (imagesDir != null) {
            return inFolders(List.of(imagesDir));
        }
        Path g = gtFile.toAbsolutePath().getParent();
        String name = gtFile.getFileName().toString();
        String split = name.startsWith("instances_") && name.endsWith(".json")
                ? name.substring("instances_".length(), name.length() - ".json".length()) : null;
        Set<Path> dirs = new LinkedHashSet<>();
        dirs.add(g);
        dirs.add(g.resolve("images"));
        Path up = g.getParent();
        if (split != null && !split.isEmpty()) {
            dirs.add(g.resolve("images").resolve(split));
            if (up != null) {
                dirs.add(up.resolve("images").resolve(split));
                dirs.add(up.resolve(split));
            }
        }
        if (up != null) {
            dirs.add(up.resolve("images"));
            dirs.add(up);
        }
        List<Path> existing = new ArrayList<>();
        for (Path d : dirs) {
            if (Files.isDirectory(d)) {
                existing.add(d);
            }
        }
        return inFolders(existing);
    }
}
