package dev.recur.docs;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The README's two set-up commands on a machine where an older Java comes first on the PATH and JAVA_HOME is
 * unset: {@code ./mvnw} and {@code ./recur} find a JDK 25 themselves (one piece of shell, .mvn/jdk.sh), or stop
 * at once with one line naming the Java they found. A fake Java 17 stands first on the PATH; the JDK running
 * this test (a 25) is the one to be found, in a folder given through RECUR_JDK_DIRS.
 */
class SetupCommandsTest {
    private static final Path ROOT = Path.of("").toAbsolutePath();
    private static final Path THIS_JDK = Path.of(System.getProperty("java.home"));

    record Run(int code, String out, String err) {}

    /** A folder with bin/java and bin/javac answering like OpenJDK 17, as /usr/bin/java does on Debian 12. */
    private static Path fakeJava17(Path dir) throws IOException {
        Path bin = Files.createDirectories(dir.resolve("jdk17/bin"));
        for (String tool : List.of("java", "javac")) {
            Path f = bin.resolve(tool);
            Files.writeString(f, """
                    #!/bin/sh
                    echo 'openjdk version "17.0.15" 2025-04-15' >&2
                    echo 'OpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)' >&2
                    [ "$1" = -version ] || { echo "fake java 17 must not be run for real: $*" >&2; exit 99; }
                    """);
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    /** Runs {@code command} in the repository with the fake Java first on the PATH and JAVA_HOME unset. */
    private static Run run(Path fakeBin, String jdkDirs, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        Map<String, String> env = pb.environment();
        env.remove("JAVA_HOME");
        env.put("PATH", fakeBin + ":/usr/local/bin:/usr/bin:/bin");
        env.put("RECUR_JDK_DIRS", jdkDirs);
        Path out = Files.createTempFile("setup", ".out"), err = Files.createTempFile("setup", ".err");
        try {
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "timed out: " + String.join(" ", command));
            return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** A folder holding (a link to) the JDK running this test, as /usr/lib/jvm holds installed JDKs. */
    private static Path jdkFolder(Path dir) throws IOException {
        Path jvm = Files.createDirectories(dir.resolve("jvm"));
        Files.createSymbolicLink(jvm.resolve("some-jdk-25"), THIS_JDK);
        return jvm;
    }

    @Test
    void theSharedScriptPicksTheJdk25OverAnOlderJavaOnThePath(@TempDir Path dir) throws Exception {
        Path fake = fakeJava17(dir);
        Run r = run(fake, jdkFolder(dir).toString(), "sh", "-c",
                ". .mvn/jdk.sh && recur_select_jdk test && echo \"$JAVA_HOME\"");
        assertEquals(0, r.code(), r.err());
        assertEquals(dir.resolve("jvm/some-jdk-25").toString(), r.out().strip());
        assertEquals("", r.err());
    }

    /** A machine with only a JDK 25, reached through a `java` link on the PATH (as Debian's alternatives do). */
    @Test
    void theJdk25OnThePathIsUsedWhenItIsTheOnlyOne(@TempDir Path dir) throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Files.createSymbolicLink(bin.resolve("java"), THIS_JDK.resolve("bin/java"));
        Run r = run(bin, dir.resolve("no-jvm-folders").toString(), "sh", "-c",
                ". .mvn/jdk.sh && recur_select_jdk test && echo \"$JAVA_HOME\"");
        assertEquals(0, r.code(), r.err());
        assertEquals(THIS_JDK.toRealPath().toString(), r.out().strip());
    }

    @Test
    void mvnwRunsMavenOnTheJdk25(@TempDir Path dir) throws Exception {
        Run r = run(fakeJava17(dir), jdkFolder(dir).toString(), "./mvnw", "-v");
        assertEquals(0, r.code(), r.err());
        String version = Runtime.version().feature() + ".";
        assertTrue(r.out().contains("Java version: " + version), r.out());
        // the only JDK 25 within reach is the one in our folder (Maven prints its real path)
        assertTrue(r.out().contains("runtime: " + THIS_JDK.toRealPath()), r.out());
    }

    @Test
    void withoutAJdk25BothCommandsStopAtOnceWithOneLine(@TempDir Path dir) throws Exception {
        Path fake = fakeJava17(dir);
        for (String cmd : List.of("./mvnw", "./recur")) {
            Run r = run(fake, dir.resolve("empty").toString(), cmd, "verify");
            assertEquals(1, r.code(), cmd + ": " + r.err());
            assertEquals("", r.out(), cmd);
            List<String> lines = r.err().lines().toList();
            assertEquals(1, lines.size(), cmd + ": " + r.err());
            String line = lines.get(0);
            String name = cmd.substring(2);
            assertTrue(line.startsWith(name + ": needs a JDK 25 or newer, but the java on the PATH is "
                    + fake.resolve("java") + " (Java 17)"), line);
            assertTrue(line.contains("set JAVA_HOME="), line);
        }
    }

    @Test
    void ciRunsExactlyTheReadmesTestCommand() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        int setUp = readme.indexOf("## Set up");
        int block = readme.indexOf("```sh\n", setUp) + "```sh\n".length();
        List<String> commands = readme.substring(block, readme.indexOf("```", block)).lines()
                .map(l -> l.replaceAll("\\s+#.*", "").strip()).filter(l -> !l.isEmpty()).toList();
        assertEquals(2, commands.size(), commands.toString());
        assertEquals("./recur demo", commands.get(0));
        String testCommand = commands.get(1);
        List<String> ci = Files.readAllLines(ROOT.resolve(".ci/run")).stream()
                .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        assertEquals(testCommand, ci.get(ci.size() - 1), ".ci/run must end with the README's test command");
        assertTrue(ci.stream().noneMatch(l -> l.contains("JAVA_HOME=")), ".ci/run must not pick the JDK itself: " + ci);
    }
}
