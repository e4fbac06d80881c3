package dev.recur.midi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MidiWriterTest {
    @TempDir Path dir;

    /** A random melody: some leading silence, notes, holds, rests, repeated pitches, maybe ending mid-note. */
    static Melody randomMelody(Random r, int length, int spq) {
        int[] e = new int[length];
        for (int i = 0; i < length; i++) {
            double u = r.nextDouble();
            e[i] = i < 2 && u < 0.5 ? Melody.NO_EVENT
                    : u < 0.45 ? Melody.NO_EVENT : u < 0.6 ? Melody.NOTE_OFF : 48 + r.nextInt(37);
        }
        return new Melody(e, spq);
    }

    private static Melody readBack(byte[] bytes, int spq) throws MidiFormatException {
        return MelodyExtractor.extract(MidiReader.read(bytes, "round-trip.mid", MidiReader.Options.DEFAULT),
                MelodyExtractor.Options.DEFAULT.withStepsPerQuarter(spq));
    }

    @Test void roundTripIsLosslessForQuantisedMelodies() throws Exception {
        Random r = new Random(42);
        MelodyVocabulary vocab = MelodyVocabulary.DEFAULT;
        for (int trial = 0; trial < 200; trial++) {
            int spq = new int[] {1, 2, 3, 4, 6, 8}[trial % 6];
            Melody m = randomMelody(r, 1 + r.nextInt(80), spq);
            MidiWriter.Options o = MidiWriter.Options.DEFAULT.withFormat(trial % 2).withPpq(spq * (1 + r.nextInt(120)))
                    .withBpm(40 + r.nextInt(200));
            Melody expected = m.normalized();
            if (expected.noteCount() == 0) continue;     // nothing to read back: the reader reports "no notes"
            Melody back = readBack(MidiWriter.toBytes(m, o), spq);
            assertEquals(expected, back, "trial " + trial + ": " + m);
            assertArrayEquals(vocab.encode(expected), vocab.encode(back));
            assertEquals(expected, back.normalized());    // extraction gives the canonical form
        }
    }

    @Test void tokensRoundTripThroughAFile() throws Exception {
        MelodyVocabulary vocab = MelodyVocabulary.DEFAULT;
        int[] tokens = vocab.encode(NoteText.parse(". . C4 - - E4 G4 - . . C5 C5 - - .", 4));
        Path f = dir.resolve("t.mid");
        MidiWriter.write(tokens, vocab, 4, f, MidiWriter.Options.DEFAULT);
        Melody back = MelodyExtractor.extract(MidiReader.read(f));
        assertArrayEquals(tokens, vocab.encode(back));
        try (var s = Files.list(dir)) { assertEquals(List.of(f), s.toList()); }    // no temp file left behind
    }

    @Test void outputIsByteIdenticalForTheSameInput() throws Exception {
        Melody m = randomMelody(new Random(7), 64, 4);
        Path a = dir.resolve("a.mid"), b = dir.resolve("b.mid");
        MidiWriter.write(m, a, MidiWriter.Options.DEFAULT);
        MidiWriter.write(m, b, MidiWriter.Options.DEFAULT);
        MidiWriter.write(m, b, MidiWriter.Options.DEFAULT);     // overwrite
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertArrayEquals(MidiWriter.toBytes(m, MidiWriter.Options.DEFAULT), Files.readAllBytes(a));
    }

    @Test void tempoProgramVelocityDeltaTimesAndPairedNoteOffs() throws Exception {
        Melody m = NoteText.parse("C4 - D4 . E4 E4 - -", 4);
        MidiWriter.Options o = MidiWriter.Options.DEFAULT.withBpm(90).withProgram(40).withVelocity(77).withTimeSignature(3, 4);
        Sequence seq = MidiSystem.getSequence(new ByteArrayInputStream(MidiWriter.toBytes(m, o)));
        assertEquals(480, seq.getResolution());
        assertEquals(2, seq.getTracks().length);
        Track tempoTrack = seq.getTracks()[0], music = seq.getTracks()[1];
        MetaMessage tempo = (MetaMessage) tempoTrack.get(0).getMessage();
        assertEquals(0x51, tempo.getType());
        byte[] d = tempo.getData();
        assertEquals(666_667, (d[0] & 0xff) << 16 | (d[1] & 0xff) << 8 | (d[2] & 0xff));
        MetaMessage sig = (MetaMessage) tempoTrack.get(1).getMessage();
        assertArrayEquals(new byte[] {3, 2, 24, 8}, sig.getData());

        ShortMessage pc = (ShortMessage) music.get(0).getMessage();
        assertEquals(ShortMessage.PROGRAM_CHANGE, pc.getCommand());
        assertEquals(40, pc.getData1());
        // on/off events as (tick, command, pitch)
        StringBuilder sb = new StringBuilder();
        Map<Integer, Integer> sounding = new HashMap<>();
        for (int i = 1; i < music.size(); i++) {
            if (!(music.get(i).getMessage() instanceof ShortMessage sm)) continue;
            boolean on = sm.getCommand() == ShortMessage.NOTE_ON;
            if (on) assertEquals(77, sm.getData2());
            sounding.merge(sm.getData1(), on ? 1 : -1, Integer::sum);
            assertTrue(sounding.get(sm.getData1()) >= 0 && sounding.get(sm.getData1()) <= 1, "double note-on");
            sb.append(music.get(i).getTick()).append(on ? " on " : " off ").append(sm.getData1()).append('\n');
        }
        assertEquals("""
                0 on 60
                240 off 60
                240 on 62
                360 off 62
                480 on 64
                600 off 64
                600 on 64
                960 off 64
                """, sb.toString());
        sounding.values().forEach(v -> assertEquals(0, v, "stuck note"));
    }

    @Test void format0HasOneTrackAndNotesKeepTheirChannels() throws Exception {
        List<Note> notes = List.of(new Note(0, 100, 60, 50, 2, 0), new Note(50, 150, 64, 60, 3, 0), new Note(200, 200, 70, 60, 3, 0));
        Path f = dir.resolve("n.mid");
        MidiWriter.writeNotes(notes, f, MidiWriter.Options.DEFAULT.withFormat(0));
        MidiScore s = MidiReader.read(f);
        assertEquals(0, s.format());
        assertEquals(1, s.trackCount());
        assertEquals(notes.subList(0, 2), s.notes());    // the zero-length note is not written
    }

    /**
     * Written files get the mode any new file gets here (0666 minus the umask, so group/other readable under
     * the usual 022), not the 0600 of a Files.createTempFile renamed into place.
     */
    @Test void writtenFilesGetTheUsualPermissions() throws Exception {
        assertTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system expected");
        var expected = Files.getPosixFilePermissions(Files.createFile(dir.resolve("plain")));
        Path melody = dir.resolve("m.mid"), notes = dir.resolve("sub/n.mid");
        MidiWriter.write(NoteText.parse("C4 - E4", 4), melody, MidiWriter.Options.DEFAULT);
        assertEquals(expected, Files.getPosixFilePermissions(melody));
        MidiWriter.write(NoteText.parse("G4 - C5", 4), melody, MidiWriter.Options.DEFAULT);     // replacing keeps it
        assertEquals(expected, Files.getPosixFilePermissions(melody));
        MidiWriter.writeNotes(List.of(new Note(0, 100, 60, 50, 0, 0)), notes, MidiWriter.Options.DEFAULT);
        assertEquals(expected, Files.getPosixFilePermissions(notes));
    }

    @Test void badOptionsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> MidiWriter.Options.DEFAULT.withBpm(0));
        assertThrows(IllegalArgumentException.class, () -> MidiWriter.Options.DEFAULT.withProgram(128));
        assertThrows(IllegalArgumentException.class, () -> MidiWriter.Options.DEFAULT.withFormat(2));
        assertThrows(IllegalArgumentException.class, () -> MidiWriter.Options.DEFAULT.withTimeSignature(3, 3));
        assertThrows(IllegalArgumentException.class,
                () -> MidiWriter.toBytes(NoteText.parse("C4", 3), MidiWriter.Options.DEFAULT.withPpq(100)));
    }
}
