package io.detkit.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.coco.CocoJson;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes one seeded synthetic case ({@code gt.json}, {@code dt.json}) and detkit's evaluation of it
 * read back from those files ({@code detkit.json}: stats and the full precision / recall / scores
 * arrays), for {@code scripts/crosscheck-pycocotools} to compare with pycocotools.
 */
public final class CrossCheckCase {
    private CrossCheckCase() {}

    /**
     * @param args DIR SEED IMAGES CATEGORIES DETS_PER_IMAGE
     * @throws Exception on I/O errors
     */
    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int images = Integer.parseInt(args[2]), cats = Integer.parseInt(args[3]), dets = Integer.parseInt(args[4]);
        Files.createDirectories(dir);
        SyntheticCocoCase c = SyntheticCocoCase.generate(images, cats, dets, seed);
        c.writeGroundTruth(dir.resolve("gt.json"));
        c.writeDetections(dir.resolve("dt.json"));
        CocoGroundTruth gt = CocoJson.readGroundTruth(dir.resolve("gt.json"));
        CocoEvaluator ev = new CocoEvaluator(gt);
        ev.addAll(CocoJson.readResults(dir.resolve("dt.json"), gt));
        CocoEvaluation e = ev.evaluate();
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.putPOJO("dims", e.dims());
        o.putPOJO("stats", e.stats());
        o.putPOJO("precision", e.precision());
        o.putPOJO("recall", e.recall());
        o.putPOJO("scores", e.scores());
        m.writeValue(dir.resolve("detkit.json").toFile(), o);
    }
}
