package dev.recur.midi;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A monophonic melody on a grid: one event per step, as in Magenta's melody models. An event is a MIDI
 * pitch (0..127: a new note starts here, ending any sounding note), {@link #NOTE_OFF} (the sounding note
 * ends) or {@link #NO_EVENT} (nothing changes: the note is held, or the rest goes on).
 *
 * <p>The <em>canonical</em> form ({@link #normalized()}) is what reading a MIDI file gives: NOTE_OFF only
 * right after a sounding note and, if the melody has notes, exactly one NOTE_OFF at the end of the last note.
 */
public final class Melody {
    public static final int NO_EVENT = -2;
    public static final int NOTE_OFF = -1;

    private final int[] events;
    private final int stepsPerQuarter;

    public Melody(int[] events, int stepsPerQuarter) {
        if (stepsPerQuarter <= 0) throw new IllegalArgumentException("steps per quarter must be positive: " + stepsPerQuarter);
        for (int e : events)
            if (e < NO_EVENT || e > 127) throw new IllegalArgumentException("not a melody event: " + e);
        this.events = events.clone();
        this.stepsPerQuarter = stepsPerQuarter;
    }

    public int length() { return events.length; }

    public int event(int step) { return events[step]; }

    public int[] events() { return events.clone(); }

    public int stepsPerQuarter() { return stepsPerQuarter; }

    /** Number of note onsets. */
    public int noteCount() {
        int n = 0;
        for (int e : events) if (e >= 0) n++;
        return n;
    }

    /** Lowest and highest pitch, or {@code null} without notes. */
    public int[] pitchRange() {
        int lo = 128, hi = -1;
        for (int e : events)
            if (e >= 0) { lo = Math.min(lo, e); hi = Math.max(hi, e); }
        return hi < 0 ? null : new int[] {lo, hi};
    }

    /** The same melody shifted by {@code semitones}; throws if a pitch would leave 0..127. */
    public Melody transpose(int semitones) {
        int[] out = events.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < 0) continue;
            out[i] += semitones;
            if (out[i] < 0 || out[i] > 127)
                throw new IllegalArgumentException("transposing by " + semitones + " leaves the MIDI pitch range");
        }
        return new Melody(out, stepsPerQuarter);
    }

    /** A step range {@code [from, to)} of this melody (a note sounding into {@code from} is not kept). */
    public Melody slice(int from, int to) {
        return new Melody(Arrays.copyOfRange(events, from, to), stepsPerQuarter);
    }

    /** Drops the silent steps before the first note. */
    public Melody trimLeadingSilence() {
        int first = 0;
        while (first < events.length && events[first] < 0) first++;
        return first == events.length ? new Melody(new int[0], stepsPerQuarter) : slice(first, events.length);
    }

    /**
     * Drops the whole bars of silence before the first note, so the melody still starts on a bar line (a
     * pickup keeps its rests); a melody without notes becomes empty.
     */
    public Melody trimLeadingBars(int stepsPerBar) {
        if (stepsPerBar <= 0) throw new IllegalArgumentException("steps per bar must be positive: " + stepsPerBar);
        int first = 0;
        while (first < events.length && events[first] < 0) first++;
        if (first == events.length) return new Melody(new int[0], stepsPerQuarter);
        return slice(first / stepsPerBar * stepsPerBar, events.length);
    }

    /**
     * Shortens every rest longer than {@code maxSilentSteps} steps to that many (the NOTE_OFF step counts
     * as silent), so long pauses in a part do not fill training sequences with silence.
     */
    public Melody limitRests(int maxSilentSteps) {
        if (maxSilentSteps < 1) throw new IllegalArgumentException("a rest lasts at least one step: " + maxSilentSteps);
        int[] out = new int[events.length];
        int n = 0, silent = 0;
        boolean sounding = false;
        for (int e : events) {
            if (e >= 0) { sounding = true; silent = 0; }
            else if (e == NOTE_OFF && sounding) { sounding = false; silent = 1; }
            else if (!sounding && ++silent > maxSilentSteps) continue;
            out[n++] = e;
        }
        return new Melody(Arrays.copyOf(out, n), stepsPerQuarter);
    }

    /**
     * The canonical form: a NOTE_OFF while nothing sounds becomes NO_EVENT, trailing silence is dropped and
     * a final NOTE_OFF ends the last note. Writing a melody to MIDI and reading it back gives this form.
     */
    public Melody normalized() {
        int[] out = events.clone();
        boolean sounding = false;
        int lastNoteEnd = 0;           // length of the kept prefix
        for (int i = 0; i < out.length; i++) {
            if (out[i] >= 0) sounding = true;
            else if (out[i] == NOTE_OFF) {
                if (!sounding) out[i] = NO_EVENT;
                else { sounding = false; lastNoteEnd = i + 1; }
            }
            if (sounding) lastNoteEnd = i + 1;
        }
        if (!sounding) return new Melody(Arrays.copyOf(out, lastNoteEnd), stepsPerQuarter);
        int[] closed = Arrays.copyOf(out, out.length + 1);
        closed[out.length] = NOTE_OFF;
        return new Melody(closed, stepsPerQuarter);
    }

    /**
     * The notes of this melody at {@code ppq} ticks per quarter; a note still sounding at the end ends with
     * the melody. {@code ppq} must be a multiple of the steps per quarter.
     */
    public List<Note> toNotes(int ppq, int velocity, int channel, int track) {
        if (ppq % stepsPerQuarter != 0)
            throw new IllegalArgumentException("resolution " + ppq + " is not a multiple of " + stepsPerQuarter + " steps per quarter");
        long ticksPerStep = ppq / stepsPerQuarter;
        List<Note> notes = new ArrayList<>();
        int pitch = -1;
        long start = 0;
        for (int i = 0; i <= events.length; i++) {
            int e = i < events.length ? events[i] : NOTE_OFF;
            if (e == NO_EVENT) continue;
            if (pitch >= 0) notes.add(new Note(start * ticksPerStep, i * ticksPerStep, pitch, velocity, channel, track));
            pitch = e;          // a new pitch, or NOTE_OFF (-1): nothing sounds
            start = i;
        }
        return notes;
    }

    @Override public boolean equals(Object o) {
        return o instanceof Melody m && m.stepsPerQuarter == stepsPerQuarter && Arrays.equals(m.events, events);
    }

    @Override public int hashCode() { return 31 * Arrays.hashCode(events) + stepsPerQuarter; }

    @Override public String toString() { return NoteText.format(this); }
}
