package dev.recur.cli;

/**
 * Wrong use of the command line found by a command itself (a value that does not fit the data, options that
 * exclude each other): one line naming the option, a pointer to --help and exit code {@link ExitCodes#USAGE},
 * like picocli's own errors. Commands without a {@code @Spec} throw this instead of a ParameterException.
 */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
