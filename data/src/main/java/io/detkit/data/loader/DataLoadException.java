package io.detkit.data.loader;

/** A sample could not be loaded; the message names the sample index and the cause. */
public class DataLoadException extends RuntimeException {
    /**
     * @param message what failed
     * @param cause the underlying error
     */
    public DataLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
