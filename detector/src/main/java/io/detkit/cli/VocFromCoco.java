package io.detkit.cli;

import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.voc.VocClassResult;
import io.detkit.metrics.voc.VocResult;
import java.util.Locale;

/** The Pascal VOC AP table that {@code detkit eval --voc} prints (the report computes the AP; crowd GT count as "difficult"). */
final class VocFromCoco {
    private VocFromCoco() {}

    static String table(VocResult r, CocoGroundTruth gt) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Pascal VOC AP @ IoU %.2f%s%n", r.config().iouThreshold(),
                r.config().plusOnePixel() ? " (+1 pixel areas)" : ""));
        sb.append(String.format(Locale.ROOT, "%6s  %-20s %6s %6s %6s %9s %9s%n", "id", "class", "npos", "tp", "fp", "AP", "AP(11pt)"));
        for (VocClassResult c : r.classes()) {
            sb.append(String.format(Locale.ROOT, "%6d  %-20s %6d %6d %6d %9s %9s%n", c.classId(), gt.categoryName(c.classId()),
                    c.npos(), c.truePositives(), c.falsePositives(), fmt(c.apAllPoint()), fmt(c.apElevenPoint())));
        }
        sb.append(String.format(Locale.ROOT, "mAP: all-point %.4f, 11-point %.4f%n", r.mapAllPoint(), r.mapElevenPoint()));
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
