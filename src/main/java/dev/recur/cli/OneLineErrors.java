package dev.recur.cli;

import picocli.CommandLine;

/**
 * Turns any failure into one line on stderr and a non-zero exit: users see what went wrong, not a stack
 * trace. {@code RECUR_DEBUG=1} prints the trace for developers.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) msg = ex.getClass().getSimpleName();
        cl.getErr().println("recur " + cl.getCommandName() + ": " + msg);
        if (System.getenv("RECUR_DEBUG") != null) ex.printStackTrace(cl.getErr());
        return ExitCodes.FAILURE;
    }
}
