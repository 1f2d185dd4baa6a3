package io.detkit.data.validate;

import java.util.Locale;

/** The kinds of problem that readers and the {@link Validator} report. */
public enum ProblemKind {
    /** A line, record or file that cannot be parsed, or lacks a required field. */
    MALFORMED(Severity.ERROR),
    /** The image file of a sample does not exist. */
    IMAGE_MISSING(Severity.ERROR),
    /** The image file exists but its header cannot be read. */
    IMAGE_UNREADABLE(Severity.ERROR),
    /** A label file that no image of the dataset refers to (its labels are not used). */
    LABEL_WITHOUT_IMAGE(Severity.WARNING),
    /** An annotation that refers to an image id the file does not define. */
    UNKNOWN_IMAGE(Severity.ERROR),
    /** A class id or name that is not in the class list. */
    UNKNOWN_CLASS(Severity.ERROR),
    /** An image, annotation or category id used twice. */
    DUPLICATE_ID(Severity.ERROR),
    /** A box that extends outside the image. */
    BOX_OUTSIDE_IMAGE(Severity.ERROR),
    /** A box of zero or negative width or height. */
    BOX_DEGENERATE(Severity.ERROR),
    /** The annotation's image size differs from the size of the real image. */
    SIZE_MISMATCH(Severity.ERROR),
    /**
     * Two images with the same file name stem (YOLO and VOC keep one label file per stem) or two
     * classes with the same name (VOC and YOLO name classes, not ids): the dataset reads, but
     * converting it would merge them.
     */
    DUPLICATE_NAME(Severity.WARNING);

    private final Severity severity;

    ProblemKind(Severity severity) {
        this.severity = severity;
    }

    /** @return the severity of this kind */
    public Severity severity() {
        return severity;
    }

    /** @return the kebab-case name used in reports, e.g. {@code box-outside-image} */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
