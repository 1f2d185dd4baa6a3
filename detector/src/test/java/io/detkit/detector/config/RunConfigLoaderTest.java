package io.detkit.detector.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunConfigLoaderTest {
    @Test
    void shippedConfigsParse() throws Exception {
        java.nio.file.Path dir = java.nio.file.Path.of("..", "configs");
        int n = 0;
        try (var files = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                RunConfig c = RunConfigLoader.load(f, List.of());
                assertTrue(c.train.epochs >= 1, f.toString());
                n++;
            }
        }
        assertTrue(n >= 2, "configs/*.yaml found: " + n);
        RunConfig rcnn = RunConfigLoader.load(dir.resolve("faster-rcnn-shapes.yaml"), List.of());
        assertEquals("faster_rcnn", rcnn.model.type);
        assertEquals(3, rcnn.model.rcnn.anchorSizes.size());
        assertEquals(96, rcnn.model.rcnn.roi.canonicalSize);
    }

    @Test
    void rcnnKeysAreCheckedWithTheirPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> RunConfigLoader.parse("x.yaml", """
                model:
                  type: faster_rcnn
                  rcnn:
                    rpn: {bg_iou: 0.8}
                """, List.of()));
        assertTrue(e.getMessage().contains("line 4") && e.getMessage().contains("model.rcnn.rpn.bg_iou"), e.getMessage());
        ConfigException unknown = assertThrows(ConfigException.class, () -> RunConfigLoader.parse("x.yaml", """
                model:
                  rcnn:
                    anchor_size: [[8], [16], [32]]
                """, List.of()));
        assertTrue(unknown.getMessage().contains("anchor_size"), unknown.getMessage());
    }

    private static final String YAML = """
            name: shapes
            model:
              type: yolo
              size: n
            data:
              path: data/synth/data.yaml
              augment:
                mosaic: 0.5
            train:
              epochs: 12
              optimizer:
                name: sgd
                lr: 1e-2
                nesterov: true
              schedule:
                name: multistep
                milestones: [8, 10]
            """;

    private static String error(String yaml, String... overrides) {
        return assertThrows(ConfigException.class, () -> RunConfigLoader.parse("run.yaml", yaml, List.of(overrides)))
                .getMessage();
    }

    @Test
    void readsValuesAndKeepsDefaults() {
        RunConfig c = RunConfigLoader.parse("run.yaml", YAML, List.of());
        assertEquals("shapes", c.name);
        assertEquals(12, c.train.epochs);
        assertEquals("sgd", c.train.optimizer.name);
        assertEquals(0.01, c.train.optimizer.lr);
        assertTrue(c.train.optimizer.nesterov);
        assertEquals(List.of(8, 10), c.train.schedule.milestones);
        assertEquals(0.5, c.data.augment.mosaic);
        assertEquals(0.5, c.data.augment.fliplr); // default
        assertEquals(16, c.train.batch); // default
    }

    @Test
    void overridesAreTypedAndChecked() {
        RunConfig c = RunConfigLoader.parse("run.yaml", YAML, List.of("train.epochs=3", "train.optimizer.lr=0.5", "val.every=2",
                "name=other"));
        assertEquals(3, c.train.epochs);
        assertEquals(0.5, c.train.optimizer.lr);
        assertEquals(2, c.val.every);
        assertEquals("other", c.name);
        assertTrue(error(YAML, "train.epochs=many").contains("override train.epochs: expected an integer, got \"many\""));
        assertTrue(error(YAML, "train.epochs=0").contains("override train.epochs: must be ≥ 1"));
        String typo = error(YAML, "train.epoch=1");
        assertTrue(typo.startsWith("override train.epoch: unknown key (known here: ") && typo.contains("epochs"), typo);
        // a run's name is its folder under output.dir: no '.', '..' or hidden folder
        for (String bad : new String[] {".", "..", ".hidden", "a/b", "a b"}) {
            assertTrue(error(YAML, "name=" + bad).contains("not starting with '.'"), bad);
        }
        assertTrue(error(YAML, "train.epochs").contains("expected key.sub=value"));
    }

    @Test
    void aConfigThatIsNotAMappingIsNamed() {
        assertEquals("run.yaml: line 1: expected a mapping of sections (model, data, train, val, output), got a list",
                error("- model\n- data\n"));
        assertTrue(error("just text").endsWith("got a single value"));
    }

    @Test
    void aNonUtf8FileIsNamed(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path f = Files.write(tmp.resolve("latin1.yaml"), "name: caf\u00e9\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        String m = assertThrows(ConfigException.class, () -> RunConfigLoader.load(f, List.of())).getMessage();
        assertEquals(f + ": not UTF-8 text (save the config as UTF-8)", m);
    }

    @Test
    void unknownKeyNamesPathAndLine() {
        String m = error(YAML.replace("    nesterov: true", "    nesterof: true"));
        assertTrue(m.startsWith("run.yaml: line 14: train.optimizer.nesterof: unknown key"), m);
        assertTrue(m.contains("nesterov"), "lists the known keys: " + m);
    }

    @Test
    void wrongTypeNamesPathAndLine() {
        String m = error(YAML.replace("epochs: 12", "epochs: twelve"));
        assertEquals("run.yaml: line 10: train.epochs: expected an integer, got \"twelve\"", m);
        String f = error(YAML.replace("epochs: 12", "epochs: 1.5"));
        assertTrue(f.startsWith("run.yaml: line 10: train.epochs: expected an integer"), f);
        String s = error(YAML.replace("  optimizer:\n    name: sgd\n    lr: 1e-2\n    nesterov: true", "  optimizer: fast"));
        assertTrue(s.startsWith("run.yaml: line 11: train.optimizer: expected a section"), s);
    }

    @Test
    void semanticChecksNameLine() {
        assertEquals("run.yaml: line 12: train.optimizer.name: unknown value 'sgdd'; one of sgd, adam, adamw, nadam, rmsprop, adagrad, adadelta",
                error(YAML.replace("name: sgd", "name: sgdd")));
        assertTrue(error(YAML.replace("lr: 1e-2", "lr: -1")).startsWith("run.yaml: line 13: train.optimizer.lr: must be > 0"));
        assertTrue(error("model:\n  imgsz: 100\n").startsWith("run.yaml: line 2: model.imgsz: must be a multiple of 32"));
        String v = error("model:\n  imgsz: 320\nval:\n  imgsz: 400\n");
        assertTrue(v.startsWith("run.yaml: line 4: val.imgsz: must be 0 (model.imgsz) or a multiple of 32"), v);
        assertTrue(error(YAML, "data.workers=-1").contains("override data.workers: must be ≥ 0"));
        RunConfig c = RunConfigLoader.parse("run.yaml", "model:\n  imgsz: 320\nval:\n  imgsz: 416\n", List.of());
        assertEquals(416, c.val.size(c.model.imgsz));
        assertEquals(320, RunConfigLoader.parse("run.yaml", "model:\n  imgsz: 320\n", List.of()).val.size(320)); // 0: model.imgsz
    }

    @Test
    void malformedYaml() {
        String m = error("train:\n  epochs: [1, 2\n");
        assertTrue(m.startsWith("run.yaml: line"), m);
        assertTrue(m.contains("malformed YAML"), m);
    }

    @Test
    void keyLinesFollowNesting() {
        Map<String, Integer> l = RunConfigLoader.keyLines("x", YAML);
        assertEquals(1, l.get("name"));
        assertEquals(8, l.get("data.augment.mosaic"));
        assertEquals(13, l.get("train.optimizer.lr"));
        assertEquals(17, l.get("train.schedule.milestones"));
    }

    @Test
    void resolvedYamlRoundTrips() {
        RunConfig c = RunConfigLoader.parse("run.yaml", YAML, List.of());
        String yaml = RunConfigLoader.toYaml(c);
        RunConfig back = RunConfigLoader.parse("resolved.yaml", yaml, List.of());
        assertEquals(RunConfigLoader.toYaml(back), yaml);
        assertTrue(yaml.contains("weight_decay"), yaml);
    }

    private static final String RECIPE = """
            model:
              activation: maxout
              maxout_pieces: 3
              attention: cbam
              attention_reduction: 8
              attention_stages: [3, 4]
            train:
              optimizer:
                l1: 1.0e-5
              loss:
                cls_type: focal
                label_smoothing: 0.1
            """;

    @Test
    void recipeKeys() {
        RunConfig c = RunConfigLoader.parse("r.yaml", RECIPE, List.of());
        assertEquals("maxout", c.model.activation);
        assertEquals(3, c.model.maxoutPieces);
        assertEquals("cbam", c.model.attention);
        assertEquals(8, c.model.attentionReduction);
        assertEquals(7, c.model.attentionKernel); // default
        assertEquals(List.of(3, 4), c.model.attentionStages);
        assertEquals(1e-5, c.train.optimizer.l1);
        assertEquals(0.1, c.train.loss.labelSmoothing);
        for (String act : List.of("prelu", "elu", "selu", "tanh", "sigmoid", "silu", "relu", "leaky_relu", "mish", "gelu")) {
            assertEquals(act, RunConfigLoader.parse("r.yaml", RECIPE, List.of("model.activation=" + act)).model.activation);
        }
        RunConfig v = RunConfigLoader.parse("r.yaml", RECIPE, List.of("train.loss.cls_type=varifocal", "train.loss.label_smoothing=0"));
        assertEquals("varifocal", v.train.loss.clsType);
        assertEquals(0.75, v.train.loss.varifocalAlpha);
        assertEquals("none", new RunConfig().model.attention);
    }

    @Test
    void recipeErrorsNameKeyAndLine() {
        assertTrue(error(RECIPE.replace("maxout_pieces: 3", "maxout_pieces: 1"))
                .startsWith("run.yaml: line 3: model.maxout_pieces: must be in [2, 64]"));
        assertTrue(error(RECIPE.replace("attention: cbam", "attention: eca")).startsWith(
                "run.yaml: line 4: model.attention: unknown value 'eca'; one of none, se, cbam"));
        assertTrue(error(RECIPE.replace("[3, 4]", "[1, 3]")).startsWith("run.yaml: line 6: model.attention_stages: must list"));
        assertTrue(error(RECIPE.replace("l1: 1.0e-5", "l1: -1")).startsWith("run.yaml: line 9: train.optimizer.l1: must be ≥ 0"));
        String m = error(RECIPE.replace("cls_type: focal", "cls_type: varifocal"));
        assertTrue(m.startsWith("run.yaml: line 12: train.loss.label_smoothing: must be 0 with cls_type varifocal"), m);
        assertTrue(error(RECIPE, "train.loss.label_smoothing=1").startsWith("override train.loss.label_smoothing: must be in [0, 1)"));
        assertTrue(error(RECIPE, "model.activation=swishh").contains("model.activation: unknown value 'swishh'"));
    }
}
