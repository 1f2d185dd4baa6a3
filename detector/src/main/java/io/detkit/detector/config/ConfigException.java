package io.detkit.detector.config;

/**
 * A run configuration that cannot be used. The message names the file, the line and the key path,
 * e.g. {@code configs/x.yaml: line 12: train.optimizer.lr: expected a number, got "fast"}.
 */
public class ConfigException extends RuntimeException {
    /**
     * @param message the complete message
     */
    public ConfigException(String message) {
        super(message);
    }
}
