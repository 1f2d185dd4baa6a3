package io.detkit.detector.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.detector.DetectorModels;
import io.detkit.detector.nn.GradientGuard;
import io.detkit.metrics.report.AtomicFiles;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a training step skipped for a non-finite gradient into evidence. For each such step (the
 * first {@link #MAX_RECORDS} of a run) it writes {@code runs/<name>/anomalies/iter-NNNNNN.ckpt}, a
 * {@link StepRecord} that {@code detkit replay} runs again, and {@code iter-NNNNNN.txt}, which says:
 *
 * <ul>
 *   <li>which parameters hold NaN or ∞ ({@link GradientCensus});
 *   <li>which loss term produces them: the step's forward pass is run again on the same weights,
 *       batch and seed, and each term is back-propagated on its own;
 *   <li>whether the bad gradient is reproducible: the total is back-propagated once more and its
 *       bits compared with the recorded ones. Identical bits point at a numerical singularity of
 *       the inputs; different bits (or a finite replay) point at memory read before it was written
 *       or after it was freed.
 * </ul>
 *
 * <p>The replays change nothing the run keeps: the gradients are zeroed afterwards (the step is
 * skipped anyway) and the batch-norm running statistics, which a training-mode forward pass
 * updates, are put back as they were.
 */
final class AnomalyRecorder {
    /** Steps recorded per run; later anomalies are counted and reported, not saved. */
    static final int MAX_RECORDS = 3;

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final NDIndex ALL = new NDIndex("...");

    private final Path dir;
    private final String configYaml;
    private final PrintStream log;
    private int recorded;

    /**
     * @param runDir the run folder ({@code anomalies/} is created there on the first anomaly)
     * @param configYaml the run's config, saved with each record
     * @param log where a one-line notice per record goes
     */
    AnomalyRecorder(Path runDir, String configYaml, PrintStream log) {
        this.dir = runDir.resolve("anomalies");
        this.configYaml = configYaml;
        this.log = log;
    }

    /** What one step did, as the training loop saw it. */
    record Step(long iteration, int epoch, int batchInEpoch, long seed, double loss, double box, double cls, double gradNorm) {}

    /**
     * Records a skipped step. Call it after the backward pass, before the gradients are zeroed.
     *
     * @param trainer the trainer
     * @param built the model
     * @param batch the step's batch arrays
     * @param terms the names of the step's loss terms ({@code LossParts.terms()})
     * @param step what the step did
     * @return the report file, or null when the record limit was reached
     * @throws IOException if writing fails
     */
    Path record(Trainer trainer, DetectorModels.Built built, NDList batch, List<String> terms, Step step) throws IOException {
        if (recorded >= MAX_RECORDS) {
            return null;
        }
        recorded++;
        Block block = built.block();
        GradientCensus census = GradientCensus.of(block);
        ObjectNode json = JSON.createObjectNode();
        json.put("iteration", step.iteration());
        json.put("epoch", step.epoch());
        json.put("batch", step.batchInEpoch());
        json.put("seed", step.seed());
        json.put("loss", step.loss());
        json.put("box", step.box());
        json.put("cls", step.cls());
        json.put("grad_norm", step.gradNorm());
        ObjectNode sums = json.putObject("checksums");
        census.checksums().forEach(sums::put);

        Files.createDirectories(dir);
        String base = String.format(Locale.ROOT, "iter-%06d", step.iteration());
        StepRecord.of(built, batch, json, configYaml).write(dir.resolve(base + ".ckpt"));

        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "skipped update at epoch %d, batch %d (iteration %d, seed %d)%n", step.epoch(),
                step.batchInEpoch(), step.iteration(), step.seed()));
        report.append(String.format(Locale.ROOT, "loss %.6g (box %.6g, cls %.6g), gradient norm %s%n%n", step.loss(), step.box(),
                step.cls(), step.gradNorm()));
        report.append("recorded gradient: ").append(census.describe(20)).append('\n');
        report.append(replays(trainer, built, batch, terms, step.seed(), census));
        report.append(String.format(Locale.ROOT, "%nreplay: detkit replay %s%n", dir.resolve(base + ".ckpt")));
        Path txt = dir.resolve(base + ".txt");
        AtomicFiles.writeString(txt, report.toString());
        log.printf(Locale.ROOT, "  %s; recorded in %s%n", firstLine(census), txt);
        return txt;
    }

    private static String firstLine(GradientCensus census) {
        List<GradientCensus.Entry> bad = census.nonFinite();
        return bad.isEmpty() ? "no parameter holds a non-finite gradient (the norm overflowed)"
                : bad.size() + " parameter(s) non-finite, first " + bad.get(0).name();
    }

    /** The isolation replays: each term alone, then the total again, on the same weights and batch. */
    private static String replays(Trainer trainer, DetectorModels.Built built, NDList batch, List<String> terms, long seed,
            GradientCensus recorded) {
        Block block = built.block();
        StringBuilder sb = new StringBuilder();
        List<NDArray> runningStats = new ArrayList<>();
        try (NDManager keep = batch.get(0).getManager().newSubManager()) {
            for (Pair<String, Parameter> p : block.getParameters()) {
                Parameter.Type t = p.getValue().getType();
                if (p.getValue().isInitialized() && (t == Parameter.Type.RUNNING_MEAN || t == Parameter.Type.RUNNING_VAR)) {
                    NDArray copy = p.getValue().getArray().duplicate();
                    copy.attach(keep);
                    runningStats.add(p.getValue().getArray());
                    runningStats.add(copy);
                }
            }
            try {
                GradientGuard.zero(block);
                for (String term : terms) {
                    GradientCensus c = backward(trainer, built, batch, seed, term);
                    sb.append(String.format(Locale.ROOT, "term %s alone: %s", term,
                            c.allFinite() ? "all gradients finite (norm " + fmt(c.finiteNorm()) + ")\n" : c.describe(5)));
                }
                GradientCensus again = backward(trainer, built, batch, seed, null);
                List<String> differ = again.differingFrom(recorded);
                if (differ.isEmpty()) {
                    sb.append("\nthe total again: the same gradient bits as recorded (reproducible: look for a numerical singularity)\n");
                } else {
                    sb.append(String.format(Locale.ROOT, "%nthe total again: %s; %d of %d parameters' gradient bits differ from the"
                            + " recorded ones, first %s (not reproducible: look for memory read before it was written or after it"
                            + " was freed)%n", again.allFinite() ? "all finite" : again.nonFinite().size() + " non-finite parameters",
                            differ.size(), again.parameters().size(), differ.get(0)));
                }
            } catch (RuntimeException e) {
                sb.append("\nthe replay failed: ").append(e).append('\n');
            } finally {
                GradientGuard.zero(block);
                for (int i = 0; i < runningStats.size(); i += 2) {
                    runningStats.get(i).set(ALL, runningStats.get(i + 1));
                }
            }
        }
        return sb.toString();
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }

    /** Forward, loss, backward of one term (or of the total when {@code term} is null); the census; gradients zeroed. */
    private static GradientCensus backward(Trainer trainer, DetectorModels.Built built, NDList batch, long seed, String term) {
        try (NDManager scope = batch.get(0).getManager().newSubManager()) {
            batch.tempAttach(scope);
            built.reseed().accept(seed);
            try (GradientCollector gc = trainer.newGradientCollector()) {
                DetectorModels.LossParts parts = forward(trainer, built, batch);
                gc.backward(term == null ? parts.total() : parts.terms().get(term));
            }
            GradientCensus c = GradientCensus.of(built.block());
            GradientGuard.zero(built.block());
            return c;
        }
    }

    /**
     * The training forward pass and the loss of a batch, as the training loop runs them.
     *
     * @param trainer the trainer (training mode)
     * @param built the model
     * @param batch images, boxes, classes, counts (and ignore flags)
     * @return the loss parts
     */
    static DetectorModels.LossParts forward(Trainer trainer, DetectorModels.Built built, NDList batch) {
        NDList preds = trainer.forward(built.trainingInputs(batch.get(0), batch.get(1), batch.get(2), batch.get(3)));
        return built.loss().compute(preds, batch.get(1), batch.get(2), batch.get(3));
    }
}
