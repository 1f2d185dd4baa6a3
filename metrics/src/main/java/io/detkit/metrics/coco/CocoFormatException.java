package io.detkit.metrics.coco;

import java.io.IOException;

/**
 * A COCO file that cannot be used: malformed JSON, a missing or wrong field, an unknown id. The
 * message names the file, the record (e.g. {@code annotations[17]}) and the field.
 */
public class CocoFormatException extends IOException {
    /**
     * Creates the exception.
     *
     * @param message the complete message, naming file, record and field
     */
    public CocoFormatException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message the complete message
     * @param cause the underlying error
     */
    public CocoFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
