package dev.recur.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class DemoCommandTest {
    /**
     * The whole demo, end to end: the scale model learns the scale, the genre part is clearly above chance (1/6)
     * on the held-back clips, and the melody part writes a MIDI file that reads back and its piano roll.
     */
    @Test void demoRunsEveryPartOnTheBundledSamples(@TempDir Path dir) throws Exception {
        Object[] r = GenreCommandsTest.run("demo", "--samples", "samples", "--out", dir.toString());
        assertEquals(ExitCodes.OK, r[0], (String) r[1]);
        assertTrue(((String) r[1]).contains("held-back clip"), (String) r[1]);
        List<String> rows = Files.readAllLines(dir.resolve("genre/comparison.csv"));
        String[] recur = rows.get(1).split(",");
        assertTrue(recur[0].startsWith("recur lstm 2x32"), rows.get(1));
        double segmentAccuracy = Double.parseDouble(recur[2]), trackAccuracy = Double.parseDouble(recur[4]);
        assertTrue(segmentAccuracy >= 0.75 && trackAccuracy >= 0.75, rows.get(1));
        assertTrue(((String) r[1]).contains("next-note accuracy 100%"), (String) r[1]);
        assertTrue(dev.recur.midi.MidiReader.read(dir.resolve("melody.mid")).notes().size() > 8);
        assertTrue(Files.size(dir.resolve("melody-piano-roll.png")) > 1000);
        assertTrue(Files.exists(dir.resolve("melody-model/model.safetensors")));
    }
}
