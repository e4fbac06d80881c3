package dev.recur.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.Callable;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An Error that reaches the top, thrown or wrapped by a worker thread, ends as one line and exit code 1. */
class FatalErrorsTest {
    @Command(name = "boom") static final class Boom implements Callable<Integer> {
        final Throwable t;
        Boom(Throwable t) { this.t = t; }
        @Override public Integer call() throws Exception {
            if (t instanceof Error e) throw e;
            throw (Exception) t;
        }
    }

    private static String[] run(Throwable t) {
        CommandLine cl = Main.commandLine();
        cl.addSubcommand("boom", new Boom(t));
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        int code = Main.execute(cl, "boom");
        return new String[] {String.valueOf(code), err.toString()};
    }

    private static String oneLine(String[] r) {
        assertEquals("1", r[0], r[1]);
        assertEquals(1, r[1].lines().count(), r[1]);
        return r[1].strip();
    }

    @Test void outOfMemoryNamesTheHeapAndTheFix() {
        String line = oneLine(run(new OutOfMemoryError("Java heap space")));
        assertTrue(line.startsWith("recur boom: out of memory (Java heap space): this JVM may use "), line);
        assertTrue(line.contains("RECUR_JAVA_OPTS=-Xmx"), line);
    }

    @Test void anErrorWrappedByAWorkerThreadIsFoundToo() {
        String line = oneLine(run(new java.util.concurrent.CompletionException(new OutOfMemoryError("Java heap space"))));
        assertTrue(line.contains("out of memory"), line);
    }

    @Test void stackOverflowAndOtherErrors() {
        assertTrue(oneLine(run(new StackOverflowError())).startsWith("recur boom: stack overflow"));
        String other = oneLine(run(new AssertionError("x\ny")));
        assertTrue(other.contains("internal error java.lang.AssertionError: x\\ny") && other.contains("RECUR_DEBUG=1"), other);
    }

    @Test void anErrorOutsideACommandIsCaughtAtTheTop() {
        CommandLine cl = Main.commandLine();
        cl.setExecutionStrategy(parsed -> { throw new StackOverflowError(); });
        StringWriter err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        assertEquals(ExitCodes.FAILURE, Main.execute(cl, "info"));
        assertTrue(err.toString().startsWith("recur info: stack overflow"), err.toString());
    }
}
