package io.detkit.profile;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An optimizer, as far as training memory is concerned: how many state arrays it keeps per parameter. */
public enum OptimizerKind {
    /** Plain SGD without momentum: no state. */
    NONE("none", 0),
    /** SGD with momentum (DJL's {@code Sgd} with momentum): one velocity per parameter. */
    SGD("sgd", 1),
    /** Adam: first and second moments. */
    ADAM("adam", 2),
    /** AdamW: first and second moments. */
    ADAMW("adamw", 2);

    private final String cliName;
    private final int statesPerParameter;

    OptimizerKind(String cliName, int statesPerParameter) {
        this.cliName = cliName;
        this.statesPerParameter = statesPerParameter;
    }

    /**
     * The name used on the command line.
     *
     * @return the name
     */
    public String cliName() {
        return cliName;
    }

    /**
     * State arrays kept per trainable parameter.
     *
     * @return 0, 1 or 2
     */
    public int statesPerParameter() {
        return statesPerParameter;
    }

    /**
     * Parses a command-line name, ignoring case.
     *
     * @param name {@code none}, {@code sgd}, {@code adam} or {@code adamw}
     * @return the optimizer
     * @throws IllegalArgumentException for another name, listing the valid ones
     */
    public static OptimizerKind fromName(String name) {
        for (OptimizerKind k : values()) {
            if (k.cliName.equalsIgnoreCase(name.trim())) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown optimizer \"" + name + "\"; expected one of "
                + Arrays.stream(values()).map(OptimizerKind::cliName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return cliName;
    }
}
