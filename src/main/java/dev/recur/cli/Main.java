package dev.recur.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code recur} command line. Each subcommand is a small class in this package. */
@Command(name = "recur", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Recurrent neural networks for audio and music sequences.",
        subcommands = {
                DemoCommand.class,
                InfoCommand.class,
                FeaturesCommand.class,
                RunCommand.class,
                TrainSeriesCommand.class,
                ForecastCommand.class,
                MidiCorpusCommand.class,
                MelodyBaselineCommand.class,
                SynthCommand.class,
                BaselineCommand.class,
                TrainClassifierCommand.class,
                EvaluateCommand.class,
                ClassifyCommand.class,
                TrainMelodyCommand.class,
                GenerateCommand.class,
                MelodyStatsCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {

    public static void main(String[] args) {
        StartupStderr.reclaim();   // before anything is printed: see ./recur
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (tests call this instead of main). */
    public static int run(String... args) {
        return execute(commandLine(), args);
    }

    /** The command line with Recur's error handling and option checks (tests may add commands to it). */
    static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.setExecutionExceptionHandler(new OneLineErrors());
        cl.setParameterExceptionHandler(OneLineErrors::usage);
        cl.setExecutionStrategy(parsed -> {
            OptionRules.check(parsed);   // every option's value, before any work starts
            return new CommandLine.RunLast().execute(parsed);
        });
        return cl;
    }

    /** Executes {@code args}; an Error (out of memory, stack overflow) still ends as one line and exit code 1. */
    static int execute(CommandLine cl, String... args) {
        try {
            return cl.execute(args);
        } catch (Throwable t) {
            String command = args.length > 0 && cl.getSubcommands().containsKey(args[0]) ? "recur " + args[0] : "recur";
            return OneLineErrors.fatal(t, command, cl.getErr());
        }
    }

    @Override public void run() {
        new CommandLine(this).usage(System.out);
    }

    /** The project's version, written into version.properties by the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override public String[] getVersion() throws java.io.IOException {
            return new String[] {"recur " + version()};
        }

        static String version() throws java.io.IOException {
            java.util.Properties p = new java.util.Properties();
            try (var in = Main.class.getResourceAsStream("version.properties")) {
                if (in == null) throw new java.io.IOException("version.properties is missing from the build");
                p.load(in);
            }
            return p.getProperty("version");
        }
    }
}
