package dev.recur.cli;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;
import java.util.Optional;

import static java.lang.foreign.ValueLayout.JAVA_INT;

/**
 * The JVM writes "WARNING: Using incubator modules: jdk.incubator.vector" to stderr while it starts, before any
 * Recur code runs, and no option turns it off. So {@code ./recur} starts the JVM with stderr going through a
 * filter that drops that line and keeps the real stderr as another descriptor ({@code -Drecur.stderr.fd=3});
 * {@link #reclaim()}, the first thing {@code main} does, puts the real one back as descriptor 2. From then on
 * stderr is the user's terminal or file again (terminal detection sees what the user has), the filter sees the
 * end of its input and exits, and exit codes and signals are the JVM's own ({@code ./recur} execs it).
 * Without the property (plain {@code java -jar}) nothing happens; where native calls are unavailable the
 * filter simply stays in place.
 */
final class StartupStderr {
    private StartupStderr() {}

    static final String FD_PROPERTY = "recur.stderr.fd";
    private static final int STDERR = 2;

    /** Makes descriptor 2 the stderr that {@code ./recur} kept aside; false if there was none or it failed. */
    static boolean reclaim() {
        String kept = System.getProperty(FD_PROPERTY);
        if (kept == null) return false;
        System.clearProperty(FD_PROPERTY);
        try {
            int fd = Integer.parseInt(kept.strip());
            if (fd <= STDERR) return false;
            Optional<MethodHandle> dup2 = libc("dup2", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
            Optional<MethodHandle> close = libc("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            if (dup2.isEmpty() || close.isEmpty()) return false;
            System.err.flush();
            boolean ok = (int) dup2.get().invokeExact(fd, STDERR) == STDERR;
            int ignored = (int) close.get().invokeExact(fd);   // children (ffmpeg) must not inherit it
            return ok;
        } catch (Throwable e) {
            return false;   // the filter keeps working; only the descriptor trick is lost
        }
    }

    /** Whether descriptor 2 is a terminal (isatty), false where that cannot be asked. */
    static boolean isTerminal() { return isTerminal(STDERR); }

    /** Whether descriptor {@code fd} is a terminal (isatty), false where that cannot be asked. */
    static boolean isTerminal(int fd) {
        try {
            Optional<MethodHandle> isatty = libc("isatty", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
            return isatty.isPresent() && (int) isatty.get().invokeExact(fd) == 1;
        } catch (Throwable e) {
            return false;
        }
    }

    @SuppressWarnings("restricted")   // ./recur grants native access (--enable-native-access=ALL-UNNAMED)
    private static Optional<MethodHandle> libc(String name, FunctionDescriptor signature) {
        Linker linker = Linker.nativeLinker();
        Optional<MemorySegment> symbol = linker.defaultLookup().find(name);
        return symbol.map(s -> linker.downcallHandle(s, signature));
    }
}
