package io.detkit.data.validate;

/** How serious a {@link Problem} is. */
public enum Severity {
    /** A record the dataset cannot use as written; the {@link Policy} decides what happens to it. */
    ERROR,
    /** Worth knowing, but nothing in the dataset is affected (e.g. a label file no image refers to). */
    WARNING
}
