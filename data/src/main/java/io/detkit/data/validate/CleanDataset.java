package io.detkit.data.validate;

import io.detkit.data.DetectionDataset;
import java.util.List;
import java.util.Locale;

/**
 * A dataset after a {@link Policy} was applied, with the count of everything it dropped or
 * changed.
 *
 * @param dataset the dataset to use
 * @param policy the policy applied
 * @param droppedImages images dropped (missing, unreadable, wrong size under SKIP, duplicate id)
 * @param droppedBoxes boxes dropped, those of dropped images included
 * @param droppedRecords records the reader could not read and left out (malformed lines, unknown
 *     classes or images, duplicate annotation ids)
 * @param clippedBoxes boxes clipped to their image (CLIP)
 * @param resizedImages images whose annotation size was replaced by the real image size (CLIP)
 * @param problems every problem of the validation report
 */
public record CleanDataset(DetectionDataset dataset, Policy policy, int droppedImages, int droppedBoxes,
        int droppedRecords, int clippedBoxes, int resizedImages, List<Problem> problems) {

    /**
     * Copies the list.
     *
     * @param dataset see the record description
     * @param policy see the record description
     * @param droppedImages see the record description
     * @param droppedBoxes see the record description
     * @param droppedRecords see the record description
     * @param clippedBoxes see the record description
     * @param resizedImages see the record description
     * @param problems see the record description
     */
    public CleanDataset {
        problems = List.copyOf(problems);
    }

    /** @return true when the policy changed nothing */
    public boolean unchanged() {
        return droppedImages == 0 && droppedBoxes == 0 && droppedRecords == 0 && clippedBoxes == 0 && resizedImages == 0;
    }

    /** @return one line: what the policy dropped and clipped */
    public String describe() {
        return String.format(Locale.ROOT,
                "policy %s: dropped %d images, %d boxes and %d unreadable records; clipped %d boxes; resized %d images",
                policy.name().toLowerCase(Locale.ROOT), droppedImages, droppedBoxes, droppedRecords, clippedBoxes,
                resizedImages);
    }
}
