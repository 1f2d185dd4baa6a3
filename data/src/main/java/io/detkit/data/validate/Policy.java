package io.detkit.data.validate;

import java.util.Locale;

/**
 * What training (or a conversion) does with the records that have errors. Whatever the policy,
 * nothing is dropped or changed silently: {@link CleanDataset} counts every dropped image, dropped
 * box, left-out record and clipped box, and keeps the full problem list. Warnings never change the
 * dataset.
 */
public enum Policy {
    /** Any error stops: {@link #apply} throws {@link DatasetProblemsException} with the full list. The default. */
    FAIL,
    /**
     * Drop what is bad and count it: a bad box is dropped, an image that is missing, unreadable, of
     * the wrong size or a duplicate is dropped with its boxes; records the reader left out stay out.
     */
    SKIP,
    /**
     * Like {@link #SKIP}, but a box outside the image is clipped to it and dropped only if it is
     * degenerate after clipping; an image whose annotation size differs from the real one takes the
     * real size and all its boxes are clipped to it.
     */
    CLIP;

    /**
     * Applies this policy.
     *
     * @param loaded the dataset as read
     * @param report its validation report (from {@link Validator#validate})
     * @return the dataset to train on, with counts of what was dropped or clipped
     * @throws DatasetProblemsException under {@link #FAIL} when the report has errors
     */
    public CleanDataset apply(LoadedDataset loaded, ValidationReport report) throws DatasetProblemsException {
        return PolicyApplier.apply(this, loaded, report);
    }

    /**
     * Parses a policy name (case-insensitive).
     *
     * @param name {@code fail}, {@code skip} or {@code clip}
     * @return the policy
     * @throws IllegalArgumentException for another name
     */
    public static Policy parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown policy '" + name + "' (expected fail, skip or clip)");
        }
    }
}
