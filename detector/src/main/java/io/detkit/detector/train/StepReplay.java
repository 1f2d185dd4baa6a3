package io.detkit.detector.train;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.JsonNode;
import io.detkit.detector.DetectorModels;
import io.detkit.detector.nn.GradientGuard;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a recorded training step ({@link StepRecord}) again, several times, in a fresh model: the
 * same weights, batch and sampling seed. Each run gives a {@link GradientCensus}; the result says
 * whether the runs agree bit for bit with each other and with the gradient that was recorded.
 *
 * <p>How to read it: non-finite gradients that come back identical in every replay are a property
 * of the inputs (a numerical singularity in some operation: find it with the census and the
 * per-term isolation of {@link AnomalyRecorder}); replays that differ from each other or from the
 * record, although every input is the same, mean that the step read memory whose content is not
 * determined (freed too early, or never written), or that an engine kernel is not deterministic.
 */
public final class StepReplay {
    private StepReplay() {}

    /**
     * The outcome of the replays.
     *
     * @param runs one census per replay
     * @param losses the total loss of each replay
     * @param recordedDiffers per replay, the parameters whose gradient bits differ from the recorded
     *     gradient's (empty lists when the record has no checksums)
     */
    public record Result(List<GradientCensus> runs, List<Double> losses, List<List<String>> recordedDiffers) {
        /** @return whether every replay produced the same gradient bits as the first */
        public boolean deterministic() {
            for (GradientCensus c : runs) {
                if (!c.differingFrom(runs.get(0)).isEmpty()) {
                    return false;
                }
            }
            return true;
        }

        /** @return whether every replay's gradients are finite */
        public boolean allFinite() {
            return runs.stream().allMatch(GradientCensus::allFinite);
        }

        /**
         * @return a readable summary, one line per replay and a verdict
         */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < runs.size(); i++) {
                GradientCensus c = runs.get(i);
                List<String> d = recordedDiffers.get(i);
                sb.append(String.format(Locale.ROOT, "replay %d: loss %.6g, %s, gradient norm %.6g; %s%n", i + 1, losses.get(i),
                        c.allFinite() ? "all gradients finite" : c.nonFinite().size() + " parameters non-finite (first "
                                + c.nonFinite().get(0).name() + ")", c.finiteNorm(),
                        d == null ? "no recorded checksums to compare"
                                : d.isEmpty() ? "bits equal to the recorded gradient"
                                        : d.size() + " parameters differ from the recorded gradient (first " + d.get(0) + ")"));
            }
            sb.append(deterministic() ? "the replays agree bit for bit\n" : "the replays DIFFER from each other\n");
            return sb.toString();
        }
    }

    /**
     * Replays a recorded step.
     *
     * @param record the step
     * @param repeats how many times (≥ 1)
     * @return the outcome
     * @throws IOException if the record does not fit its model
     */
    public static Result replay(StepRecord record, int repeats) throws IOException {
        if (repeats < 1) {
            throw new IllegalArgumentException("repeats must be ≥ 1, got " + repeats);
        }
        JsonNode step = record.step();
        long seed = step.path("seed").asLong();
        Map<String, Long> sums = null;
        if (step.has("checksums")) {
            Map<String, Long> recorded = new LinkedHashMap<>();
            step.get("checksums").fields().forEachRemaining(e -> recorded.put(e.getKey(), e.getValue().asLong()));
            sums = recorded;
        }
        DetectorModels.Built built = DetectorModels.fromDescription(record.model());
        List<GradientCensus> runs = new ArrayList<>();
        List<Double> losses = new ArrayList<>();
        List<List<String>> differs = new ArrayList<>();
        Engine.getInstance().setRandomSeed((int) (seed & 0x7fffffff));
        try (Model model = Model.newInstance("replay")) {
            model.setBlock(built.block());
            record.loadWeights(built, model.getNDManager()); // before the trainer: it keeps the arrays it sees
            try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()))) {
                trainer.initialize(built.inputShape(1)); // keeps the loaded weights, attaches their gradients
                for (int r = 0; r < repeats; r++) {
                    try (NDManager scope = trainer.getManager().newSubManager()) {
                        NDList batch = record.batch(scope);
                        built.reseed().accept(seed);
                        try (GradientCollector gc = trainer.newGradientCollector()) {
                            DetectorModels.LossParts parts = AnomalyRecorder.forward(trainer, built, batch);
                            NDArray total = parts.total();
                            losses.add((double) total.getFloat());
                            gc.backward(total);
                        }
                        GradientCensus c = GradientCensus.of(built.block());
                        runs.add(c);
                        differs.add(sums == null ? null : c.differingFrom(sums));
                        GradientGuard.zero(built.block());
                    }
                }
            }
        }
        return new Result(Collections.unmodifiableList(runs), Collections.unmodifiableList(losses), differs);
    }
}
