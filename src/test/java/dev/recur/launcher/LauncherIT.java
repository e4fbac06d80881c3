package dev.recur.launcher;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./recur} itself, on the jar the build just packaged: the JVM's "Using incubator modules" warning never
 * reaches the user, stderr is still the user's terminal once Recur runs, exit codes pass through, what the JVM
 * says about a bad RECUR_JAVA_OPTS still shows, and a plain {@code java -jar} runs the scalar kernels.
 */
class LauncherIT {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    record Run(int code, String out, String err) {}

    private static Run run(Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().putAll(env);
        Path out = Files.createTempFile("launcher", ".out"), err = Files.createTempFile("launcher", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    private static Run recur(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("./recur"));
        cmd.addAll(List.of(args));
        return run(Map.of(), cmd.toArray(String[]::new));
    }

    @Test void noIncubatorWarningAndExitCodesPassThrough() throws Exception {
        Run v = recur("-V");
        assertEquals(0, v.code(), v.err());
        assertTrue(v.out().startsWith("recur "), v.out());
        assertEquals("", v.err(), "nothing on stderr, the JVM's incubator warning included");

        Run usage = recur("info", "--no-such-option");
        assertEquals(2, usage.code(), usage.err());
        assertEquals(1, usage.err().lines().count(), usage.err());
        assertFalse(usage.err().contains("WARNING"), usage.err());

        Run failure = recur("info", "--model", ROOT.resolve("target/no-such-model").toString());
        assertEquals(1, failure.code(), failure.err());
        assertEquals(1, failure.err().lines().count(), failure.err());
    }

    @Test void stderrIsStillTheTerminalOnceRecurRuns() throws Exception {
        // script(1) runs ./recur on a pseudo-terminal; stdout and stderr both go to it, and come back here as stdout
        Run r = run(Map.of(), "script", "-qec", "./recur info", "/dev/null");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("stderr    a terminal"), r.out());
        assertFalse(r.out().contains("WARNING"), r.out());

        Run piped = recur("info");
        assertTrue(piped.out().contains("stderr    not a terminal"), piped.out());
    }

    @Test void whatTheJvmSaysAboutBadOptionsStillShows() throws Exception {
        // the JVM dies before Recur runs: its words pass the filter, which may finish a moment after the JVM
        ProcessBuilder pb = new ProcessBuilder("./recur", "-V").directory(ROOT.toFile());
        pb.environment().put("RECUR_JAVA_OPTS", "-XX:+NoSuchOption");
        Path err = Files.createTempFile("launcher", ".err");
        try {
            Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            assertEquals(1, p.exitValue());
            String text = "";
            for (int i = 0; i < 100 && !text.contains("Unrecognized VM option 'NoSuchOption'"); i++) {
                Thread.sleep(50);
                text = Files.readString(err);
            }
            assertTrue(text.contains("Unrecognized VM option 'NoSuchOption'"), text);
        } finally {
            Files.deleteIfExists(err);
        }
    }

    /** The README's first command where a Java 17 comes first on the PATH and JAVA_HOME is unset. */
    @Test void recurFindsTheJdk25ItselfPastAnOlderJavaOnThePath(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("jdk17/bin"));
        for (String tool : List.of("java", "javac")) {
            Path f = bin.resolve(tool);
            Files.writeString(f, "#!/bin/sh\necho 'openjdk version \"17.0.15\" 2025-04-15' >&2\n[ \"$1\" = -version ] || exit 99\n");
            f.toFile().setExecutable(true);
        }
        Path jvm = Files.createDirectories(dir.resolve("jvm"));
        Files.createSymbolicLink(jvm.resolve("a-jdk-25"), Path.of(System.getProperty("java.home")));
        ProcessBuilder pb = new ProcessBuilder("./recur", "-V").directory(ROOT.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
        pb.environment().put("RECUR_JDK_DIRS", jvm.toString());
        Path out = dir.resolve("out"), err = dir.resolve("err");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(err));
        assertTrue(Files.readString(out).startsWith("recur "), Files.readString(out));
        assertEquals("", Files.readString(err));
    }

    @Test void withoutTheVectorModuleTheScalarKernelsRun() throws Exception {
        Run r = run(Map.of(), JAVA, "-jar", "target/recur.jar", "info");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("kernels   scalar"), r.out());
        assertEquals("", r.err());
    }
}
