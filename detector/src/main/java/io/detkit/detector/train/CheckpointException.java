package io.detkit.detector.train;

/** A checkpoint that cannot be used: missing, truncated, corrupt, or missing an entry. */
public class CheckpointException extends RuntimeException {
    /**
     * @param message what is wrong, naming the file
     */
    public CheckpointException(String message) {
        super(message);
    }
}
