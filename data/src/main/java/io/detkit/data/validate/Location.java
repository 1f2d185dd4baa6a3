package io.detkit.data.validate;

import java.nio.file.Path;

/**
 * Where a record comes from: a file, and within it a line and/or a record name.
 *
 * @param file the file (annotation file, label file or image)
 * @param line 1-based line number, or 0 when not known
 * @param record the record within the file (e.g. {@code annotations[17]}, {@code object[2]}), or
 *     {@code null}
 */
public record Location(Path file, int line, String record) {

    /**
     * @param file a file
     * @return the location of the whole file
     */
    public static Location of(Path file) {
        return new Location(file, 0, null);
    }

    /**
     * @param file a file
     * @param line a 1-based line
     * @return the location of that line
     */
    public static Location of(Path file, int line) {
        return new Location(file, line, null);
    }

    /** @return {@code file:line record}, the parts that are known */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(String.valueOf(file));
        if (line > 0) {
            sb.append(':').append(line);
        }
        if (record != null) {
            sb.append(' ').append(record);
        }
        return sb.toString();
    }
}
