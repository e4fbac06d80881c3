package dev.recur.cli;

import picocli.CommandLine.Option;

/** {@code --quiet} of every long-running command: no progress on stderr (results, warnings and errors still show). */
final class QuietOption {
    @Option(names = {"--quiet", "--no-progress"}, description = "No progress bars or progress lines on stderr.")
    boolean quiet;

    Display display() { return Display.of(quiet); }
}
