package io.detkit.data.format;

import java.io.IOException;

/**
 * An annotation source that cannot be read at all: a path that does not exist, a JSON/YAML/XML
 * syntax error in a file that holds the whole dataset, a format that cannot be told. The message
 * names the file and, where known, the line and record. (Problems confined to one record are
 * reported as {@link io.detkit.data.validate.Problem}s instead, and reading goes on.)
 */
public class DatasetFormatException extends IOException {
    /**
     * Creates the exception.
     *
     * @param message the complete message, naming the file
     */
    public DatasetFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the complete message, naming the file
     * @param cause the underlying error
     */
    public DatasetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
