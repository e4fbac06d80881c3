package dev.recur.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.*;

class DemoCommandTest {
    /**
     * The whole demo, end to end: the scale model learns the scale, the genre part is clearly above chance (1/6)
     * on the held-back clips, and the melody part writes a MIDI file that reads back, its piano roll and its audio,
     * and prints the generated bars' features next to the tunes'.
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
        try (var wav = javax.sound.sampled.AudioSystem.getAudioInputStream(dir.resolve("melody.wav").toFile())) {
            assertTrue(wav.getFrameLength() > 10 * 44100, "2 + 8 bars at 120 bpm and the release: " + wav.getFrameLength());
        }
        String out = (String) r[1];
        for (String f : List.of("stats of the generated bars", "pitch-class entropy", "in best major/minor scale",
                "repeated 4-interval motifs")) {
            assertTrue(out.contains(f), f + " missing from:\n" + out);
        }
        // The first melody a newcomer hears stays in a singable register and moves mostly by steps (the tunes:
        // range 11 ± 4 semitones, mean |interval| 2.1 ± 0.6); the earlier 1 × 64, 4-epoch demo leapt 6.3 semitones
        // on average over 27.
        assertTrue(generatedFeature(out, "pitch range") <= 24, out);
        assertTrue(generatedFeature(out, "mean |interval|") <= 3.5, out);

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
        docsShowWhatTheDemoPrints((String) r[1]);
    }

    /** The generated melody's value of a feature in the demo's stats table ("  pitch range (semitones)   15.000   11.129 ± 4.410"). */
    private static double generatedFeature(String out, String feature) {
        String line = out.lines().filter(l -> l.trim().startsWith(feature)).findFirst().orElseThrow(() -> new AssertionError(feature + " missing"));
        Matcher m = Pattern.compile("\\)\\s+([\\d.]+)\\s+[\\d.]+ ±").matcher(line);
        assertTrue(m.find(), line);
        return Double.parseDouble(m.group(1));
    }

    /** docs/melody.md and docs/genre.md quote the demo's figures; they must be the ones it prints today. */
    private static void docsShowWhatTheDemoPrints(String out) throws java.io.IOException {
        java.util.Map<String, String> melody = new java.util.LinkedHashMap<>();
        Matcher data = Pattern.compile("data +\\d+ files: (\\d+) train .*?, (\\d+) validation \\((\\d+) events\\)").matcher(out);
        assertTrue(data.find(), out);
        melody.put("melody.demo.train", data.group(1));
        melody.put("melody.demo.val", data.group(2));
        melody.put("melody.demo.events", data.group(3));
        Matcher table = Pattern.compile("(validation  model.*\\n +LSTM +(\\S+) +(\\S+)%\\n +trigram \\(KN\\) +(\\S+) +(\\S+)%)").matcher(out);
        assertTrue(table.find(), out);
        melody.put("melody.demo.table", table.group(1));
        melody.put("melody.demo.lstm.ppl", table.group(2));
        melody.put("melody.demo.lstm.acc", table.group(3));
        melody.put("melody.demo.trigram.ppl", table.group(4));
        melody.put("melody.demo.trigram.acc", table.group(5));
        double gain = 100 * (Double.parseDouble(table.group(2)) / Double.parseDouble(table.group(4)) - 1);
        melody.put("melody.demo.lstm.gain", String.format(java.util.Locale.ROOT, "%.1f", gain).replace('-', '\u2212'));
        dev.recur.docs.DocFigures.check(Path.of("docs/melody.md"), melody);

        Matcher recur = Pattern.compile("recur lstm \\S+ \\S+ +([\\d.]+)% +([\\d.]+)%").matcher(out);
        Matcher base = Pattern.compile("mean\\+std baseline +([\\d.]+)% +([\\d.]+)%").matcher(out);
        assertTrue(recur.find() && base.find(), out);
        dev.recur.docs.DocFigures.check(Path.of("docs/genre.md"), java.util.Map.of(
                "genre.demo.lstm.segments", recur.group(1), "genre.demo.lstm.tracks", recur.group(2),
                "genre.demo.baseline.segments", base.group(1), "genre.demo.baseline.tracks", base.group(2)));
    }
}
