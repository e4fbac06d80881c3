package dev.recur.cli;

import dev.recur.series.SeriesCsv;
import picocli.CommandLine.Option;

/** {@code --delimiter} of the commands that read a series CSV. */
final class DelimiterOption {
    @Option(names = "--delimiter", paramLabel = "CHAR", description = "',' ';' or tab (default: detected from the header).")
    String delimiter;

    /** The delimiter given, or null to detect it from the header. */
    Character parsed() { return delimiter == null ? null : SeriesCsv.parseDelimiter(delimiter); }
}
