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
        msg = msg.strip().replace("\r", "\\r").replace("\n", "\\n");   // one line, whatever a file smuggled into the message
        cl.getErr().println("recur " + cl.getCommandName() + ": " + msg);
        if (System.getenv("RECUR_DEBUG") != null) ex.printStackTrace(cl.getErr());
        return ExitCodes.FAILURE;
    }

    /** Wrong usage: one line with the problem and where to read the usage, exit code {@link ExitCodes#USAGE}. */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String msg = ex.getMessage() == null ? "invalid usage" : ex.getMessage().strip().lines().findFirst().orElse("invalid usage");
        String name = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(name + ": " + msg + " (see '" + name + " --help')");
        return ExitCodes.USAGE;
    }
}
