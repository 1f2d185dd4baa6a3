package io.detkit.data.synth;

import java.util.SplittableRandom;
import org.opencv.core.Mat;

/**
 * Adds zero-mean Gaussian noise to every channel of an 8-bit image. Standard normal samples come
 * from a fixed table (built once with {@link StrictMath}, so identical on every JVM) indexed by the
 * image's random stream and scaled to whole grey levels once per image: fast, and the same seed
 * gives the same bytes.
 */
final class Noise {
    private static final int TABLE_BITS = 16;
    private static final float[] NORMAL = table();

    private Noise() {}

    /**
     * @param image a {@code CV_8UC3} image, modified in place
     * @param sigma standard deviation in grey levels
     * @param rnd randomness
     */
    static void add(Mat image, double sigma, SplittableRandom rnd) {
        if (sigma <= 0) {
            return;
        }
        byte[] px = new byte[(int) (image.total() * image.channels())];
        image.get(0, 0, px);
        int[] scaled = new int[NORMAL.length];
        for (int i = 0; i < scaled.length; i++) {
            scaled[i] = Math.round((float) sigma * NORMAL[i]);
        }
        int mask = (1 << TABLE_BITS) - 1;
        int i = 0;
        for (; i + 4 <= px.length; i += 4) {
            long bits = rnd.nextLong();
            px[i] = clamp((px[i] & 0xff) + scaled[(int) bits & mask]);
            px[i + 1] = clamp((px[i + 1] & 0xff) + scaled[(int) (bits >>> 16) & mask]);
            px[i + 2] = clamp((px[i + 2] & 0xff) + scaled[(int) (bits >>> 32) & mask]);
            px[i + 3] = clamp((px[i + 3] & 0xff) + scaled[(int) (bits >>> 48) & mask]);
        }
        for (; i < px.length; i++) {
            px[i] = clamp((px[i] & 0xff) + scaled[rnd.nextInt() & mask]);
        }
        image.put(0, 0, px);
    }

    private static byte clamp(int x) {
        return (byte) (x < 0 ? 0 : Math.min(x, 255));
    }

    /** Box–Muller over a fixed SplitMix stream. */
    private static float[] table() {
        float[] t = new float[1 << TABLE_BITS];
        SplittableRandom rnd = new SplittableRandom(0x5EED_0F_D37C17L);
        for (int i = 0; i < t.length; i += 2) {
            double u1 = 1.0 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            double r = StrictMath.sqrt(-2 * StrictMath.log(u1));
            t[i] = (float) (r * StrictMath.cos(2 * Math.PI * u2));
            t[i + 1] = (float) (r * StrictMath.sin(2 * Math.PI * u2));
        }
        return t;
    }
}
