package io.detkit.metrics.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.detkit.metrics.Detection;
import io.detkit.metrics.GroundTruth;
import io.detkit.metrics.box.Box;
import io.detkit.metrics.classification.RocCurve;
import io.detkit.metrics.coco.CocoDetections;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoEvaluator;
import io.detkit.metrics.coco.CocoGroundTruth;
import io.detkit.metrics.curves.ConfusionMatrixEvaluator;
import io.detkit.metrics.curves.CurveEvaluator;
import io.detkit.metrics.curves.PresenceEvaluator;
import io.detkit.metrics.errors.ErrorAnalyzer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsJsonTest {
    @TempDir
    Path dir;

    /** Two categories named "cat" (ids 1 and 3) and a dog (2); one image each. */
    private static CocoGroundTruth gt() {
        return CocoGroundTruth.builder().addCategory(1, "cat").addCategory(2, "dog").addCategory(3, "cat")
                .addAnnotation(1, 1, 1, 0, 0, 40, 40, 1600, false)
                .addAnnotation(2, 2, 2, 10, 10, 100, 100, 10000, false)
                .addAnnotation(3, 2, 3, 200, 200, 20, 20, 400, false)
                .build();
    }

    private static CocoDetections dets() {
        CocoDetections d = new CocoDetections();
        d.add(1, 1, 0, 0, 40, 40, 0.9);
        d.add(2, 2, 300, 300, 50, 50, 0.8);
        d.add(2, 3, 200, 200, 20, 20, 0.7);
        return d;
    }

    @Test
    void everySectionHasItsStableKeys() throws Exception {
        CocoGroundTruth g = gt();
        CocoEvaluator ev = new CocoEvaluator(g);
        ev.addAll(dets());
        CocoEvaluation e = ev.evaluate();
        MetricsJson m = new MetricsJson(e);
        assertEquals("cat (1)", m.key(1));
        assertEquals("dog", m.key(2));
        assertEquals("42", m.key(42));

        CurveEvaluator curves = new CurveEvaluator(new double[] {0.5});
        ConfusionMatrixEvaluator cm = new ConfusionMatrixEvaluator(3);
        PresenceEvaluator pe = new PresenceEvaluator(new int[] {1, 2, 3});
        Box a = Box.ofXywh(0, 0, 40, 40), b = Box.ofXywh(10, 10, 100, 100), c = Box.ofXywh(200, 200, 20, 20);
        curves.add("1", List.of(new GroundTruth(a, 1)), List.of(new Detection(a, 1, 0.9)));
        curves.add("2", List.of(new GroundTruth(b, 2), new GroundTruth(c, 3)), List.of(new Detection(c, 3, 0.7)));
        cm.add("1", List.of(new GroundTruth(a, 0)), List.of(new Detection(a, 0, 0.9)));
        pe.add("1", List.of(new GroundTruth(a, 1)), List.of(new Detection(a, 1, 0.9)));
        pe.add("2", List.of(new GroundTruth(b, 2)), List.of());
        m.putPrCurves(e).putConfidenceCurves(curves.confidenceCurves()).putConfusionMatrix(cm.result(), new int[] {1, 2, 3})
                .putErrors(new ErrorAnalyzer(g).analyze(dets())).putPresence(pe.result())
                .putApBySize(e, new long[] {1, 1, 1});
        Path file = dir.resolve("metrics.json");
        m.write(file);
        JsonNode j = new ObjectMapper().readTree(Files.readString(file));

        for (String k : List.of("AP", "AP50", "AP75", "APs", "APm", "APl", "AR1", "AR10", "AR100", "ARs", "ARm", "ARl")) {
            assertTrue(j.get("coco").get(k).isNumber(), k);
        }
        for (String k : List.of("id", "AP", "AP50", "AP75", "AR100", "gt", "detections", "APs", "APm", "APl")) {
            assertTrue(j.get("per_class").get("cat (3)").has(k), k);
        }
        assertEquals(101, j.get("pr_curves").get("recall").size());
        assertEquals(101, j.get("pr_curves").get("iou50").get("all").size());
        assertEquals(101, j.get("pr_curves").get("iou75").get("per_class").get("dog").size());
        // dog: its only detection misses: precision 0 at every recall level
        assertEquals(0.0, j.get("pr_curves").get("iou50").get("per_class").get("dog").get(0).asDouble());
        JsonNode cc = j.get("confidence_curves");
        assertEquals(101, cc.get("confidence").size());
        assertEquals(1.0, cc.get("confidence").get(100).asDouble());
        for (String k : List.of("confidence", "f1", "precision", "recall")) {
            assertTrue(cc.get("best_f1").has(k), k);
        }
        assertTrue(cc.get("per_class").get("cat (1)").has("f1"));
        JsonNode cmj = j.get("confusion_matrix");
        assertEquals("background", cmj.get("labels").get(3).asText());
        assertEquals(1, cmj.get("counts").get(0).get(0).asLong());
        assertEquals(4, cmj.get("normalized").size());
        JsonNode err = j.get("errors");
        for (String t : List.of("Cls", "Loc", "Both", "Dupe", "Bkg", "Miss")) {
            assertTrue(err.get("types").get(t).has("count"), t);
            assertTrue(err.get("types").get(t).has("dAP"), t);
            assertTrue(err.get("per_class").get("dog").has(t), t);
        }
        // dog's detection overlaps nothing: background error; its GT is missed
        assertEquals(1, err.get("types").get("Bkg").get("count").asInt());
        assertEquals(1, err.get("types").get("Miss").get("count").asInt());
        assertEquals(e.stat("AP50"), err.get("base_mAP").asDouble(), 1e-12);
        assertTrue(err.get("oracles").has("FP"));
        JsonNode pr = j.get("presence_roc");
        assertEquals(2, pr.get("images").asInt());
        assertEquals(1.0, pr.get("per_class").get("cat (1)").get("AUC").asDouble());
        assertEquals(-1, pr.get("per_class").get("cat (3)").get("AUC").asDouble(), "never present: undefined");
        assertFalse(pr.get("per_class").get("cat (3)").has("tpr"));
        assertEquals(1, j.get("ap_by_size").get("gt").get("small").asLong());
    }

    /**
     * ROC (0,0) (0,.5) (.5,.5) (.5,1) (1,1): at FPR 0 the vertical step gives TPR .5; at .25 the flat
     * part .5; at .5 the step up to 1; at .75 and 1 the top, 1.
     */
    @Test
    void tprAtFprLevels() {
        RocCurve c = RocCurve.of(new boolean[] {true, false, true, false}, new double[] {0.9, 0.7, 0.6, 0.1});
        assertArrayEquals(new double[] {0.5, 0.5, 1, 1, 1}, MetricsJson.tprAt(c, new double[] {0, 0.25, 0.5, 0.75, 1}), 1e-15);
    }
}
