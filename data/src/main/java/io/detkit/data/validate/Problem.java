package io.detkit.data.validate;

/**
 * One problem found in a dataset, with where it is.
 *
 * <p>{@code sample} and {@code box} say what the problem concerns in the {@link LoadedDataset}:
 * <ul>
 *   <li>{@code sample = NOT_IN_DATASET}: a record the reader could not put in the dataset (a
 *       malformed line, an unknown class, a label file without image); it is already left out;
 *   <li>{@code sample ≥ 0, box = WHOLE_IMAGE}: the whole sample (missing image, size mismatch);
 *   <li>{@code sample ≥ 0, box ≥ 0}: one box of the sample.
 * </ul>
 *
 * @param kind the kind (which gives the severity)
 * @param location file, line and record
 * @param message what is wrong, in words
 * @param sample the sample index, or {@link #NOT_IN_DATASET}
 * @param box the box index in the sample, or {@link #WHOLE_IMAGE}
 */
public record Problem(ProblemKind kind, Location location, String message, int sample, int box) {
    /** {@code sample} value of a record that is not in the dataset. */
    public static final int NOT_IN_DATASET = -1;
    /** {@code box} value of a problem about a whole sample. */
    public static final int WHOLE_IMAGE = -1;

    /**
     * A problem about a record the reader left out of the dataset.
     *
     * @param kind the kind
     * @param location where
     * @param message what
     * @return the problem
     */
    public static Problem excluded(ProblemKind kind, Location location, String message) {
        return new Problem(kind, location, message, NOT_IN_DATASET, WHOLE_IMAGE);
    }

    /** @return the kind's severity */
    public Severity severity() {
        return kind.severity();
    }

    /** @return true when the problem concerns a record that is not in the dataset */
    public boolean excludedRecord() {
        return sample < 0;
    }

    /** @return {@code error box-outside-image file:line record: message} */
    @Override
    public String toString() {
        return severity().name().toLowerCase(java.util.Locale.ROOT) + " " + kind.label() + " " + location + ": " + message;
    }
}
