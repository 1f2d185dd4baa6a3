package io.detkit.detector.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.data.DetectionDataset;
import io.detkit.data.DetectionSample;
import io.detkit.data.augment.AugmentConfig;
import io.detkit.data.augment.Augmenter;
import io.detkit.data.augment.SampleSource;
import io.detkit.data.loader.AugmentingSource;
import io.detkit.data.loader.Batch;
import io.detkit.data.loader.BatchLoader;
import io.detkit.data.loader.LetterboxSource;
import io.detkit.detector.DetectorModels;
import io.detkit.detector.config.RunConfig;
import io.detkit.detector.config.RunConfigLoader;
import io.detkit.detector.optim.DetkitOptimizer;
import io.detkit.detector.optim.LrSchedule;
import io.detkit.detector.optim.LrSchedules;
import io.detkit.detector.optim.Optimizers;
import io.detkit.metrics.coco.CocoEvaluation;
import io.detkit.metrics.coco.CocoGroundTruth;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;

/**
 * One training run end to end: data, model, optimizer, schedule, EMA, the epoch loop with
 * per-epoch validation, checkpoints ({@code weights/last.ckpt}, {@code weights/best.ckpt}),
 * {@code results.csv} / {@code results.png}, and the final validation of the best checkpoint in
 * {@code val/}.
 *
 * <p>Step order (each step in its own NDManager scope): forward in training mode → loss →
 * backward → global-norm / value clipping → optimizer step (skipped, with a clear stop, when the
 * loss or the gradient norm is not finite) → EMA update.
 *
 * <p>Resume: {@code last.ckpt} holds the weights, the optimizer state (with its update count, so
 * the LR schedule continues), the EMA, the epoch reached and the early-stopping state. The data
 * order and the augmentation of epoch {@code e} depend only on {@code (seed, e)}, so a resumed run
 * continues exactly where the last completed epoch left it.
 *
 * <p>Kill safety: every file is written atomically (temp file + rename), and {@code last.ckpt} is
 * the last write of an epoch, after the CSV row, {@code best.ckpt} and the periodic copy; so a run
 * killed at any moment, SIGKILL included, has an intact {@code last.ckpt} (once the first epoch
 * ended) and a resume redoes exactly the work after it (the CSV is cut back to the checkpoint's
 * epoch count, stale temp files are removed).
 */
public final class TrainingRun {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_CONSECUTIVE_SKIPS = 10;
    /** Test hook: end the run right after this many epochs are saved, as a kill would (null: off). */
    static Integer stopAfterEpochsForTest;

    private final RunConfig cfg;
    private final Path runDir;
    private final PrintStream log;
    private final Checkpoint resumeFrom;
    private int consecutiveSkips;
    private AnomalyRecorder anomalies;

    private TrainingRun(RunConfig cfg, Path runDir, PrintStream log, Checkpoint resumeFrom) {
        this.cfg = cfg;
        this.runDir = runDir;
        this.log = log;
        this.resumeFrom = resumeFrom;
    }

    /**
     * Starts a new run.
     *
     * @param cfg the resolved config (data path already absolute or relative to the working directory)
     * @param log progress output
     * @return the run folder
     * @throws Exception on failure
     */
    public static Path start(RunConfig cfg, PrintStream log) throws Exception {
        Path runDir = RunFolders.newRunDir(Path.of(cfg.output.dir), cfg.name, cfg.output.existOk);
        boolean fresh = RunFolders.holdsNoFile(runDir);
        try {
            return new TrainingRun(cfg, runDir, log, null).run();
        } catch (Exception | Error e) {
            if (fresh) {
                // a run that failed before writing anything (bad data, bad device) leaves no empty
                // folder behind, so the retry gets the same name
                RunFolders.deleteIfNoFile(runDir);
            }
            throw e;
        }
    }

    /**
     * Continues a run from its {@code weights/last.ckpt}.
     *
     * @param runDir the run folder
     * @param log progress output
     * @return the run folder
     * @throws Exception on failure
     */
    public static Path resume(Path runDir, PrintStream log) throws Exception {
        if (Files.isRegularFile(runDir) && runDir.getFileName().toString().endsWith(".ckpt")) {
            // RUN/weights/last.ckpt (or best.ckpt) given instead of RUN: training continues from RUN's last.ckpt
            Path weights = runDir.toAbsolutePath().getParent();
            if (weights != null && weights.getFileName() != null && weights.getFileName().toString().equals("weights")
                    && weights.getParent() != null) {
                runDir = weights.getParent();
            }
        }
        Checkpoint last = Checkpoint.read(runDir.resolve("weights/last.ckpt"));
        RunConfig cfg = RunConfigLoader.parse(runDir.resolve("weights/last.ckpt") + " (config.yaml)", last.getText("config.yaml"),
                List.of());
        return new TrainingRun(cfg, runDir, log, last).run();
    }

    private Path run() throws Exception {
        Files.createDirectories(runDir.resolve("weights"));
        if (resumeFrom != null) {
            removeStaleTempFiles();
        }
        // the loader parallelises across images; OpenCV's own thread pool would only fight PyTorch's
        io.detkit.data.image.OpenCvNatives.load();
        org.opencv.core.Core.setNumThreads(1);
        DatasetSplits data = DatasetSplits.load(cfg, log);
        DetectionDataset train = data.train(), val = data.val();
        int numClasses = train.numClasses();
        int imgsz = cfg.model.imgsz;
        Device device = Devices.parse(cfg.train.device);
        Engine.getInstance().setRandomSeed((int) cfg.train.seed);

        AtomicFiles.writeString(runDir.resolve("config.yaml"), RunConfigLoader.toYaml(cfg));
        anomalies = new AnomalyRecorder(runDir, RunConfigLoader.toYaml(cfg), log);
        String sizes = cfg.val.size(imgsz) == imgsz ? "imgsz " + imgsz : "imgsz " + imgsz + " (val " + cfg.val.size(imgsz) + ")";
        log.printf(Locale.ROOT, "run %s: %s %s, %d classes, %s, %d train / %d val images, device %s%n", runDir,
                cfg.model.type, cfg.model.size, numClasses, sizes, train.samples().size(), val.samples().size(), device);

        DetectorModels.Built built = DetectorModels.build(cfg, train.classNames());
        RunState state = new RunState();
        try (Model model = Model.newInstance("detkit-" + cfg.model.type, device);
                BatchLoader trainLoader = trainLoader(train, false);
                BatchLoader trainLoaderNoMosaic = trainLoader(train, true);
                BatchLoader valLoader = valLoader(val)) {
            model.setBlock(built.block());
            if (resumeFrom != null) {
                loadWeights(resumeFrom, built, model.getNDManager());
            }
            int itersPerEpoch = trainLoader.batchesPerEpoch();
            LrSchedule schedule = LrSchedules.create(cfg.train.schedule, cfg.train.optimizer.lr, itersPerEpoch, cfg.train.epochs);
            DetkitOptimizer optimizer = Optimizers.create(cfg.train.optimizer, schedule);
            optimizer.setL1(cfg.train.optimizer.l1 + cfg.train.l1); // train.l1: the deprecated key, same penalty
            optimizer.setNoDecay(Optimizers.noDecayIds(built.block()));
            DefaultTrainingConfig tc = new DefaultTrainingConfig(Loss.l2Loss()).optOptimizer(optimizer)
                    .optDevices(new Device[] {device});
            try (Trainer trainer = model.newTrainer(tc)) {
                trainer.initialize(built.inputShape(1));
                GradientClipper clipper = GradientClipper.of(cfg.train.clip);
                ModelEma ema = cfg.train.ema.enabled ? ModelEma.of(cfg.train.ema, built.block()) : null;
                ResultsLog results = new ResultsLog(runDir);
                if (resumeFrom != null) {
                    state = restore(resumeFrom, built, optimizer, ema);
                    results.truncate(state.epochsDone);
                    if (state.epochsDone >= cfg.train.epochs || stoppedEarly(state)) {
                        log.printf(Locale.ROOT, "nothing left to train: the run %s after epoch %d of %d (best fitness %.4f at"
                                + " epoch %d); validating the best checkpoint again%n",
                                stoppedEarly(state) ? "stopped early" : "finished", state.epochsDone, cfg.train.epochs,
                                state.bestFitness, state.bestEpoch);
                        FinalValidation.run(runDir.resolve("weights/best.ckpt"), val, runDir.resolve("val"), cfg, log,
                                trainingInputs(state));
                        return runDir;
                    }
                    log.printf(Locale.ROOT, "resuming after epoch %d (best fitness %.4f at epoch %d)%n", state.epochsDone,
                            state.bestFitness, state.bestEpoch);
                } else {
                    results.truncate(0);
                }
                CocoGroundTruth valGt = Validation.groundTruth(val);
                long t0 = System.nanoTime();
                for (int epoch = state.epochsDone; epoch < cfg.train.epochs; epoch++) {
                    boolean noMosaic = epoch >= cfg.train.epochs - cfg.data.augment.closeMosaic;
                    BatchLoader loader = noMosaic ? trainLoaderNoMosaic : trainLoader;
                    EpochStats stats = trainEpoch(trainer, built, loader, optimizer, clipper, ema, epoch, state);
                    boolean validate = cfg.val.every > 0 && ((epoch + 1) % cfg.val.every == 0) || epoch == cfg.train.epochs - 1;
                    LinkedHashMap<String, Double> row = new LinkedHashMap<>();
                    row.put("epoch", (double) (epoch + 1));
                    row.put("train/box_loss", stats.box());
                    row.put("train/cls_loss", stats.cls());
                    row.put("train/loss", stats.total());
                    row.put("lr", optimizer.getCurrentLr());
                    row.put("skipped", (double) stats.skipped());
                    row.put("time_s", (System.nanoTime() - t0) / 1e9 + state.secondsBefore);
                    double fitness = Double.NaN;
                    if (validate) {
                        CocoEvaluation e = evaluate(built, trainer.getManager(), valLoader, valGt, ema);
                        fitness = Validation.fitness(e);
                        row.put("val/mAP50", e.stats()[1]);
                        row.put("val/mAP50-95", e.stats()[0]);
                        row.put("val/AR100", e.stats()[8]);
                        log.printf(Locale.ROOT, "epoch %d/%d: val mAP50 %.4f  mAP50-95 %.4f  AR100 %.4f  fitness %.4f%n", epoch + 1,
                                cfg.train.epochs, e.stats()[1], e.stats()[0], e.stats()[8], fitness);
                    } else {
                        row.put("val/mAP50", Double.NaN);
                        row.put("val/mAP50-95", Double.NaN);
                        row.put("val/AR100", Double.NaN);
                    }
                    row.put("fitness", fitness);
                    state.epochsDone = epoch + 1;
                    state.secondsBefore += (System.nanoTime() - t0) / 1e9;
                    t0 = System.nanoTime();
                    boolean best = validate && fitness > state.bestFitness;
                    if (best) {
                        state.bestFitness = fitness;
                        state.bestEpoch = epoch + 1;
                        state.sinceBest = 0;
                    } else if (validate) {
                        state.sinceBest++;
                    }
                    // Order matters for a kill at any moment: last.ckpt is written last, so everything
                    // before it (the CSV row, best.ckpt, the periodic copy) is redone by a resume that
                    // restarts this epoch; a resume truncates the CSV to the checkpoint's epoch count.
                    results.append(row);
                    if (best) {
                        saveBest(built, ema, state, fitness);
                    }
                    Checkpoint last = lastCheckpoint(built, optimizer, ema, state);
                    if (cfg.output.savePeriod > 0 && (epoch + 1) % cfg.output.savePeriod == 0) {
                        last.write(runDir.resolve("weights/epoch" + (epoch + 1) + ".ckpt"));
                    }
                    last.write(runDir.resolve("weights/last.ckpt"));
                    if (stopAfterEpochsForTest != null && state.epochsDone >= stopAfterEpochsForTest) {
                        return runDir; // simulated kill: checkpoint and results are on disk, nothing else happens
                    }
                    if (stoppedEarly(state)) {
                        log.printf(Locale.ROOT, "early stop: no better fitness for %d validations (best %.4f at epoch %d)%n",
                                state.sinceBest, state.bestFitness, state.bestEpoch);
                        break;
                    }
                }
                log.printf(Locale.ROOT, "training done in %.1f min; best fitness %.4f at epoch %d; %d of %d updates skipped%s%n",
                        state.secondsBefore / 60, state.bestFitness, state.bestEpoch, state.skippedSteps, state.iteration,
                        state.skippedSteps == 0 ? "" : " (non-finite gradients: see " + runDir.resolve("anomalies") + ")");
            }
        }
        FinalValidation.run(runDir.resolve("weights/best.ckpt"), val, runDir.resolve("val"), cfg, log, trainingInputs(state));
        return runDir;
    }

    /** What the final report records about the training: updates made and skipped. */
    private static java.util.Map<String, Object> trainingInputs(RunState state) {
        java.util.Map<String, Object> m = new LinkedHashMap<>();
        m.put("updates", state.iteration - state.skippedSteps);
        m.put("skipped_updates", state.skippedSteps);
        return m;
    }

    /** Whether early stopping's patience ran out: no better fitness for {@code patience} validations. */
    private boolean stoppedEarly(RunState state) {
        return cfg.train.earlyStop.patience > 0 && state.sinceBest >= cfg.train.earlyStop.patience;
    }

    private BatchLoader trainLoader(DetectionDataset train, boolean noMosaic) {
        return trainLoader(cfg, train, noMosaic);
    }

    /**
     * The training loader of a run config: decoding (cached when {@code data.cache}), the
     * config's augmentation, shuffled batches seeded by {@code train.seed}.
     *
     * @param cfg the run config
     * @param train the training split
     * @param noMosaic the loader of the last {@code close_mosaic} epochs
     * @return the loader
     */
    static BatchLoader trainLoader(RunConfig cfg, DetectionDataset train, boolean noMosaic) {
        RunConfig.Augment a = cfg.data.augment;
        AugmentConfig ac = AugmentConfig.builder().setImageSize(cfg.model.imgsz).optMosaicProb(noMosaic ? 0 : a.mosaic)
                .optFlipProb(a.fliplr).optScale(a.scale).optTranslate(a.translate).optHsv(a.hsvH, a.hsvS, a.hsvV).build();
        SampleSource decoded = SampleSource.of(train.samples(), cfg.model.imgsz);
        if (cfg.data.cache) {
            decoded = SampleSource.cached(decoded, cfg.model.imgsz, 4L << 30);
        }
        long[] ids = train.samples().stream().mapToLong(DetectionSample::imageId).toArray();
        AugmentingSource src = new AugmentingSource(decoded, new Augmenter(ac), cfg.train.seed, ids);
        return BatchLoader.builder(src).setBatchSize(cfg.train.batch).optSeed(cfg.train.seed).optShuffle(true)
                .optWorkers(cfg.data.workers).build();
    }

    private BatchLoader valLoader(DetectionDataset val) {
        return BatchLoader.builder(new LetterboxSource(val.samples(), cfg.val.size(cfg.model.imgsz))).setBatchSize(cfg.val.batch)
                .optShuffle(false).optWorkers(cfg.data.workers).build();
    }

    /** Mean loss parts over an epoch. */
    private record EpochStats(double total, double box, double cls, long skipped) {}

    /** Test hook: after the backward pass of this iteration, one gradient element becomes NaN (null: off). */
    static Long poisonGradientAtIterationForTest;

    private static void poisonFirstGradient(ai.djl.nn.Block block) {
        for (ai.djl.util.Pair<String, ai.djl.nn.Parameter> p : block.getParameters()) {
            NDArray w = p.getValue().getArray();
            if (p.getValue().requiresGradient() && w.hasGradient()) {
                try (NDArray g = w.getGradient()) {
                    g.set(new ai.djl.ndarray.index.NDIndex("0"), Float.NaN);
                }
                return;
            }
        }
    }

    private EpochStats trainEpoch(Trainer trainer, DetectorModels.Built built, BatchLoader loader, DetkitOptimizer optimizer,
            GradientClipper clipper, ModelEma ema, int epoch, RunState state) {
        ProgressBar bar = new ProgressBar(log, String.format(Locale.ROOT, "epoch %d/%d", epoch + 1, cfg.train.epochs),
                loader.batchesPerEpoch());
        double sumTotal = 0, sumBox = 0, sumCls = 0;
        int n = 0;
        Iterator<Batch> it = loader.epoch(epoch);
        long skippedBefore = state.skippedSteps;
        while (it.hasNext()) {
            Batch b = it.next();
            double total, box, cls, norm;
            try (NDManager scope = trainer.getManager().newSubManager()) {
                NDList arrays = b.toNDList(scope);
                DetectorModels.LossParts parts;
                long seed = cfg.train.seed * 1_000_003L + state.iteration;
                built.reseed().accept(seed);
                try (GradientCollector gc = trainer.newGradientCollector()) {
                    parts = AnomalyRecorder.forward(trainer, built, arrays);
                    NDArray loss = parts.total();
                    total = loss.getFloat();
                    box = parts.box();
                    cls = parts.cls();
                    if (!Double.isFinite(total)) {
                        throw nonFinite(epoch, n, total, box, cls, "loss");
                    }
                    gc.backward(loss);
                }
                if (poisonGradientAtIterationForTest != null && poisonGradientAtIterationForTest == state.iteration) {
                    poisonFirstGradient(built.block());
                }
                norm = clipper.clip(trainer);
                if (!Double.isFinite(norm)) {
                    // A safety net, like a mixed-precision grad scaler: drop this update, keep the
                    // weights, go on. Every skip is counted (results.csv, the summary, metrics.json)
                    // and the first ones are recorded with what is needed to replay them; a run that
                    // keeps producing such gradients is stopped.
                    state.skippedSteps++;
                    log.printf(Locale.ROOT, "%nwarning: epoch %d iteration %d: non-finite gradient norm, update skipped (%d so far)%n",
                            epoch + 1, n + 1, state.skippedSteps);
                    try {
                        anomalies.record(trainer, built, arrays, List.copyOf(parts.terms().keySet()), new AnomalyRecorder.Step(state.iteration, epoch + 1, n + 1, seed,
                                total, box, cls, norm));
                    } catch (IOException e) {
                        log.println("  could not record the skipped step: " + e.getMessage());
                    }
                    io.detkit.detector.nn.GradientGuard.zero(built.block()); // in place: NaN − NaN would stay NaN
                    if (++consecutiveSkips > MAX_CONSECUTIVE_SKIPS) {
                        throw nonFinite(epoch, n, total, box, cls, "gradient norm (" + consecutiveSkips + " steps in a row)");
                    }
                } else {
                    consecutiveSkips = 0;
                    optimizer.setScheduleIteration(state.iteration);
                    trainer.step();
                }
                if (ema != null) {
                    ema.update(built.block());
                }
            }
            state.iteration++;
            n++;
            sumTotal += total;
            sumBox += box;
            sumCls += cls;
            LinkedHashMap<String, Double> shown = new LinkedHashMap<>();
            shown.put("loss", sumTotal / n);
            shown.put("box", sumBox / n);
            shown.put("cls", sumCls / n);
            shown.put("lr", optimizer.getCurrentLr());
            bar.update(n, shown);
        }
        return new EpochStats(sumTotal / Math.max(1, n), sumBox / Math.max(1, n), sumCls / Math.max(1, n),
                state.skippedSteps - skippedBefore);
    }

    private TrainingStoppedException nonFinite(int epoch, int iter, double total, double box, double cls, String what) {
        Path last = runDir.resolve("weights/last.ckpt");
        String keep = Files.exists(last)
                ? "The last good checkpoint is " + last + " (resume with --resume " + runDir + ")"
                : "No checkpoint was written yet (the first epoch did not finish)";
        return new TrainingStoppedException(String.format(Locale.ROOT,
                "the %s became not finite at epoch %d, iteration %d (loss %.4g, box %.4g, cls %.4g); training stopped. %s."
                        + " Try a lower train.optimizer.lr, a longer warm-up or train.clip.norm.",
                what, epoch + 1, iter + 1, total, box, cls, keep));
    }

    private CocoEvaluation evaluate(DetectorModels.Built built, NDManager manager, BatchLoader valLoader, CocoGroundTruth gt,
            ModelEma ema) {
        Validation.Decoder decoder = preds -> built.decode(preds, cfg.val.conf, cfg.val.iou, cfg.val.maxDet);
        if (ema == null) {
            return Validation.evaluate(built.block(), manager, valLoader, gt, decoder);
        }
        try (ModelEma.Swap swap = ema.swapInto(built.block())) {
            return Validation.evaluate(built.block(), manager, valLoader, gt, decoder);
        }
    }

    private Checkpoint lastCheckpoint(DetectorModels.Built built, DetkitOptimizer optimizer, ModelEma ema, RunState state)
            throws IOException {
        Checkpoint c = Checkpoint.create();
        c.put("model.params", params(built));
        ByteArrayOutputStream opt = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(opt)) {
            optimizer.saveState(out, built.block());
        }
        c.put("optimizer.bin", opt.toByteArray());
        if (ema != null) {
            ByteArrayOutputStream e = new ByteArrayOutputStream();
            try (DataOutputStream out = new DataOutputStream(e)) {
                ema.save(out);
            }
            c.put("ema.bin", e.toByteArray());
        }
        c.putText("state.json", state.toJson());
        c.putText("config.yaml", RunConfigLoader.toYaml(cfg));
        c.putText("model.json", built.describe().toString());
        return c;
    }

    private void saveBest(DetectorModels.Built built, ModelEma ema, RunState state, double fitness) throws IOException {
        Checkpoint c = Checkpoint.create();
        if (ema != null) {
            try (ModelEma.Swap swap = ema.swapInto(built.block())) {
                c.put("model.params", params(built));
            }
        } else {
            c.put("model.params", params(built));
        }
        c.putText("state.json", state.toJson());
        c.putText("config.yaml", RunConfigLoader.toYaml(cfg));
        c.putText("model.json", built.describe().toString());
        c.write(runDir.resolve("weights/best.ckpt"));
    }

    private static byte[] params(DetectorModels.Built built) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            built.block().saveParameters(out);
        }
        return b.toByteArray();
    }

    /**
     * Loads the checkpoint's weights into the block <em>before</em> a trainer exists. DJL's
     * {@code loadParameters} gives every parameter a new array, while a trainer's parameter store
     * keeps the arrays it saw at {@code initialize}: loading after {@code initialize} (as this class
     * once did) left the trainer updating the fresh random initialisation while the checkpoints kept
     * saving the loaded, never-updated weights. Loaded first, the trainer's {@code initialize} keeps
     * them (initialised parameters are skipped) and attaches their gradients.
     */
    private static void loadWeights(Checkpoint c, DetectorModels.Built built, NDManager manager) throws Exception {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.get("model.params")))) {
            built.block().loadParameters(manager, in);
        }
    }

    private RunState restore(Checkpoint c, DetectorModels.Built built, DetkitOptimizer optimizer, ModelEma ema) throws Exception {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.get("optimizer.bin")))) {
            optimizer.loadState(in, built.block());
        }
        if (ema != null && c.has("ema.bin")) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(c.get("ema.bin")))) {
                ema.load(in);
            }
        }
        return RunState.fromJson(c.getText("state.json"));
    }

    /** Deletes the temporary files an atomic write leaves when the process is killed in the middle of it. */
    private void removeStaleTempFiles() throws IOException {
        for (Path dir : new Path[] {runDir, runDir.resolve("weights")}) {
            try (var files = Files.list(dir)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    String n = f.getFileName().toString();
                    if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(f)) {
                        Files.deleteIfExists(f);
                    }
                }
            }
        }
    }

    /** Progress that survives a resume. */
    static final class RunState {
        int epochsDone;
        long iteration;
        double bestFitness = -1;
        int bestEpoch;
        int sinceBest;
        double secondsBefore;
        long skippedSteps;

        String toJson() {
            ObjectNode o = JSON.createObjectNode();
            o.put("epochs_done", epochsDone);
            o.put("iteration", iteration);
            o.put("best_fitness", bestFitness);
            o.put("best_epoch", bestEpoch);
            o.put("since_best", sinceBest);
            o.put("seconds", secondsBefore);
            o.put("skipped_steps", skippedSteps);
            return o.toString();
        }

        static RunState fromJson(String json) throws IOException {
            var n = JSON.readTree(json);
            RunState s = new RunState();
            s.epochsDone = n.get("epochs_done").asInt();
            s.iteration = n.get("iteration").asLong();
            s.bestFitness = n.get("best_fitness").asDouble();
            s.bestEpoch = n.get("best_epoch").asInt();
            s.sinceBest = n.get("since_best").asInt();
            s.secondsBefore = n.get("seconds").asDouble();
            s.skippedSteps = n.has("skipped_steps") ? n.get("skipped_steps").asLong() : 0;
            return s;
        }
    }

    /** Atomic text writes (a thin alias so this class reads well). */
    private static final class AtomicFiles {
        static void writeString(Path p, String s) throws IOException {
            io.detkit.metrics.report.AtomicFiles.writeString(p, s);
        }
    }

}
