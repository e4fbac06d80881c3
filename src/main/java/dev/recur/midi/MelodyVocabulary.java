package dev.recur.midi;

/**
 * Token ids for melody events (Magenta melody style): id 0 = {@code NO_EVENT}, id 1 = {@code NOTE_OFF},
 * ids 2.. = note-on for each pitch of {@code [minPitch, maxPitch]}. Pitches outside the range are folded
 * into it by octaves, so the range must span at least an octave.
 */
public record MelodyVocabulary(int minPitch, int maxPitch) {
    public static final int NO_EVENT_ID = 0;
    public static final int NOTE_OFF_ID = 1;
    /** Magenta's default range: C3..C6 (MIDI 48..84). */
    public static final MelodyVocabulary DEFAULT = new MelodyVocabulary(48, 84);

    public MelodyVocabulary {
        if (minPitch < 0 || maxPitch > 127 || maxPitch - minPitch < 11)
            throw new IllegalArgumentException("pitch range " + minPitch + ".." + maxPitch
                    + " must lie in 0..127 and span at least 12 semitones");
    }

    /** Number of tokens. */
    public int size() { return maxPitch - minPitch + 3; }

    /** The pitch moved by octaves into the range. */
    public int fold(int pitch) {
        while (pitch < minPitch) pitch += 12;
        while (pitch > maxPitch) pitch -= 12;
        return pitch;
    }

    public boolean inRange(int pitch) { return pitch >= minPitch && pitch <= maxPitch; }

    /** Token id of one melody event (pitches folded). */
    public int id(int event) {
        if (event == Melody.NO_EVENT) return NO_EVENT_ID;
        if (event == Melody.NOTE_OFF) return NOTE_OFF_ID;
        if (event < 0 || event > 127) throw new IllegalArgumentException("not a melody event: " + event);
        return fold(event) - minPitch + 2;
    }

    /** Melody event of a token id. */
    public int event(int id) {
        checkId(id);
        return id == NO_EVENT_ID ? Melody.NO_EVENT : id == NOTE_OFF_ID ? Melody.NOTE_OFF : minPitch + id - 2;
    }

    /** Token name: {@code NO_EVENT}, {@code NOTE_OFF} or a note name such as {@code C#4}. */
    public String name(int id) {
        checkId(id);
        return id == NO_EVENT_ID ? "NO_EVENT" : id == NOTE_OFF_ID ? "NOTE_OFF" : NoteText.noteName(event(id));
    }

    /** The melody's events as token ids. */
    public int[] encode(Melody melody) {
        int[] ids = new int[melody.length()];
        for (int i = 0; i < ids.length; i++) ids[i] = id(melody.event(i));
        return ids;
    }

    public Melody decode(int[] ids, int stepsPerQuarter) {
        int[] events = new int[ids.length];
        for (int i = 0; i < ids.length; i++) events[i] = event(ids[i]);
        return new Melody(events, stepsPerQuarter);
    }

    /** The melody with every pitch folded into the range. */
    public Melody fold(Melody melody) {
        return decode(encode(melody), melody.stepsPerQuarter());
    }

    /** True if every pitch of the melody lies in the range (no folding needed). */
    public boolean fits(Melody melody) {
        int[] r = melody.pitchRange();
        return r == null || (inRange(r[0]) && inRange(r[1]));
    }

    private void checkId(int id) {
        if (id < 0 || id >= size()) throw new IllegalArgumentException("token id " + id + " outside vocabulary of " + size());
    }
}
