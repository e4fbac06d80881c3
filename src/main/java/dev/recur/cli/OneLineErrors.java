package dev.recur.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.util.Collection;
import java.util.Locale;

/**
 * Turns any failure into one line on stderr and a non-zero exit: users see what went wrong, not a stack
 * trace. {@code RECUR_DEBUG=1} prints the trace for developers. Usage errors (picocli's own, {@link OptionRules},
 * {@link UsageError}, and a command's IllegalArgumentException whose message starts with one of its options)
 * exit with {@link ExitCodes#USAGE} and point to --help; every other failure exits with
 * {@link ExitCodes#FAILURE}, an {@link Error} (out of memory, stack overflow) included, with its likely cause.
 */
final class OneLineErrors implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        Error error = errorIn(ex);
        if (error != null) return fatal(error, cl.getCommandSpec().qualifiedName(), cl.getErr());
        if (ex instanceof UsageError || namesAnOptionOf(ex, cl.getCommandSpec())) {
            return usageLine(cl, oneLine(ex));
        }
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(ex));
        debug(ex, cl.getErr());
        return ExitCodes.FAILURE;
    }

    /** Wrong usage: one line with the problem and where to read the usage, exit code {@link ExitCodes#USAGE}. */
    static int usage(CommandLine.ParameterException ex, String[] args) {
        CommandLine cl = ex.getCommandLine();
        String msg = ex.getMessage() == null ? "invalid usage" : ex.getMessage().strip().lines().findFirst().orElse("invalid usage");
        if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().getFirst();
            if (!arg.startsWith("-") && cl.getParent() == null && !cl.getSubcommands().isEmpty()) {
                msg = "unknown command '" + arg + "'" + suggestion(arg, cl.getSubcommands().keySet());
            } else if (arg.startsWith("-")) {
                msg = "unknown option '" + arg + "'" + suggestion(arg.split("=", 2)[0], cl.getCommandSpec().optionsMap().keySet());
            }
        }
        return usageLine(cl, msg);
    }

    private static int usageLine(CommandLine cl, String msg) {
        String name = cl.getCommandSpec().qualifiedName();
        cl.getErr().println(name + ": " + msg + " (see '" + name + " --help')");
        cl.getErr().flush();
        return ExitCodes.USAGE;
    }

    /** An Error that reached the top (thrown, or the cause of a wrapper): one line with its likely cause, exit 1. */
    static int fatal(Throwable t, String command, PrintWriter err) {
        Error e = t instanceof Error direct ? direct : errorIn(t);
        String line;
        if (e instanceof OutOfMemoryError oom) {
            long mib = Runtime.getRuntime().maxMemory() >> 20;
            line = "out of memory (" + (oom.getMessage() == null ? "heap" : oom.getMessage()) + "): this JVM may use "
                    + mib + " MiB; ask for less, or give it more with RECUR_JAVA_OPTS=-Xmx" + Math.max(2, 2 * mib / 1024) + "g";
        } else if (e instanceof StackOverflowError) {
            line = "stack overflow: an input nested too deeply, or a bug (RECUR_DEBUG=1 shows where)";
        } else {
            Throwable shown = e != null ? e : t;
            line = "internal error " + shown.getClass().getName() + (shown.getMessage() == null ? "" : ": " + flatten(shown.getMessage()))
                    + " (RECUR_DEBUG=1 shows the trace)";
        }
        err.println(command + ": " + line);
        debug(t, err);
        err.flush();
        return ExitCodes.FAILURE;
    }

    /** The first Error in {@code t}'s cause chain (worker threads wrap them), or null. */
    static Error errorIn(Throwable t) {
        for (int depth = 0; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof Error e) return e;
        }
        return null;
    }

    /** Whether the message starts with one of the command's options ("--season 20 is longer than ..."). */
    private static boolean namesAnOptionOf(Exception ex, CommandLine.Model.CommandSpec spec) {
        if (!(ex instanceof IllegalArgumentException) || ex.getMessage() == null) return false;
        String m = ex.getMessage();
        if (!m.startsWith("--")) return false;
        int end = 2;
        while (end < m.length() && (Character.isLetterOrDigit(m.charAt(end)) || m.charAt(end) == '-')) end++;
        return spec.optionsMap().containsKey(m.substring(0, end));
    }

    private static String oneLine(Exception ex) {
        String msg = ex.getMessage();
        if (msg == null || msg.isBlank()) msg = ex.getClass().getSimpleName();
        return flatten(msg);
    }

    /** One line, whatever a file smuggled into the message. */
    private static String flatten(String msg) {
        return msg.strip().replace("\r", "\\r").replace("\n", "\\n");
    }

    private static void debug(Throwable t, PrintWriter err) {
        if (System.getenv("RECUR_DEBUG") != null) t.printStackTrace(err);
    }

    /** "; did you mean 'x'?" for the closest of {@code known} to {@code typed}, or "" when none is close. */
    static String suggestion(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(typed.toLowerCase(Locale.ROOT), k.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        boolean close = best != null && (bestDistance <= Math.max(2, typed.length() / 3) || best.startsWith(typed) && typed.length() >= 3);
        return close ? "; did you mean '" + best + "'?" : "";
    }

    /** Edit distance with adjacent transpositions ("trian" → "train" is 1). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
