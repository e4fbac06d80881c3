package dev.recur.midi;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static dev.recur.midi.Smf.off;
import static dev.recur.midi.Smf.on;
import static dev.recur.midi.Smf.program;
import static dev.recur.midi.Smf.tempo;
import static dev.recur.midi.Smf.timeSig;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MidiReaderTest {
    @TempDir Path dir;

    private MidiScore read(byte[] bytes) throws MidiFormatException {
        return MidiReader.read(bytes, "test.mid", MidiReader.Options.DEFAULT);
    }

    private MidiFormatException fails(byte[] bytes) throws Exception {
        Path f = dir.resolve("bad.mid");
        Files.write(f, bytes);
        return assertThrows(MidiFormatException.class, () -> MelodyExtractor.extract(MidiReader.read(f)));
    }

    @Test void readsFormat1TempoMapTimeSignatureTracksAndChannels() throws Exception {
        byte[] smf = new Smf(1, 96)
                .track(tempo(0, 500_000), timeSig(0, 3, 2), tempo(384, 400_000))
                .track(program(0, 0, 40), on(0, 0, 60, 100), off(96, 0, 60), on(0, 1, 64, 80), off(48, 1, 64))
                .track(on(0, 9, 36, 110), off(24, 9, 36), on(0, 2, 72, 70), off(192, 2, 72))
                .bytes();
        MidiScore s = read(smf);
        assertEquals(1, s.format());
        assertEquals(96, s.ppq());
        assertEquals(3, s.trackCount());
        assertEquals(List.of(new TempoChange(0, 500_000), new TempoChange(384, 400_000)), s.tempos());
        assertEquals(120.0, s.initialBpm(), 1e-9);
        assertEquals(new TimeSignature(0, 3, 4), s.initialTimeSignature());
        assertEquals(List.of(new Note(0, 96, 60, 100, 0, 1), new Note(24, 216, 72, 70, 2, 2), new Note(96, 144, 64, 80, 1, 1)),
                s.notes());
        assertEquals(1, s.drumNotes());
        // 384 ticks at 120 bpm = 2 s, then 96 ticks at 150 bpm = 0.4 s
        assertEquals(2.4, s.secondsAt(480), 1e-9);

        MidiScore withDrums = MidiReader.read(smf, "t.mid", MidiReader.Options.DEFAULT.withDrums(true));
        assertEquals(4, withDrums.notes().size());
        assertTrue(withDrums.notes().contains(new Note(0, 24, 36, 110, 9, 2)));
    }

    @Test void readsFormat0() throws Exception {
        MidiScore s = read(new Smf(0, 480).track(tempo(0, 600_000), on(0, 3, 67, 90), off(480, 3, 67)).bytes());
        assertEquals(0, s.format());
        assertEquals(100.0, s.initialBpm(), 1e-9);
        assertEquals(List.of(new Note(0, 480, 67, 90, 3, 0)), s.notes());
    }

    @Test void noteOnWithVelocityZeroIsNoteOff() throws Exception {
        MidiScore s = read(new Smf(0, 96).track(on(0, 0, 60, 100), on(96, 0, 60, 0), on(0, 0, 62, 100), on(48, 0, 62, 0)).bytes());
        assertEquals(List.of(new Note(0, 96, 60, 100, 0, 0), new Note(96, 144, 62, 100, 0, 0)), s.notes());
    }

    @Test void overlappingSamePitchNotesRetrigger() throws Exception {
        // on, on, off, off: the second on ends the first note; the stray last off is ignored
        MidiScore s = read(new Smf(0, 96).track(on(0, 0, 60, 100), on(96, 0, 60, 90), off(96, 0, 60), off(96, 0, 60)).bytes());
        assertEquals(List.of(new Note(0, 96, 60, 100, 0, 0), new Note(96, 192, 60, 90, 0, 0)), s.notes());
    }

    @Test void onBeforeOffAtTheSameTickGivesTheSameNotesAsOffBeforeOn() throws Exception {
        byte[] offFirst = new Smf(0, 96).track(on(0, 0, 60, 100), off(96, 0, 60), on(0, 0, 60, 100), off(96, 0, 60)).bytes();
        byte[] onFirst = new Smf(0, 96).track(on(0, 0, 60, 100), on(96, 0, 60, 100), off(0, 0, 60), off(96, 0, 60)).bytes();
        List<Note> expected = List.of(new Note(0, 96, 60, 100, 0, 0), new Note(96, 192, 60, 100, 0, 0));
        assertEquals(expected, read(offFirst).notes());
        assertEquals(expected, read(onFirst).notes());
    }

    @Test void noteLeftOpenEndsWithItsTrack() throws Exception {
        MidiScore s = read(new Smf(0, 96).track(on(0, 0, 60, 100), on(96, 0, 64, 100), off(96, 0, 64)).bytes());
        assertEquals(List.of(new Note(0, 192, 60, 100, 0, 0), new Note(96, 192, 64, 100, 0, 0)), s.notes());
    }

    @Test void corruptFilesGiveOneLineMessagesWithTheFileName() throws Exception {
        byte[] good = new Smf(1, 96).track(tempo(0, 500_000)).track(on(0, 0, 60, 100), off(96, 0, 60)).bytes();

        MidiFormatException e = fails(new byte[0]);
        assertTrue(e.getMessage().startsWith(dir.resolve("bad.mid") + ": "), e.getMessage());
        assertEquals("empty file", e.reason());

        assertTrue(fails("RIFF....WAVEfmt junk junk".getBytes()).reason().contains("not a standard MIDI file"));

        byte[] truncated = Arrays.copyOf(good, good.length - 5);
        assertTrue(fails(truncated).reason().startsWith("truncated: track 1 declares"), fails(truncated).reason());

        byte[] missingTrack = Arrays.copyOf(good, 14 + 8 + 11);   // header + first track only
        assertTrue(fails(missingTrack).reason().contains("file ends after 1"), fails(missingTrack).reason());

        byte[] format2 = good.clone();
        format2[9] = 2;
        assertTrue(fails(format2).reason().contains("format 2"));

        byte[] smpte = good.clone();
        smpte[12] = (byte) 0xE7;                                    // -25 fps
        assertTrue(fails(smpte).reason().contains("SMPTE"));

        // a running-status data byte where a status byte must be: javax refuses it
        byte[] garbage = new Smf(0, 96).track(new Smf.Ev(0, new int[] {0x45, 0x12})).bytes();
        assertTrue(fails(garbage).reason().startsWith("corrupt MIDI data"), fails(garbage).reason());
    }

    /** Any tempo the format can hold is music (a ritardando to 8 bpm, 3.58 bpm, 60 million bpm); only 0 µs is refused. */
    @Test void everyEncodableTempoIsRead() throws Exception {
        for (int mpq : new int[] {7_500_000, TempoChange.MAX_MICROS_PER_QUARTER, 1, 20_000}) {
            MidiScore s = read(new Smf(0, 96).track(tempo(0, 500_000), on(0, 0, 60, 100), tempo(96, mpq), off(96, 0, 60)).bytes());
            assertEquals(new TempoChange(96, mpq), s.tempos().get(1));
            assertEquals(1, s.notes().size());
        }
        assertEquals(8.0, new TempoChange(0, 7_500_000).bpm());
        assertTrue(fails(new Smf(0, 96).track(tempo(0, 0), on(0, 0, 60, 100), off(96, 0, 60)).bytes())
                .reason().startsWith("tempo of 0 µs per quarter note (no finite tempo) in track 0 at tick 0"));
    }

    @Test void theWriterTakesEveryEncodableTempoToo() throws Exception {
        for (double bpm : new double[] {TempoChange.MIN_BPM, 8, TempoChange.MAX_BPM}) {
            byte[] b = MidiWriter.toBytes(List.of(new Note(0, 480, 60, 90, 0, 0)), MidiWriter.Options.DEFAULT.withBpm(bpm));
            MidiScore s = read(b);
            assertEquals(bpm, s.initialBpm(), bpm * 1e-6);
        }
        assertThrows(IllegalArgumentException.class, () -> MidiWriter.Options.DEFAULT.withBpm(3.5));
    }

    @Test void drumOnlyAndNoteFreeFilesHaveNoMelody() throws Exception {
        assertEquals("only drum notes (channel 10), no melody",
                fails(new Smf(0, 96).track(on(0, 9, 36, 100), off(96, 9, 36), on(0, 9, 38, 100), off(96, 9, 38)).bytes()).reason());
        assertEquals("no notes", fails(new Smf(1, 96).track(tempo(0, 500_000)).track(program(0, 0, 1)).bytes()).reason());
    }
}
