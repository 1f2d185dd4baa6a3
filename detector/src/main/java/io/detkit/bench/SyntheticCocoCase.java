package io.detkit.bench;

import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;

/**
 * A seeded, COCO val2017-shaped evaluation case: ground truth and detections with realistic
 * statistics, for benchmarks and for cross-checks against pycocotools.
 *
 * <p>Generator (all draws from one {@link SplittableRandom} seeded by the caller):
 * <ul>
 *   <li>images 480–640 × 360–640 px; GT per image uniform in 0..14 plus one with probability 0.3
 *       (mean ≈ 7.3); COCO's 80 non-contiguous category ids, skewed (index ⌊80·u²⌋) so that a few
 *       classes dominate as "person" does;
 *   <li>box sizes: 41 % small (√area 4–32 px), 34 % medium (32–96), 25 % large (96–400), aspect
 *       ratio e^N(0, 0.5), clipped to the image; {@code area} = box area × U(0.55, 0.95), as a
 *       segmentation area is smaller than its box; 1 % crowd boxes;
 *   <li>detections, {@code detsPerImage} per image: for each GT with probability 0.85 a jittered
 *       copy (noise ∝ size, class kept with probability 0.9, score U(0.3, 1)), with probability 0.3
 *       a second, looser duplicate, and the rest random boxes with random classes and scores
 *       0.6·u²; scores rounded to 5 decimals and coordinates to 2, so score ties occur as in real
 *       result files.
 * </ul>
 */
public final class SyntheticCocoCase {
    /** COCO's 80 category ids. */
    static final int[] COCO_IDS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24,
        25, 27, 28, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56,
        57, 58, 59, 60, 61, 62, 63, 64, 65, 67, 70, 72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 84, 85, 86, 87, 88, 89,
        90};

    private final CocoGroundTruth gt;
    private final CocoDetections dets;

    private SyntheticCocoCase(CocoGroundTruth gt, CocoDetections dets) {
        this.gt = gt;
        this.dets = dets;
    }

    /** @return the ground truth */
    public CocoGroundTruth groundTruth() {
        return gt;
    }

    /** @return the detections */
    public CocoDetections detections() {
        return dets;
    }

    /**
     * Generates a case.
     *
     * @param images number of images
     * @param categories number of categories (≤ 80)
     * @param detsPerImage detections per image
     * @param seed the seed
     * @return the case
     */
    public static SyntheticCocoCase generate(int images, int categories, int detsPerImage, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        CocoGroundTruth.Builder b = CocoGroundTruth.builder();
        for (int c = 0; c < categories; c++) {
            b.addCategory(COCO_IDS[c], "class" + COCO_IDS[c]);
        }
        CocoDetections d = new CocoDetections(images * detsPerImage);
        long annId = 1;
        double[] box = new double[4];
        for (int i = 0; i < images; i++) {
            long imageId = 100_000 + 7L * i + r.nextInt(7); // sparse ids, like COCO's
            int w = 480 + r.nextInt(161), h = 360 + r.nextInt(281);
            b.addImage(new CocoImage(imageId, imageId + ".jpg", w, h));
            int nGt = r.nextInt(15) + (r.nextDouble() < 0.3 ? 1 : 0);
            int made = 0;
            for (int g = 0; g < nGt; g++) {
                int cat = COCO_IDS[Math.min(categories - 1, (int) (categories * sq(r.nextDouble())))];
                boolean crowd = r.nextDouble() < 0.01;
                randomBox(r, w, h, crowd ? 2 : sizeClass(r), box);
                double area = round2(box[2] * box[3] * (0.55 + 0.4 * r.nextDouble()));
                b.addAnnotation(annId++, imageId, cat, box[0], box[1], box[2], box[3], area, crowd);
                if (crowd || made >= detsPerImage) {
                    continue;
                }
                if (r.nextDouble() < 0.85 && made < detsPerImage) {
                    addJittered(r, d, imageId, cat, categories, box, w, h, 0.08, 0.3 + 0.7 * r.nextDouble());
                    made++;
                }
                if (r.nextDouble() < 0.3 && made < detsPerImage) {
                    addJittered(r, d, imageId, cat, categories, box, w, h, 0.2, 0.6 * r.nextDouble());
                    made++;
                }
            }
            for (; made < detsPerImage; made++) {
                randomBox(r, w, h, sizeClass(r), box);
                int cat = COCO_IDS[r.nextInt(categories)];
                d.add(imageId, cat, round2(box[0]), round2(box[1]), round2(box[2]), round2(box[3]),
                        round5(0.6 * sq(r.nextDouble())));
            }
        }
        return new SyntheticCocoCase(b.build(), d);
    }

    private static void addJittered(SplittableRandom r, CocoDetections d, long imageId, int cat, int categories,
            double[] g, int w, int h, double noise, double score) {
        int c = r.nextDouble() < 0.9 ? cat : COCO_IDS[r.nextInt(categories)];
        double x = g[0] + gauss(r) * noise * g[2], y = g[1] + gauss(r) * noise * g[3];
        double bw = g[2] * Math.exp(gauss(r) * noise), bh = g[3] * Math.exp(gauss(r) * noise);
        x = Math.max(0, Math.min(x, w - 1));
        y = Math.max(0, Math.min(y, h - 1));
        bw = Math.max(1, Math.min(bw, w - x));
        bh = Math.max(1, Math.min(bh, h - y));
        d.add(imageId, c, round2(x), round2(y), round2(bw), round2(bh), round5(score));
    }

    private static int sizeClass(SplittableRandom r) {
        double u = r.nextDouble();
        return u < 0.41 ? 0 : u < 0.75 ? 1 : 2;
    }

    private static void randomBox(SplittableRandom r, int w, int h, int sizeClass, double[] out) {
        double side = switch (sizeClass) {
            case 0 -> 4 + 28 * r.nextDouble();
            case 1 -> 32 + 64 * r.nextDouble();
            default -> 96 + 304 * r.nextDouble();
        };
        double ar = Math.exp(0.5 * gauss(r));
        double bw = Math.min(w, side * Math.sqrt(ar)), bh = Math.min(h, side / Math.sqrt(ar));
        bw = Math.max(1, round2(bw));
        bh = Math.max(1, round2(bh));
        out[0] = round2(r.nextDouble() * (w - bw));
        out[1] = round2(r.nextDouble() * (h - bh));
        out[2] = bw;
        out[3] = bh;
    }

    private static double gauss(SplittableRandom r) {
        // Box–Muller; one value per call keeps the stream simple
        double u1 = 1 - r.nextDouble(), u2 = r.nextDouble();
        return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
    }

    private static double sq(double x) {
        return x * x;
    }

    private static double round2(double x) {
        return Math.round(x * 100) / 100.0;
    }

    private static double round5(double x) {
        return Math.round(x * 100000) / 100000.0;
    }

    /**
     * Writes the ground truth as a COCO JSON file.
     *
     * @param file the target
     * @throws IOException if writing fails
     */
    public void writeGroundTruth(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("{\"images\": [");
            boolean first = true;
            for (CocoImage im : gt.images()) {
                w.write(first ? "\n" : ",\n");
                first = false;
                w.write("{\"id\": " + im.id() + ", \"file_name\": \"" + im.fileName() + "\", \"width\": " + im.width()
                        + ", \"height\": " + im.height() + "}");
            }
            w.write("],\n\"categories\": [");
            first = true;
            for (var c : gt.categories()) {
                w.write(first ? "\n" : ",\n");
                first = false;
                w.write("{\"id\": " + c.id() + ", \"name\": \"" + c.name() + "\", \"supercategory\": \"thing\"}");
            }
            w.write("],\n\"annotations\": [");
            long[] ids = gt.annotationIds();
            long[] img = gt.annotationImageIds();
            int[] cat = gt.annotationCategoryIds();
            double[] box = gt.annotationBoxesXywh();
            double[] area = gt.annotationAreas();
            boolean[] crowd = gt.annotationCrowd();
            StringBuilder sb = new StringBuilder(256);
            for (int i = 0; i < ids.length; i++) {
                sb.setLength(0);
                sb.append(i == 0 ? "\n" : ",\n").append("{\"id\": ").append(ids[i]).append(", \"image_id\": ").append(img[i])
                        .append(", \"category_id\": ").append(cat[i]).append(", \"bbox\": [").append(box[4 * i]).append(", ")
                        .append(box[4 * i + 1]).append(", ").append(box[4 * i + 2]).append(", ").append(box[4 * i + 3])
                        .append("], \"area\": ").append(area[i]).append(", \"iscrowd\": ").append(crowd[i] ? 1 : 0).append('}');
                w.append(sb);
            }
            w.write("]}\n");
        }
    }

    /**
     * Writes the detections as a COCO results JSON file.
     *
     * @param file the target
     * @throws IOException if writing fails
     */
    public void writeDetections(Path file) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("[");
            StringBuilder sb = new StringBuilder(160);
            for (int i = 0; i < dets.size(); i++) {
                double[] b = dets.boxXywh(i);
                sb.setLength(0);
                sb.append(i == 0 ? "\n" : ",\n").append("{\"image_id\": ").append(dets.imageId(i)).append(", \"category_id\": ")
                        .append(dets.categoryId(i)).append(", \"bbox\": [").append(b[0]).append(", ").append(b[1]).append(", ")
                        .append(b[2]).append(", ").append(b[3]).append("], \"score\": ").append(dets.score(i)).append('}');
                w.append(sb);
            }
            w.write("\n]\n");
        }
    }
}
