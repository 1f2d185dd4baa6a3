package io.detkit.metrics.classification;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * True and predicted labels mapped to label positions {@code 0 .. k-1}; a value that is not one of
 * the labels is coded {@code k} ("other"). Shared input stage of {@link ConfusionMatrix},
 * {@link PrecisionRecallFScore} and {@link ClassificationReport}.
 */
final class EncodedLabels {
    final int[] yTrue;
    final int[] yPred;
    final int k;
    final List<String> names;
    /** Whether every value of yTrue and yPred is one of the labels (no "other" code). */
    final boolean labelsCoverData;
    /** Whether the labels were chosen by the caller (sklearn's {@code labels is not None}). */
    final boolean labelsGiven;

    private EncodedLabels(int[] yTrue, int[] yPred, int k, List<String> names, boolean labelsCoverData,
                          boolean labelsGiven) {
        this.yTrue = yTrue;
        this.yPred = yPred;
        this.k = k;
        this.names = names;
        this.labelsCoverData = labelsCoverData;
        this.labelsGiven = labelsGiven;
    }

    /** Labels {@code 0 .. numClasses-1}; every value must lie in that range. The arrays are not copied. */
    static EncodedLabels strict(int[] yTrue, int[] yPred, int numClasses) {
        Checks.notNull(yTrue, "yTrue");
        Checks.notNull(yPred, "yPred");
        Checks.sameLength("yTrue", yTrue.length, "yPred", yPred.length);
        Checks.positiveClassCount(numClasses);
        Checks.inRange(yTrue, "yTrue", numClasses);
        Checks.inRange(yPred, "yPred", numClasses);
        List<String> names = new ArrayList<>(numClasses);
        for (int i = 0; i < numClasses; i++) {
            names.add(Integer.toString(i));
        }
        return new EncodedLabels(yTrue, yPred, numClasses, names, true, true);
    }

    /** sklearn's default: the sorted union of the values present. */
    static EncodedLabels present(int[] yTrue, int[] yPred) {
        Checks.notNull(yTrue, "yTrue");
        Checks.notNull(yPred, "yPred");
        Checks.sameLength("yTrue", yTrue.length, "yPred", yPred.length);
        int[] all = Arrays.copyOf(yTrue, yTrue.length + yPred.length);
        System.arraycopy(yPred, 0, all, yTrue.length, yPred.length);
        Arrays.sort(all);
        int m = 0;
        for (int i = 0; i < all.length; i++) {
            if (i == 0 || all[i] != all[i - 1]) {
                all[m++] = all[i];
            }
        }
        return encode(yTrue, yPred, Arrays.copyOf(all, m), false);
    }

    /** sklearn's {@code labels=}: order, subset or superset of the values present; distinct. */
    static EncodedLabels withLabels(int[] yTrue, int[] yPred, int[] labels) {
        Checks.notNull(yTrue, "yTrue");
        Checks.notNull(yPred, "yPred");
        Checks.notNull(labels, "labels");
        Checks.sameLength("yTrue", yTrue.length, "yPred", yPred.length);
        Checks.notEmpty("labels", labels.length);
        return encode(yTrue, yPred, labels.clone(), true);
    }

    private static EncodedLabels encode(int[] yTrue, int[] yPred, int[] labels, boolean given) {
        int k = labels.length;
        // sorted keys with their positions, for binary search on the primitive arrays
        long[] keyed = new long[k];
        for (int i = 0; i < k; i++) {
            keyed[i] = ((long) labels[i] << 32) | i; // sorts by label (signed), then position
        }
        Arrays.sort(keyed);
        int[] keys = new int[k];
        int[] pos = new int[k];
        for (int i = 0; i < k; i++) {
            keys[i] = (int) (keyed[i] >> 32);
            pos[i] = (int) keyed[i];
            if (i > 0 && keys[i] == keys[i - 1]) {
                throw new IllegalArgumentException("labels must be distinct: " + keys[i] + " appears more than once");
            }
        }
        int[] t = new int[yTrue.length];
        int[] p = new int[yPred.length];
        boolean cover = lookup(yTrue, keys, pos, t) & lookup(yPred, keys, pos, p);
        List<String> names = new ArrayList<>(k);
        for (int label : labels) {
            names.add(Integer.toString(label));
        }
        return new EncodedLabels(t, p, k, names, cover, given);
    }

    private static boolean lookup(int[] values, int[] keys, int[] pos, int[] out) {
        boolean cover = true;
        int k = keys.length;
        for (int i = 0; i < values.length; i++) {
            int j = Arrays.binarySearch(keys, values[i]);
            if (j >= 0) {
                out[i] = pos[j];
            } else {
                out[i] = k;
                cover = false;
            }
        }
        return cover;
    }

    /** Generic labels; values not in {@code labels} are coded "other". */
    static <T> EncodedLabels of(List<? extends T> yTrue, List<? extends T> yPred, Labels<T> labels, boolean given) {
        Checks.notNull(yTrue, "yTrue");
        Checks.notNull(yPred, "yPred");
        Checks.notNull(labels, "labels");
        Checks.sameLength("yTrue", yTrue.size(), "yPred", yPred.size());
        int k = labels.size();
        int[] t = labels.encode(yTrue, "yTrue", k);
        int[] p = labels.encode(yPred, "yPred", k);
        boolean cover = true;
        for (int i = 0; i < t.length && cover; i++) {
            cover = t[i] < k && p[i] < k;
        }
        return new EncodedLabels(t, p, k, labels.names(), cover, given);
    }

    int size() {
        return yTrue.length;
    }
}
