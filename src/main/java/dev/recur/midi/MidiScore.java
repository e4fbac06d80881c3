package dev.recur.midi;

import java.util.List;

/**
 * Everything Recur takes from a standard MIDI file: resolution, tempo map, time signatures and the notes of
 * all tracks and channels (sorted by start tick, then track, channel, pitch).
 *
 * @param source     file name used in messages
 * @param format     SMF format, 0 or 1
 * @param ppq        ticks per quarter note
 * @param trackCount number of tracks in the file
 * @param notes      notes (drums only if the reader was asked to keep them)
 * @param drumNotes  number of channel-10 notes in the file, kept or not
 */
public record MidiScore(String source, int format, int ppq, int trackCount, List<TempoChange> tempos,
                        List<TimeSignature> timeSignatures, List<Note> notes, int drumNotes) {

    /** 0-based channel of General MIDI percussion (channel 10). */
    public static final int DRUM_CHANNEL = 9;

    public MidiScore {
        tempos = List.copyOf(tempos);
        timeSignatures = List.copyOf(timeSignatures);
        notes = List.copyOf(notes);
    }

    /** Tempo at the start of the file (120 bpm if the file has no tempo event at tick 0). */
    public double initialBpm() {
        return !tempos.isEmpty() && tempos.getFirst().tick() == 0 ? tempos.getFirst().bpm() : 120.0;
    }

    /** Time signature at the start of the file (4/4 if none at tick 0). */
    public TimeSignature initialTimeSignature() {
        return !timeSignatures.isEmpty() && timeSignatures.getFirst().tick() == 0
                ? timeSignatures.getFirst() : TimeSignature.COMMON;
    }

    /** Seconds from the start of the file to {@code tick}, following the tempo map. */
    public double secondsAt(long tick) {
        double seconds = 0;
        long at = 0;
        int mpq = 500_000;
        for (TempoChange t : tempos) {
            if (t.tick() >= tick) break;
            seconds += (t.tick() - at) * (double) mpq / ppq / 1e6;
            at = t.tick();
            mpq = t.microsPerQuarter();
        }
        return seconds + (tick - at) * (double) mpq / ppq / 1e6;
    }

    /** Last note end, in ticks (0 without notes). */
    public long endTick() {
        long end = 0;
        for (Note n : notes) end = Math.max(end, n.endTick());
        return end;
    }
}
