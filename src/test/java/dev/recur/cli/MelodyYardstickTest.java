package dev.recur.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.midi.Melody;
import dev.recur.midi.MidiWriter;
import dev.recur.midi.NoteText;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.recur.cli.MelodyCommandsTest.assertOneLine;
import static org.junit.jupiter.api.Assertions.*;

/** melody-stats, evaluate with a melody model, generate --stats: end to end through Main.run, and their bad inputs. */
class MelodyYardstickTest {
    @TempDir static Path dir;
    static Path corpus, model;

    @BeforeAll static void train() throws IOException {
        corpus = MelodyCommandsTest.sixTunes(dir);
        model = dir.resolve("model");
        var o = RunCommandTest.cli("train-melody", corpus.toString(), "--out", model.toString(), "--units", "16",
                "--layers", "1", "--embedding", "8", "--epochs", "1", "--batch", "4", "--window", "64", "--bptt", "32", "--quiet");
        assertEquals(0, o.code(), o.err());
    }

    @Test void melodyStatsOfAFolderAgainstItselfOverlapsFully() throws IOException {
        var o = RunCommandTest.cli("melody-stats", corpus.toString(), corpus.toString(), "--quiet");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("pitch-class entropy"), o.out());
        assertTrue(o.out().contains("bar-to-bar self-similarity"), o.out());
        assertTrue(o.out().strip().endsWith("1.00"), o.out());

        o = RunCommandTest.cli("melody-stats", corpus.toString(), corpus.toString(), "--json", "--bars", "2");
        assertEquals(0, o.code(), o.err());
        JsonNode json = new ObjectMapper().readTree(o.out());
        assertEquals(1.0, json.get("comparison").get("mean_overlap").asDouble(), 1e-3);
        assertEquals(2, json.get("reference").get("bars").asInt());
        JsonNode first = json.get("reference").get("melodies").get(0);
        assertTrue(first.get("name").asText().endsWith("#1"), first.toString());
        for (String f : List.of("pitch_range", "mean_interval", "leap_share", "pitch_class_entropy", "in_scale_share",
                "notes_per_beat", "motif_repetition", "bar_similarity")) {
            assertTrue(first.get("features").has(f), f);
        }
    }

    @Test void aSavedJsonCompareslikeItsFolderAndDifferentGridsAreRefused() throws IOException {
        var o = RunCommandTest.cli("melody-stats", corpus.toString(), corpus.toString(), "--json");
        Path saved = dir.resolve("stats.json");
        Files.writeString(saved, o.out());
        var again = RunCommandTest.cli("melody-stats", saved.toString(), corpus.toString(), "--quiet");
        assertEquals(0, again.code(), again.err());
        assertTrue(again.out().strip().endsWith("1.00"), again.out());

        var other = RunCommandTest.cli("melody-stats", corpus.toString(), corpus.toString(), "--json", "--steps-per-quarter", "3");
        Path triplets = dir.resolve("triplets.json");
        Files.writeString(triplets, other.out());
        var bad = RunCommandTest.cli("melody-stats", saved.toString(), triplets.toString());
        assertEquals(ExitCodes.FAILURE, bad.code());
        assertOneLine(bad.err(), "measured differently", "4 steps per quarter", "3 steps per quarter");
    }

    @Test void melodyStatsBadInputs() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        var o = RunCommandTest.cli("melody-stats", empty.toString(), corpus.toString());
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), empty.toString(), "no .mid or .midi files");

        Path drums = Files.createDirectories(dir.resolve("drums"));
        MidiWriter.write(NoteText.parse("C3 - D3 - C3 - D3 - C3 - D3 - C3 - D3 - C3 .", 4), drums.resolve("beat.mid"),
                new MidiWriter.Options(120, 480, 0, 90, 9, 1, 4, 4, null));
        o = RunCommandTest.cli("melody-stats", corpus.toString(), drums.toString(), "--quiet");
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), drums.toString(), "none of the 1 MIDI files has a usable melody", "drum");

        Path notJson = dir.resolve("notes.json");
        Files.writeString(notJson, "{\"hello\": 1}");
        o = RunCommandTest.cli("melody-stats", notJson.toString(), corpus.toString());
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), notJson.toString(), "not a JSON file of melody stats");

        o = RunCommandTest.cli("melody-stats", corpus.toString(), corpus.toString(), "--bars", "500", "--quiet");
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), "500 bars");
    }

    @Test void evaluateScoresAMelodyModelBesideItsStoredTrigram() throws IOException {
        assertTrue(Files.size(model.resolve("ngram.json")) > 0);
        List<String> heldOut = Files.readAllLines(model.resolve("heldout.txt"));
        assertEquals(1, heldOut.size(), "20 % of 6 files");
        var all = RunCommandTest.cli("evaluate", "--model", model.toString(), corpus.toString(), "--all", "--no-progress");
        assertEquals(0, all.code(), all.err());
        assertTrue(all.out().contains("6 files") && all.out().contains("LSTM") && all.out().contains("trigram (KN)")
                && all.out().contains("ratio"), all.out());
        var held = RunCommandTest.cli("evaluate", "--model", model.toString(), corpus.toString(), "--no-progress");
        assertEquals(0, held.code(), held.err());
        assertTrue(held.out().contains("scoring the 1 files") && held.out().contains("5 files it was trained on are left out")
                && held.out().contains(": 1 files"), held.out());
        // The held-out figures are those training printed for its validation split.
        String json = Files.readString(model.resolve("model.json"));
        double valPerplexity = new ObjectMapper().readTree(json).get("metadata").get("val_perplexity").asDouble();
        assertTrue(held.out().contains(String.format(java.util.Locale.ROOT, "%.3f", valPerplexity)), held.out() + " vs " + valPerplexity);

        Path empty = Files.createDirectories(dir.resolve("empty-eval"));
        var o = RunCommandTest.cli("evaluate", "--model", model.toString(), empty.toString(), "--no-progress");
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), empty.toString(), "no .mid or .midi files");

        Path other = Files.createDirectories(dir.resolve("other"));
        MidiWriter.write(NoteText.parse("C4 D4 E4 F4 G4 A4 B4 C5 D5 .", 4), other.resolve("x.mid"), MidiWriter.Options.DEFAULT);
        o = RunCommandTest.cli("evaluate", "--model", model.toString(), other.toString(), "--no-progress");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains(": 1 files") && !o.out().contains("scoring the"), "another folder is scored whole: " + o.out());
    }

    @Test void generateStatsPrintsTheFeaturesBesideTheReference() throws IOException {
        Path out = dir.resolve("gen/m.mid");
        var o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", out.toString(), "--bars", "2",
                "--count", "2", "--stats", "--reference", corpus.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("stats of m-1.mid") && o.out().contains("stats of m-2.mid"), o.out());
        assertTrue(o.out().contains("in best major/minor scale") && o.out().contains("mean overlap"), o.out());

        Path missing = dir.resolve("no-such-folder");
        o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", dir.resolve("gen/n.mid").toString(),
                "--stats", "--reference", missing.toString());
        assertEquals(ExitCodes.FAILURE, o.code());
        assertOneLine(o.err(), missing.toString());
        assertFalse(Files.exists(dir.resolve("gen/n.mid")), "nothing written when the reference is bad");
    }

    @Test void keyNormalisedModelGeneratesInThePrimersKeyAndInTheKeyAsked() throws IOException {
        // A primer in E major (four sharps): without --key the new notes keep to E major's scale mostly;
        // with --key the scale is a hard constraint.
        Path out = dir.resolve("key/e.mid");
        var o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", out.toString(), "--steps", "64",
                "--primer", "E4 F#4 G#4 A4 B4 C#5 D#5 E5 B4 G#4 E4 - - -", "--temperature", "0.5");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("E major (the primer's key)"), o.out());
        Melody written = dev.recur.midi.MelodyExtractor.extract(dev.recur.midi.MidiReader.read(out));
        assertEquals(64, written.event(0), "the primer comes back as written");

        Path bb = dir.resolve("key/bb.mid");
        o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", bb.toString(), "--steps", "128",
                "--key", "Bb", "--scale", "major", "--temperature", "1.5", "--seed", "4");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("in A# major") || o.out().contains("in Bb major"), o.out());
        var scale = dev.recur.app.melody.Scale.of("Bb", "major");
        for (var n : dev.recur.midi.MidiReader.read(bb).notes()) assertTrue(scale.contains(n.pitch()), "pitch " + n.pitch());
    }

    @Test void wavRendersEachMelodyAndPlaySaysWhenThereIsNoDevice() throws Exception {
        Path out = dir.resolve("audio/m.mid"), wav = dir.resolve("audio/m.wav");
        var o = RunCommandTest.cli("generate", "--model", model.toString(), "--out", out.toString(), "--bars", "2",
                "--count", "2", "--wav", wav.toString(), "--program", "73", "--bpm", "100");
        assertEquals(0, o.code(), o.err());
        for (int i = 1; i <= 2; i++) {
            Path w = dir.resolve("audio/m-" + i + ".wav");
            assertTrue(o.out().contains("wrote " + w), o.out());
            try (var in = javax.sound.sampled.AudioSystem.getAudioInputStream(w.toFile())) {
                assertEquals(44100f, in.getFormat().getSampleRate());
                assertEquals(1, in.getFormat().getChannels());
                // the melody's notes at 100 bpm, then a second of release
                dev.recur.midi.Melody m = dev.recur.midi.MelodyExtractor.extract(dev.recur.midi.MidiReader.read(dir.resolve("audio/m-" + i + ".mid")));
                double seconds = m.toNotes(480, 90, 0, 1).getLast().endTick() / 480.0 * 0.6 + 1;
                assertEquals(seconds, in.getFrameLength() / 44100.0, 0.05);
            }
        }
        var p = RunCommandTest.cli("generate", "--model", model.toString(), "--out", dir.resolve("audio/p.mid").toString(),
                "--bars", "1", "--play");
        assertTrue(Files.exists(dir.resolve("audio/p.mid")));
        if (p.code() != 0) {
            assertEquals(ExitCodes.FAILURE, p.code());
            assertOneLine(p.err(), "--play: no MIDI output device", "the MIDI file is written");
        }
    }
}
