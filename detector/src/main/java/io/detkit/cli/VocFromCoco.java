package io.detkit.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import io.detkit.metrics.voc.VocClassResult;
import io.detkit.metrics.voc.VocConfig;
import io.detkit.metrics.voc.VocEvaluator;
import io.detkit.metrics.voc.VocResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Pascal VOC AP over COCO-format inputs, for {@code detkit eval --voc}; crowd GT count as "difficult". */
final class VocFromCoco {
    private VocFromCoco() {}

    static VocResult evaluate(CocoGroundTruth gt, CocoDetections dt, VocConfig config) {
        Map<Long, List<GroundTruth>> gts = new HashMap<>();
        Map<Long, List<Detection>> dets = new HashMap<>();
        long[] img = gt.annotationImageIds();
        int[] cat = gt.annotationCategoryIds();
        double[] box = gt.annotationBoxesXywh();
        boolean[] crowd = gt.annotationCrowd();
        for (int i = 0; i < img.length; i++) {
            Box b = Box.ofXywh(box[4 * i], box[4 * i + 1], box[4 * i + 2], box[4 * i + 3]);
            gts.computeIfAbsent(img[i], k -> new ArrayList<>()).add(new GroundTruth(b, cat[i], crowd[i]));
        }
        for (int i = 0; i < dt.size(); i++) {
            double[] b = dt.boxXywh(i);
            dets.computeIfAbsent(dt.imageId(i), k -> new ArrayList<>())
                    .add(new Detection(Box.ofXywh(b[0], b[1], b[2], b[3]), dt.categoryId(i), dt.score(i)));
        }
        VocEvaluator ev = new VocEvaluator(config);
        for (CocoImage im : gt.images()) {
            ev.add(String.valueOf(im.id()), gts.getOrDefault(im.id(), List.of()), dets.getOrDefault(im.id(), List.of()));
        }
        return ev.evaluate();
    }

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

    static void write(ObjectNode node, VocResult r, CocoGroundTruth gt) {
        node.put("iou", r.config().iouThreshold());
        node.put("plus_one_pixel", r.config().plusOnePixel());
        node.put("mAP", num(r.mapAllPoint()));
        node.put("mAP_11point", num(r.mapElevenPoint()));
        ObjectNode pc = node.putObject("per_class");
        for (VocClassResult c : r.classes()) {
            String name = gt.categoryName(c.classId());
            ObjectNode o = pc.has(name) ? pc.putObject(name + " (" + c.classId() + ")") : pc.putObject(name);
            o.put("id", c.classId());
            o.put("AP", num(c.apAllPoint()));
            o.put("AP_11point", num(c.apElevenPoint()));
            o.put("npos", c.npos());
            o.put("tp", c.truePositives());
            o.put("fp", c.falsePositives());
        }
    }

    private static double num(double v) {
        return Double.isNaN(v) ? -1 : v;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.4f", v);
    }
}
