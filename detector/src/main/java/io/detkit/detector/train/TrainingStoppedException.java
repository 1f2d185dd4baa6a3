package io.detkit.detector.train;

/** Training stopped on purpose (a non-finite loss or gradient); the message says why and what to do. */
public class TrainingStoppedException extends RuntimeException {
    /**
     * @param message the reason, naming the last good checkpoint
     */
    public TrainingStoppedException(String message) {
        super(message);
    }
}
