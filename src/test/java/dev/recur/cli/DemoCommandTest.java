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

        // The README's evaluate example on the demo's classifier, line for line: the held-out clips only, and the --all figure.
        String readme = Files.readString(Path.of("README.md"));
        Object[] e = GenreCommandsTest.run("evaluate", "--model", dir.resolve("genre").toString(), "samples/genres", "--quiet");
        assertEquals(ExitCodes.OK, e[0]);
        List<String> lines = ((String) e[1]).lines().toList();
        String scoring = lines.getFirst().replace(dir.resolve("genre").toString(), "demo-output/genre");
        assertTrue(readme.contains(scoring + "\n"), scoring);
        for (String row : lines.subList(lines.size() - 7, lines.size())) assertTrue(readme.contains(row + "\n"), row);
        Object[] all = GenreCommandsTest.run("evaluate", "--model", dir.resolve("genre").toString(), "samples/genres", "--quiet", "--all");
        String[] recurAll = ((String) all[1]).lines().filter(l -> l.startsWith("recur ")).findFirst().orElseThrow().trim().split(" +");
        String quoted = recurAll[1].replace("%", " %") + " / " + recurAll[2].replace("%", " %");
        assertTrue(readme.replaceAll("\\s+", " ").contains("report " + quoted + ", a figure nobody should quote"), quoted);
    }
}
