package io.detkit.detector.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Run folders: {@code runs/name}, then {@code name2}, {@code name3}, … so no run is overwritten. */
public final class RunFolders {
    private RunFolders() {}

    /**
     * @param root the runs root (e.g. {@code runs})
     * @param name the run name
     * @param existOk reuse {@code root/name} when it exists
     * @return the created folder
     * @throws IOException if it cannot be created
     */
    public static Path newRunDir(Path root, String name, boolean existOk) throws IOException {
        Path dir = root.resolve(name);
        if (!existOk) {
            for (int i = 2; Files.exists(dir); i++) {
                dir = root.resolve(name + i);
            }
        }
        Files.createDirectories(dir);
        return dir;
    }

    /**
     * @param dir a folder
     * @return whether no regular file lies anywhere under it (empty sub-folders allowed)
     * @throws IOException if it cannot be listed
     */
    static boolean holdsNoFile(Path dir) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
            return s.noneMatch(Files::isRegularFile);
        }
    }

    /**
     * Deletes a folder and its sub-folders if no file lies under them; otherwise leaves all as it is.
     * Errors are ignored: this only tidies up after a failed start.
     *
     * @param dir the folder
     */
    static void deleteIfNoFile(Path dir) {
        try {
            if (!holdsNoFile(dir)) {
                return;
            }
            List<Path> dirs;
            try (java.util.stream.Stream<Path> s = Files.walk(dir)) {
                dirs = s.sorted(java.util.Comparator.reverseOrder()).toList();
            }
            for (Path d : dirs) {
                Files.deleteIfExists(d);
            }
        } catch (IOException e) {
            // keep the folder; the failure being reported matters more
        }
    }
}
