package io.detkit.report;

import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Ground truth and detections grouped by image (images in sorted id order, file order within), as
 * the per-image evaluators take them. Category ids are kept; crowd GT are flagged {@code ignore}.
 * Detections whose image or category is not in the ground truth are left out.
 */
final class PerImage {
    final long[] imageIds;
    final CocoImage[] images;
    /** Annotation indices of each image. */
    final int[][] annotations;
    /** Detection indices of each image. */
    final int[][] detections;
    final List<List<GroundTruth>> groundTruths;
    final List<List<Detection>> dets;

    private PerImage(long[] imageIds, CocoImage[] images, int[][] annotations, int[][] detections,
            List<List<GroundTruth>> groundTruths, List<List<Detection>> dets) {
        this.imageIds = imageIds;
        this.images = images;
        this.annotations = annotations;
        this.detections = detections;
        this.groundTruths = groundTruths;
        this.dets = dets;
    }

    int size() {
        return imageIds.length;
    }

    static PerImage of(CocoGroundTruth gt, CocoDetections dt) {
        long[] ids = gt.sortedImageIds();
        int n = ids.length;
        CocoImage[] images = new CocoImage[n];
        Map<Long, CocoImage> byId = new HashMap<>();
        for (CocoImage im : gt.images()) {
            byId.putIfAbsent(im.id(), im);
        }
        for (int i = 0; i < n; i++) {
            images[i] = byId.get(ids[i]);
        }
        int[] cats = gt.sortedCategoryIds();

        long[] annImg = gt.annotationImageIds();
        int[] annCat = gt.annotationCategoryIds();
        double[] box = gt.annotationBoxesXywh();
        boolean[] crowd = gt.annotationCrowd();
        int[] gImg = new int[annImg.length];
        for (int a = 0; a < annImg.length; a++) {
            gImg[a] = Arrays.binarySearch(cats, annCat[a]) >= 0 ? Arrays.binarySearch(ids, annImg[a]) : -1;
        }
        int[][] annotations = group(gImg, n);
        List<List<GroundTruth>> gts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<GroundTruth> l = new ArrayList<>(annotations[i].length);
            for (int a : annotations[i]) {
                l.add(new GroundTruth(Box.ofXywh(box[4 * a], box[4 * a + 1], box[4 * a + 2], box[4 * a + 3]), annCat[a],
                        crowd[a]));
            }
            gts.add(l);
        }

        int[] dImg = new int[dt.size()];
        for (int d = 0; d < dImg.length; d++) {
            dImg[d] = Arrays.binarySearch(cats, dt.categoryId(d)) >= 0 ? Arrays.binarySearch(ids, dt.imageId(d)) : -1;
        }
        int[][] detections = group(dImg, n);
        List<List<Detection>> dets = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            List<Detection> l = new ArrayList<>(detections[i].length);
            for (int d : detections[i]) {
                double[] b = dt.boxXywh(d);
                l.add(new Detection(Box.ofXywh(b[0], b[1], b[2], b[3]), dt.categoryId(d), dt.score(d)));
            }
            dets.add(l);
        }
        return new PerImage(ids, images, annotations, detections, gts, dets);
    }

    private static int[][] group(int[] img, int n) {
        int[] count = new int[n];
        for (int i : img) {
            if (i >= 0) {
                count[i]++;
            }
        }
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            out[i] = new int[count[i]];
        }
        Arrays.fill(count, 0);
        for (int j = 0; j < img.length; j++) {
            if (img[j] >= 0) {
                out[img[j]][count[img[j]]++] = j;
            }
        }
        return out;
    }
}
