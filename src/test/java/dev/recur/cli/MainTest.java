package dev.recur.cli;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The top of the command line: version, and what a mistyped command gets. */
class MainTest {
    private static TrainSeriesResumeTest.Run run(String... args) { return TrainSeriesResumeTest.run(args); }

    @Test void versionIsTheProjectsVersionFromTheBuild() throws Exception {
        Matcher m = Pattern.compile("<artifactId>recur-parent</artifactId>\\s*<version>([^<]+)</version>")
                .matcher(Files.readString(Path.of("pom.xml")));
        assertTrue(m.find());
        for (String flag : new String[] {"-V", "--version"}) {
            TrainSeriesResumeTest.Run r = run(flag);
            assertEquals(ExitCodes.OK, r.code(), r.err());
            assertEquals("recur " + m.group(1), r.out().strip());
        }
    }
}
