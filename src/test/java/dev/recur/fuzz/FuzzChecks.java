package dev.recur.fuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What a parser may do with arbitrary bytes: return a value, or throw one of the documented exceptions
 * (an IOException or an IllegalArgumentException) whose message says what is wrong. Anything else
 * (NullPointerException, ArrayIndexOutOfBounds, OutOfMemoryError, ...) escapes the fuzz target and is
 * a finding.
 */
public final class FuzzChecks {
    private FuzzChecks() {}

    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}; documented failures with a message pass, everything else is rethrown. */
    public static void expectOnlyDocumentedErrors(Body body) throws Exception {
        try {
            body.run();
        } catch (IOException | IllegalArgumentException e) {
            String m = e.getMessage();
            if (m == null || m.isBlank() || m.contains("\n")) {
                throw new AssertionError("documented exception without a one-line message: " + e, e);
            }
        }
    }

    /** A scratch directory per JVM, on tmpfs when there is one (fuzzing writes a file per input). */
    public static Path scratch(String name) throws IOException {
        Path shm = Path.of("/dev/shm");
        Path base = Files.isDirectory(shm) && Files.isWritable(shm) ? shm : Path.of(System.getProperty("java.io.tmpdir"));
        Path dir = Files.createTempDirectory(base, "recur-fuzz-" + name);
        dir.toFile().deleteOnExit();
        return dir;
    }

    public static void requireFinite(float[] values, String what) {
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) throw new AssertionError(what + " holds " + values[i] + " at " + i);
        }
    }
}
