package io.detkit.data.augment;

import java.util.Arrays;

/**
 * The boxes of one sample while it is being augmented: xyxy coordinates, class ids, ignore flags,
 * and each box's reference area (its original area times the area gain of every geometric step so
 * far), against which the visibility of the final, clipped box is measured. Not thread-safe.
 */
final class BoxSet {
    private double[] xyxy = new double[64];
    private double[] refArea = new double[16];
    private int[] cls = new int[16];
    private boolean[] ign = new boolean[16];
    private int n;

    int size() {
        return n;
    }

    /**
     * Appends a sample's boxes mapped by {@code x·sx + dx}, {@code y·sy + dy}.
     */
    void add(DecodedSample s, double sx, double sy, double dx, double dy) {
        int m = s.size();
        ensure(n + m);
        double[] b = s.boxes();
        for (int i = 0; i < m; i++) {
            double x1 = b[4 * i] * sx + dx, y1 = b[4 * i + 1] * sy + dy;
            double x2 = b[4 * i + 2] * sx + dx, y2 = b[4 * i + 3] * sy + dy;
            int k = 4 * (n + i);
            xyxy[k] = x1;
            xyxy[k + 1] = y1;
            xyxy[k + 2] = x2;
            xyxy[k + 3] = y2;
            refArea[n + i] = Math.max(0, x2 - x1) * Math.max(0, y2 - y1);
            cls[n + i] = s.classIds()[i];
            ign[n + i] = s.ignore()[i];
        }
        n += m;
    }

    /** Clips every box to {@code [0, w] × [0, h]}. */
    void clip(double w, double h) {
        for (int i = 0; i < n; i++) {
            int k = 4 * i;
            xyxy[k] = Math.min(Math.max(xyxy[k], 0), w);
            xyxy[k + 1] = Math.min(Math.max(xyxy[k + 1], 0), h);
            xyxy[k + 2] = Math.min(Math.max(xyxy[k + 2], 0), w);
            xyxy[k + 3] = Math.min(Math.max(xyxy[k + 3], 0), h);
        }
    }

    /**
     * Maps every box through the 2×3 affine {@code m} (row-major) as the bounding box of its four
     * transformed corners, and multiplies the reference areas by {@code areaGain}.
     */
    void affine(double[] m, double areaGain) {
        boolean axisAligned = m[1] == 0 && m[3] == 0;
        for (int i = 0; i < n; i++) {
            int k = 4 * i;
            double x1 = xyxy[k], y1 = xyxy[k + 1], x2 = xyxy[k + 2], y2 = xyxy[k + 3];
            if (axisAligned) {
                double ax = m[0] * x1 + m[2], bx = m[0] * x2 + m[2];
                double ay = m[4] * y1 + m[5], by = m[4] * y2 + m[5];
                xyxy[k] = Math.min(ax, bx);
                xyxy[k + 1] = Math.min(ay, by);
                xyxy[k + 2] = Math.max(ax, bx);
                xyxy[k + 3] = Math.max(ay, by);
            } else {
                double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY;
                double maxX = Double.NEGATIVE_INFINITY, maxY = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < 4; c++) {
                    double x = (c & 1) == 0 ? x1 : x2;
                    double y = (c & 2) == 0 ? y1 : y2;
                    double tx = m[0] * x + m[1] * y + m[2];
                    double ty = m[3] * x + m[4] * y + m[5];
                    minX = Math.min(minX, tx);
                    maxX = Math.max(maxX, tx);
                    minY = Math.min(minY, ty);
                    maxY = Math.max(maxY, ty);
                }
                xyxy[k] = minX;
                xyxy[k + 1] = minY;
                xyxy[k + 2] = maxX;
                xyxy[k + 3] = maxY;
            }
            refArea[i] *= areaGain;
        }
    }

    /** Mirrors every box left-right in an image {@code w} wide: {@code x → w − x}. */
    void flipX(double w) {
        for (int i = 0; i < n; i++) {
            int k = 4 * i;
            double x1 = xyxy[k];
            xyxy[k] = w - xyxy[k + 2];
            xyxy[k + 2] = w - x1;
        }
    }

    /** Mirrors every box up-down in an image {@code h} high: {@code y → h − y}. */
    void flipY(double h) {
        for (int i = 0; i < n; i++) {
            int k = 4 * i;
            double y1 = xyxy[k + 1];
            xyxy[k + 1] = h - xyxy[k + 3];
            xyxy[k + 3] = h - y1;
        }
    }

    /**
     * Keeps the boxes whose width and height are at least {@code minSize}, whose area is at least
     * {@code minVisibility} of the reference area (and the reference area is positive), and whose
     * {@code max(w/h, h/w)} is at most {@code maxAspect}; order is kept.
     */
    void filter(double minSize, double minVisibility, double maxAspect) {
        int kept = 0;
        for (int i = 0; i < n; i++) {
            int k = 4 * i;
            double w = xyxy[k + 2] - xyxy[k], h = xyxy[k + 3] - xyxy[k + 1];
            boolean keep = w >= minSize && h >= minSize && w > 0 && h > 0 && refArea[i] > 0
                    && w * h >= minVisibility * refArea[i] && Math.max(w / h, h / w) <= maxAspect;
            if (keep) {
                if (kept != i) {
                    System.arraycopy(xyxy, k, xyxy, 4 * kept, 4);
                    refArea[kept] = refArea[i];
                    cls[kept] = cls[i];
                    ign[kept] = ign[i];
                }
                kept++;
            }
        }
        n = kept;
    }

    double[] boxes() {
        return Arrays.copyOf(xyxy, 4 * n);
    }

    int[] classIds() {
        return Arrays.copyOf(cls, n);
    }

    boolean[] ignore() {
        return Arrays.copyOf(ign, n);
    }

    private void ensure(int capacity) {
        if (capacity > cls.length) {
            int c = Math.max(capacity, 2 * cls.length);
            xyxy = Arrays.copyOf(xyxy, 4 * c);
            refArea = Arrays.copyOf(refArea, c);
            cls = Arrays.copyOf(cls, c);
            ign = Arrays.copyOf(ign, c);
        }
    }
}
