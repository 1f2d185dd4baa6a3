package io.detkit.metrics.coco;

/**
 * numpy's pairwise summation ({@code pairwise_sum} in {@code loops_utils.h}), so that means over
 * the precision array follow {@code np.mean}'s rounding (equal to the last bit on the reference
 * sets, within one ulp elsewhere, since numpy's reduction buffering is not modelled): fewer than 8 values are added in
 * order; up to 128 values use 8 interleaved accumulators combined as
 * ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) plus the tail in order; larger blocks split at
 * n/2 rounded down to a multiple of 8 and add the halves' sums.
 */
final class PairwiseSum {
    private static final int BLOCK = 128;

    private PairwiseSum() {}

    static double sum(double[] a, int off, int n) {
        if (n < 8) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        if (n <= BLOCK) {
            double r0 = a[off], r1 = a[off + 1], r2 = a[off + 2], r3 = a[off + 3];
            double r4 = a[off + 4], r5 = a[off + 5], r6 = a[off + 6], r7 = a[off + 7];
            int i;
            for (i = 8; i < n - (n % 8); i += 8) {
                r0 += a[off + i];
                r1 += a[off + i + 1];
                r2 += a[off + i + 2];
                r3 += a[off + i + 3];
                r4 += a[off + i + 4];
                r5 += a[off + i + 5];
                r6 += a[off + i + 6];
                r7 += a[off + i + 7];
            }
            double res = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7));
            for (; i < n; i++) {
                res += a[off + i];
            }
            return res;
        }
        int n2 = n / 2;
        n2 -= n2 % 8;
        return sum(a, off, n2) + sum(a, off + n2, n - n2);
    }
}
