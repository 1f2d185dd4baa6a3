package io.detkit.metrics.nms;

import java.util.Random;

/** Seeded box generators for the property tests. */
final class RandomBoxes {
    final double[] boxes;
    final double[] scores;
    final int[] classes;

    private RandomBoxes(double[] boxes, double[] scores, int[] classes) {
        this.boxes = boxes;
        this.scores = scores;
        this.classes = classes;
    }

    int size() {
        return scores.length;
    }

    /** x1, y1 uniform in [0, canvas), w, h uniform in [1, maxSide]; scores uniform; classes uniform. */
    static RandomBoxes uniform(long seed, int n, double canvas, double maxSide, int numClasses) {
        Random rnd = new Random(seed);
        double[] b = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double x = rnd.nextDouble() * canvas, y = rnd.nextDouble() * canvas;
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + 1 + rnd.nextDouble() * (maxSide - 1);
            b[4 * i + 3] = y + 1 + rnd.nextDouble() * (maxSide - 1);
        }
        return new RandomBoxes(b, scores(rnd, n, false), classes(rnd, n, numClasses));
    }

    /**
     * Tight clusters of jittered copies of a few objects, as a detector's raw output looks: many
     * pairs near any threshold. Scores come from a coarse grid, so there are many ties.
     */
    static RandomBoxes clustered(long seed, int n, int clusters, int numClasses) {
        Random rnd = new Random(seed);
        double[][] objects = new double[clusters][];
        for (int c = 0; c < clusters; c++) {
            double w = 5 + rnd.nextDouble() * 80, h = 5 + rnd.nextDouble() * 80;
            double x = rnd.nextDouble() * 400, y = rnd.nextDouble() * 400;
            objects[c] = new double[] {x, y, w, h};
        }
        double[] b = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double[] o = objects[rnd.nextInt(clusters)];
            double jitter = rnd.nextDouble() * 0.3;
            double w = o[2] * (1 + jitter * rnd.nextGaussian()), h = o[3] * (1 + jitter * rnd.nextGaussian());
            double x = o[0] + jitter * o[2] * rnd.nextGaussian(), y = o[1] + jitter * o[3] * rnd.nextGaussian();
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + Math.abs(w);
            b[4 * i + 3] = y + Math.abs(h);
        }
        return new RandomBoxes(b, scores(rnd, n, true), classes(rnd, n, numClasses));
    }

    /**
     * Integer coordinates on a small canvas (exact IoU values such as 1/2 and 1/3 hit thresholds
     * exactly), with some empty, inverted, identical and huge boxes mixed in, and class ids spread
     * over the whole int range.
     */
    static RandomBoxes integerMixed(long seed, int n, int numClasses) {
        Random rnd = new Random(seed);
        double[] b = new double[4 * n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(20);
            double x = rnd.nextInt(60), y = rnd.nextInt(60);
            double w = 1 + rnd.nextInt(20), h = 1 + rnd.nextInt(20);
            if (kind == 0) {
                w = 0; // empty
            } else if (kind == 1) {
                w = -3; // inverted
            } else if (kind == 2) {
                w = 50 + rnd.nextInt(200); // huge
                h = 50 + rnd.nextInt(200);
            } else if (kind == 3 && i > 0) {
                System.arraycopy(b, 4 * rnd.nextInt(i), b, 4 * i, 4); // duplicate of an earlier box
                continue;
            }
            b[4 * i] = x;
            b[4 * i + 1] = y;
            b[4 * i + 2] = x + w;
            b[4 * i + 3] = y + h;
        }
        int[] classes = classes(rnd, n, numClasses);
        for (int i = 0; i < n; i++) {
            classes[i] *= 100_000_000; // widely spread ids: ClassGroups' sorting path
        }
        return new RandomBoxes(b, scores(rnd, n, true), classes);
    }

    private static double[] scores(Random rnd, int n, boolean coarse) {
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            s[i] = coarse ? rnd.nextInt(20) / 20.0 : rnd.nextDouble();
        }
        return s;
    }

    private static int[] classes(Random rnd, int n, int numClasses) {
        int[] c = new int[n];
        for (int i = 0; i < n; i++) {
            c[i] = numClasses <= 1 ? 0 : rnd.nextInt(numClasses) * 3 - 7; // sparse, some negative ids
        }
        return c;
    }
}
