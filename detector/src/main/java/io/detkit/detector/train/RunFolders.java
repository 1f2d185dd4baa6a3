package io.detkit.detector.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
