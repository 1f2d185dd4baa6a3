package io.detkit.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code detkit} command line: one subcommand per job. Run {@code detkit --help} for the list.
 *
 * <p>User errors (a bad file, a bad option) end with one clear message on stderr and exit code 2;
 * no stack trace is printed unless {@code DETKIT_DEBUG=1} is set.
 */
@Command(
        name = "detkit",
        mixinStandardHelpOptions = true,
        versionProvider = Detkit.VersionProvider.class,
        description = "Train, evaluate and profile object detectors on the JVM.",
        subcommands = {EvalCommand.class, ConvertCommand.class, CheckCommand.class, ProfileCommand.class, LrPlotCommand.class, SynthCommand.class, ShowAugCommand.class, TrainCommand.class, ValCommand.class, PredictCommand.class, ReplayCommand.class,
            CommandLine.HelpCommand.class})
public final class Detkit implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /**
     * Entry point.
     *
     * @param args command-line arguments
     */
    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /**
     * Runs the CLI without exiting the JVM (used by tests).
     *
     * @param args command-line arguments
     * @return the exit code
     */
    public static int execute(String... args) {
        CommandLine cl = new CommandLine(new Detkit());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            if (ex instanceof UserException || ex instanceof IOException || ex instanceof IllegalArgumentException
                    || ex instanceof io.detkit.detector.config.ConfigException
                    || ex instanceof io.detkit.detector.train.CheckpointException
                    || ex instanceof io.detkit.detector.train.TrainingStoppedException
                    || ex instanceof io.detkit.data.loader.DataLoadException) {
                cmd.getErr().println("detkit " + cmd.getCommandName() + ": error: " + ex.getMessage());
                if ("1".equals(System.getenv("DETKIT_DEBUG"))) {
                    ex.printStackTrace(cmd.getErr());
                }
                return 2;
            }
            throw ex;
        });
        return cl.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Reads the version that Maven filtered into {@code detkit-version.properties}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = Detkit.class.getResourceAsStream("/detkit-version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            return new String[] {
                "detkit " + p.getProperty("version", "unknown"),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
            };
        }
    }
}
