package io.detkit.data.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Class names files: one name per line (blank lines skipped), or a YOLO data YAML's {@code names}. */
final class NamesFile {
    /** Names files a YOLO or VOC folder may hold, looked for in this order. */
    static final List<String> CANDIDATES = List.of("classes.txt", "obj.names", "labels.txt");

    private NamesFile() {}

    static List<String> read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new DatasetFormatException(file + ": class names file not found");
        }
        String ext = ImageFiles.extension(file.getFileName().toString());
        if (ext.equals("yaml") || ext.equals("yml")) {
            return DataYaml.read(file).names();
        }
        List<String> names = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String s = lines.get(i).strip();
            if (s.isEmpty()) {
                continue;
            }
            if (!seen.add(s)) {
                throw new DatasetFormatException(file + ":" + (i + 1) + ": class name '" + s + "' appears twice");
            }
            names.add(s);
        }
        if (names.isEmpty()) {
            throw new DatasetFormatException(file + ": no class names in the file");
        }
        return names;
    }

    /** The first names file of {@link #CANDIDATES} found in one of the folders, or null. */
    static Path find(Path... dirs) {
        for (Path d : dirs) {
            if (d == null) {
                continue;
            }
            for (String c : CANDIDATES) {
                Path p = d.resolve(c);
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return null;
    }
}
