package dev.recur.midi;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.MetaMessage;
import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads standard MIDI files (format 0 and 1) through {@code javax.sound.midi} into a {@link MidiScore}.
 *
 * <p>Note pairing: a note-on with velocity 0 is a note-off. A note-on for a pitch that is already sounding on
 * the same track and channel ends the sounding note there (retrigger); a note-off at that very tick then
 * belongs to the ended note, so "on, on, off" written in either order gives the same notes. Notes still
 * open when a track ends are closed at the track's last tick. Any problem becomes a one-line
 * {@link MidiFormatException} naming the file.
 */
public final class MidiReader {

    /**
     * Every tempo a MIDI file can hold (1 to 2^24-1 µs per quarter note, 3.58 to 60,000,000 bpm) is read: a
     * ritardando to 8 bpm is music, and tempo does not change the melody grid anyway. Only 0 µs is refused.
     *
     * @param includeDrums keep channel-10 notes in {@link MidiScore#notes()}
     * @param maxBytes     larger files are refused (a MIDI file of many MB is not music Recur can use)
     */
    public record Options(boolean includeDrums, long maxBytes) {
        public static final Options DEFAULT = new Options(false, 16L << 20);

        public Options withDrums(boolean drums) { return new Options(drums, maxBytes); }
    }

    private MidiReader() {}

    public static MidiScore read(Path file) throws MidiFormatException {
        return read(file, Options.DEFAULT);
    }

    public static MidiScore read(Path file, Options options) throws MidiFormatException {
        String name = file.toString();
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > options.maxBytes())
                throw new MidiFormatException(name, "file too large for a MIDI file (" + size + " bytes)");
            bytes = Files.readAllBytes(file);
        } catch (MidiFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new MidiFormatException(name, "cannot read: " + e.getMessage(), e);
        }
        return read(bytes, name, options);
    }

    /** Reads a MIDI file held in memory; {@code name} is used in messages. */
    public static MidiScore read(byte[] bytes, String name, Options options) throws MidiFormatException {
        int format = checkChunks(bytes, name);
        Sequence seq;
        try {
            seq = MidiSystem.getSequence(new ByteArrayInputStream(bytes));
        } catch (InvalidMidiDataException | IOException | RuntimeException e) {
            throw new MidiFormatException(name, "corrupt MIDI data (" + describe(e) + ")", e);
        }
        if (seq.getDivisionType() != Sequence.PPQ)
            throw new MidiFormatException(name, "SMPTE time division is not supported, only ticks per quarter note");
        int ppq = seq.getResolution();
        if (ppq <= 0) throw new MidiFormatException(name, "invalid resolution " + ppq + " ticks per quarter note");

        List<TempoChange> tempos = new ArrayList<>();
        List<TimeSignature> signatures = new ArrayList<>();
        List<Note> notes = new ArrayList<>();
        int drums = 0;
        Track[] tracks = seq.getTracks();
        for (int t = 0; t < tracks.length; t++) {
            for (Note n : readTrack(tracks[t], t, name, options, tempos, signatures)) {
                if (n.isDrum()) {
                    drums++;
                    if (!options.includeDrums()) continue;
                }
                notes.add(n);
            }
        }
        tempos.sort(Comparator.comparingLong(TempoChange::tick));
        signatures.sort(Comparator.comparingLong(TimeSignature::tick));
        notes.sort(Comparator.comparingLong(Note::startTick).thenComparingInt(Note::track)
                .thenComparingInt(Note::channel).thenComparingInt(Note::pitch).thenComparingLong(Note::endTick));
        return new MidiScore(name, format, ppq, tracks.length, tempos, signatures, notes, drums);
    }

    private static List<Note> readTrack(Track track, int t, String name, Options options,
                                        List<TempoChange> tempos, List<TimeSignature> signatures)
            throws MidiFormatException {
        List<Note> notes = new ArrayList<>();
        Map<Integer, Open> open = new HashMap<>();          // key: channel * 128 + pitch
        long lastTick = 0;
        for (int i = 0; i < track.size(); i++) {
            MidiEvent ev = track.get(i);
            long tick = ev.getTick();
            if (tick < 0) throw new MidiFormatException(name, "negative event time in track " + t);
            lastTick = Math.max(lastTick, tick);
            switch (ev.getMessage()) {
                case MetaMessage meta when meta.getType() == 0x51 -> tempos.add(tempo(meta, tick, t, name));
                case MetaMessage meta when meta.getType() == 0x58 -> {
                    byte[] d = meta.getData();
                    if (d.length < 2 || d[1] > 7 || d[0] <= 0)
                        throw new MidiFormatException(name, "malformed time signature in track " + t + " at tick " + tick);
                    signatures.add(new TimeSignature(tick, d[0], 1 << d[1]));
                }
                case ShortMessage sm when sm.getCommand() == ShortMessage.NOTE_ON && sm.getData2() > 0 -> {
                    int key = sm.getChannel() * 128 + sm.getData1();
                    Open prev = open.remove(key);
                    boolean retrigger = prev != null;
                    if (retrigger) notes.add(prev.close(tick, t));
                    open.put(key, new Open(tick, sm.getData1(), sm.getData2(), sm.getChannel(), retrigger));
                }
                case ShortMessage sm when sm.getCommand() == ShortMessage.NOTE_OFF
                        || sm.getCommand() == ShortMessage.NOTE_ON -> {
                    int key = sm.getChannel() * 128 + sm.getData1();
                    Open o = open.get(key);
                    // An off at the tick of a retrigger belongs to the note the retrigger already ended.
                    if (o == null || (o.retrigger && o.start == tick)) {
                        if (o != null) open.put(key, o.settled());
                        continue;
                    }
                    open.remove(key);
                    notes.add(o.close(tick, t));
                }
                default -> { }
            }
        }
        for (Open o : open.values()) notes.add(o.close(Math.max(lastTick, o.start), t));
        return notes;
    }

    private static TempoChange tempo(MetaMessage meta, long tick, int t, String name)
            throws MidiFormatException {
        byte[] d = meta.getData();
        if (d.length != 3) throw new MidiFormatException(name, "malformed tempo event in track " + t + " at tick " + tick);
        int mpq = ((d[0] & 0xff) << 16) | ((d[1] & 0xff) << 8) | (d[2] & 0xff);
        if (mpq == 0) throw new MidiFormatException(name, "tempo of 0 µs per quarter note (no finite tempo) in track " + t + " at tick " + tick);
        return new TempoChange(tick, mpq);
    }

    /** Walks the chunk structure so truncation gets a precise message (javax is vague or silent about it). */
    private static int checkChunks(byte[] b, String name) throws MidiFormatException {
        if (b.length == 0) throw new MidiFormatException(name, "empty file");
        if (b.length < 14 || b[0] != 'M' || b[1] != 'T' || b[2] != 'h' || b[3] != 'd')
            throw new MidiFormatException(name, "not a standard MIDI file (no MThd header)");
        long headerLength = u32(b, 4);
        if (headerLength < 6 || 8 + headerLength > b.length)
            throw new MidiFormatException(name, "corrupt MIDI header (length " + headerLength + ")");
        int format = u16(b, 8);
        int declaredTracks = u16(b, 10);
        if (format == 2) throw new MidiFormatException(name, "MIDI format 2 (independent sequences) is not supported");
        if (format > 2) throw new MidiFormatException(name, "unknown MIDI format " + format);
        if ((u16(b, 12) & 0x8000) != 0)
            throw new MidiFormatException(name, "SMPTE time division is not supported, only ticks per quarter note");
        if (declaredTracks == 0) throw new MidiFormatException(name, "no tracks");
        long pos = 8 + headerLength;
        int tracks = 0;
        while (tracks < declaredTracks) {
            if (pos + 8 > b.length)
                throw new MidiFormatException(name, "truncated: header declares " + declaredTracks
                        + " tracks, file ends after " + tracks);
            long length = u32(b, (int) pos + 4);
            boolean isTrack = b[(int) pos] == 'M' && b[(int) pos + 1] == 'T' && b[(int) pos + 2] == 'r' && b[(int) pos + 3] == 'k';
            if (pos + 8 + length > b.length) {
                if (isTrack) throw new MidiFormatException(name, "truncated: track " + tracks + " declares "
                        + length + " bytes, only " + (b.length - pos - 8) + " left");
                throw new MidiFormatException(name, "corrupt chunk at byte " + pos);
            }
            if (isTrack) tracks++;
            pos += 8 + length;
        }
        return format;
    }

    private static int u16(byte[] b, int at) { return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff); }

    private static long u32(byte[] b, int at) { return ((long) u16(b, at) << 16) | u16(b, at + 2); }

    private static String describe(Exception e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /** A note that has started and not yet ended. */
    private record Open(long start, int pitch, int velocity, int channel, boolean retrigger) {
        Note close(long end, int track) { return new Note(start, Math.max(end, start), pitch, velocity, channel, track); }

        Open settled() { return new Open(start, pitch, velocity, channel, false); }
    }
}
