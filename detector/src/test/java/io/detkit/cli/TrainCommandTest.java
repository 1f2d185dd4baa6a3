package io.detkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TrainCommandTest {
    private static String[] run(String... args) {
        PrintStream oldErr = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return new String[] {String.valueOf(Detkit.execute(args)), err.toString(StandardCharsets.UTF_8)};
        } finally {
            System.setErr(oldErr);
        }
    }

    @Test
    void resumeRefusesOverridesItWouldIgnore() {
        // the override lands where a config file would: both are named in the refusal, before any file is read
        String[] r = run("train", "--resume", "runs/none", "train.epochs=4", "--name", "x");
        assertEquals("2", r[0], r[1]);
        assertTrue(r[1].contains("it takes no config file, overrides or --name, got: train.epochs=4 --name x"), r[1]);
    }
}
