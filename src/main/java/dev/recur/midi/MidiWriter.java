package dev.recur.midi;

import dev.recur.files.AtomicFiles;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiMessage;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes notes or a melody as a standard MIDI file: format 1 (tempo track + one note track) or format 0
 * (one track). Every note gets a note-off message, written before any note-on at the same tick, so
 * back-to-back notes of one pitch never stick. The same input always gives
 * the same bytes; files are written atomically (temp file in the folder, then rename).
 */
public final class MidiWriter {

    /**
     * @param bpm        tempo
     * @param ppq        ticks per quarter note (a multiple of the melody's steps per quarter)
     * @param program    General MIDI program, 0-based (0 = Acoustic Grand Piano)
     * @param velocity   note-on velocity for melodies, 1..127
     * @param channel    0-based channel for melodies
     * @param format     0 or 1
     * @param numerator  time signature, e.g. 3 for 3/4
     * @param denominator time signature, power of two
     * @param title      track name meta event, or null for none
     */
    public record Options(double bpm, int ppq, int program, int velocity, int channel, int format,
                          int numerator, int denominator, String title) {
        public static final Options DEFAULT = new Options(120, 480, 0, 90, 0, 1, 4, 4, null);

        public Options {
            if (!(bpm >= TempoChange.MIN_BPM && bpm <= TempoChange.MAX_BPM)) {
                throw new IllegalArgumentException("bpm must be a tempo a MIDI file can hold, " + TempoChange.MIN_BPM + " to "
                        + TempoChange.MAX_BPM + ": " + bpm);
            }
            if (ppq <= 0 || ppq > 0x7fff) throw new IllegalArgumentException("ppq must be in 1..32767: " + ppq);
            if (program < 0 || program > 127) throw new IllegalArgumentException("GM program must be 0..127: " + program);
            if (velocity < 1 || velocity > 127) throw new IllegalArgumentException("velocity must be 1..127: " + velocity);
            if (channel < 0 || channel > 15) throw new IllegalArgumentException("channel must be 0..15: " + channel);
            if (format != 0 && format != 1) throw new IllegalArgumentException("MIDI format must be 0 or 1: " + format);
            if (numerator < 1 || numerator > 255 || denominator < 1 || Integer.bitCount(denominator) != 1 || denominator > 128)
                throw new IllegalArgumentException("bad time signature " + numerator + "/" + denominator);
        }

        public Options withBpm(double b) { return new Options(b, ppq, program, velocity, channel, format, numerator, denominator, title); }
        public Options withProgram(int p) { return new Options(bpm, ppq, p, velocity, channel, format, numerator, denominator, title); }
        public Options withVelocity(int v) { return new Options(bpm, ppq, program, v, channel, format, numerator, denominator, title); }
        public Options withFormat(int f) { return new Options(bpm, ppq, program, velocity, channel, f, numerator, denominator, title); }
        public Options withPpq(int q) { return new Options(bpm, q, program, velocity, channel, format, numerator, denominator, title); }
        public Options withTimeSignature(int num, int den) { return new Options(bpm, ppq, program, velocity, channel, format, num, den, title); }
        public Options withTitle(String t) { return new Options(bpm, ppq, program, velocity, channel, format, numerator, denominator, t); }
    }

    private MidiWriter() {}

    /** Writes a melody (its velocity and channel come from the options). */
    public static void write(Melody melody, Path file, Options o) throws IOException {
        writeAtomically(toBytes(melody, o), file);
    }

    /** Writes token ids of a vocabulary as a melody. */
    public static void write(int[] tokens, MelodyVocabulary vocab, int stepsPerQuarter, Path file, Options o) throws IOException {
        write(vocab.decode(tokens, stepsPerQuarter), file, o);
    }

    /** Writes notes with their own velocity and channel; ticks are at {@code o.ppq()}. */
    public static void writeNotes(List<Note> notes, Path file, Options o) throws IOException {
        writeAtomically(toBytes(notes, o), file);
    }

    public static byte[] toBytes(Melody melody, Options o) {
        return toBytes(melody.toNotes(o.ppq(), o.velocity(), o.channel(), 1), o);
    }

    public static byte[] toBytes(List<Note> notes, Options o) {
        try {
            Sequence seq = new Sequence(Sequence.PPQ, o.ppq());
            Track meta = seq.createTrack();
            Track music = o.format() == 0 ? meta : seq.createTrack();
            if (o.title() != null) meta.add(metaEvent(0x03, o.title().getBytes(StandardCharsets.UTF_8), 0));
            int mpq = (int) Math.max(1, Math.min(TempoChange.MAX_MICROS_PER_QUARTER, Math.round(60_000_000.0 / o.bpm())));
            meta.add(metaEvent(0x51, new byte[] {(byte) (mpq >> 16), (byte) (mpq >> 8), (byte) mpq}, 0));
            int den = Integer.numberOfTrailingZeros(o.denominator());
            meta.add(metaEvent(0x58, new byte[] {(byte) o.numerator(), (byte) den, 24, 8}, 0));

            List<Note> sorted = new ArrayList<>(notes);
            sorted.sort(Comparator.comparingLong(Note::startTick).thenComparingInt(Note::channel).thenComparingInt(Note::pitch));
            boolean[] usedChannel = new boolean[16];
            for (Note n : sorted) usedChannel[n.channel()] = true;
            for (int ch = 0; ch < 16; ch++)
                if (usedChannel[ch] && ch != MidiScore.DRUM_CHANNEL)
                    music.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, ch, o.program(), 0), 0));

            // All events with their tick; at one tick every note-off precedes every note-on.
            record Timed(long tick, int order, MidiMessage msg) {}
            List<Timed> events = new ArrayList<>();
            for (Note n : sorted) {
                if (n.durationTicks() == 0) continue;     // a zero-length note would be an on/off pair at one tick
                events.add(new Timed(n.startTick(), 1, new ShortMessage(ShortMessage.NOTE_ON, n.channel(), n.pitch(), n.velocity())));
                events.add(new Timed(n.endTick(), 0, new ShortMessage(ShortMessage.NOTE_OFF, n.channel(), n.pitch(), 0)));
            }
            events.sort(Comparator.comparingLong(Timed::tick).thenComparingInt(Timed::order));
            for (Timed t : events) music.add(new MidiEvent(t.msg(), t.tick()));

            ByteArrayOutputStream out = new ByteArrayOutputStream();
            MidiSystem.write(seq, o.format(), out);
            return out.toByteArray();
        } catch (InvalidMidiDataException | IOException e) {
            throw new IllegalStateException("cannot build MIDI data: " + e.getMessage(), e);
        }
    }

    /** Writes bytes atomically ({@link AtomicFiles}: temp file beside {@code file}, forced to disk, renamed over it). */
    public static void writeAtomically(byte[] bytes, Path file) throws IOException {
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static MidiEvent metaEvent(int type, byte[] data, long tick) throws InvalidMidiDataException {
        return new MidiEvent(new MetaMessage(type, data, data.length), tick);
    }
}
