package dev.recur.data;

import dev.recur.cli.Main;
import dev.recur.midi.Melody;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.midi.MidiWriter;
import dev.recur.midi.Note;
import dev.recur.midi.NoteText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MelodyDatasetTest {
    @TempDir Path dir;

    private static final MelodyDataset.Options QUIET = MelodyDataset.Options.DEFAULT.withMinNotes(3);

    private List<Path> makeFolder() throws Exception {
        List<Path> good = new ArrayList<>();
        String[] tunes = {"C4 D4 E4 F4 G4 - - .", "E4 - D4 - C4 - - .", "G4 A4 G4 F4 E4 . C4 .", "C5 B4 A4 G4 F4 E4 D4 C4",
                "D4 F#4 A4 - D5 .", "A3 C4 E4 - A4 .", "F4 - A4 - C5 - F5 .", "Bb3 D4 F4 Bb4 ."};
        for (int i = 0; i < tunes.length; i++) {
            Path f = dir.resolve(i % 2 == 0 ? "a" : "b/c").resolve("tune" + i + ".mid");
            MidiWriter.write(NoteText.parse(". . . . " + tunes[i], 4), f, MidiWriter.Options.DEFAULT);
            good.add(f);
        }
        byte[] header = {'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 2, 1, (byte) 0xE0, 'M', 'T', 'r', 'k', 0, 0, 1, 0};
        byte[] corrupt = java.util.Arrays.copyOf(header, header.length + 7);
        System.arraycopy("garbage".getBytes(), 0, corrupt, header.length, 7);
        Files.write(dir.resolve("a/corrupt.mid"), corrupt);
        MidiWriter.writeNotes(List.of(new Note(0, 96, 36, 100, 9, 1), new Note(96, 192, 38, 100, 9, 1)),
                dir.resolve("b/drums.MID"), MidiWriter.Options.DEFAULT);
        MidiWriter.writeNotes(List.of(), dir.resolve("b/empty.midi"), MidiWriter.Options.DEFAULT);
        MidiWriter.write(NoteText.parse("C4 D4 .", 4), dir.resolve("b/short.mid"), MidiWriter.Options.DEFAULT);
        Files.writeString(dir.resolve("b/notes.txt"), "not MIDI, not read");
        return good;
    }

    @Test void loadsGoodFilesAndListsTheSkippedOnes() throws Exception {
        List<Path> good = makeFolder();
        MelodyDataset d = MelodyDataset.load(dir, QUIET, dev.recur.progress.Progress.NONE);
        assertEquals(good.stream().sorted().toList(), d.items().stream().map(MelodyDataset.Item::file).toList());
        Melody first = d.items().getFirst().melody();
        assertEquals(NoteText.parse("C4 D4 E4 F4 G4 - - .", 4), first);      // leading rests trimmed
        List<String> skipped = d.skipped().stream().map(s -> dir.relativize(s.file()) + ": " + s.reason()).toList();
        assertEquals(4, skipped.size(), skipped.toString());
        assertTrue(skipped.get(0).startsWith("a/corrupt.mid: truncated: track 0 declares 256 bytes"), skipped.get(0));
        assertEquals("b/drums.MID: only drum notes (channel 10), no melody", skipped.get(1));
        assertEquals("b/empty.midi: no notes", skipped.get(2));
        assertEquals("b/short.mid: melody has only 2 notes (minimum 3)", skipped.get(3));
        assertTrue(d.skippedSummary().endsWith("skipped 4 of 12 files\n"), d.skippedSummary());
    }

    @Test void splitIsByFileSeededAndDisjoint() throws Exception {
        makeFolder();
        MelodyDataset d = MelodyDataset.load(dir, QUIET, dev.recur.progress.Progress.NONE);
        MelodyDataset.Split a = d.split(0.25, 11), b = d.split(0.25, 11);
        assertEquals(a, b);
        assertEquals(2, a.validation().size());
        assertEquals(6, a.train().size());
        Set<Path> files = new HashSet<>();
        for (MelodyDataset.Item it : a.train()) files.add(it.file());
        for (MelodyDataset.Item it : a.validation()) assertTrue(files.add(it.file()));
        assertEquals(8, files.size());
        boolean differs = false;
        for (long seed = 0; seed < 10 && !differs; seed++) differs = !d.split(0.25, seed).validation().equals(a.validation());
        assertTrue(differs, "the seed changes the split");
        assertEquals(1, d.split(0.01, 1).validation().size());
    }

    @Test void encodesWithAugmentation() throws Exception {
        makeFolder();
        MelodyDataset d = MelodyDataset.load(dir, QUIET, dev.recur.progress.Progress.NONE);
        MelodyVocabulary v = MelodyVocabulary.DEFAULT;
        List<int[]> plain = MelodyDataset.encode(d.items(), v, MelodyDataset.Augment.NONE);
        assertEquals(8, plain.size());
        assertEquals(12 * 8, MelodyDataset.encode(d.items(), v, MelodyDataset.Augment.ALL_KEYS).size());
        List<int[]> normal = MelodyDataset.encode(d.items(), v, MelodyDataset.Augment.NORMALIZE_KEY);
        assertEquals(8, normal.size());
        assertNotEquals(plain.get(2)[0], normal.get(2)[0]);    // "D4 F#4 A4" moves to C major
    }

    @Test void baselineCommandReportsPartialWhenFilesAreSkipped() throws Exception {
        makeFolder();
        assertEquals(3, Main.run("melody-baseline", dir.toString(), "--validation", "0.25", "--min-notes", "3"));
        assertEquals(1, Main.run("melody-baseline", dir.resolve("nothing-here").toString()));
    }
}
