package io.detkit.cli;

import io.detkit.detector.train.StepRecord;
import io.detkit.detector.train.StepReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code detkit replay}: run a recorded training step again and compare its gradients. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Run a training step that was skipped for a non-finite gradient again, from its record.",
            "A run writes RUN/anomalies/iter-NNNNNN.ckpt for the first skipped steps: the weights, the batch and the seed."
                    + " The step is replayed N times in a fresh model; each replay lists the parameters with NaN or infinite"
                    + " gradients and whether its gradient bits equal the recorded ones and each other's."
                    + " Identical non-finite replays point at a numerical singularity; replays that differ point at memory"
                    + " read before it was written or after it was freed, or at a kernel that is not deterministic."})
public final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECORD", description = "A step record, RUN/anomalies/iter-NNNNNN.ckpt.")
    Path record;

    @Option(names = "--repeat", defaultValue = "3", paramLabel = "N", description = "Replays (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new UserException("--repeat must be at least 1, got " + repeat);
        }
        if (!Files.isRegularFile(record)) {
            throw new UserException("no step record at " + record);
        }
        StepRecord r;
        try {
            r = StepRecord.read(record);
        } catch (IOException e) {
            throw new UserException(e.getMessage());
        }
        System.out.println("recorded: " + r.step().toString());
        StepReplay.Result result = StepReplay.replay(r, repeat);
        System.out.print(result.describe());
        return result.allFinite() && result.deterministic() ? 0 : 1;
    }
}
