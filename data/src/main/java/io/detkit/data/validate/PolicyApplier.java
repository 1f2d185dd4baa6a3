package io.detkit.data.validate;

import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.ImageHeaders;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The implementation of {@link Policy#apply}. */
final class PolicyApplier {
    private PolicyApplier() {}

    /** What a policy does to one sample. */
    private static final class Plan {
        boolean drop;
        boolean resize;
        final Map<Integer, ProblemKind> boxes = new HashMap<>();
    }

    static CleanDataset apply(Policy policy, LoadedDataset loaded, ValidationReport report)
            throws DatasetProblemsException {
        List<Problem> errors = report.errors();
        DetectionDataset ds = loaded.dataset();
        if (errors.isEmpty()) {
            return new CleanDataset(ds, policy, 0, 0, 0, 0, 0, report.problems());
        }
        if (policy == Policy.FAIL) {
            throw new DatasetProblemsException("policy fail", errors);
        }
        int droppedRecords = 0;
        Map<Integer, Plan> plans = new HashMap<>();
        for (Problem p : errors) {
            if (p.excludedRecord()) {
                droppedRecords++;
                continue;
            }
            Plan plan = plans.computeIfAbsent(p.sample(), k -> new Plan());
            if (p.box() == Problem.WHOLE_IMAGE) {
                if (policy == Policy.CLIP && p.kind() == ProblemKind.SIZE_MISMATCH) {
                    plan.resize = true;
                } else {
                    plan.drop = true;
                }
            } else {
                plan.boxes.putIfAbsent(p.box(), p.kind());
            }
        }
        int droppedImages = 0, droppedBoxes = 0, clipped = 0, resized = 0;
        List<DetectionSample> out = new ArrayList<>(ds.samples().size());
        for (int i = 0; i < ds.samples().size(); i++) {
            DetectionSample s = ds.samples().get(i);
            Plan plan = plans.get(i);
            if (plan == null) {
                out.add(s);
                continue;
            }
            int w = s.width(), h = s.height();
            if (plan.resize && !plan.drop) {
                try {
                    ImageHeaders.Size real = ImageHeaders.read(s.imagePath());
                    w = real.width();
                    h = real.height();
                    resized++;
                } catch (IOException e) {
                    plan.drop = true;
                }
            }
            if (plan.drop) {
                droppedImages++;
                droppedBoxes += s.size();
                continue;
            }
            Rebuilt r = rebuild(s, plan, policy, w, h);
            droppedBoxes += r.dropped;
            clipped += r.clipped;
            out.add(r.sample);
        }
        DetectionDataset clean = new DetectionDataset(ds.classNames(), ds.categoryIds(), out);
        return new CleanDataset(clean, policy, droppedImages, droppedBoxes, droppedRecords, clipped, resized,
                report.problems());
    }

    private record Rebuilt(DetectionSample sample, int dropped, int clipped) {}

    private static Rebuilt rebuild(DetectionSample s, Plan plan, Policy policy, int w, int h) {
        int n = s.size();
        double[] boxes = new double[4 * n];
        int[] cls = new int[n];
        boolean[] ign = new boolean[n];
        double[] areas = new double[n];
        int k = 0, dropped = 0, clipped = 0;
        double[] b = s.boxes();
        for (int j = 0; j < n; j++) {
            ProblemKind kind = plan.boxes.get(j);
            double x1 = b[4 * j], y1 = b[4 * j + 1], x2 = b[4 * j + 2], y2 = b[4 * j + 3];
            double area = s.areas()[j];
            boolean clipThis = policy == Policy.CLIP && (plan.resize || kind == ProblemKind.BOX_OUTSIDE_IMAGE);
            if (kind != null && !(policy == Policy.CLIP && kind == ProblemKind.BOX_OUTSIDE_IMAGE)) {
                dropped++;
                continue;
            }
            if (clipThis) {
                double cx1 = clamp(x1, w), cy1 = clamp(y1, h), cx2 = clamp(x2, w), cy2 = clamp(y2, h);
                if (!(cx2 - cx1 > 0) || !(cy2 - cy1 > 0)) {
                    dropped++;
                    continue;
                }
                if (cx1 != x1 || cy1 != y1 || cx2 != x2 || cy2 != y2) {
                    clipped++;
                    x1 = cx1;
                    y1 = cy1;
                    x2 = cx2;
                    y2 = cy2;
                    area = (x2 - x1) * (y2 - y1);
                }
            }
            boxes[4 * k] = x1;
            boxes[4 * k + 1] = y1;
            boxes[4 * k + 2] = x2;
            boxes[4 * k + 3] = y2;
            cls[k] = s.classIds()[j];
            ign[k] = s.ignore()[j];
            areas[k] = area;
            k++;
        }
        DetectionSample out = new DetectionSample(s.imageId(), s.imagePath(), w, h, Arrays.copyOf(boxes, 4 * k),
                Arrays.copyOf(cls, k), Arrays.copyOf(ign, k), Arrays.copyOf(areas, k));
        return new Rebuilt(out, dropped, clipped);
    }

    private static double clamp(double v, int max) {
        return Math.min(Math.max(v, 0), max);
    }
}
