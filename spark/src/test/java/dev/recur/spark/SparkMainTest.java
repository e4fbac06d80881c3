package dev.recur.spark;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class SparkMainTest {
    @Test void olderJdksGetOneLineNamingTheNeededVersion() {
        for (String old : new String[] {"17.0.12", "21.0.5+11", "25", "25.0.2"}) {
            String m = SparkMain.problem(Runtime.Version.parse(old), "/opt/jdk");
            assertNotNull(m, old);
            assertTrue(m.contains("25.0.3") && m.contains(old) && m.contains("/opt/jdk") && !m.contains("\n"), m);
        }
        for (String ok : new String[] {"25.0.3", "25.0.3+9-LTS", "25.0.4", "26", "27.0.1"}) {
            assertNull(SparkMain.problem(Runtime.Version.parse(ok), null), ok);
        }
        assertNull(SparkMain.problem(Runtime.version(), null), "the build runs on a JDK Spark 4.2 accepts");
    }

    @Test void executorsAreAskedForTheirJdk() {
        RecurSpark.requireExecutorJdk(SharedSpark.get()); // local: the executors are this JVM
        String m = RecurSpark.executorProblem("21.0.5", "/usr/lib/jvm/java-21");
        assertTrue(m.startsWith("recur-spark: an executor needs JDK 25.0.3") && m.contains("21.0.5"), m);
        assertNull(RecurSpark.executorProblem("25.0.3", "/opt/jdk"));
        assertNull(RecurSpark.executorProblem("not a version", null));
    }

    @Test void theAudioGlobMatchesTheCoreExtensionsInAnyCase() {
        org.apache.hadoop.fs.GlobFilter f;
        try {
            f = new org.apache.hadoop.fs.GlobFilter(AudioInput.audioGlob());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        for (String yes : new String[] {"a.wav", "B.WAV", "c.Mp3", "d.flac", "e.AIFF", "f.opus"}) assertTrue(f.accept(new org.apache.hadoop.fs.Path("/x/" + yes)), yes);
        for (String no : new String[] {"a.txt", "wav", "b.wav.part", "c.jpg"}) assertFalse(f.accept(new org.apache.hadoop.fs.Path("/x/" + no)), no);
    }
}
