package io.detkit.data.synth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Claims the output folder of a synthetic dataset. A new or empty folder is used as is; a folder
 * that an earlier run made (it holds {@value #MARKER}) has that run's files removed first, so no
 * stale image or label of a larger earlier run survives; any other non-empty folder is refused, so
 * no user file is ever deleted.
 */
final class OutputFolder {
    /** The file that marks a folder as made by the generator. */
    static final String MARKER = "synth.json";
    private static final List<String> OWNED = List.of("images/train", "images/val", "labels/train", "labels/val",
            "labels/train.cache", "labels/val.cache", "annotations/instances_train.json", "annotations/instances_val.json",
            "data.yaml", MARKER);

    private OutputFolder() {}

    /**
     * @param root the output folder
     * @throws IllegalArgumentException if it is a file, or a non-empty folder an earlier run did not make
     * @throws IOException if it cannot be created or cleaned
     */
    static void prepare(Path root) throws IOException {
        if (Files.exists(root) && !Files.isDirectory(root)) {
            throw new IllegalArgumentException(root + ": exists and is not a folder");
        }
        if (!Files.exists(root)) {
            Files.createDirectories(root);
            return;
        }
        boolean empty;
        try (Stream<Path> entries = Files.list(root)) {
            empty = entries.findAny().isEmpty();
        }
        if (empty) {
            return;
        }
        if (!Files.isRegularFile(root.resolve(MARKER))) {
            throw new IllegalArgumentException(root + ": folder is not empty and holds no " + MARKER
                    + " from an earlier synth run; choose a new or empty folder");
        }
        for (String owned : OWNED) {
            deleteTree(root.resolve(owned));
        }
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(p)) {
            walk.sorted(Comparator.reverseOrder()).forEach(q -> {
                try {
                    Files.delete(q);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
