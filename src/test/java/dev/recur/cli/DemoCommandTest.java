package dev.recur.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DemoCommandTest {
    /** The genre part of the demo on the committed clips: clearly above chance (1/6) on the held-back clips. */
    @Test void genreDemoBeatsChanceOnHeldBackClips(@TempDir Path dir) throws Exception {
        Object[] r = GenreCommandsTest.run("demo", "--samples", "samples", "--out", dir.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("held-back clip"), (String) r[1]);
        List<String> rows = Files.readAllLines(dir.resolve("genre/comparison.csv"));
        String[] recur = rows.get(1).split(",");
        assertTrue(recur[0].startsWith("recur lstm 2x32"), rows.get(1));
        double segmentAccuracy = Double.parseDouble(recur[2]), trackAccuracy = Double.parseDouble(recur[4]);
        assertTrue(segmentAccuracy >= 0.75 && trackAccuracy >= 0.75, rows.get(1));
    }
}
