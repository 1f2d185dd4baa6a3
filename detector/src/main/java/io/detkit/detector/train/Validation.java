package io.detkit.detector.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.image.LetterboxTransform;
import io.detkit.data.loader.Batch;
import io.detkit.data.loader.BatchLoader;
import io.detkit.metrics.Detection;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoImage;
import java.util.Iterator;
import java.util.List;

/**
 * Runs a detector over a letterboxed evaluation set and scores it with the COCO evaluator, in
 * original-image pixels. Class index {@code c} is COCO category id {@code c}.
 */
public final class Validation {
    private Validation() {}

    /** Turns the model's raw output for a batch into detections in input (letterboxed) pixels. */
    @FunctionalInterface
    public interface Decoder {
        /**
         * @param preds the block's output
         * @return one list per image
         */
        List<List<Detection>> decode(NDList preds);
    }

    /**
     * COCO ground truth of a dataset: category id = class index, image ids kept, crowd = ignore.
     *
     * @param ds the dataset
     * @return the ground truth
     */
    public static CocoGroundTruth groundTruth(DetectionDataset ds) {
        CocoGroundTruth.Builder b = CocoGroundTruth.builder();
        for (int c = 0; c < ds.numClasses(); c++) {
            b.addCategory(c, ds.classNames().get(c));
        }
        for (DetectionSample s : ds.samples()) {
            b.addImage(new CocoImage(s.imageId(), s.imagePath().getFileName().toString(), s.width(), s.height()));
            double[] x = s.boxes();
            for (int i = 0; i < s.size(); i++) {
                b.addAnnotation(s.imageId(), s.classIds()[i], x[4 * i], x[4 * i + 1], x[4 * i + 2] - x[4 * i],
                        x[4 * i + 3] - x[4 * i + 1], s.ignore()[i]);
            }
        }
        return b.build();
    }

    /**
     * Evaluates a block in inference mode.
     *
     * @param block the model
     * @param manager a long-lived manager (a scope per batch is made from it)
     * @param loader batches of a {@link io.detkit.data.loader.LetterboxSource}
     * @param gt the ground truth
     * @param decoder raw output → detections
     * @return the evaluation
     */
    public static CocoEvaluation evaluate(Block block, NDManager manager, BatchLoader loader, CocoGroundTruth gt, Decoder decoder) {
        CocoEvaluator ev = new CocoEvaluator(gt);
        Iterator<Batch> it = loader.epoch(0);
        while (it.hasNext()) {
            Batch b = it.next();
            try (NDManager scope = manager.newSubManager()) {
                NDList in = new NDList(b.toNDList(scope).get(0));
                NDList preds = block.forward(new ParameterStore(scope, false), in, false);
                List<List<Detection>> dets = decoder.decode(preds);
                for (int i = 0; i < b.size(); i++) {
                    Batch.SampleInfo info = b.samples().get(i);
                    LetterboxTransform t = (LetterboxTransform) info.meta();
                    for (Detection d : dets.get(i)) {
                        Box o = t.inverse(d.box());
                        if (o.width() > 0 && o.height() > 0) {
                            ev.add(info.imageId(), d.classId(), o.x1(), o.y1(), o.width(), o.height(), d.score());
                        }
                    }
                }
            }
        }
        return ev.evaluate();
    }

    /**
     * Ultralytics' fitness: 0.1·mAP50 + 0.9·mAP50-95 (undefined values count as 0).
     *
     * @param e an evaluation
     * @return the fitness
     */
    public static double fitness(CocoEvaluation e) {
        double ap = Math.max(0, e.stats()[0]), ap50 = Math.max(0, e.stats()[1]);
        return 0.1 * ap50 + 0.9 * ap;
    }
}
