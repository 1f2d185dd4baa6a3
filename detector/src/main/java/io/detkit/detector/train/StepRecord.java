package io.detkit.detector.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.detkit.detector.DetectorModels;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Path;

/**
 * One training step saved so that it can be run again: the model's weights as they were when the
 * step ran, the batch (images, boxes, classes, counts, ignore flags), the seed of the step's random
 * sampling, and what the step produced. Written by {@link AnomalyRecorder} for every skipped step
 * (up to a limit) as {@code runs/<name>/anomalies/iter-NNNNNN.ckpt}, read back by
 * {@link StepReplay} ({@code detkit replay}).
 *
 * <p>Entries of the {@link Checkpoint} container: {@code model.params} (the block's
 * {@code saveParameters}), {@code batch.ndlist} ({@code NDList.encode} of the batch arrays),
 * {@code model.json} (the description that rebuilds the block), {@code config.yaml} (the run's
 * config) and {@code step.json} ({@code iteration}, {@code epoch}, {@code batch} (1-based within
 * the epoch), {@code seed}, {@code loss}, {@code box}, {@code cls}, {@code grad_norm}, and per
 * parameter the {@code checksum} of the recorded gradient bits).
 *
 * <p>The batch-norm running statistics saved with the weights are those after the step's forward
 * pass; a training-mode step does not read them (it normalises with the batch's own statistics),
 * so the replayed step computes exactly what the recorded one computed.
 */
public final class StepRecord {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Checkpoint checkpoint;

    private StepRecord(Checkpoint checkpoint) {
        this.checkpoint = checkpoint;
    }

    /**
     * Assembles a record.
     *
     * @param built the model being trained
     * @param batch the batch arrays as the step used them
     * @param step {@code step.json}
     * @param configYaml the run's config
     * @return the record
     * @throws IOException if serialising fails
     */
    static StepRecord of(DetectorModels.Built built, NDList batch, ObjectNode step, String configYaml) throws IOException {
        Checkpoint c = Checkpoint.create();
        ByteArrayOutputStream w = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(w)) {
            built.block().saveParameters(out);
        }
        c.put("model.params", w.toByteArray());
        c.put("batch.ndlist", batch.encode());
        c.putText("model.json", built.describe().toString());
        c.putText("config.yaml", configYaml);
        c.putText("step.json", step.toPrettyString());
        return new StepRecord(c);
    }

    /**
     * Reads a record.
     *
     * @param file an {@code iter-NNNNNN.ckpt}
     * @return the record
     * @throws IOException if the file is missing, corrupt or not a step record
     */
    public static StepRecord read(Path file) throws IOException {
        Checkpoint c = Checkpoint.read(file);
        for (String entry : new String[] {"model.params", "batch.ndlist", "model.json", "step.json"}) {
            if (!c.has(entry)) {
                throw new IOException(file + " is not a detkit step record (no " + entry + ")");
            }
        }
        return new StepRecord(c);
    }

    /**
     * Writes the record atomically.
     *
     * @param file target file
     * @throws IOException if writing fails
     */
    void write(Path file) throws IOException {
        checkpoint.write(file);
    }

    /**
     * @return the model description ({@code model.json})
     * @throws IOException if it is not valid JSON
     */
    public ObjectNode model() throws IOException {
        return (ObjectNode) JSON.readTree(checkpoint.getText("model.json"));
    }

    /**
     * @return {@code step.json}
     * @throws IOException if it is not valid JSON
     */
    public ObjectNode step() throws IOException {
        return (ObjectNode) JSON.readTree(checkpoint.getText("step.json"));
    }

    /**
     * Loads the weights into a block that has no trainer yet.
     *
     * @param built the rebuilt model
     * @param manager the model's manager
     * @throws IOException if the parameters do not fit the block
     */
    public void loadWeights(DetectorModels.Built built, NDManager manager) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(checkpoint.get("model.params")))) {
            built.block().loadParameters(manager, in);
        } catch (ai.djl.MalformedModelException e) {
            throw new IOException("the step record's weights do not fit its model: " + e.getMessage(), e);
        }
    }

    /**
     * @param manager where the arrays are created
     * @return the batch arrays: images, boxes, classes, counts, ignore
     */
    public NDList batch(NDManager manager) {
        return NDList.decode(manager, checkpoint.get("batch.ndlist"));
    }
}
