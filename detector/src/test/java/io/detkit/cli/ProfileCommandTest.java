package io.detkit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ProfileCommandTest {

    record Run(int code, String out, String err) {}

    /** Runs the command as {@code detkit profile ...} would, with the CLI's handling of user errors. */
    private static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = new CommandLine(new ProfileCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserException || ex instanceof IllegalArgumentException) {
                cmd.getErr().println("detkit " + cmd.getCommandName() + ": error: " + ex.getMessage());
                return 2;
            }
            throw ex;
        });
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void jsonIsOneObjectWithIntegerTotalsAndOneEntryPerLayer() throws Exception {
        Run r = run("--model", "lenet5", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertTrue(j.isObject());
        assertTrue(j.get("total").get("params").isIntegralNumber());
        assertTrue(j.get("total").get("macs").isIntegralNumber());
        assertEquals(61_706, j.get("total").get("params").asLong());
        assertEquals(416_520, j.get("total").get("macs").asLong());
        assertEquals(833_040, j.get("total").get("flops").asLong());
        assertEquals(12, j.get("layers").size());
        assertEquals("lenet5", j.get("model").asText());
        assertEquals(32, j.get("input").get(0).get(3).asInt());
        for (JsonNode layer : j.get("layers")) {
            assertTrue(layer.has("name") && layer.has("type") && layer.get("macs").isIntegralNumber(), layer.toString());
        }
    }

    @Test
    void textShowsTheTableTotalsAndGflops() {
        Run r = run("--model", "lenet5");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("lenet5: input 1x1x32x32, float32, 12 layers."), r.out());
        assertTrue(r.out().contains("maxPool2d"), r.out());
        assertTrue(r.out().contains("0.000833 GFLOPs (= 2 x MACs)"), r.out());
        assertTrue(r.out().contains("training memory (estimate, batch 16, SGD with momentum)"), r.out());
    }

    @Test
    void markdownSummaryWithOtherImageSizeBatchAndOptimizer() {
        Run r = run("--model", "alexnet", "--imgsz", "64", "--md", "--summary", "--batch", "4", "--optimizer", "adam");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("**alexnet**: input 1x3x64x64"), r.out());
        assertTrue(r.out().contains("| params | 61,100,840 |"), r.out());
        assertFalse(r.out().contains("| # |"), "no layer table with --summary");
        assertTrue(r.out().contains("batch 4, Adam"), r.out());
    }

    @Test
    void userErrorsExitWithCode2AndOneMessage() {
        Run unknown = run("--model", "resnet51");
        assertEquals(2, unknown.code());
        assertTrue(unknown.err().contains("unknown model \"resnet51\"; known models: lenet5, alexnet, vgg16, resnet50"), unknown.err());
        Run both = run("--model", "lenet5", "--md", "--json");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("--md and --json"), both.err());
        Run opt = run("--model", "lenet5", "--optimizer", "rmsprop");
        assertEquals(2, opt.code());
        assertTrue(opt.err().contains("none, sgd, adam, adamw"), opt.err());
        Run small = run("--model", "lenet5", "--imgsz", "8");
        assertEquals(2, small.code());
        assertTrue(small.err().contains("lenet5 at --imgsz 8"), small.err());
        assertFalse(small.err().contains("\tat "), "no stack trace");
        assertEquals("", small.out());
    }
}
