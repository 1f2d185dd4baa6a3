package io.detkit.metrics.coco;

/**
 * COCO metrics of one category (area "all" unless named; maxDets 100, or the largest maxDets when
 * 100 is not among them). Values are −1 where undefined (no non-ignored GT).
 *
 * @param categoryId the category id
 * @param name the category name
 * @param gtCount number of GT annotations (crowd included) in the evaluated images
 * @param detectionCount number of detections in the evaluated images
 * @param ap AP averaged over the IoU thresholds
 * @param ap50 AP at IoU 0.50
 * @param ap75 AP at IoU 0.75
 * @param apSmall AP for small objects
 * @param apMedium AP for medium objects
 * @param apLarge AP for large objects
 * @param ar1 AR with 1 detection per image
 * @param ar10 AR with 10 detections per image
 * @param ar100 AR with 100 detections per image
 */
public record CategoryMetrics(int categoryId, String name, int gtCount, int detectionCount, double ap, double ap50,
        double ap75, double apSmall, double apMedium, double apLarge, double ar1, double ar10, double ar100) {}
