package dev.recur.cli;

import dev.recur.samples.MelodyCorpus;
import dev.recur.midi.MidiReader;
import dev.recur.midi.MidiScore;
import dev.recur.midi.Note;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** train-melody and generate end to end through Main.run, on a tiny corpus and a tiny model. */
class MelodyCommandsTest {
    @TempDir static Path dir;
    static Path corpus, model;
    static RunCommandTest.Outcome trained;

    @BeforeAll static void train() throws IOException {
        corpus = sixTunes(dir);
        model = dir.resolve("model");
        trained = RunCommandTest.cli("train-melody", corpus.toString(), "--out", model.toString(), "--units", "16",
                "--layers", "2", "--embedding", "8", "--epochs", "2", "--batch", "4", "--window", "64", "--bptt", "32",
                "--seed", "3", "--quiet");
    }

    /** DIR/corpus holding the first six bundled tunes as MIDI files: the tiny corpus of the melody CLI tests. */
    static Path sixTunes(Path dir) throws IOException {
        Path corpus = dir.resolve("corpus");
        Files.createDirectories(corpus);
        List<MelodyCorpus.Tune> tunes = MelodyCorpus.read(Path.of("samples/midi/melodies.txt"));
        MelodyCorpus.writeMidi(tunes.subList(0, 6), corpus);
        return corpus;
    }

    @Test void trainingWritesTheModelFolderAndComparesWithTheTrigram() throws IOException {
        assertEquals(0, trained.code(), trained.err());
        for (String f : List.of("model.safetensors", "model.json", "metrics.csv", "loss.png")) {
            assertTrue(Files.size(model.resolve(f)) > 0, f);
        }
        List<String> csv = Files.readAllLines(model.resolve("metrics.csv"));
        assertEquals("epoch,train_loss,val_loss,val_perplexity,val_accuracy", csv.getFirst());
        assertEquals(3, csv.size(), "header + 2 epochs");
        String json = Files.readString(model.resolve("model.json"));
        assertTrue(json.contains("\"min_pitch\" : 48") && json.contains("\"steps_per_quarter\" : 4"), json);
        assertTrue(json.contains("\"pitch_temperature\" : 0.5"), json);   // generate's default for a small corpus
        assertTrue(trained.out().contains("LSTM") && trained.out().contains("trigram"), trained.out());
        // Six tunes are a small corpus: what was not given is scaled to it, what was given is kept, and the summary says so.
        assertTrue(trained.out().contains("settings    small corpus (") && trained.out().contains("2 × LSTM 16, dropout 0.00, batch 4, "
                + "window 64, bptt 32, lr 0.005, up to 2 epochs (patience 20), octave copies; given: --units, --batch, --window, --bptt, --epochs"),
                trained.out());
    }

    @Test void theSameSeedGivesByteIdenticalFiles() throws IOException {
        Path a = dir.resolve("a.mid"), b = dir.resolve("b.mid"), c = dir.resolve("c.mid");
        for (Path p : List.of(a, b)) {
            var o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", p.toString(),
                    "--primer", "C4 D4 E4 - G4", "--bars", "4", "--seed", "5", "--top-p", "0.9");
            assertEquals(0, o.code(), o.err());
        }
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        var o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", c.toString(),
                "--primer", "C4 D4 E4 - G4", "--bars", "4", "--seed", "6", "--top-p", "0.9");
        assertEquals(0, o.code(), o.err());
        assertFalse(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)), "another seed, another melody");
    }

    @Test void countNumbersTheFilesAndPlotDrawsEach() throws IOException {
        Path out = dir.resolve("var/melody.mid"), png = dir.resolve("var/roll.png");
        var o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", out.toString(), "--count", "2",
                "--primer", "60,62,64,-2,67", "--steps", "20", "--plot", png.toString(), "--bpm", "90",
                "--program", "73", "--velocity", "70", "--temperature", "0.8", "--top-k", "5");
        assertEquals(0, o.code(), o.err());
        for (String f : List.of("melody-1.mid", "melody-2.mid", "roll-1.png", "roll-2.png")) {
            assertTrue(Files.size(dir.resolve("var").resolve(f)) > 0, f);
        }
        MidiScore s = MidiReader.read(dir.resolve("var/melody-1.mid"));
        assertEquals(90, s.initialBpm(), 1e-3);
        Note first = s.notes().getFirst();
        assertEquals(60, first.pitch());
        assertEquals(70, first.velocity());
    }

    @Test void keyAndScaleKeepGeneratedNotesInTheScale() throws IOException {
        Path out = dir.resolve("dminor.mid");
        var o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", out.toString(), "--key", "D",
                "--scale", "minor", "--steps", "128", "--temperature", "2", "--seed", "2");
        assertEquals(0, o.code(), o.err());
        List<Note> notes = MidiReader.read(out).notes();
        assertFalse(notes.isEmpty());
        for (Note n : notes) assertTrue(dev.recur.app.melody.Scale.of("D", "minor").contains(n.pitch()), "pitch " + n.pitch());
    }

    @Test void beamSearchAndAMidiPrimer() throws IOException {
        Path primer = Files.list(corpus).sorted().findFirst().orElseThrow();
        Path out = dir.resolve("beam.mid");
        var o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", out.toString(), "--beam", "3",
                "--bars", "1", "--primer", primer.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.size(out) > 0);
    }

    @Test void badInputGivesOneClearLineAndANonZeroExit() {
        Path missing = dir.resolve("no-such-model");
        var o = RunCommandTest.cli("generate", "--model", missing.toString(), "--out", dir.resolve("x.mid").toString());
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), missing.toString(), "not found");

        o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", dir.resolve("x.mid").toString(),
                "--primer", "C4 H4 E4");
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), "primer", "'H4'");

        o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", dir.resolve("x.mid").toString(),
                "--primer", "60,200");
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), "primer", "200");

        o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", dir.resolve("x.mid").toString(),
                "--key", "D", "--scale", "lydian-flat-13");
        assertEquals(ExitCodes.USAGE, o.code());
        assertOneLine(o.err(), "--scale", "lydian-flat-13");

        o = RunCommandTest.cli("train-melody", dir.resolve("no-midi-here").toString(), "--out", dir.resolve("m2").toString(), "--quiet");
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), "no-midi-here", "not a folder");
        assertFalse(Files.exists(dir.resolve("x.mid")));
    }

    @Test void answerModeTrainsAndResponds() throws IOException {
        Path answer = dir.resolve("answer");
        var o = RunCommandTest.cli("train-melody", corpus.toString(), "--out", answer.toString(), "--answer",
                "--phrase-bars", "1", "--units", "8", "--layers", "1", "--embedding", "4", "--epochs", "1", "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.exists(answer.resolve("encoder/model.safetensors")));
        assertTrue(o.out().contains("trigram"), o.out());
        Path out = dir.resolve("response.mid"), png = dir.resolve("response.png");
        o = RunCommandTest.cli("generate", "--model", answer.toString(), "--respond-to", "E4 - E4 - F4 - G4 - G4 - F4 - E4 - D4 -",
                "--out", out.toString(), "--plot", png.toString(), "--seed", "4");
        assertEquals(0, o.code(), o.err());
        assertTrue(Files.size(out) > 0 && Files.size(png) > 0);

        o = RunCommandTest.cli("generate", "--model", model.toString(), "--respond-to", "C4 D4", "--out", dir.resolve("y.mid").toString());
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), "not a call/response model");
    }

    static void assertOneLine(String err, String... parts) {
        String[] lines = err.strip().split("\\R");
        assertEquals(1, lines.length, err);
        for (String p : parts) assertTrue(lines[0].contains(p), "'" + p + "' missing from: " + lines[0]);
    }
}
