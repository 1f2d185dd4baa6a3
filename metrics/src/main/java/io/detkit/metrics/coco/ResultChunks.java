package io.detkit.metrics.coco;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a top-level JSON array into element-aligned chunks for parallel parsing, with one pass of
 * a structural scanner (string and escape aware, depth counting). Each chunk knows the index of
 * its first element and its first line, so error messages stay exact.
 */
final class ResultChunks {
    /**
     * A byte range holding whole array elements separated by commas.
     *
     * @param start first byte
     * @param length number of bytes
     * @param firstIndex array index of the first element
     * @param firstLine 1-based line of the first byte
     */
    record Chunk(int start, int length, int firstIndex, int firstLine) {}

    private ResultChunks() {}

    /**
     * @param b the file's bytes
     * @param parts number of chunks wanted (≥ 2)
     * @return the chunks, or null when the content is not a well-formed top-level array (the
     *     sequential parser then reports the problem)
     */
    static List<Chunk> split(byte[] b, int parts) {
        int n = b.length;
        int i = 0;
        int line = 1;
        if (n >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            i = 3; // UTF-8 byte order mark
        }
        for (; i < n && isSpace(b[i]); i++) {
            if (b[i] == '\n') {
                line++;
            }
        }
        if (i >= n || b[i] != '[') {
            return null;
        }
        List<Chunk> out = new ArrayList<>(parts);
        int chunkStart = i + 1, chunkIndex = 0, chunkLine = line;
        int nextSplit = 1;
        long target = (long) n * nextSplit / parts;
        int depth = 1, element = 0;
        boolean inString = false;
        int end = -1;
        for (int p = i + 1; p < n; p++) {
            byte c = b[p];
            if (inString) {
                if (c == '\\') {
                    p++;
                } else if (c == '"') {
                    inString = false;
                }
                continue;
            }
            switch (c) {
                case '"' -> inString = true;
                case '\n' -> line++;
                case '{', '[' -> depth++;
                case '}', ']' -> {
                    depth--;
                    if (depth == 0) {
                        end = p;
                    }
                }
                case ',' -> {
                    if (depth == 1) {
                        element++;
                        if (p >= target && nextSplit < parts) {
                            out.add(new Chunk(chunkStart, p - chunkStart, chunkIndex, chunkLine));
                            chunkStart = p + 1;
                            chunkIndex = element;
                            chunkLine = line;
                            nextSplit++;
                            target = (long) n * nextSplit / parts;
                        }
                    }
                }
                default -> { }
            }
            if (end >= 0) {
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        for (int p = end + 1; p < n; p++) {
            if (!isSpace(b[p])) {
                return null;
            }
        }
        out.add(new Chunk(chunkStart, end - chunkStart, chunkIndex, chunkLine));
        return out;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }
}
