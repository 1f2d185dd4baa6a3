package io.detkit.data.format;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

/** Image file names, folder listings and image placement for the writers. */
final class ImageFiles {
    /** The image suffixes Ultralytics accepts (its {@code IMG_FORMATS}). */
    static final Set<String> EXTENSIONS = Set.of("bmp", "dng", "jpeg", "jpg", "mpo", "png", "tif", "tiff", "webp", "pfm",
            "heic");

    private ImageFiles() {}

    static boolean isImage(Path p) {
        return EXTENSIONS.contains(extension(p.getFileName().toString()));
    }

    static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The file name without its last suffix. */
    static String stem(Path p) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Replaces the last suffix of a path (or adds one). */
    static Path withSuffix(Path p, String suffix) {
        return p.resolveSibling(stem(p) + suffix);
    }

    /** The image files under a folder, recursively, sorted by path. */
    static List<Path> listImages(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && isImage(p)).sorted().toList();
        }
    }

    /** Files with a suffix under a folder, recursively, sorted by path. */
    static List<Path> listFiles(Path dir, String suffix, boolean recursive) throws IOException {
        try (Stream<Path> s = recursive ? Files.walk(dir) : Files.list(dir)) {
            return s.filter(p -> Files.isRegularFile(p)
                    && p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(suffix)).sorted().toList();
        }
    }

    /** An image with the given stem in a folder (any image suffix), or null. */
    static Path findByStem(Path dir, String stem) {
        for (String ext : new String[] {"jpg", "jpeg", "png", "JPG", "JPEG", "PNG", "bmp", "tif", "tiff", "webp"}) {
            Path p = dir.resolve(stem + "." + ext);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }

    /** The deepest folder that holds all the paths (absolute, normalised). */
    static Path commonRoot(List<Path> files) {
        Path root = null;
        for (Path f : files) {
            Path dir = f.toAbsolutePath().normalize().getParent();
            if (root == null) {
                root = dir;
            } else {
                while (!dir.startsWith(root)) {
                    root = root.getParent();
                }
            }
        }
        return root == null ? Path.of("").toAbsolutePath() : root;
    }

    /** The path of a file relative to a root, with forward slashes. */
    static String relative(Path root, Path file) {
        return root.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /**
     * Puts an image at {@code target} by link or copy; does nothing when the target already is that
     * image or the source does not exist.
     *
     * @return true when the image was placed
     */
    static boolean place(Path source, Path target, ImageMode mode) throws IOException {
        if (mode == ImageMode.REFERENCE || !Files.isRegularFile(source)) {
            return false;
        }
        if (Files.exists(target) && Files.isSameFile(source, target)) {
            return false;
        }
        Files.createDirectories(target.getParent());
        if (mode == ImageMode.LINK) {
            try {
                Files.deleteIfExists(target);
                Files.createSymbolicLink(target, source.toAbsolutePath().normalize());
                return true;
            } catch (UnsupportedOperationException | FileSystemException e) {
                // no links on this file system: copy instead
            }
        }
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
        return true;
    }
}
