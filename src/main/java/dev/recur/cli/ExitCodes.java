package dev.recur.cli;

/** Exit codes, documented in the README. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int OK = 0;
    /** The command failed (bad input file, bad model, ...). */
    public static final int FAILURE = 1;
    /** Wrong command-line usage (picocli's own code). */
    public static final int USAGE = 2;
    /** A batch finished, but some inputs were skipped (each named on stderr). */
    public static final int PARTIAL = 3;
}
