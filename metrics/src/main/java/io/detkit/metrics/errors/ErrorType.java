package io.detkit.metrics.errors;

/**
 * The six error types of TIDE (Bolya et al., "TIDE: A General Toolbox for Identifying Object
 * Detection Errors", ECCV 2020). The first five classify a false-positive detection, {@link #MISS}
 * classifies a ground-truth object that no detection found. With {@code t_f} the foreground and
 * {@code t_b} the background IoU threshold, and {@code IoU_max} a false positive's largest IoU with
 * the regular ground truth of its image (see {@link ErrorAnalyzer} for the order of the tests):
 *
 * <ul>
 *   <li>{@link #LOC}: {@code t_b ≤ IoU_max < t_f} with a GT of the detection's class;
 *   <li>{@link #CLS}: {@code IoU_max ≥ t_f} with a GT of another class;
 *   <li>{@link #DUPE}: {@code IoU_max ≥ t_f} with a GT of its class that a higher-scoring
 *       detection already matched;
 *   <li>{@link #BKG}: {@code IoU_max ≤ t_b} with every GT;
 *   <li>{@link #BOTH}: none of the above (wrong class and {@code t_b < IoU < t_f});
 *   <li>{@link #MISS}: an unmatched GT that no classification or localisation error points at.
 * </ul>
 */
public enum ErrorType {
    /** Classification error: localised well (IoU ≥ t_f) on an object of another class. */
    CLS("Cls", "right box, wrong class"),
    /** Localisation error: right class, box overlaps its object only with t_b ≤ IoU &lt; t_f. */
    LOC("Loc", "right class, box off"),
    /** Both: wrong class and a loose box (t_b &lt; IoU &lt; t_f with an object of another class). */
    BOTH("Both", "wrong class and box off"),
    /** Duplicate: would be correct, but a higher-scoring detection already took its object. */
    DUPE("Dupe", "second detection of a found object"),
    /** Background: overlaps no object (IoU ≤ t_b with every ground truth). */
    BKG("Bkg", "detection on background"),
    /** Missed ground truth: no detection found it, and no Cls or Loc error would. */
    MISS("Miss", "object never detected");

    private final String shortName;
    private final String description;

    ErrorType(String shortName, String description) {
        this.shortName = shortName;
        this.description = description;
    }

    /** @return TIDE's short name: Cls, Loc, Both, Dupe, Bkg or Miss */
    public String shortName() {
        return shortName;
    }

    /** @return a few words saying what the error is */
    public String description() {
        return description;
    }

    /** @return true for the five types that classify a detection (all but {@link #MISS}) */
    public boolean isFalsePositive() {
        return this != MISS;
    }
}
