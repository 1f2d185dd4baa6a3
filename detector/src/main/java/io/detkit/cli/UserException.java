package io.detkit.cli;

/** An error caused by the user's input; the CLI prints its message without a stack trace. */
public class UserException extends RuntimeException {
    /**
     * Creates the exception.
     *
     * @param message what went wrong, naming the file, record and field
     */
    public UserException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying error
     */
    public UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
