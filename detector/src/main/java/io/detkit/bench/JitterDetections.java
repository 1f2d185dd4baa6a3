package io.detkit.bench;

import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import io.detkit.metrics.coco.CocoJson;
import io.detkit.metrics.report.AtomicFiles;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Makes a seeded COCO results file from a ground truth, with every kind of error a detector makes,
 * to try {@code detkit eval} and its report on a dataset that has images but no detector (the CI's
 * report check, demos):
 *
 * <ul>
 *   <li>each regular GT is found with probability 0.8: a copy with the box jittered by 5 % of its
 *       size (25 % with probability 0.15: a localisation error), its class kept with probability 0.85
 *       (else another class: a classification error), score U(0.4, 1) (U(0.2, 0.8) for a wrong class);
 *   <li>with probability 0.15 a second, lower-scoring copy (a duplicate);
 *   <li>one to three boxes per image at random places with random classes, score U(0, 0.6)
 *       (background errors).
 * </ul>
 * Usage: {@code java -cp detkit.jar io.detkit.bench.JitterDetections GT.json OUT.json [SEED]}.
 */
public final class JitterDetections {
    private JitterDetections() {}

    /**
     * Writes the detections.
     *
     * @param gt the ground truth
     * @param seed the seed
     * @return the COCO results JSON
     */
    public static String generate(CocoGroundTruth gt, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int[] cats = gt.sortedCategoryIds();
        Map<Long, CocoImage> images = new HashMap<>();
        for (CocoImage im : gt.images()) {
            images.put(im.id(), im);
        }
        StringBuilder sb = new StringBuilder("[");
        long[] img = gt.annotationImageIds();
        int[] cat = gt.annotationCategoryIds();
        double[] box = gt.annotationBoxesXywh();
        boolean[] crowd = gt.annotationCrowd();
        for (int a = 0; a < img.length; a++) {
            if (crowd[a] || r.nextDouble() >= 0.8) {
                continue;
            }
            boolean rightClass = r.nextDouble() < 0.85 || cats.length < 2;
            int c = rightClass ? cat[a] : other(cats, cat[a], r);
            double noise = r.nextDouble() < 0.15 ? 0.25 : 0.05;
            double score = rightClass ? 0.4 + 0.6 * r.nextDouble() : 0.2 + 0.6 * r.nextDouble();
            add(sb, img[a], c, jitter(box, a, noise, r), score);
            if (r.nextDouble() < 0.15) {
                add(sb, img[a], c, jitter(box, a, 0.1, r), score * r.nextDouble());
            }
        }
        for (CocoImage im : gt.images()) {
            double w = im.width() > 0 ? im.width() : 640, h = im.height() > 0 ? im.height() : 480;
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                double bw = w * (0.05 + 0.2 * r.nextDouble()), bh = h * (0.05 + 0.2 * r.nextDouble());
                add(sb, im.id(), cats[r.nextInt(cats.length)],
                        new double[] {r.nextDouble() * (w - bw), r.nextDouble() * (h - bh), bw, bh}, 0.6 * r.nextDouble());
            }
        }
        return sb.append(sb.length() > 1 ? "\n]\n" : "]\n").toString();
    }

    private static int other(int[] cats, int c, SplittableRandom r) {
        int o;
        do {
            o = cats[r.nextInt(cats.length)];
        } while (o == c);
        return o;
    }

    private static double[] jitter(double[] box, int a, double noise, SplittableRandom r) {
        double w = box[4 * a + 2], h = box[4 * a + 3];
        return new double[] {box[4 * a] + noise * w * (2 * r.nextDouble() - 1), box[4 * a + 1] + noise * h * (2 * r.nextDouble() - 1),
            Math.max(1, w * (1 + noise * (2 * r.nextDouble() - 1))), Math.max(1, h * (1 + noise * (2 * r.nextDouble() - 1)))};
    }

    private static void add(StringBuilder sb, long image, int cat, double[] b, double score) {
        sb.append(sb.length() > 1 ? ",\n" : "\n").append(String.format(Locale.ROOT,
                "{\"image_id\": %d, \"category_id\": %d, \"bbox\": [%.2f, %.2f, %.2f, %.2f], \"score\": %.5f}", image, cat,
                Math.max(0, b[0]), Math.max(0, b[1]), b[2], b[3], score));
    }

    /**
     * Command-line entry: {@code GT.json OUT.json [SEED]}.
     *
     * @param args arguments
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: JitterDetections GT.json OUT.json [SEED]");
            System.exit(2);
        }
        CocoGroundTruth gt = CocoJson.readGroundTruth(Path.of(args[0]));
        AtomicFiles.writeString(Path.of(args[1]), generate(gt, args.length > 2 ? Long.parseLong(args[2]) : 0));
    }
}
