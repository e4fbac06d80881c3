package dev.recur.samples;

import dev.recur.midi.Melody;
import dev.recur.midi.MelodyExtractor;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.midi.MidiReader;
import dev.recur.midi.MidiScore;
import dev.recur.midi.NoteText;
import dev.recur.midi.TimeSignature;
import dev.recur.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MelodyCorpusTest {
    private static final Path SAMPLES = Path.of("samples/midi");
    @TempDir Path dir;

    @Test void demoCorpusRegeneratesToByteIdenticalFiles() throws Exception {
        List<MelodyCorpus.Tune> tunes = MelodyCorpus.read(SAMPLES.resolve("melodies.txt"));
        assertTrue(tunes.size() >= 20 && tunes.size() <= 30, tunes.size() + " tunes");
        List<Path> written = MelodyCorpus.writeMidi(tunes, dir);
        List<Path> committed;
        try (Stream<Path> s = Files.list(SAMPLES)) {
            committed = s.filter(p -> p.toString().endsWith(".mid")).sorted().toList();
        }
        assertEquals(committed.stream().map(Path::getFileName).toList(),
                written.stream().map(Path::getFileName).sorted().toList(), "one committed .mid per tune, no strays");
        for (Path w : written)
            assertArrayEquals(Files.readAllBytes(SAMPLES.resolve(w.getFileName())), Files.readAllBytes(w), w.getFileName().toString());
    }

    @Test void everyTuneReadsBackAsEntered() throws Exception {
        for (MelodyCorpus.Tune t : MelodyCorpus.read(SAMPLES.resolve("melodies.txt"))) {
            MidiScore s = MidiReader.read(SAMPLES.resolve(t.slug() + ".mid"));
            assertEquals(t.bpm(), s.initialBpm(), 0.01, t.title());
            assertEquals(new TimeSignature(0, t.numerator(), t.denominator()), s.initialTimeSignature(), t.title());
            Melody back = MelodyExtractor.extract(s, MelodyExtractor.Options.DEFAULT.withStepsPerQuarter(t.melody().stepsPerQuarter()));
            assertEquals(t.melody().normalized(), back, t.title());
            assertTrue(t.melody().noteCount() >= 8, t.title());
            assertTrue(MelodyVocabulary.DEFAULT.fits(t.melody()), t.title() + " lies in MIDI 48..84");
        }
    }

    @Test void barLinesAreChecked() {
        String text = """
                title: Broken
                time: 3/4
                grid: 2
                notes:
                C4 - | D4 - - - - - | E4 - - - - | F4 -
                """;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MelodyCorpus.parse(text, "t.txt"));
        assertEquals("t.txt line 1 (Broken): bar 3 has 5 steps, expected 6: 'E4 - - - -'", e.getMessage());
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> MelodyCorpus.parse("title: X\nnotes:\nC4 Q4\n", "t.txt"));
        assertTrue(bad.getMessage().startsWith("t.txt line 1 (X): bad token 'Q4' at position 2"), bad.getMessage());
        IllegalArgumentException grid = assertThrows(IllegalArgumentException.class,
                () -> MelodyCorpus.parse("title: Y\ntime: 5/8\ngrid: 1\nnotes:\nC4 D4\n", "t.txt"));
        assertEquals("t.txt line 1 (Y): time 5/8 needs whole grid steps per bar (grid 1)", grid.getMessage());
        assertEquals("frere-jacques", new MelodyCorpus.Tune("Frère Jacques!", "", "", 4, 4, 120, 0, NoteText.parse("C4", 2)).slug());
    }

    @Test void commandWritesTheCorpus() throws Exception {
        assertEquals(0, Main.run("midi-corpus", SAMPLES.resolve("melodies.txt").toString(), "--out", dir.toString()));
        assertArrayEquals(Files.readAllBytes(SAMPLES.resolve("ode-to-joy.mid")), Files.readAllBytes(dir.resolve("ode-to-joy.mid")));
    }
}
